package io.atrium.identity.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jwt.JWTClaimsSet;

import io.atrium.identity.EmployeePrincipal;
import io.atrium.standins.SharedFixtures;

class EmployeeClaimsTest {

    @Test
    void a_real_entra_v2_id_token_becomes_an_employee_keyed_by_tenant_and_object_id() throws Exception {
        JWTClaimsSet claims = v2IdTokenFromMsal4jFixtures();

        EmployeePrincipal employee = EmployeeClaims.toPrincipal(claims, Set.of());

        assertThat(employee.tenantId()).isEqualTo(claims.getStringClaim("tid"));
        assertThat(employee.objectId()).isEqualTo(claims.getStringClaim("oid"));
        assertThat(employee.username()).isEqualTo(claims.getStringClaim("preferred_username"));
        assertThat(employee.displayName()).isEqualTo(claims.getStringClaim("name"));
        assertThat(employee.getName()).isEqualTo(employee.username());
        assertThat(employee.roles()).isEmpty();
    }

    @Test
    void the_roles_worked_out_for_the_employee_are_theirs() throws Exception {
        assertThat(EmployeeClaims.toPrincipal(v2IdTokenFromMsal4jFixtures(), Set.of("employee", "admin")).roles())
                .containsExactlyInAnyOrder("employee", "admin");
    }

    @Test
    void without_a_name_claim_the_user_name_is_shown() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(v2IdTokenFromMsal4jFixtures()).claim("name", null).build();

        EmployeePrincipal employee = EmployeeClaims.toPrincipal(claims, Set.of());

        assertThat(employee.displayName()).isEqualTo(employee.username());
    }

    @Test
    void a_token_without_an_object_id_is_rejected_with_a_reason_for_the_operator() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(v2IdTokenFromMsal4jFixtures()).claim("oid", null).build();

        assertThatThrownBy(() -> EmployeeClaims.toPrincipal(claims, Set.of()))
                .isInstanceOf(SignInFailure.class)
                .hasMessageContaining("'oid'")
                .extracting(failure -> ((SignInFailure) failure).reason())
                .isEqualTo(SignInFailure.Reason.TOKEN_REJECTED);
    }

    /** The decoded claims of the v2 ID token in MSAL4J's test configuration, as kept in shared/fixtures. */
    @SuppressWarnings("unchecked")
    static JWTClaimsSet v2IdTokenFromMsal4jFixtures() throws Exception {
        Path file = SharedFixtures.file("entra/tokens/msal4j-test-jwts-decoded.json");
        List<Object> tokens = JSONArrayUtils.parse(Files.readString(file));
        Map<String, Object> idToken = tokens.stream()
                .map(token -> (Map<String, Object>) token)
                .filter(token -> String.valueOf(token.get("kind")).startsWith("v2 id token"))
                .findFirst()
                .orElseThrow(() -> new IOException("no v2 id token in " + file));
        return JWTClaimsSet.parse((Map<String, Object>) idToken.get("claims"));
    }
}
