package io.atrium.identity.internal.bearer;

import java.io.IOException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import io.atrium.identity.ClaimsChallenge;
import io.atrium.identity.EmployeePrincipal;
import io.atrium.identity.events.TokenCacheLookedUp;
import io.atrium.identity.internal.graph.GraphTokens;
import io.atrium.identity.internal.oidc.EmployeeClaims;
import io.atrium.identity.internal.oidc.EntraMetadata;
import io.atrium.identity.internal.oidc.LocalStanding;
import io.atrium.identity.internal.oidc.SignInFailure;
import io.atrium.identity.internal.roles.EmployeeRoles;

/**
 * Decides who an Entra access token on {@code /api} belongs to and what it may do. The token must be RS256-signed by
 * one of the tenant's keys, issued by the tenant (v2, and v1 if enabled) for Atrium's API (its client id or
 * {@code api://} URI), unexpired. A delegated token needs the API scope and an employee who is not disabled here; an
 * app-only token needs an app role. Answers are reused for the same token for up to 30 seconds: checking an RS256
 * signature costs more than the rest of a small request. An administrator's change to an employee drops the answers
 * given for them ({@link #forget}).
 */
@ApplicationScoped
public class BearerAuthentication {

    private static final Duration REUSE = Duration.ofSeconds(30);
    private static final int REMEMBERED_TOKENS = 10_000;
    private static final Set<String> REQUIRED_CLAIMS = Set.of("iss", "aud", "exp", "tid");

    private final ApiSettings settings;
    private final EntraMetadata metadata;
    private final EmployeeRoles employeeRoles;
    private final LocalStanding localStanding;
    private final GraphTokens graphTokens;
    private final Map<String, ApiCaller> recent = new ConcurrentHashMap<>();

    @Inject
    Event<TokenCacheLookedUp> lookups;

    @Inject
    public BearerAuthentication(ApiSettings settings, EntraMetadata metadata, EmployeeRoles employeeRoles,
                                LocalStanding localStanding, GraphTokens graphTokens) {
        this.settings = settings;
        this.metadata = metadata;
        this.employeeRoles = employeeRoles;
        this.localStanding = localStanding;
        this.graphTokens = graphTokens;
    }

    /** For CDI's proxy. */
    protected BearerAuthentication() {
        this(null, null, null, null, null);
    }

    public ApiCaller authenticate(String rawToken) throws ApiCallRefused {
        Instant now = Instant.now();
        ApiCaller known = recent.get(rawToken);
        if (known != null && known.goodUntil().isAfter(now)) {
            lookups.fire(TokenCacheLookedUp.of(TokenCacheLookedUp.BEARER, true));
            return known;
        }
        // A refused token is not remembered, so it is counted as a miss each time it comes back.
        lookups.fire(TokenCacheLookedUp.of(TokenCacheLookedUp.BEARER, false));
        ApiCaller caller = check(rawToken, now);
        if (recent.size() >= REMEMBERED_TOKENS) {
            recent.values().removeIf(remembered -> !remembered.goodUntil().isAfter(now));
            if (recent.size() >= REMEMBERED_TOKENS) {
                recent.clear();
            }
        }
        recent.put(rawToken, caller);
        return caller;
    }

    /**
     * Forgets the answers given for one employee's tokens, so that their next call is judged afresh: an administrator
     * disabling them or changing their roles applies at once, not when the reused answer runs out.
     */
    public void forget(String tenantId, String objectId) {
        recent.values().removeIf(caller -> caller.employee() != null
                && caller.employee().tenantId().equals(tenantId) && caller.employee().objectId().equals(objectId));
    }

    private ApiCaller check(String rawToken, Instant now) throws ApiCallRefused {
        JWTClaimsSet claims = verified(rawToken);
        String client = firstString(claims, "azp", "appid");
        if (client == null || !settings.allowsClient(client)) {
            throw ApiCallRefused.insufficientScope("the calling application " + client + " may not use Atrium's API");
        }
        Instant goodUntil = earliest(claims.getExpirationTime().toInstant(), now.plus(REUSE));
        String scopes = firstString(claims, "scp");
        if (scopes == null) {
            Set<String> appRoles = Set.copyOf(stringList(claims, "roles"));
            if (appRoles.isEmpty()) {
                throw ApiCallRefused.insufficientScope("an application calling on its own needs an app role of Atrium");
            }
            return new ApiCaller(new AtriumJsonWebToken(rawToken, claims, appRoles), null, appRoles, goodUntil);
        }
        if (!Arrays.asList(scopes.split(" ")).contains(settings.requiredScope())) {
            throw ApiCallRefused.insufficientScope("the token lacks the scope " + settings.requiredScope());
        }
        EmployeePrincipal employee;
        try {
            employee = localStanding.applyTo(EmployeeClaims.toPrincipal(claims, employeeRoles.of(claims,
                    graphTokens.onBehalfOf(String.valueOf(claims.getClaim("tid")),
                            String.valueOf(claims.getClaim("oid")), rawToken))));
        } catch (SignInFailure e) {
            if (e.reason() == SignInFailure.Reason.DISABLED) {
                String why = "the employee's Atrium account is disabled";
                // A CAE-capable client hears it as a claims challenge: its MSAL asks Entra for a newer token, and
                // Entra re-evaluates the employee on the way; any other client would take that for a bad token.
                throw ClaimsChallenge.declaredBy(claims.getClaim("xms_cc"))
                        ? ApiCallRefused.insufficientClaims(why, ClaimsChallenge.wwwAuthenticate(
                                authorizationEndpoint(claims), now.getEpochSecond()))
                        : ApiCallRefused.insufficientScope(why);
            }
            throw ApiCallRefused.invalidToken("the token does not describe an employee: " + e.getMessage(), e);
        }
        return new ApiCaller(new AtriumJsonWebToken(rawToken, claims, employee.roles()), employee, employee.roles(),
                goodUntil);
    }

    /** Where the caller's employee signs in: the token's own tenant under the configured authority. */
    private static String authorizationEndpoint(JWTClaimsSet claims) {
        String issuer = claims.getIssuer();
        String tenantRoot = issuer.endsWith("/v2.0") ? issuer.substring(0, issuer.length() - "/v2.0".length())
                : issuer.replaceAll("/+$", "");
        return tenantRoot + "/oauth2/v2.0/authorize";
    }

    private JWTClaimsSet verified(String rawToken) throws ApiCallRefused {
        SignedJWT token;
        String tenant;
        try {
            token = SignedJWT.parse(rawToken);
            tenant = token.getJWTClaimsSet().getStringClaim("tid");
        } catch (ParseException e) {
            throw ApiCallRefused.invalidToken("the bearer token is not a signed JWT", e);
        }
        if (!JWSAlgorithm.RS256.equals(token.getHeader().getAlgorithm())) {
            throw ApiCallRefused.invalidToken("only RS256-signed tokens are accepted", null);
        }
        if (tenant == null || !settings.tenantAllowed(tenant)) {
            throw ApiCallRefused.invalidToken("the token is from a tenant Atrium does not serve", null);
        }
        JWTClaimsSet claims;
        try {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
            processor.setJWSKeySelector(metadata.signingKeys());
            // Nimbus asks its sets whether they contain null, which immutable Set.of sets refuse to answer.
            DefaultJWTClaimsVerifier<SecurityContext> rules = new DefaultJWTClaimsVerifier<>(
                    new HashSet<>(settings.audiences()), null, new HashSet<>(REQUIRED_CLAIMS), null);
            rules.setMaxClockSkew(settings.clockSkewSeconds());
            processor.setJWTClaimsSetVerifier(rules);
            claims = processor.process(token, null);
        } catch (BadJOSEException | JOSEException e) {
            throw ApiCallRefused.invalidToken("the token failed verification: " + e.getMessage(), e);
        } catch (IOException e) {
            throw ApiCallRefused.invalidToken("the tenant's signing keys cannot be fetched right now", e);
        }
        if (!settings.issuersFor(tenant).contains(claims.getIssuer())) {
            throw ApiCallRefused.invalidToken("the token was not issued by the tenant's Entra ID", null);
        }
        return claims;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String firstString(JWTClaimsSet claims, String... names) {
        for (String name : names) {
            Object value = claims.getClaim(name);
            if (value instanceof String text && !text.isBlank()) {
                return text;
            }
        }
        return null;
    }

    private static List<String> stringList(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
