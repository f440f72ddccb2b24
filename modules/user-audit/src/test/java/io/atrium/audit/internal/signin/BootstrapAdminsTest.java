package io.atrium.audit.internal.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class BootstrapAdminsTest {

    private static final String TENANT = "c0ffee00-0000-4000-8000-000000000001";
    private static final String ADMIN = "5d1c8a7e-2b3f-4e6a-9c0d-8f7e6a5b4c3d";

    @Test
    void an_administrator_is_named_by_tenant_and_object_id_in_any_case() {
        BootstrapAdmins admins = new BootstrapAdmins(Optional.of(" " + TENANT.toUpperCase() + "/" + ADMIN.toUpperCase()
                + " ,"));

        assertThat(admins.problems()).isEmpty();
        assertThat(admins.includes(TENANT, ADMIN)).isTrue();
        assertThat(admins.includes("0ddba11e-0000-4000-8000-000000000002", ADMIN)).as("another tenant").isFalse();
        assertThat(admins.includes(TENANT, null)).isFalse();
    }

    @Test
    void every_entry_that_is_not_tenant_and_object_id_is_named_at_start_up_and_names_nobody() {
        BootstrapAdmins admins = new BootstrapAdmins(Optional.of(
                "erin@bank.example, " + ADMIN + ", root, " + TENANT + "/" + ADMIN));

        assertThat(admins.problems()).hasSize(3);
        assertThat(admins.problems().get(0)).contains("'erin@bank.example', a user name")
                .contains("tenantId/objectId");
        assertThat(admins.problems().get(1)).contains("'" + ADMIN + "', an object id without its tenant");
        assertThat(admins.problems().get(2)).contains("'root', which is not tenantId/objectId");
        assertThat(admins.includes(TENANT, ADMIN)).as("the good entry still counts").isTrue();
    }

    @Test
    void no_setting_names_nobody_and_is_no_problem() {
        BootstrapAdmins admins = new BootstrapAdmins(Optional.empty());

        assertThat(admins.problems()).isEmpty();
        assertThat(admins.includes(TENANT, ADMIN)).isFalse();
    }
}
