package io.atrium.standins.graph;

import java.util.List;

import io.atrium.standins.entra.DemoAccount;

/**
 * A user as the Graph stand-in knows them: the profile {@code /me} answers and the groups
 * {@code /me/transitiveMemberOf} lists.
 *
 * @param id       the user's object id, the {@code oid} of their tokens
 * @param groupIds object ids of every group they are in, directly or through nested groups, in the order listed
 */
public record GraphUser(String id, String displayName, String userPrincipalName, String mail, String jobTitle,
                        String department, List<String> groupIds) {

    public GraphUser {
        groupIds = List.copyOf(groupIds);
    }

    public static GraphUser of(DemoAccount account) {
        return new GraphUser(account.oid(), account.displayName(), account.upn(), account.upn(), account.jobTitle(),
                account.department(), account.groups());
    }
}
