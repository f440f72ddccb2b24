package io.atrium.audit;

/**
 * Who performs an administrative action, as written into the admin-action log: an employee ({@code tid/oid}, with
 * their user name for people reading the log) or Atrium itself ({@link #SYSTEM}).
 */
public record Actor(String id, String name) {

    public static final Actor SYSTEM = new Actor("system", "Atrium");

    public Actor {
        if (id == null || id.isBlank() || name == null) {
            throw new IllegalArgumentException("an actor needs an id and a name");
        }
    }

    public static Actor employee(String tenantId, String objectId, String username) {
        return new Actor(tenantId + "/" + objectId, username == null ? objectId : username);
    }

    /** An application calling the admin API with its own token, named by its client id. */
    public static Actor application(String clientId) {
        return new Actor("app:" + clientId, "application " + clientId);
    }

    /** The form kept in the log: id and name together, so that the log reads without a join. */
    public String described() {
        return name + " (" + id + ")";
    }
}
