package io.atrium.audit.internal.chain;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.audit.Actor;
import io.atrium.audit.AdminActionQuery;
import io.atrium.audit.ChainVerification;
import io.atrium.audit.internal.AuditDatabase;
import io.atrium.audit.internal.Beans;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chain keyed by a key outside the database: what someone with the table owner's rights can do (lift the guard,
 * change a row, recompute every later hash as the unkeyed chain does) is reported.
 */
class KeyedAdminActionChainOnPostgresTest {

    private static final String KEY = "2026-12:" + randomKey();
    private static final String OLD_KEY = "2026-11:" + randomKey();

    private final AuditDatabase db = AuditDatabase.get();

    @BeforeEach
    void emptyLog() {
        db.reset();
    }

    @Test
    void a_keyed_chain_verifies_and_stores_no_plain_hash() {
        Beans keyed = new Beans(null, new ActionSeal(Optional.of(KEY), 0));
        appendFive(keyed);

        assertThat(verify(keyed).intact()).isTrue();
        assertThat(db.count("SELECT count(*) FROM admin_action WHERE hash LIKE 'hmac-sha256:2026-12:%'")).isEqualTo(5);
    }

    @Test
    void a_chain_rewritten_by_someone_without_the_key_is_reported_at_the_first_rewritten_entry() {
        Beans keyed = new Beans(null, new ActionSeal(Optional.of(KEY), 0));
        appendFive(keyed);
        rewriteFromThirdWithoutTheKey();

        ChainVerification verification = verify(keyed);
        assertThat(verification.firstBrokenSeq()).isEqualTo(3);
        assertThat(verification.problem()).isEqualTo("entry 3 is not sealed with Atrium's chain key: it was written "
                + "or rewritten by someone without the key");
        // The same rewrite of an unkeyed chain goes unnoticed: this is what the key adds.
        db.reset();
        Beans unkeyed = new Beans(null);
        appendFive(unkeyed);
        rewriteFromThirdWithoutTheKey();
        assertThat(verify(unkeyed).intact()).isTrue();
    }

    @Test
    void a_rotated_key_verifies_the_old_entries_and_unkeyed_ones_count_only_up_to_the_configured_entry() {
        appendFive(new Beans(null));
        appendFive(new Beans(null, new ActionSeal(Optional.of(OLD_KEY), 5)));
        Beans rotated = new Beans(null, new ActionSeal(Optional.of(KEY + "," + OLD_KEY), 5));
        appendFive(rotated);

        assertThat(verify(rotated).intact()).isTrue();
        assertThat(verify(rotated).entriesChecked()).isEqualTo(15);
        ChainVerification withoutTheOldKey = verify(new Beans(null, new ActionSeal(Optional.of(KEY), 5)));
        assertThat(withoutTheOldKey.firstBrokenSeq()).isEqualTo(6);
        assertThat(withoutTheOldKey.problem()).contains("'2026-11'").contains("cannot be verified");
        assertThat(verify(new Beans(null, new ActionSeal(Optional.of(KEY + "," + OLD_KEY), 4))).firstBrokenSeq())
                .isEqualTo(5);
    }

    @Test
    void wrong_keys_are_named_at_start_up() {
        assertThat(new ActionSeal(Optional.of(KEY), 0).problems()).isEmpty();
        assertThat(new ActionSeal(Optional.of("short:c2hvcnQ="), 0).problems()).singleElement().asString()
                .startsWith("ATRIUM_AUDIT_CHAIN_KEYS").contains("'short'");
        assertThat(new ActionSeal(Optional.of(KEY + "," + KEY), 0).problems()).singleElement().asString()
                .contains("used twice");
        assertThat(new ActionSeal(Optional.empty(), -1).problems()).singleElement().asString()
                .startsWith("ATRIUM_AUDIT_CHAIN_UNKEYED_UNTIL");
    }

    private void appendFive(Beans beans) {
        for (int i = 1; i <= 5; i++) {
            String target = "user " + i;
            db.run(em -> beans.chain(em).append(Actor.SYSTEM, "disable-user", null, target, "status=active",
                    "status=disabled", "left the bank"));
        }
    }

    /** Entry 3 changed, and it and every later entry re-hashed as the unkeyed chain hashes: all an owner can do. */
    private void rewriteFromThirdWithoutTheKey() {
        db.sql("ALTER TABLE admin_action DISABLE TRIGGER admin_action_no_update_or_delete",
                "UPDATE admin_action SET reason = 'nothing to see' WHERE seq = 3");
        db.run(em -> {
            var log = new Beans(null).actionLog(em);
            var entries = log.search(new AdminActionQuery(null, null, null, null, null, 0, 100));
            String previous = entries.stream().filter(entry -> entry.seq() == 2).findFirst().orElseThrow().hash();
            for (long seq = 3; seq <= 5; seq++) {
                long current = seq;
                var entry = entries.stream().filter(candidate -> candidate.seq() == current).findFirst().orElseThrow();
                String hash = ActionHash.sha256(ActionHash.text(previous, entry.seq(), entry.occurredAt(),
                        entry.actor(), entry.action(), entry.targetUserId(), entry.target(), entry.before(),
                        entry.after(), entry.reason()));
                db.sql("UPDATE admin_action SET previous_hash = '" + previous + "', hash = '" + hash
                        + "' WHERE seq = " + seq);
                previous = hash;
            }
        });
        db.sql("ALTER TABLE admin_action ENABLE TRIGGER admin_action_no_update_or_delete");
    }

    private ChainVerification verify(Beans beans) {
        return db.inTransaction(em -> beans.actionLog(em).verify());
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
