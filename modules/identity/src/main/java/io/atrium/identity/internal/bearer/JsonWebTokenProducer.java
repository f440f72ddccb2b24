package io.atrium.identity.internal.bearer;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * Makes the API caller's token injectable as MicroProfile JWT's {@link JsonWebToken}. Atrium's own mechanism verifies
 * the token (Payara's MP-JWT mechanism cannot sit beside it), so this producer is the only one.
 */
@RequestScoped
public class JsonWebTokenProducer {

    /** Request attribute under which the mechanism leaves the verified token of an API call. */
    public static final String REQUEST_ATTRIBUTE = JsonWebToken.class.getName();

    private static final JsonWebToken NO_TOKEN = new AtriumJsonWebToken(null, new JWTClaimsSet.Builder().build(), Set.of());

    @Inject
    HttpServletRequest request;

    /** The caller's token; outside an authenticated API call, a token without claims, as MicroProfile JWT has it. */
    @Produces
    @RequestScoped
    JsonWebToken callerToken() {
        Object token = request.getAttribute(REQUEST_ATTRIBUTE);
        return token instanceof JsonWebToken jwt ? jwt : NO_TOKEN;
    }
}
