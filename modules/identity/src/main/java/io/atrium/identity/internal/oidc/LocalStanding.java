package io.atrium.identity.internal.oidc;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.atrium.identity.EmployeePrincipal;
import io.atrium.identity.LocalAccess;

/**
 * Entra vouched for the employee; Atrium may still have disabled them, or granted them roles of its own. Asked at
 * every sign-in and for every API caller, through the {@link LocalAccess} the user-audit module provides.
 */
@ApplicationScoped
public class LocalStanding {

    private final Instance<LocalAccess> localAccess;

    @Inject
    public LocalStanding(Instance<LocalAccess> localAccess) {
        this.localAccess = localAccess;
    }

    /** For CDI's proxy. */
    protected LocalStanding() {
        this(null);
    }

    /** The employee with Atrium's own grants added; throws {@link SignInFailure.Reason#DISABLED} when disabled here. */
    public EmployeePrincipal applyTo(EmployeePrincipal employee) throws SignInFailure {
        if (!localAccess.isResolvable()) {
            return employee;
        }
        LocalAccess.Standing standing = localAccess.get().standing(employee.tenantId(), employee.objectId());
        if (standing.disabled()) {
            throw new SignInFailure(SignInFailure.Reason.DISABLED, "oid=" + employee.objectId() + " tid="
                    + employee.tenantId() + " is disabled in Atrium");
        }
        if (standing.grantedRoles().isEmpty()) {
            return employee;
        }
        Set<String> roles = new LinkedHashSet<>(employee.roles());
        roles.addAll(standing.grantedRoles());
        return new EmployeePrincipal(employee.tenantId(), employee.objectId(), employee.username(),
                employee.displayName(), employee.email(), roles);
    }
}
