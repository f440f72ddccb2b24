package io.atrium.identity;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.RestClientBuilder;

import io.atrium.identity.internal.downstream.DownstreamApi;
import io.atrium.identity.internal.downstream.DownstreamApiSettings;
import io.atrium.identity.internal.downstream.DownstreamTokenFilter;
import io.atrium.identity.internal.security.CallingEmployee;

/**
 * MicroProfile REST Clients for the APIs named in configuration ({@code ATRIUM_DOWNSTREAM_APIS}), each sending the
 * token its configuration asks for: Atrium's own ({@code app}) or the calling employee's ({@code on-behalf-of}).
 *
 * <p>Calls are synchronous and belong to a request: the employee is the one that request serves. When Entra refuses
 * the token, the call throws {@link AccessTokenUnavailableException} itself (not wrapped), so that a page can send
 * the employee to sign in again and an API can answer 401 with Entra's claims challenge. An API's own claims challenge
 * (Continuous Access Evaluation) is answered once with a new token asking for its claims.
 */
@ApplicationScoped
public class DownstreamApis {

    private static final long CONNECT_TIMEOUT_SECONDS = 5;

    private final Map<ClientKey, Object> clients = new ConcurrentHashMap<>();

    private final DownstreamApiSettings settings;
    private final AccessTokens tokens;
    private final Supplier<Optional<EmployeeToken>> callingEmployee;

    /** Package-private: its settings are the module's own, which no caller outside it can name. */
    @Inject
    DownstreamApis(DownstreamApiSettings settings, AccessTokens tokens, HttpServletRequest request) {
        this(settings, tokens, () -> CallingEmployee.tokenOf(request));
    }

    DownstreamApis(DownstreamApiSettings settings, AccessTokens tokens,
                   Supplier<Optional<EmployeeToken>> callingEmployee) {
        this.settings = settings;
        this.tokens = tokens;
        this.callingEmployee = callingEmployee;
    }

    /** For CDI's proxy. */
    protected DownstreamApis() {
        this(null, null, Optional::empty);
    }

    /**
     * A client of the API configured under {@code name}, for the REST Client interface {@code api}.
     *
     * @throws IllegalArgumentException when no such API is configured (the start-up check names any wrong setting)
     */
    public <T> T client(String name, Class<T> api) {
        return api.cast(clients.computeIfAbsent(new ClientKey(name, api), key -> {
            DownstreamApi downstream = settings.api(name).orElseThrow(() -> new IllegalArgumentException(
                    "No downstream API '" + name + "' is configured (ATRIUM_DOWNSTREAM_APIS and ATRIUM_DOWNSTREAM_"
                            + name.toUpperCase(Locale.ROOT) + "_*)"));
            DownstreamTokenFilter filter = new DownstreamTokenFilter(downstream, tokens, callingEmployee);
            return answeringChallenges(api, build(downstream, filter, api), filter);
        }));
    }

    /**
     * A 401 with a claims challenge (Continuous Access Evaluation: the token was revoked since it was issued) gets one
     * new token asking for the claims and the call once more; a refused token comes out bare.
     */
    private static Object answeringChallenges(Class<?> api, Object rest, DownstreamTokenFilter filter) {
        return Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, (proxy, method, args) -> {
            try {
                return method.invoke(rest, args);
            } catch (InvocationTargetException e) {
                Optional<String> claims = claimsChallengeIn(e.getCause());
                if (claims.isEmpty()) {
                    throw tokenRefusalIn(e.getCause());
                }
                try {
                    filter.answerChallenge(claims.get());
                    return method.invoke(rest, args);
                } catch (InvocationTargetException again) {
                    throw tokenRefusalIn(again.getCause());
                }
            }
        });
    }

    private static Optional<String> claimsChallengeIn(Throwable thrown) {
        return thrown instanceof WebApplicationException refused && refused.getResponse().getStatus() == 401
                ? ClaimsChallenge.claimsOf(refused.getResponse().getHeaderString("WWW-Authenticate"))
                : Optional.empty();
    }

    private static Object build(DownstreamApi downstream, DownstreamTokenFilter filter, Class<?> api) {
        return RestClientBuilder.newBuilder()
                .baseUri(downstream.baseUri())
                .connectTimeout(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .readTimeout(downstream.readTimeout().toSeconds(), TimeUnit.SECONDS)
                // A redirect could carry the token to another host.
                .followRedirects(false)
                .register(filter, Priorities.AUTHENTICATION)
                .build(api);
    }

    /** The REST client wraps what a filter throws; a refused token is the caller's to handle, so it comes out bare. */
    private static Throwable tokenRefusalIn(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof AccessTokenUnavailableException refusal) {
                return refusal;
            }
        }
        return thrown;
    }

    private record ClientKey(String name, Class<?> api) {
    }
}
