package io.atrium.identity.internal.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.atrium.identity.internal.graph.GraphGroups;
import io.atrium.identity.internal.oidc.SignInFailure;
import io.atrium.standins.LocalPorts;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.DemoSignIn;
import io.atrium.standins.entra.EntraStandIn;
import io.atrium.standins.graph.GraphStandIn;

/** Against the Entra ID stand-in's real tokens and the Graph stand-in, as a sign-in meets them. */
class EmployeeRolesAgainstStandInsTest {

    private static final Optional<String> ADMINS_ARE_ADMIN = Optional.of(DemoAccount.ATRIUM_ADMINS_GROUP + "=admin");

    @TempDir
    static Path workDirectory;

    private static EntraStandIn entra;
    private static GraphStandIn graph;
    private static SignedIn erin;
    private static SignedIn adam;
    private static SignedIn olivia;

    private record SignedIn(DemoAccount account, JWTClaimsSet idToken, String accessToken) {
    }

    @BeforeAll
    static void start() throws Exception {
        entra = EntraStandIn.start(workDirectory, 0);
        graph = GraphStandIn.forDemoAccountsOf(entra);
        erin = signIn(DemoAccount.ERIN);
        adam = signIn(DemoAccount.ADAM);
        olivia = signIn(DemoAccount.OLIVIA);
    }

    @AfterAll
    static void stop() {
        if (graph != null) {
            graph.close();
        }
        if (entra != null) {
            entra.close();
        }
    }

    @Test
    void app_roles_and_the_roles_of_mapped_groups_together_are_the_employees_roles() throws Exception {
        EmployeeRoles roles = roles(Optional.of(DemoAccount.ATRIUM_ADMINS_GROUP + "=admin,"
                + DemoAccount.ATRIUM_ADMINS_GROUP + "=auditor"));

        assertThat(roles.of(adam.idToken(), adam::accessToken)).containsExactly("employee", "admin", "auditor");
    }

    @Test
    void groups_the_mapping_does_not_name_give_no_role_and_graph_is_not_asked() throws Exception {
        long before = graph.received().size();

        assertThat(roles(ADMINS_ARE_ADMIN).of(erin.idToken(), erin::accessToken)).containsExactly("employee");
        assertThat(graph.received()).hasSize((int) before);
    }

    @Test
    void on_group_overage_the_groups_are_read_from_graph_every_page_of_them() throws Exception {
        long before = graph.requestsBy(olivia.account().oid());

        assertThat(roles(ADMINS_ARE_ADMIN).of(olivia.idToken(), olivia::accessToken))
                .containsExactly("employee", "admin");
        assertThat(graph.requestsBy(olivia.account().oid())).isEqualTo(before + 3);
    }

    @Test
    void without_a_mapping_graph_is_not_asked_even_on_group_overage() throws Exception {
        long before = graph.received().size();

        assertThat(roles(Optional.empty()).of(olivia.idToken(), olivia::accessToken)).containsExactly("employee");
        assertThat(graph.received()).hasSize((int) before);
    }

    @Test
    void a_token_graph_refuses_on_group_overage_fails_the_sign_in_as_entra_unreachable() {
        String forged = olivia.accessToken().substring(0, olivia.accessToken().lastIndexOf('.') + 1) + "c2lnbmF0dXJl";

        assertThatThrownBy(() -> roles(ADMINS_ARE_ADMIN).of(olivia.idToken(), () -> forged))
                .isInstanceOf(SignInFailure.class)
                .hasMessageContaining("oid=" + olivia.account().oid() + " signals group overage")
                .hasMessageContaining("HTTP 401 InvalidAuthenticationToken")
                .extracting(failure -> ((SignInFailure) failure).reason())
                .isEqualTo(SignInFailure.Reason.ENTRA_UNREACHABLE);
    }

    @Test
    void graph_out_of_reach_on_group_overage_fails_the_sign_in_as_entra_unreachable() {
        EmployeeRoles roles = new EmployeeRoles(ADMINS_ARE_ADMIN,
                new GraphGroups("http://localhost:" + LocalPorts.free() + "/v1.0"));

        assertThatThrownBy(() -> roles.of(olivia.idToken(), olivia::accessToken))
                .isInstanceOf(SignInFailure.class)
                .hasMessageContaining("cannot be reached")
                .extracting(failure -> ((SignInFailure) failure).reason())
                .isEqualTo(SignInFailure.Reason.ENTRA_UNREACHABLE);
    }

    @Test
    void hasgroups_is_taken_as_group_overage_too() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(olivia.idToken())
                .claim("_claim_names", null).claim("_claim_sources", null).claim("hasgroups", true).build();

        assertThat(roles(ADMINS_ARE_ADMIN).of(claims, olivia::accessToken)).containsExactly("employee", "admin");
    }

    @Test
    void a_token_without_roles_or_groups_gives_no_roles() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(adam.idToken())
                .claim("roles", null).claim("groups", null).build();

        assertThat(roles(ADMINS_ARE_ADMIN).of(claims, adam::accessToken)).isEmpty();
    }

    @Test
    void roles_that_are_not_a_list_of_strings_are_rejected() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(adam.idToken()).claim("roles", 42).build();

        assertThatThrownBy(() -> roles(Optional.empty()).of(claims, adam::accessToken))
                .isInstanceOf(SignInFailure.class)
                .hasMessageContaining("'roles'")
                .extracting(failure -> ((SignInFailure) failure).reason())
                .isEqualTo(SignInFailure.Reason.TOKEN_REJECTED);
    }

    @Test
    void groups_that_are_not_a_list_of_strings_are_rejected_when_a_mapping_reads_them() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(adam.idToken()).claim("groups", Map.of("id", "x")).build();

        assertThatThrownBy(() -> roles(ADMINS_ARE_ADMIN).of(claims, adam::accessToken))
                .isInstanceOf(SignInFailure.class)
                .hasMessageContaining("'groups'");
        assertThat(roles(Optional.empty()).of(claims, adam::accessToken)).containsExactly("employee", "admin");
    }

    @Test
    void the_mappings_problems_are_the_roles_problems() {
        assertThat(roles(Optional.of("admins=admin")).problems()).singleElement()
                .satisfies(problem -> assertThat(problem).startsWith("ATRIUM_ROLES_GROUP_MAPPING"));
        assertThat(roles(ADMINS_ARE_ADMIN).problems()).isEmpty();
        assertThat(roles(Optional.empty()).problems()).isEmpty();
    }

    private static EmployeeRoles roles(Optional<String> groupMapping) {
        return new EmployeeRoles(groupMapping, new GraphGroups(graph.baseUrl()));
    }

    private static SignedIn signIn(DemoAccount account) throws Exception {
        DemoSignIn.Tokens tokens = DemoSignIn.at(entra).tokensFor(account);
        return new SignedIn(account, SignedJWT.parse(tokens.idToken()).getJWTClaimsSet(), tokens.accessToken());
    }
}
