package io.atrium.audit.internal;

import java.time.Instant;
import java.util.Set;

import io.atrium.identity.events.EmployeeSignedIn;

/** Sign-in events shaped as identity fires them for the Entra stand-in's demo tenant. */
public final class SignIns {

    public static final String TENANT = "c0ffee00-0000-4000-8000-000000000001";
    public static final String ISSUER = "https://localhost:9443/" + TENANT + "/v2.0";

    private SignIns() {
    }

    public static EmployeeSignedIn of(String objectId, String username, Set<String> appRoles, Set<String> groupRoles) {
        Set<String> roles = new java.util.LinkedHashSet<>(appRoles);
        roles.addAll(groupRoles);
        return new EmployeeSignedIn(TENANT, objectId, username, "Name of " + username, username, roles,
                "sid-" + objectId, "203.0.113.7", "Mozilla/5.0 (test)", Instant.now(), ISSUER, "sub-" + objectId,
                appRoles);
    }
}
