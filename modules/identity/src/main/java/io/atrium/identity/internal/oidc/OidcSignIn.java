package io.atrium.identity.internal.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;

import io.atrium.identity.ClaimsChallenge;
import io.atrium.identity.EmployeePrincipal;
import io.atrium.identity.internal.graph.GraphTokens;
import io.atrium.identity.internal.roles.EmployeeRoles;

/**
 * The OpenID Connect authorization-code flow with PKCE (S256), state and nonce, against Entra ID. {@link #start}
 * sends the browser to Entra; {@link #complete} turns Entra's answer into a verified employee.
 */
@ApplicationScoped
public class OidcSignIn {

    private final OidcSettings settings;
    private final EntraMetadata metadata;
    private final IdTokenVerifier idTokens;
    private final EmployeeRoles employeeRoles;
    private final LocalStanding localStanding;
    private final GraphTokens graphTokens;
    private final SignInCredential credential;

    @Inject
    public OidcSignIn(OidcSettings settings, EntraMetadata metadata, IdTokenVerifier idTokens,
                      EmployeeRoles employeeRoles, LocalStanding localStanding, GraphTokens graphTokens,
                      SignInCredential credential) {
        this.settings = settings;
        this.metadata = metadata;
        this.idTokens = idTokens;
        this.employeeRoles = employeeRoles;
        this.localStanding = localStanding;
        this.graphTokens = graphTokens;
        this.credential = credential;
    }

    /** For CDI's proxy. */
    protected OidcSignIn() {
        this(null, null, null, null, null, null, null);
    }

    /** The prompt configured for sign-ins; {@code afterSignOut} turns a silent sign-in into an explicit one. */
    public Prompt configuredPrompt(boolean afterSignOut) {
        Prompt configured = settings.prompt();
        return afterSignOut && configured == Prompt.NONE ? Prompt.LOGIN : configured;
    }

    /** Remembers a new sign-in attempt in the session and returns the Entra URL to send the browser to. */
    public URI start(HttpServletRequest request, String returnTo, Prompt prompt) throws SignInFailure {
        return start(request, returnTo, prompt, null);
    }

    /**
     * As {@link #start(HttpServletRequest, String, Prompt)}, asking Entra for the claims of a claims challenge.
     *
     * @param claims the JSON object Entra named in its challenge, sent as the {@code claims} parameter; may be null
     */
    public URI start(HttpServletRequest request, String returnTo, Prompt prompt, String claims) throws SignInFailure {
        OIDCProviderMetadata provider = provider();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        URI redirectUri = URI.create(PublicBaseUrl.of(request, settings) + OidcSettings.CALLBACK_PATH);
        PendingSignIns.remember(request.getSession(true), new PendingSignIn(state.getValue(), nonce.getValue(),
                verifier.getValue(), redirectUri.toString(), returnTo, prompt, Instant.now()));
        AuthenticationRequest.Builder authorize = new AuthenticationRequest.Builder(ResponseType.CODE,
                Scope.parse(settings.scopes()), new ClientID(settings.clientId()), redirectUri)
                .endpointURI(provider.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256);
        if (prompt != Prompt.DEFAULT) {
            authorize.prompt(new com.nimbusds.openid.connect.sdk.Prompt(prompt.value()));
        }
        URI uri = authorize.build().toURI();
        // Nimbus models OpenID's claims request (id_token, userinfo); Entra's challenge and the cp1 capability name
        // access_token claims, so the JSON is passed on as it is.
        return URI.create(uri + "&claims=" + URLEncoder.encode(ClaimsChallenge.withClientCapability(claims),
                StandardCharsets.UTF_8));
    }

    /**
     * Checks Entra's answer on the callback: the state must match an attempt this session started (anything else,
     * error or code, is {@link UnsolicitedCallback}), the code is redeemed with that attempt's PKCE verifier, and the
     * ID token must pass signature, issuer, audience, time and nonce checks.
     */
    public CompletedSignIn complete(HttpServletRequest request)
            throws SignInFailure, SilentSignInDeclined, UnsolicitedCallback {
        Map<String, String[]> parameters = request.getParameterMap();
        Instant now = Instant.now();
        Optional<PendingSignIn> started = PendingSignIns.take(request.getSession(false), first(parameters, "state"), now);
        String error = first(parameters, "error");
        String description = first(parameters, "error_description");
        if (started.isEmpty()) {
            throw new UnsolicitedCallback(error, description);
        }
        PendingSignIn pending = started.get();
        if (error != null) {
            // Only a silent attempt is retried, and the retry is interactive: a second refusal cannot loop.
            if (pending.prompt() == Prompt.NONE && EntraErrors.INTERACTION_NEEDED.contains(error)) {
                throw new SilentSignInDeclined(error, pending.returnTo());
            }
            throw EntraErrors.failure(error, description, "Entra answered the sign-in");
        }
        String code = first(parameters, "code");
        if (code == null || code.isBlank()) {
            throw new SignInFailure(SignInFailure.Reason.CALLBACK_NOT_EXPECTED, "callback without an authorization code");
        }
        OIDCTokens tokens = redeem(code, pending);
        JWTClaimsSet idTokenClaims = idTokens.verify(tokens.getIDToken(), new Nonce(pending.nonce()));
        // The session keeps what Entra says; Atrium's own grants are added per request (they can change meanwhile).
        EmployeePrincipal employee = EmployeeClaims.toPrincipal(idTokenClaims,
                employeeRoles.of(idTokenClaims, graphTokens.onBehalfOf(String.valueOf(idTokenClaims.getClaim("tid")),
                        String.valueOf(idTokenClaims.getClaim("oid")), tokens.getAccessToken().getValue())));
        localStanding.refuseIfDisabled(employee);
        RefreshToken refreshToken = tokens.getRefreshToken();
        return new CompletedSignIn(new EmployeeSession(employee, tokens.getIDTokenString(),
                tokens.getAccessToken().getValue(), expiry(tokens.getAccessToken(), now),
                refreshToken == null ? null : refreshToken.getValue(), entraSessionId(tokens.getIDToken()), now),
                pending.returnTo());
    }

    /**
     * Redeems the session's refresh token for fresh tokens. Entra issues a new ID token with them, which carries the
     * employee's app roles and groups as they are now: it is verified like the sign-in's (without a nonce, which
     * binds only a browser's sign-in) and must name the same employee, and the session takes its roles, so that a role
     * removed in Entra stops working at the next refresh. Throws when Entra refuses (the refresh token was revoked,
     * the password changed, the account was disabled): the session must end then.
     */
    public EmployeeSession refresh(EmployeeSession session) throws SignInFailure {
        if (session.refreshToken() == null) {
            throw new SignInFailure(SignInFailure.Reason.TOKEN_REJECTED, "no refresh token in the session "
                    + "(the sign-in scopes lack offline_access)");
        }
        TokenRequest tokenRequest = credential.tokenRequest(provider().getTokenEndpointURI(),
                new RefreshTokenGrant(new RefreshToken(session.refreshToken())));
        AccessTokenResponse tokens = tokenResponse(tokenRequest, "refresh token").toSuccessResponse();
        Instant now = Instant.now();
        AccessToken accessToken = tokens.getTokens().getAccessToken();
        RefreshToken rotated = tokens.getTokens().getRefreshToken();
        EmployeePrincipal employee = session.employee();
        String idToken = session.idToken();
        if (tokens instanceof OIDCTokenResponse oidc && oidc.getOIDCTokens().getIDToken() != null) {
            JWTClaimsSet claims = idTokens.verify(oidc.getOIDCTokens().getIDToken(), null);
            if (!employee.tenantId().equals(claims.getClaim("tid")) || !employee.objectId().equals(claims.getClaim("oid"))) {
                throw new SignInFailure(SignInFailure.Reason.TOKEN_REJECTED, "the refreshed ID token names oid="
                        + claims.getClaim("oid") + " tid=" + claims.getClaim("tid") + ", not the session's employee");
            }
            employee = EmployeeClaims.toPrincipal(claims, employeeRoles.of(claims, graphTokens.onBehalfOf(
                    employee.tenantId(), employee.objectId(), accessToken.getValue())));
            idToken = oidc.getOIDCTokens().getIDTokenString();
        }
        return session.refreshed(employee, idToken, accessToken.getValue(), expiry(accessToken, now),
                rotated == null ? null : rotated.getValue());
    }

    /** Entra always says {@code expires_in}; a provider that does not gets the shortest sensible lifetime. */
    private static Instant expiry(AccessToken accessToken, Instant now) {
        long lifetime = accessToken.getLifetime() > 0 ? accessToken.getLifetime() : 300;
        return now.plusSeconds(lifetime);
    }

    private OIDCTokens redeem(String code, PendingSignIn pending) throws SignInFailure {
        TokenRequest tokenRequest = credential.tokenRequest(provider().getTokenEndpointURI(),
                new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(pending.redirectUri()),
                        new CodeVerifier(pending.codeVerifier())));
        return ((OIDCTokenResponse) tokenResponse(tokenRequest, "code")).getOIDCTokens();
    }

    private TokenResponse tokenResponse(TokenRequest tokenRequest, String what) throws SignInFailure {
        HTTPRequest http = tokenRequest.toHTTPRequest();
        http.setConnectTimeout(EntraMetadata.CONNECT_TIMEOUT_MS);
        http.setReadTimeout(EntraMetadata.READ_TIMEOUT_MS);
        TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException e) {
            throw new SignInFailure(SignInFailure.Reason.ENTRA_UNREACHABLE, "token endpoint unreachable: " + e, e);
        } catch (ParseException e) {
            throw new SignInFailure(SignInFailure.Reason.TOKEN_REJECTED, "token endpoint answer unreadable: " + e.getMessage(), e);
        }
        if (!response.indicatesSuccess()) {
            ErrorObject problem = ((TokenErrorResponse) response).getErrorObject();
            throw EntraErrors.failure(problem.getCode(), problem.getDescription(), "token endpoint refused the " + what
                    + " (HTTP " + problem.getHTTPStatusCode() + ")");
        }
        return response;
    }

    /**
     * Where to send a browser that signs out: Entra's end-session endpoint with the ID token as hint (so Entra signs
     * out that account without asking which) and the post-logout redirect URI; Atrium's signed-out page when Entra
     * offers no end-session endpoint.
     */
    public URI endSessionUri(HttpServletRequest request, String idTokenHint) {
        URI afterSignOut = URI.create(settings.postLogoutRedirectUri()
                .orElseGet(() -> PublicBaseUrl.of(request, settings) + OidcSettings.SIGNED_OUT_PATH));
        try {
            URI endSession = metadata.provider().getEndSessionEndpointURI();
            if (endSession == null) {
                return afterSignOut;
            }
            return new LogoutRequest(endSession, idTokenHint == null ? null : JWTParser.parse(idTokenHint),
                    afterSignOut, null).toURI();
        } catch (IOException | java.text.ParseException e) {
            // The local session is ended already; the employee is told they are signed out of Atrium.
            return afterSignOut;
        }
    }

    private static String entraSessionId(JWT idToken) {
        try {
            return idToken.getJWTClaimsSet().getStringClaim("sid");
        } catch (java.text.ParseException e) {
            return null;
        }
    }

    private OIDCProviderMetadata provider() throws SignInFailure {
        try {
            return metadata.provider();
        } catch (IOException e) {
            throw new SignInFailure(SignInFailure.Reason.ENTRA_UNREACHABLE, "Entra metadata unavailable: " + e, e);
        }
    }

    private static String first(Map<String, String[]> parameters, String name) {
        String[] values = parameters.get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    /** A verified sign-in: the session to keep and where the employee wanted to go. */
    public record CompletedSignIn(EmployeeSession session, String returnTo) {
    }
}
