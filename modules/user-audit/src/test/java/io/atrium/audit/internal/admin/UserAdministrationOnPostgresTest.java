package io.atrium.audit.internal.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.audit.Actor;
import io.atrium.audit.AdministrationRefused;
import io.atrium.audit.internal.AuditDatabase;
import io.atrium.audit.internal.Beans;
import io.atrium.audit.internal.SignIns;
import io.atrium.identity.LocalAccess;
import io.atrium.identity.events.EmployeeStandingChanged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserAdministrationOnPostgresTest {

    private static final Actor ADAM = Actor.employee(SignIns.TENANT, "oid-adam", "adam@bank.example");

    private final AuditDatabase db = AuditDatabase.get();
    private final Beans beans = new Beans(null);
    private UUID erin;
    private UUID adam;

    @BeforeEach
    void erinAndAdamHaveSignedIn() {
        db.reset();
        erin = signIn("oid-erin", "erin@bank.example", Set.of("employee"));
        adam = signIn("oid-adam", "adam@bank.example", Set.of("employee", "admin"));
    }

    @Test
    void a_granted_role_is_effective_until_it_expires_and_is_logged_with_its_reason() {
        db.inTransaction(em -> beans.administration(em).grantRole(ADAM, erin, "reports", "quarter close",
                Instant.now().plus(Duration.ofDays(7))));

        assertThat(standing("oid-erin").grantedRoles()).containsExactly("reports");
        assertThat(beans.standingChanges.fired()).containsExactly(
                new EmployeeStandingChanged(SignIns.TENANT, "oid-erin", false));
        var logged = db.inTransaction(em -> beans.actionLog(em).search(
                new io.atrium.audit.AdminActionQuery(null, "grant-role", erin, null, null, 0, 10)));
        assertThat(logged).singleElement().satisfies(action -> {
            assertThat(action.actor()).isEqualTo("adam@bank.example (" + SignIns.TENANT + "/oid-adam)");
            assertThat(action.reason()).isEqualTo("quarter close");
            assertThat(action.before()).isEqualTo("no local grant of reports");
            assertThat(action.after()).startsWith("local grant of reports until ");
        });

        // As if a week went by: the grant's expiry is moved into the past, and it no longer counts.
        db.sql("UPDATE role_grant SET expires_at = now() - interval '1 second' WHERE role = 'reports'");
        assertThat(standing("oid-erin").grantedRoles()).isEmpty();
    }

    @Test
    void a_revoked_role_is_no_longer_effective_and_revoking_what_is_not_granted_says_so() {
        db.inTransaction(em -> beans.administration(em).grantRole(ADAM, erin, "reports", "project", null));
        db.run(em -> beans.administration(em).revokeRole(ADAM, erin, "reports", "project over"));

        assertThat(standing("oid-erin").grantedRoles()).isEmpty();
        assertThat(db.count("SELECT count(*) FROM role_grant WHERE role = 'reports' AND revoked_at IS NOT NULL "
                + "AND revoke_reason = 'project over'")).isEqualTo(1);
        assertThatThrownBy(() -> db.run(em -> beans.administration(em).revokeRole(ADAM, erin, "reports",
                "again")))
                .isInstanceOfSatisfying(AdministrationRefused.class, refused -> {
                    assertThat(refused.kind()).isEqualTo(AdministrationRefused.Kind.NOT_FOUND);
                    assertThat(refused.getMessage()).contains("erin@bank.example has no local grant of the role 'reports'");
                });
    }

    @Test
    void a_disabled_user_is_disabled_with_reason_and_actor_and_enabled_again() {
        db.run(em -> beans.administration(em).disable(ADAM, erin, "left the bank"));

        assertThat(standing("oid-erin").disabled()).isTrue();
        var view = db.inTransaction(em -> beans.directory(em).details(erin, 5)).user();
        assertThat(view.status()).isEqualTo("disabled");
        assertThat(view.statusReason()).isEqualTo("left the bank");
        assertThat(view.statusChangedBy()).contains("oid-adam");
        assertThat(beans.standingChanges.fired()).containsExactly(
                new EmployeeStandingChanged(SignIns.TENANT, "oid-erin", true));

        db.run(em -> beans.administration(em).enable(ADAM, erin, "came back"));
        assertThat(standing("oid-erin").disabled()).isFalse();
        assertThat(db.count("SELECT count(*) FROM admin_action WHERE action IN ('disable-user', 'enable-user')"))
                .isEqualTo(2);
    }

    @Test
    void the_last_active_admin_can_neither_be_disabled_nor_lose_admin() {
        UUID olivia = signIn("oid-olivia", "olivia@bank.example", Set.of("employee"));
        db.inTransaction(em -> beans.administration(em).grantRole(ADAM, olivia, "admin", "second admin", null));
        // Adam's admin comes from Entra; Olivia's is local: disabling Adam leaves Olivia, the last active admin.
        db.run(em -> beans.administration(em).disable(Actor.SYSTEM, adam, "on leave"));

        assertThatThrownBy(() -> db.run(em -> beans.administration(em).revokeRole(Actor.SYSTEM, olivia,
                "admin", "oops")))
                .isInstanceOfSatisfying(AdministrationRefused.class, refused -> {
                    assertThat(refused.kind()).isEqualTo(AdministrationRefused.Kind.CONFLICT);
                    assertThat(refused.getMessage()).contains("olivia@bank.example is the last active administrator");
                });
        assertThatThrownBy(() -> db.run(em -> beans.administration(em).disable(Actor.SYSTEM, olivia,
                "oops")))
                .isInstanceOf(AdministrationRefused.class)
                .hasMessageContaining("last active administrator");
        assertThat(standing("oid-olivia").grantedRoles()).containsExactly("admin");
        assertThat(standing("oid-olivia").disabled()).isFalse();

        db.run(em -> beans.administration(em).enable(Actor.SYSTEM, adam, "back"));
        db.run(em -> beans.administration(em).revokeRole(Actor.SYSTEM, olivia, "admin", "Adam is back"));
        assertThat(standing("oid-olivia").grantedRoles()).isEmpty();
    }

    @Test
    void bad_input_is_refused_with_a_message_and_changes_nothing() {
        assertThatThrownBy(() -> db.inTransaction(em -> beans.administration(em).grantRole(ADAM, erin, "Admin!",
                "x", null)))
                .isInstanceOf(AdministrationRefused.class).hasMessageContaining("lower-case name");
        assertThatThrownBy(() -> db.inTransaction(em -> beans.administration(em).grantRole(ADAM, erin, "reports",
                " ", null)))
                .isInstanceOf(AdministrationRefused.class).hasMessageContaining("Give a reason");
        assertThatThrownBy(() -> db.inTransaction(em -> beans.administration(em).grantRole(ADAM, erin, "reports",
                "late", Instant.now().minusSeconds(5))))
                .isInstanceOf(AdministrationRefused.class).hasMessageContaining("future");
        assertThatThrownBy(() -> db.run(em -> beans.administration(em).disable(ADAM, UUID.randomUUID(),
                "who")))
                .isInstanceOfSatisfying(AdministrationRefused.class,
                        refused -> assertThat(refused.kind()).isEqualTo(AdministrationRefused.Kind.NOT_FOUND));
        assertThat(db.count("SELECT count(*) FROM admin_action")).isZero();
        assertThat(db.count("SELECT count(*) FROM role_grant WHERE source = 'local'")).isZero();
    }

    private LocalAccess.Standing standing(String objectId) {
        return db.inTransaction(em -> beans.localAccess(em).standing(SignIns.TENANT, objectId));
    }

    private UUID signIn(String objectId, String username, Set<String> appRoles) {
        db.run(em -> beans.signInRecorder(em).record(SignIns.of(objectId, username, appRoles, Set.of())));
        return db.inTransaction(em -> beans.directory(em).findByEntraIdentity(SignIns.TENANT, objectId)).orElseThrow()
                .id();
    }
}
