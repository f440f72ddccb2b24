package io.atrium.audit.internal.persistence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.audit.Actor;
import io.atrium.audit.AdministrationRefused;
import io.atrium.audit.UserPage;
import io.atrium.audit.UserQuery;
import io.atrium.audit.UserView;
import io.atrium.audit.internal.AuditDatabase;
import io.atrium.audit.internal.Beans;
import io.atrium.audit.internal.SignIns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserDirectoryOnPostgresTest {

    private final AuditDatabase db = AuditDatabase.get();
    private final Beans beans = new Beans(null);

    @BeforeEach
    void threeUsers() {
        db.reset();
        for (String name : new String[]{"erin", "adam", "olivia_o"}) {
            db.run(em -> beans.signInRecorder(em).record(SignIns.of("oid-" + name, name + "@bank.example",
                    name.equals("adam") ? Set.of("employee", "admin") : Set.of("employee"), Set.of())));
        }
        db.sql("UPDATE app_user SET last_sign_in_at = now() - interval '40 days' WHERE object_id = 'oid-olivia_o'");
        var erin = db.inTransaction(em -> beans.directory(em).findByEntraIdentity(SignIns.TENANT, "oid-erin"))
                .orElseThrow();
        db.run(em -> beans.administration(em).disable(Actor.SYSTEM, erin.id(), "left"));
    }

    @Test
    void filters_combine_and_the_total_counts_all_matches() {
        assertThat(names(query("ERIN", null, null, null, null))).containsExactly("erin@bank.example");
        assertThat(names(query(null, "bank.example", "active", null, null))).containsExactly("adam@bank.example",
                "olivia_o@bank.example");
        assertThat(names(query(null, null, null, "admin", null))).containsExactly("adam@bank.example");
        assertThat(names(query(null, null, null, null, Instant.now().minus(30, ChronoUnit.DAYS))))
                .containsExactly("adam@bank.example", "erin@bank.example");
        // '_' is a LIKE wildcard; the filter means the character.
        assertThat(names(query("a_o", null, null, null, null))).containsExactly("olivia_o@bank.example");
    }

    @Test
    void pages_are_sorted_on_the_server_with_the_total_of_all_pages() {
        UserPage first = db.inTransaction(em -> beans.directory(em).search(UserQuery.builder()
                .sort(UserQuery.Sort.LAST_SIGN_IN, false).page(0, 2).build()));
        UserPage second = db.inTransaction(em -> beans.directory(em).search(UserQuery.builder()
                .sort(UserQuery.Sort.LAST_SIGN_IN, false).page(2, 2).build()));

        assertThat(first.total()).isEqualTo(3);
        assertThat(first.users()).extracting(UserView::username).first().isEqualTo("olivia_o@bank.example");
        assertThat(second.users()).hasSize(1);
    }

    @Test
    void nonsense_paging_is_refused_with_a_message() {
        assertThatThrownBy(() -> UserQuery.builder().page(0, 500).build())
                .isInstanceOf(AdministrationRefused.class).hasMessage("limit must be between 1 and 200");
        assertThatThrownBy(() -> UserQuery.Status.parse("gone"))
                .isInstanceOfSatisfying(AdministrationRefused.class, refused -> assertThat(refused.kind())
                        .isEqualTo(AdministrationRefused.Kind.INVALID))
                .hasMessage("status must be 'active' or 'disabled'");
        Instant now = Instant.now();
        assertThatThrownBy(() -> UserQuery.builder().signedIn(now, now).build())
                .isInstanceOf(AdministrationRefused.class).hasMessage("the sign-in range must start before it ends");
        assertThatThrownBy(() -> UserQuery.builder().page(-1, 5).build())
                .isInstanceOf(AdministrationRefused.class).hasMessage("offset must not be negative");
    }

    @Test
    void a_status_filter_is_read_as_a_person_writes_it_and_blank_means_any() {
        assertThat(UserQuery.Status.parse(" Disabled ")).isEqualTo(UserQuery.Status.DISABLED);
        assertThat(UserQuery.Status.parse("")).isNull();
        assertThat(names(query(null, null, "disabled", null, null))).containsExactly("erin@bank.example");
    }

    private UserPage query(String name, String email, String status, String role, Instant from) {
        return db.inTransaction(em -> beans.directory(em).search(UserQuery.builder().name(name).email(email)
                .status(UserQuery.Status.parse(status)).role(role).signedIn(from, null)
                .sort(UserQuery.Sort.USERNAME, false).page(0, 50).build()));
    }

    private static java.util.List<String> names(UserPage page) {
        assertThat(page.total()).isEqualTo(page.users().size());
        return page.users().stream().map(UserView::username).toList();
    }
}
