package io.atrium.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;

import io.atrium.identity.events.TokenCacheLookedUp;
import io.atrium.identity.internal.outbound.AppCredentialMode;
import io.atrium.identity.internal.outbound.EntraCredentials;
import io.atrium.identity.internal.outbound.EntraRefusals;
import io.atrium.identity.internal.outbound.IssuedToken;
import io.atrium.identity.internal.outbound.OutboundTokenSettings;
import io.atrium.identity.internal.outbound.TokenCache;

/**
 * Access tokens for the APIs Atrium calls: as the application itself, or on behalf of the employee it serves (the
 * on-behalf-of flow). Tokens are cached until shortly before they expire ({@code ATRIUM_TOKEN_CACHE_REFRESH_MARGIN_SECONDS});
 * callers asking at the same time for the same token wait for one request to Entra. Each request to Entra is logged
 * in one line; tokens never are.
 *
 * <p>A token request is an HTTP call to Entra: never make it inside a database transaction.
 */
@ApplicationScoped
public class AccessTokens {

    private static final Logger LOG = Logger.getLogger(AccessTokens.class.getName());
    private static final String DEFAULT_SCOPE_SUFFIX = "/.default";

    private final OutboundTokenSettings settings;
    private final EntraCredentials credentials;
    private final TokenCache<String> appTokens;
    private final TokenCache<EmployeeScope> employeeTokens;

    /** Absent when a test builds this class by hand; then nobody counts. */
    @Inject
    Event<TokenCacheLookedUp> lookups;

    @Inject
    public AccessTokens(OutboundTokenSettings settings) {
        this.settings = settings;
        List<String> problems = settings.problems();
        this.credentials = problems.isEmpty() ? new EntraCredentials(settings) : null;
        this.appTokens = new TokenCache<>(settings.refreshMargin(), Clock.systemUTC(),
                hit -> counted(TokenCacheLookedUp.APP, hit));
        this.employeeTokens = new TokenCache<>(settings.refreshMargin(), Clock.systemUTC(),
                hit -> counted(TokenCacheLookedUp.ON_BEHALF_OF, hit));
        if (credentials == null) {
            LOG.warning(() -> "Atrium cannot request tokens of its own: " + String.join("; ", problems));
        } else {
            LOG.info(() -> "Atrium requests tokens of its own with ATRIUM_APP_CREDENTIAL=" + credentials.mode()
                    + (credentials.mode() == AppCredentialMode.DEFAULT ? " (DefaultAzureCredential's chain: "
                    + "azure-identity itself logs which of its credentials answered, with AZURE_LOG_LEVEL=info)" : "")
                    + (credentials.actsOnBehalfOfEmployees() ? "" : "; none on behalf of employees"));
        }
    }

    /** For CDI's proxy. */
    protected AccessTokens() {
        this.settings = null;
        this.credentials = null;
        this.appTokens = null;
        this.employeeTokens = null;
    }

    /**
     * A token for Atrium itself (client credentials, or a managed identity): application permissions, no user.
     *
     * @param scope the API's {@code .default} scope, such as {@code https://cognitiveservices.azure.com/.default}
     * @throws IllegalArgumentException    when the scope is not a {@code .default} scope, which Entra requires here
     * @throws AccessTokenUnavailableException when Entra gives none
     */
    public String forApp(String scope) {
        return forApp(scope, null);
    }

    /**
     * As {@link #forApp(String)}, for an API that refused the cached token with a claims challenge
     * ({@link ClaimsChallenge#claimsOf}): a new token is asked for with those claims, whatever is cached.
     *
     * @param claimsChallenge the challenge's claims JSON; null asks as {@link #forApp(String)} does
     */
    public String forApp(String scope, String claimsChallenge) {
        Objects.requireNonNull(scope, "scope");
        if (!scope.strip().endsWith(DEFAULT_SCOPE_SUFFIX) || scope.strip().contains(" ")) {
            throw new IllegalArgumentException("An application token is asked for with one API's '.default' scope, "
                    + "such as api://my-api/.default, not '" + scope + "'");
        }
        String defaultScope = scope.strip();
        TokenCredential app = credentials().app();
        // No authorization endpoint: nobody can sign in again for the application.
        Supplier<IssuedToken> request = () -> request("as the application", List.of(defaultScope), claimsChallenge,
                null, () -> app);
        return (claimsChallenge == null ? appTokens.get(defaultScope, request)
                : appTokens.renew(defaultScope, request)).value();
    }

    /**
     * A token on behalf of the employee whose access token Atrium holds (OAuth's on-behalf-of flow), carrying their
     * identity and the delegated permissions they and the tenant granted.
     *
     * <p>Cached per employee, scopes and access token: only a caller holding this very access token is given what
     * was obtained with it, so no one is ever handed another employee's token; a new sign-in asks Entra again.
     *
     * @param scopes one or more scopes of one API, space-separated, such as {@code api://reports/Reports.Read}
     * @throws IllegalArgumentException    when the access token is not a JWT of the tenant and employee it is said to be
     * @throws AccessTokenUnavailableException when Entra gives none; see its {@code interactionRequired()}
     */
    public String onBehalfOf(EmployeeToken employee, String scopes) {
        return onBehalfOf(employee, scopes, null);
    }

    /**
     * As {@link #onBehalfOf(EmployeeToken, String)}, for an API that refused the cached token with a claims challenge
     * ({@link ClaimsChallenge#claimsOf}): the exchange is made again with those claims, whatever is cached. When
     * Entra then wants the employee to sign in again, the refusal carries the claims for that sign-in.
     *
     * @param claimsChallenge the challenge's claims JSON; null asks as {@link #onBehalfOf(EmployeeToken, String)} does
     */
    public String onBehalfOf(EmployeeToken employee, String scopes, String claimsChallenge) {
        Objects.requireNonNull(employee, "employee");
        Objects.requireNonNull(scopes, "scopes");
        List<String> scopeList = Arrays.stream(scopes.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        if (scopeList.isEmpty()) {
            throw new IllegalArgumentException("At least one scope is needed for a token on behalf of an employee");
        }
        requireIssuedTo(employee);
        EntraCredentials entra = credentials();
        if (!entra.actsOnBehalfOfEmployees()) {
            throw AccessTokenUnavailableException.noAnswer("Tokens on behalf of an employee need the app "
                    + "registration's own credential: ATRIUM_APP_CREDENTIAL must be client-secret, client-certificate "
                    + "or workload-identity, not " + entra.mode(), null);
        }
        EmployeeScope key = new EmployeeScope(employee.tenantId(), employee.objectId(), String.join(" ", scopeList),
                sha256(employee.accessToken()));
        Supplier<IssuedToken> request = () -> request("on behalf of oid=" + employee.objectId() + " tid="
                        + employee.tenantId(), scopeList, claimsChallenge,
                settings.authorizationEndpoint(employee.tenantId()),
                () -> entra.onBehalfOf(employee.tenantId(), employee.accessToken()));
        return (claimsChallenge == null ? employeeTokens.get(key, request) : employeeTokens.renew(key, request))
                .value();
    }

    private void counted(String cache, boolean hit) {
        if (lookups != null) {
            lookups.fire(TokenCacheLookedUp.of(cache, hit));
        }
    }

    private EntraCredentials credentials() {
        if (credentials == null) {
            throw AccessTokenUnavailableException.noAnswer("Atrium cannot request tokens of its own: "
                    + String.join("; ", settings.problems()), null);
        }
        return credentials;
    }

    private IssuedToken request(String onWhoseBehalf, List<String> scopes, String claimsChallenge,
                                String authorizationEndpoint, Supplier<TokenCredential> credential) {
        long started = System.nanoTime();
        String what = "token request " + onWhoseBehalf + " for " + String.join(" ", scopes) + " with "
                + credentials.mode() + (claimsChallenge == null ? "" : ", answering a claims challenge");
        // CAE on: MSAL declares the cp1 capability, so APIs send claims challenges that Atrium answers, and Entra
        // may issue longer-lived tokens that a critical event (a disabled employee) revokes at once.
        TokenRequestContext context = new TokenRequestContext().setScopes(scopes).setCaeEnabled(true);
        if (claimsChallenge != null) {
            context.setClaims(claimsChallenge);
        }
        try {
            AccessToken token = credential.get().getTokenSync(context);
            Instant expiresAt = token.getExpiresAt().toInstant();
            LOG.info(() -> what + ": issued, valid for " + Duration.between(Instant.now(), expiresAt).toSeconds()
                    + " s, in " + millisSince(started) + " ms");
            return new IssuedToken(token.getToken(), expiresAt);
        } catch (RuntimeException e) {
            AccessTokenUnavailableException failure = EntraRefusals.toException(e, authorizationEndpoint);
            LOG.log(Level.WARNING, () -> what + ": " + outcome(failure) + " in " + millisSince(started) + " ms");
            throw failure;
        }
    }

    private static String outcome(AccessTokenUnavailableException failure) {
        if (failure.entraError().isEmpty()) {
            return "no token: " + failure.getMessage();
        }
        return (failure.interactionRequired() ? "refused, the employee must sign in again: " : "refused: ")
                + failure.getMessage();
    }

    /** Catches a caller that pairs one employee's ids with another's token, which no cache key could then repair. */
    private static void requireIssuedTo(EmployeeToken employee) {
        JWTClaimsSet claims;
        try {
            claims = JWTParser.parse(employee.accessToken()).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new IllegalArgumentException("The employee's access token is not a JWT", e);
        }
        Object tid = claims.getClaim("tid");
        Object oid = claims.getClaim("oid");
        if (!employee.tenantId().equals(tid) || !employee.objectId().equals(oid)) {
            throw new IllegalArgumentException("The access token was issued to oid=" + oid + " tid=" + tid
                    + ", not to the employee oid=" + employee.objectId() + " tid=" + employee.tenantId());
        }
    }

    private static String sha256(String text) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** One employee's token for some scopes, obtained with one of their access tokens (by its SHA-256 digest). */
    private record EmployeeScope(String tenantId, String objectId, String scopes, String accessTokenDigest) {
    }
}
