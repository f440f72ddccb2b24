package io.atrium.audit.internal.signin;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.atrium.audit.internal.persistence.LoginEventEntity;
import io.atrium.identity.events.EmployeeSignedIn;

/**
 * Records every sign-in: the user row is created on the first and refreshed on each later one, and a login event is
 * appended, in one transaction. Observed synchronously, so a sign-in that cannot be recorded does not happen.
 */
@ApplicationScoped
public class SignInRecorder {

    /*
     * One statement whatever the user's history: INSERT ... ON CONFLICT makes two simultaneous first sign-ins of the
     * same person end in one row, where find-then-persist would race and one of them would fail on the unique key.
     */
    private static final String UPSERT_USER = """
            INSERT INTO app_user (tenant_id, object_id, username, display_name, email,
                                  first_seen_at, last_seen_at, last_sign_in_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?6)
            ON CONFLICT (tenant_id, object_id) DO UPDATE
               SET username = EXCLUDED.username, display_name = EXCLUDED.display_name, email = EXCLUDED.email,
                   last_seen_at = EXCLUDED.last_seen_at, last_sign_in_at = EXCLUDED.last_sign_in_at
            RETURNING id
            """;

    @PersistenceContext(unitName = "atrium-audit")
    EntityManager entityManager;

    @Transactional
    public void record(@Observes EmployeeSignedIn signIn) {
        OffsetDateTime at = signIn.at().atOffset(ZoneOffset.UTC);
        UUID userId = (UUID) entityManager.createNativeQuery(UPSERT_USER)
                .setParameter(1, signIn.tenantId())
                .setParameter(2, signIn.objectId())
                .setParameter(3, signIn.username())
                .setParameter(4, signIn.displayName())
                .setParameter(5, signIn.email())
                .setParameter(6, at)
                .getSingleResult();
        entityManager.persist(LoginEventEntity.success(userId, signIn.at(), signIn.clientAddress(),
                signIn.userAgent(), signIn.entraSessionId()));
    }
}
