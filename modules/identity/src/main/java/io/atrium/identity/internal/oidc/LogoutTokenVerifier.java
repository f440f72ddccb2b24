package io.atrium.identity.internal.oidc;

import java.io.IOException;
import java.text.ParseException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;

/**
 * Checks a back-channel logout token (OpenID Connect Back-Channel Logout 1.0, section 2.6) as an ID token is checked:
 * RS256 signature by one of the tenant's keys, the tenant's issuer, Atrium's client id as audience, issue time;
 * and as a logout token: the back-channel logout event, a {@code sid} or a {@code sub}, and no {@code nonce}, so that
 * an ID token cannot pass for one.
 */
@ApplicationScoped
public class LogoutTokenVerifier {

    private final OidcSettings settings;
    private final EntraMetadata metadata;
    private final IdTokenVerifier idTokens;

    @Inject
    public LogoutTokenVerifier(OidcSettings settings, EntraMetadata metadata, IdTokenVerifier idTokens) {
        this.settings = settings;
        this.metadata = metadata;
        this.idTokens = idTokens;
    }

    /** For CDI's proxy. */
    protected LogoutTokenVerifier() {
        this(null, null, null);
    }

    public LogoutTokenClaimsSet verify(String logoutToken) throws SignInFailure {
        try {
            JWT token = JWTParser.parse(logoutToken);
            // Not requiring the "logout+jwt" type, which the specification only recommends.
            LogoutTokenValidator validator = new LogoutTokenValidator(new Issuer(idTokens.issuerFor(token)),
                    new ClientID(settings.clientId()), false, metadata.signingKeys(), null);
            validator.setMaxClockSkew(settings.clockSkewSeconds());
            return validator.validate(token);
        } catch (ParseException e) {
            throw new SignInFailure(SignInFailure.Reason.TOKEN_REJECTED, "logout token is not a JWT", e);
        } catch (BadJOSEException | JOSEException e) {
            throw new SignInFailure(SignInFailure.Reason.TOKEN_REJECTED, "logout token rejected: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SignInFailure(SignInFailure.Reason.ENTRA_UNREACHABLE, "Entra metadata unavailable: " + e, e);
        }
    }
}
