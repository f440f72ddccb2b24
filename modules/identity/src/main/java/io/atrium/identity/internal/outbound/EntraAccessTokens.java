package io.atrium.identity.internal.outbound;

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

import io.atrium.identity.AccessTokenUnavailableException;
import io.atrium.identity.AccessTokens;
import io.atrium.identity.EmployeeToken;
import io.atrium.identity.events.TokenCacheLookedUp;

/**
 * {@link AccessTokens} from Entra ID through azure-identity's credentials ({@code ATRIUM_APP_CREDENTIAL}), each kind
 * in a {@link TokenCache} of its own.
 */
@ApplicationScoped
public class EntraAccessTokens implements AccessTokens {

    /** The logger's name is the one it had before the service moved behind its interface, for log settings. */
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
    public EntraAccessTokens(OutboundTokenSettings settings) {
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
    protected EntraAccessTokens() {
        this.settings = null;
        this.credentials = null;
        this.appTokens = null;
        this.employeeTokens = null;
    }

    @Override
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

    @Override
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
