package io.atrium.audit;

import java.util.List;
import java.util.Optional;

/** Reads the users Atrium has recorded. */
public interface UserDirectory {

    Optional<UserView> findByEntraIdentity(String tenantId, String objectId);

    /** A page of users in display-name order. */
    List<UserView> list(int offset, int limit);
}
