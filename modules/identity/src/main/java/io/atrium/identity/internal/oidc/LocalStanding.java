package io.atrium.identity.internal.oidc;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.atrium.identity.EmployeePrincipal;
import io.atrium.identity.LocalAccess;

/**
 * Entra vouched for the employee; Atrium may still have disabled them, or granted them roles of its own. Asked at
 * every sign-in, for every API caller and for every request of a signed-in session, through the {@link LocalAccess}
 * the user-audit module provides. For browser sessions the answer is kept for
 * {@code atrium.session.standing-cache-seconds} so that a page view costs no query; a change made through Atrium on
 * this server is seen at once ({@link #forget}), any other change within that time. Sign-ins and API callers (whose
 * verdict is cached per token) read it afresh.
 */
@ApplicationScoped
public class LocalStanding {

    /** Beyond this many employees the cache starts afresh: a bound, not a policy (entries are cheap to re-read). */
    private static final int MAX_CACHED = 50_000;

    private final Instance<LocalAccess> localAccess;
    private final Duration cacheFor;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @Inject
    public LocalStanding(Instance<LocalAccess> localAccess,
                         @ConfigProperty(name = "atrium.session.standing-cache-seconds", defaultValue = "30")
                         int cacheSeconds) {
        this.localAccess = localAccess;
        this.cacheFor = Duration.ofSeconds(Math.max(0, cacheSeconds));
    }

    /** For CDI's proxy. */
    protected LocalStanding() {
        this(null, 0);
    }

    /**
     * The employee with Atrium's own grants added to the roles Entra gave, read from the database; throws
     * {@link SignInFailure.Reason#DISABLED} when disabled here. For API callers, whose verdict is cached per token.
     */
    public EmployeePrincipal applyTo(EmployeePrincipal employee) throws SignInFailure {
        return withGrants(employee, standing(employee, true));
    }

    /** The same for a signed-in browser session's request: the answer may be up to the cache time old. */
    public EmployeePrincipal applyToSession(EmployeePrincipal employee) throws SignInFailure {
        return withGrants(employee, standing(employee, false));
    }

    private static EmployeePrincipal withGrants(EmployeePrincipal employee, LocalAccess.Standing standing) {
        if (standing.grantedRoles().isEmpty()) {
            return employee;
        }
        Set<String> roles = new LinkedHashSet<>(employee.roles());
        roles.addAll(standing.grantedRoles());
        return new EmployeePrincipal(employee.tenantId(), employee.objectId(), employee.username(),
                employee.displayName(), employee.email(), roles);
    }

    /** At sign-in: asks the database itself, whatever is cached, and refuses a disabled employee. */
    public void refuseIfDisabled(EmployeePrincipal employee) throws SignInFailure {
        standing(employee, true);
    }

    /** Atrium's decision about this employee changed: the next request asks again. */
    public void forget(String tenantId, String objectId) {
        cache.remove(key(tenantId, objectId));
    }

    private LocalAccess.Standing standing(EmployeePrincipal employee, boolean fresh) throws SignInFailure {
        if (!localAccess.isResolvable()) {
            return LocalAccess.Standing.UNKNOWN_EMPLOYEE;
        }
        String key = key(employee.tenantId(), employee.objectId());
        Instant now = Instant.now();
        Cached cached = fresh ? null : cache.get(key);
        if (cached == null || !cached.until().isAfter(now)) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cached = new Cached(localAccess.get().standing(employee.tenantId(), employee.objectId()), now.plus(cacheFor));
            cache.put(key, cached);
        }
        if (cached.standing().disabled()) {
            throw new SignInFailure(SignInFailure.Reason.DISABLED, "oid=" + employee.objectId() + " tid="
                    + employee.tenantId() + " is disabled in Atrium").attempted(employee);
        }
        return cached.standing();
    }

    private static String key(String tenantId, String objectId) {
        return tenantId + "/" + objectId;
    }

    private record Cached(LocalAccess.Standing standing, Instant until) {
    }
}
