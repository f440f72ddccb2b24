package io.atrium.audit;

import java.util.Optional;

/** Reads the users Atrium has recorded. */
public interface UserDirectory {

    Optional<UserView> findByEntraIdentity(String tenantId, String objectId);
}
