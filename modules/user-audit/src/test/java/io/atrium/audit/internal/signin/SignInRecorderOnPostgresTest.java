package io.atrium.audit.internal.signin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.audit.Actor;
import io.atrium.audit.RoleView;
import io.atrium.audit.UserDetails;
import io.atrium.audit.internal.AuditDatabase;
import io.atrium.audit.internal.Beans;
import io.atrium.audit.internal.SignIns;
import io.atrium.identity.events.EmployeeRolesRefreshed;
import io.atrium.identity.events.EmployeeSignInFailed;
import io.atrium.identity.events.EmployeeSignedIn;

import static org.assertj.core.api.Assertions.assertThat;

class SignInRecorderOnPostgresTest {

    private final AuditDatabase db = AuditDatabase.get();
    private static final String BOOTSTRAP_ADMIN = "00000000-0000-4000-8000-0000000000b0";
    private static final String OTHER_TENANT = "0ddba11e-0000-4000-8000-000000000002";

    private final Beans beans = new Beans(SignIns.TENANT + "/" + BOOTSTRAP_ADMIN);

    @BeforeEach
    void emptyDatabase() {
        db.reset();
    }

    @Test
    void a_first_sign_in_records_the_user_their_identity_their_entra_roles_with_sources_and_the_event() {
        db.run(em -> beans.signInRecorder(em).record(SignIns.of("oid-erin", "erin@bank.example",
                Set.of("employee"), Set.of("reports"))));

        UserDetails erin = db.inTransaction(em -> {
            var user = beans.directory(em).findByEntraIdentity(SignIns.TENANT, "oid-erin").orElseThrow();
            return beans.directory(em).details(user.id(), 10);
        });
        assertThat(erin.user().signInCount()).isEqualTo(1);
        assertThat(erin.identities()).singleElement().satisfies(identity -> {
            assertThat(identity.issuer()).isEqualTo(SignIns.ISSUER);
            assertThat(identity.subject()).isEqualTo("sub-oid-erin");
        });
        assertThat(erin.roles()).extracting(RoleView::role, RoleView::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("employee", "entra-app-role"),
                        org.assertj.core.groups.Tuple.tuple("reports", "entra-group"));
        assertThat(erin.recentSignIns()).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo("success");
            assertThat(event.clientAddress()).isEqualTo("203.0.113.7");
            assertThat(event.userAgent()).isEqualTo("Mozilla/5.0 (test)");
            assertThat(event.entraSessionId()).isEqualTo("sid-oid-erin");
        });
    }

    @Test
    void simultaneous_first_sign_ins_of_one_person_make_one_user_and_keep_every_event() throws Exception {
        int signIns = 12;
        CyclicBarrier together = new CyclicBarrier(signIns);
        ExecutorService threads = Executors.newFixedThreadPool(signIns);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < signIns; i++) {
                results.add(threads.submit(() -> db.run(em -> {
                    try {
                        together.await(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    beans.signInRecorder(em).record(SignIns.of("oid-twin", "twin@bank.example", Set.of("employee"),
                            Set.of()));
                })));
            }
            for (Future<?> result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(db.count("SELECT count(*) FROM app_user WHERE object_id = 'oid-twin'")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM login_event e JOIN app_user u ON u.id = e.user_id "
                + "WHERE u.object_id = 'oid-twin' AND e.outcome = 'success'")).isEqualTo(signIns);
        assertThat(db.count("SELECT count(*) FROM user_identity")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM role_grant WHERE revoked_at IS NULL")).isEqualTo(1);
    }

    @Test
    void a_role_entra_no_longer_gives_disappears_at_the_next_sign_in_and_a_local_grant_stays() {
        db.run(em -> beans.signInRecorder(em).record(SignIns.of("oid-erin", "erin@bank.example",
                Set.of("employee", "auditor"), Set.of())));
        var erin = db.inTransaction(em -> beans.directory(em).findByEntraIdentity(SignIns.TENANT, "oid-erin"))
                .orElseThrow();
        db.inTransaction(em -> beans.administration(em).grantRole(Actor.SYSTEM, erin.id(), "reports", "monthly close",
                null));

        db.run(em -> beans.signInRecorder(em).record(SignIns.of("oid-erin", "erin@bank.example",
                Set.of("employee"), Set.of())));

        UserDetails details = db.inTransaction(em -> beans.directory(em).details(erin.id(), 10));
        assertThat(details.roles()).extracting(RoleView::role).containsExactly("employee", "reports");
        assertThat(details.user().signInCount()).isEqualTo(2);
    }

    @Test
    void roles_entra_changed_during_a_session_replace_the_stored_ones_without_a_sign_in_and_a_local_grant_stays() {
        db.run(em -> beans.signInRecorder(em).record(SignIns.of("oid-adam", "adam@bank.example",
                Set.of("employee", "admin"), Set.of())));
        var adam = db.inTransaction(em -> beans.directory(em).findByEntraIdentity(SignIns.TENANT, "oid-adam"))
                .orElseThrow();
        db.inTransaction(em -> beans.administration(em).grantRole(Actor.SYSTEM, adam.id(), "auditor", "audit",
                null));

        db.run(em -> beans.signInRecorder(em).record(new EmployeeRolesRefreshed(SignIns.TENANT, "oid-adam",
                "adam@bank.example", Set.of("employee", "reports"), Set.of("employee"), Instant.now())));

        UserDetails details = db.inTransaction(em -> beans.directory(em).details(adam.id(), 10));
        assertThat(details.roles()).extracting(RoleView::role, RoleView::source).containsExactly(
                org.assertj.core.groups.Tuple.tuple("auditor", "local"),
                org.assertj.core.groups.Tuple.tuple("employee", "entra-app-role"),
                org.assertj.core.groups.Tuple.tuple("reports", "entra-group"));
        assertThat(details.user().signInCount()).as("a refresh is not a sign-in").isEqualTo(1);
        db.run(em -> beans.signInRecorder(em).record(new EmployeeRolesRefreshed(SignIns.TENANT, "oid-nobody",
                "nobody@bank.example", Set.of("admin"), Set.of("admin"), Instant.now())));
        Optional<io.atrium.audit.UserView> nobody = db.inTransaction(em -> beans.directory(em)
                .findByEntraIdentity(SignIns.TENANT, "oid-nobody"));
        assertThat(nobody).as("someone never recorded is not made up").isEmpty();
    }

    @Test
    void a_bootstrap_admin_named_by_tenant_and_object_id_gets_a_local_admin_grant_once_and_a_revocation_sticks() {
        db.run(em -> beans.signInRecorder(em).record(SignIns.of(BOOTSTRAP_ADMIN, "bootstrap.admin@bank.example",
                Set.of("employee"), Set.of())));
        var boot = db.inTransaction(em -> beans.directory(em).findByEntraIdentity(SignIns.TENANT, BOOTSTRAP_ADMIN))
                .orElseThrow();
        assertThat(db.inTransaction(em -> beans.localAccess(em).standing(SignIns.TENANT, BOOTSTRAP_ADMIN))
                .grantedRoles()).containsExactly("admin");
        assertThat(db.count("SELECT count(*) FROM admin_action WHERE action = 'grant-role' "
                + "AND reason = 'named in ATRIUM_BOOTSTRAP_ADMINS'")).isEqualTo(1);
        assertThat(beans.standingChanges.fired()).hasSize(1);

        // Another admin exists, so the bootstrap admin may lose the role; the next sign-in must not give it back.
        db.run(em -> beans.signInRecorder(em).record(SignIns.of("oid-other", "other@bank.example",
                Set.of("employee", "admin"), Set.of())));
        db.run(em -> beans.administration(em).revokeRole(Actor.SYSTEM, boot.id(), "admin", "handed over"));
        db.run(em -> beans.signInRecorder(em).record(SignIns.of(BOOTSTRAP_ADMIN, "bootstrap.admin@bank.example",
                Set.of("employee"), Set.of())));

        assertThat(db.inTransaction(em -> beans.localAccess(em).standing(SignIns.TENANT, BOOTSTRAP_ADMIN))
                .grantedRoles()).isEmpty();
    }

    @Test
    void the_object_id_is_compared_without_regard_to_case() {
        db.run(em -> beans.signInRecorder(em).record(SignIns.of(BOOTSTRAP_ADMIN.toUpperCase(java.util.Locale.ROOT),
                "someone@bank.example", Set.of(), Set.of())));
        assertThat(db.inTransaction(em -> beans.localAccess(em).standing(SignIns.TENANT,
                BOOTSTRAP_ADMIN.toUpperCase(java.util.Locale.ROOT))).grantedRoles()).containsExactly("admin");
    }

    @Test
    void the_same_object_id_in_another_tenant_is_not_a_bootstrap_admin() {
        EmployeeSignedIn elsewhere = SignIns.of(BOOTSTRAP_ADMIN, "bootstrap.admin@other.example", Set.of(), Set.of());
        db.run(em -> beans.signInRecorder(em).record(new EmployeeSignedIn(OTHER_TENANT, elsewhere.objectId(),
                elsewhere.username(), elsewhere.displayName(), elsewhere.email(), elsewhere.roles(),
                elsewhere.entraSessionId(), elsewhere.clientAddress(), elsewhere.userAgent(), elsewhere.at(),
                "https://login.microsoftonline.com/" + OTHER_TENANT + "/v2.0", elsewhere.subject(),
                elsewhere.appRoles())));

        assertThat(db.inTransaction(em -> beans.localAccess(em).standing(OTHER_TENANT, BOOTSTRAP_ADMIN))
                .grantedRoles()).isEmpty();
    }

    @Test
    void a_user_name_in_the_setting_makes_nobody_an_admin_and_is_refused_at_start_up() {
        Beans namedByUserName = new Beans("bootstrap.admin@bank.example");

        db.run(em -> namedByUserName.signInRecorder(em).record(SignIns.of(BOOTSTRAP_ADMIN,
                "bootstrap.admin@bank.example", Set.of("employee"), Set.of())));

        assertThat(db.inTransaction(em -> namedByUserName.localAccess(em).standing(SignIns.TENANT, BOOTSTRAP_ADMIN))
                .grantedRoles()).isEmpty();
        assertThat(db.count("SELECT count(*) FROM admin_action WHERE action = 'grant-role'")).isZero();
        assertThat(new BootstrapAdmins(Optional.of("bootstrap.admin@bank.example")).problems()).singleElement()
                .asString().startsWith("ATRIUM_BOOTSTRAP_ADMINS (atrium.bootstrap-admins) names "
                        + "'bootstrap.admin@bank.example', a user name");
    }

    @Test
    void a_refused_sign_in_is_recorded_with_reason_and_entra_code_and_linked_to_a_known_user() {
        db.run(em -> beans.signInRecorder(em).record(SignIns.of("oid-erin", "erin@bank.example",
                Set.of("employee"), Set.of())));

        db.run(em -> beans.failureRecorder(em).record(new EmployeeSignInFailed(SignIns.TENANT, "oid-erin",
                "erin@bank.example", "disabled", null, null, "198.51.100.4", "curl/8", Instant.now())));
        db.run(em -> beans.failureRecorder(em).record(new EmployeeSignInFailed(null, null, null,
                "not_assigned", "AADSTS50105", null, "198.51.100.5", "Mozilla/5.0", Instant.now())));

        var erin = db.inTransaction(em -> beans.directory(em).findByEntraIdentity(SignIns.TENANT, "oid-erin"))
                .orElseThrow();
        var events = db.inTransaction(em -> beans.directory(em).details(erin.id(), 10)).recentSignIns();
        assertThat(events).extracting(e -> e.outcome() + ":" + e.failureReason())
                .containsExactly("failure:disabled", "success:null");
        assertThat(erin.signInCount()).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM login_event WHERE user_id IS NULL AND outcome = 'failure' "
                + "AND entra_error_code = 'AADSTS50105' AND failure_reason = 'not_assigned'")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM app_user")).isEqualTo(1);
    }

    @Test
    void a_sign_in_is_one_statement_and_a_second_only_when_entras_roles_changed() throws Exception {
        db.run(em -> beans.signInRecorder(em).record(SignIns.of("oid-erin", "erin@bank.example",
                Set.of("employee"), Set.of("reports"))));

        assertThat(statementsOf(() -> db.run(em -> beans.signInRecorder(em).record(SignIns.of("oid-erin",
                "erin@bank.example", Set.of("employee"), Set.of("reports")))))).isEqualTo(1);
        assertThat(statementsOf(() -> db.run(em -> beans.signInRecorder(em).record(SignIns.of("oid-erin",
                "erin@bank.example", Set.of("employee"), Set.of()))))).isEqualTo(2);

        assertThat(db.count("SELECT count(*) FROM login_event WHERE outcome = 'success'")).isEqualTo(3);
        assertThat(db.count("SELECT count(*) FROM role_grant WHERE role = 'reports'")).isZero();
    }

    /** SQL statements (transaction control aside) {@code signIn} ran at PostgreSQL. */
    private long statementsOf(Runnable signIn) throws Exception {
        db.postgres().resetStatementCounts();
        signIn.run();
        return db.postgres().statementsRun().entrySet().stream()
                .filter(statement -> !statement.getKey().matches("(?i)\\s*(begin|commit|rollback|set|show)\\b.*"))
                .mapToLong(java.util.Map.Entry::getValue).sum();
    }
}
