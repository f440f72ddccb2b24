package io.atrium.identity;

import java.util.Set;

/**
 * What Atrium itself decides about an employee, beyond what Entra says: whether the account is disabled here, and the
 * roles granted locally. Implemented by the user-audit module; identity asks it at every sign-in.
 */
public interface LocalAccess {

    Standing standing(String tenantId, String objectId);

    /** An employee's standing in Atrium; an employee Atrium has never seen is active with no local roles. */
    record Standing(boolean disabled, Set<String> grantedRoles) {

        public static final Standing UNKNOWN_EMPLOYEE = new Standing(false, Set.of());

        public Standing {
            grantedRoles = Set.copyOf(grantedRoles);
        }
    }
}
