package io.atrium.identity;

import java.util.Objects;

/**
 * An employee's access token for Atrium, as Atrium received it (the session's token, or the bearer token of an API
 * call), with the tenant and object id of the employee it was issued to. What Atrium exchanges for tokens on the
 * employee's behalf.
 *
 * @param accessToken the compact JWT whose {@code aud} is Atrium; it must have been verified already
 */
public record EmployeeToken(String tenantId, String objectId, String accessToken) {

    public EmployeeToken {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(accessToken, "accessToken");
    }

    /** The token stays out of logs and messages. */
    @Override
    public String toString() {
        return "EmployeeToken[tid=" + tenantId + ", oid=" + objectId + "]";
    }
}
