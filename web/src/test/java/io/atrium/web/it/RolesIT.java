package io.atrium.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.graph.GraphStandIn;

/**
 * The roles an employee gets, as the home page shows them: Entra's app roles, and the roles the group mapping gives,
 * with the groups read from Microsoft Graph when there were too many for Entra to put in the token.
 */
@AtriumIT
class RolesIT extends AtriumDeployment {

    @Test
    void an_employee_in_groups_the_mapping_does_not_name_has_only_her_app_role() {
        DemoAccount erin = DemoAccount.ERIN;
        long groupReadsBefore = groupPagesReadFor(erin);

        assertThat(rolesShownAfterSignIn(erin)).containsExactly("employee");
        assertThat(groupPagesReadFor(erin)).as("Graph asked for groups").isEqualTo(groupReadsBefore);
    }

    @Test
    void an_admin_by_app_role_and_by_group_is_admin_once_and_graph_is_not_asked() {
        DemoAccount adam = DemoAccount.ADAM;
        long groupReadsBefore = groupPagesReadFor(adam);

        assertThat(rolesShownAfterSignIn(adam)).containsExactlyInAnyOrder("admin", "employee");
        assertThat(groupPagesReadFor(adam)).as("Graph asked for groups").isEqualTo(groupReadsBefore);
    }

    @Test
    void an_employee_whose_groups_overflow_her_token_becomes_admin_through_the_groups_graph_lists() {
        DemoAccount olivia = DemoAccount.OLIVIA;
        assertThat(olivia.roles()).as("her app roles").doesNotContain("admin");
        long groupReadsBefore = groupPagesReadFor(olivia);

        List<String> roles = rolesShownAfterSignIn(olivia);

        assertThat(roles).containsExactlyInAnyOrder("admin", "employee");
        assertThat(groupPagesReadFor(olivia) - groupReadsBefore)
                .as("pages of her 250 groups read from Graph, %d to a page", GraphStandIn.DEFAULT_PAGE_SIZE)
                .isEqualTo(3);
    }

    private List<String> rolesShownAfterSignIn(DemoAccount account) {
        ScriptedBrowser.Page home = new ScriptedBrowser(AtriumStack.peers()).signIn(atrium(), account.username());

        assertThat(home.status()).as(home.body()).isEqualTo(200);
        assertThat(home.html().getElementById("username").text()).isEqualTo(account.upn());
        return home.html().select(".role").eachText();
    }

    /** Pages of groups Graph answered with the account's own token. */
    private static long groupPagesReadFor(DemoAccount account) {
        return AtriumStack.peers().graph().received().stream()
                .filter(request -> request.userId().equals(Optional.of(account.oid())))
                .filter(request -> request.path().endsWith("/me/transitiveMemberOf/microsoft.graph.group"))
                .filter(request -> request.status() == 200)
                .count();
    }
}
