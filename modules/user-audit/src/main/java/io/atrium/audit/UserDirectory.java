package io.atrium.audit;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads the users Atrium has recorded. */
public interface UserDirectory {

    Optional<UserView> findByEntraIdentity(String tenantId, String objectId);

    /** A page of users in display-name order. */
    default List<UserView> list(int offset, int limit) {
        return search(UserQuery.builder().page(offset, limit).build()).users();
    }

    /** A filtered, sorted page of users, with the number of all matches; three queries whatever the page size. */
    default UserPage search(UserQuery query) {
        return new UserPage(page(query), count(query));
    }

    /** How many users match the query's filters; one query. */
    long count(UserQuery query);

    /** The query's page of matching users, sorted; two queries (the page's ids, then their rows) whatever its size. */
    List<UserView> page(UserQuery query);

    /** @throws AdministrationRefused NOT_FOUND for an unknown id */
    UserDetails details(UUID userId, int recentSignIns);
}
