package io.atrium.audit.internal.persistence;

import java.util.List;
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

    /** One query for the page, sign-in counts included, rather than one more query per user. */
    @Override
    public List<UserView> list(int offset, int limit) {
        return entityManager.createNamedQuery("UserEntity.pageWithSignInCounts", Object[].class)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(row -> view((UserEntity) row[0], ((Number) row[1]).longValue()))
                .toList();
    }

    @Override
    public Optional<UserView> findByEntraIdentity(String tenantId, String objectId) {
        return entityManager.createNamedQuery("UserEntity.findByEntraIdentity", UserEntity.class)
                .setParameter("tenantId", tenantId)
                .setParameter("objectId", objectId)
                .getResultStream()
                .findFirst()
                .map(user -> view(user, entityManager.createNamedQuery("LoginEventEntity.countSuccessesOfUser", Long.class)
                        .setParameter("userId", user.id())
                        .getSingleResult()));
    }

    private static UserView view(UserEntity user, long signInCount) {
        return new UserView(user.tenantId(), user.objectId(), user.username(), user.displayName(), user.email(),
                user.status(), user.firstSeenAt(), user.lastSignInAt(), signInCount);
    }
}
