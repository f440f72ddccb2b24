package io.atrium.audit.internal.persistence;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.atrium.audit.UserDirectory;
import io.atrium.audit.UserView;

@ApplicationScoped
public class JpaUserDirectory implements UserDirectory {

    @PersistenceContext(unitName = "atrium-audit")
    EntityManager entityManager;

    @Override
    public Optional<UserView> findByEntraIdentity(String tenantId, String objectId) {
        return entityManager.createNamedQuery("UserEntity.findByEntraIdentity", UserEntity.class)
                .setParameter("tenantId", tenantId)
                .setParameter("objectId", objectId)
                .getResultStream()
                .findFirst()
                .map(user -> new UserView(user.tenantId(), user.objectId(), user.username(), user.displayName(),
                        user.email(), user.status(), user.firstSeenAt(), user.lastSignInAt(),
                        entityManager.createNamedQuery("LoginEventEntity.countSuccessesOfUser", Long.class)
                                .setParameter("userId", user.id())
                                .getSingleResult()));
    }
}
