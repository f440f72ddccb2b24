package io.atrium.identity.internal.roles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GroupRoleMappingTest {

    private static final String ADMINS = "5d1c8a7e-2b3f-4e6a-9c0d-8f7e6a5b4c3d";
    private static final String AUDITORS = "0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f";

    @Test
    void no_mapping_gives_no_roles_and_no_problems() {
        for (String setting : new String[] {null, "", "   "}) {
            GroupRoleMapping mapping = GroupRoleMapping.parse(setting);

            assertThat(mapping.isEmpty()).isTrue();
            assertThat(mapping.problems()).isEmpty();
            assertThat(mapping.rolesOf(ADMINS)).isEmpty();
        }
    }

    @Test
    void each_group_gives_its_roles_and_a_group_named_twice_gives_both() {
        GroupRoleMapping mapping =
                GroupRoleMapping.parse(ADMINS + "=admin," + AUDITORS + "=auditor," + ADMINS + "=auditor");

        assertThat(mapping.problems()).isEmpty();
        assertThat(mapping.rolesOf(ADMINS)).containsExactly("admin", "auditor");
        assertThat(mapping.rolesOf(AUDITORS)).containsExactly("auditor");
        assertThat(mapping.rolesOf("11111111-2222-4333-8444-555555555555")).isEmpty();
    }

    @Test
    void group_ids_match_whatever_their_case_and_spaces_around_entries_are_ignored() {
        GroupRoleMapping mapping =
                GroupRoleMapping.parse(" " + ADMINS.toUpperCase() + " = admin , " + AUDITORS + "= auditor");

        assertThat(mapping.problems()).isEmpty();
        assertThat(mapping.rolesOf(ADMINS)).containsExactly("admin");
        assertThat(mapping.rolesOf(AUDITORS)).containsExactly("auditor");
        assertThat(mapping.rolesOf(ADMINS.toUpperCase())).containsExactly("admin");
    }

    @Test
    void every_wrong_entry_is_named_at_once_by_the_environment_variable_and_the_right_ones_still_count() {
        GroupRoleMapping mapping = GroupRoleMapping.parse(String.join(",",
                ADMINS + "=admin", "", "admin", "Atrium Admins=admin", AUDITORS + "=", ADMINS + "=a b",
                ADMINS + "=x=y"));

        assertThat(mapping.problems()).hasSize(6)
                .allSatisfy(problem -> assertThat(problem)
                        .startsWith("ATRIUM_ROLES_GROUP_MAPPING (atrium.roles.group-mapping)"))
                .anySatisfy(problem -> assertThat(problem).contains("empty entry (number 2)"))
                .anySatisfy(problem -> assertThat(problem).contains("'admin', which is not groupObjectId=role"))
                .anySatisfy(problem -> assertThat(problem)
                        .contains("'Atrium Admins=admin', whose group is not an object id"))
                .anySatisfy(problem -> assertThat(problem).contains("'" + AUDITORS + "=', whose role is empty"))
                .anySatisfy(problem -> assertThat(problem).contains("'" + ADMINS + "=x=y', which is not"));
        assertThat(mapping.rolesOf(ADMINS)).containsExactly("admin");
    }
}
