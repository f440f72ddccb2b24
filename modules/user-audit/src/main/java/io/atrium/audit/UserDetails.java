package io.atrium.audit;

import java.util.List;

/** A user's page: who they are, their current roles with sources, and their most recent sign-in attempts. */
public record UserDetails(UserView user, List<IdentityView> identities, List<RoleView> roles,
                          List<LoginEventView> recentSignIns) {
}
