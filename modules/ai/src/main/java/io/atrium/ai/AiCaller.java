package io.atrium.ai;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.atrium.identity.EmployeePrincipal;
import io.atrium.identity.EmployeeToken;

/**
 * Who asks the assistant, given explicitly by the caller of the ai module: the Faces page takes it from the session,
 * the REST gateway from the bearer token. The ledger and the daily quota are per ({@code tenantId}, {@code objectId});
 * the quota is the largest of the caller's roles'.
 *
 * @param employeeToken the employee's access token for Atrium; needed only when Atrium reaches Azure OpenAI on the
 *                      employee's behalf ({@code ATRIUM_AI_CREDENTIAL=on-behalf-of}), never stored
 */
public record AiCaller(String tenantId, String objectId, Set<String> roles, Optional<EmployeeToken> employeeToken) {

    public AiCaller {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(objectId, "objectId");
        roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
        Objects.requireNonNull(employeeToken, "employeeToken");
        if (employeeToken.isPresent() && !(employeeToken.get().tenantId().equals(tenantId)
                && employeeToken.get().objectId().equals(objectId))) {
            throw new IllegalArgumentException("The employee token belongs to another employee than the caller");
        }
    }

    public static AiCaller of(String tenantId, String objectId, Set<String> roles) {
        return new AiCaller(tenantId, objectId, roles, Optional.empty());
    }

    /** A signed-in employee, by their Entra identity and Atrium roles, without their token. */
    public static AiCaller of(EmployeePrincipal employee) {
        return of(employee.tenantId(), employee.objectId(), employee.roles());
    }

    public static AiCaller withToken(EmployeeToken token, Set<String> roles) {
        return new AiCaller(token.tenantId(), token.objectId(), roles, Optional.of(token));
    }

    /** The token stays out of logs. */
    @Override
    public String toString() {
        return "AiCaller[tid=" + tenantId + ", oid=" + objectId + ", roles=" + roles + ", token="
                + (employeeToken.isPresent() ? "(given)" : "(none)") + "]";
    }
}
