package io.atrium.identity.internal.oidc;

import java.io.IOException;
import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;

/**
 * Checks an ID token: RS256 signature by one of the tenant's keys, issuer, audience (Atrium's client id), expiry,
 * issue time with the configured clock skew, and the nonce of this sign-in. For a multi-tenant app the issuer is Entra's
 * template filled with the token's {@code tid}, and only tenants on the allow-list get that far.
 */
@ApplicationScoped
public class IdTokenVerifier {

    private final OidcSettings settings;
    private final EntraMetadata metadata;
    private final Map<String, IDTokenValidator> validatorsByIssuer = new ConcurrentHashMap<>();

    @Inject
    public IdTokenVerifier(OidcSettings settings, EntraMetadata metadata) {
        this.settings = settings;
        this.metadata = metadata;
    }

    /** For CDI's proxy. */
    protected IdTokenVerifier() {
        this(null, null);
    }

    public JWTClaimsSet verify(JWT idToken, Nonce nonce) throws SignInFailure {
        try {
            return validator(issuerFor(idToken)).validate(idToken, nonce).toJWTClaimsSet();
        } catch (BadJOSEException e) {
            throw new SignInFailure(SignInFailure.Reason.TOKEN_REJECTED, "ID token rejected: " + e.getMessage(), e);
        } catch (RateLimitReachedException e) {
            throw new SignInFailure(SignInFailure.Reason.TOKEN_REJECTED, "ID token signed with a key the tenant's JWKS "
                    + "does not hold; the JWKS was refetched too recently to try again", e);
        } catch (JOSEException | com.nimbusds.oauth2.sdk.ParseException e) {
            throw new SignInFailure(SignInFailure.Reason.TOKEN_REJECTED, "ID token could not be checked: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SignInFailure(SignInFailure.Reason.ENTRA_UNREACHABLE, "Entra metadata unavailable: " + e, e);
        }
    }

    /**
     * The issuer this token must carry. For a multi-tenant app the {@code tid} is read before the signature is checked,
     * only to choose the issuer: the validator then rejects any token whose signed {@code iss} does not match it.
     */
    String issuerFor(JWT idToken) throws SignInFailure {
        if (!settings.isMultiTenant()) {
            return settings.issuer();
        }
        String tenant;
        try {
            tenant = idToken.getJWTClaimsSet().getStringClaim("tid");
        } catch (ParseException e) {
            throw new SignInFailure(SignInFailure.Reason.TOKEN_REJECTED, "ID token claims unreadable: " + e.getMessage(), e);
        }
        if (tenant == null || !settings.allowedTenants().contains(tenant)) {
            throw new SignInFailure(SignInFailure.Reason.TENANT_NOT_ALLOWED, "tenant " + tenant
                    + " is not in ATRIUM_OIDC_ALLOWED_TENANTS");
        }
        return settings.issuerTemplate().replace("{tenantid}", tenant);
    }

    private IDTokenValidator validator(String issuer) throws IOException {
        IDTokenValidator known = validatorsByIssuer.get(issuer);
        if (known != null) {
            return known;
        }
        IDTokenValidator validator = new IDTokenValidator(new Issuer(issuer), new ClientID(settings.clientId()),
                metadata.signingKeys(), null);
        validator.setMaxClockSkew(settings.clockSkewSeconds());
        validatorsByIssuer.putIfAbsent(issuer, validator);
        return validator;
    }
}
