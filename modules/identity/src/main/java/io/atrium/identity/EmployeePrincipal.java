package io.atrium.identity;

import java.io.Serializable;
import java.security.Principal;
import java.util.Set;

/**
 * The signed-in employee as Entra describes them. {@code objectId} (Entra's {@code oid}) is stable for the life of the
 * account within its tenant, so ({@code tenantId}, {@code objectId}) is the key everywhere else in Atrium; the user
 * name can change and is only for display and logs.
 */
public record EmployeePrincipal(String tenantId, String objectId, String username, String displayName, String email,
                                Set<String> roles) implements Principal, Serializable {

    public EmployeePrincipal {
        roles = Set.copyOf(roles);
    }

    @Override
    public String getName() {
        return username;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
