package io.atrium.standins.entra;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A person who can sign in at the Entra ID stand-in, with the claims Entra would put in their tokens and what Microsoft
 * Graph knows of them.
 *
 * @param username    what the login page submits; chooses the account
 * @param displayName the {@code name} claim
 * @param upn         the {@code preferred_username} and {@code email} claims
 * @param oid         the {@code oid} claim: the user's object id, stable across applications
 * @param subject     the {@code sub} claim: pairwise per application in Entra, so it deliberately differs from oid
 * @param roles       the {@code roles} claim: app roles as Entra emits them
 * @param groups      the object ids of every group the person is in, directly or through nested groups: the
 *                    {@code groups} claim, unless there are more than Entra puts in a token (group overage); the
 *                    Graph stand-in lists them all
 * @param jobTitle    Graph's {@code jobTitle}
 * @param department  Graph's {@code department}
 */
public record DemoAccount(String username, String displayName, String upn, String oid, String subject,
                          List<String> roles, List<String> groups, String jobTitle, String department) {

    /** The "Atrium Admins" security group: its members are Atrium's administrators once mapped to {@code admin}. */
    public static final String ATRIUM_ADMINS_GROUP = "5d1c8a7e-2b3f-4e6a-9c0d-8f7e6a5b4c3d";

    /** "All Employees": everyone is in it and it maps to no role, as most of a person's groups do. */
    public static final String ALL_EMPLOYEES_GROUP = "a7e3c9d1-4b2f-4c8e-b6a5-0d9f8e7c6b5a";

    public static final DemoAccount ERIN = new DemoAccount("erin", "Erin Employee", "erin@atrium.example",
            "3b1f2e4d-7a6c-4d5e-8f90-1a2b3c4d5e6f", "Xq3vG8mN1rT5yL0pK7wZ2bC4dF6hJ9sA1eR3uI5oQ8E",
            List.of("employee"), List.of(ALL_EMPLOYEES_GROUP), "Analyst", "Retail Banking");

    public static final DemoAccount ADAM = new DemoAccount("adam", "Adam Admin", "adam@atrium.example",
            "9c8d7e6f-5a4b-4c3d-9e2f-1a0b9c8d7e6f", "Lm2nB4vC6xZ8aS0dF1gH3jK5lP7oI9uY2tR4eW6qA1M",
            List.of("employee", "admin"), List.of(ALL_EMPLOYEES_GROUP, ATRIUM_ADMINS_GROUP), "Platform Engineer",
            "IT Operations");

    /**
     * In 250 groups, more than Entra puts in a token, so her tokens carry the group-overage claims instead; "Atrium
     * Admins" is past the first page of Graph's answer, so only a client that follows every page finds it.
     */
    public static final DemoAccount OLIVIA = new DemoAccount("olivia", "Olivia Overage", "olivia@atrium.example",
            "4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8", "Vb7nM3xK9pQ2wE5rT8yU1iO4aS6dF0gH2jL4kZ7cX9B",
            List.of("employee"), manyGroups(250, 150), "Programme Manager", "Transformation Office");

    public static final List<DemoAccount> ALL = List.of(ERIN, ADAM, OLIVIA);

    /**
     * An employee of a partner company's own Entra tenant ({@code EntraStandIn.PARTNER_TENANT_ID}), who signs in
     * through the multi-tenant {@code organizations} authority only.
     */
    public static final DemoAccount PAT = new DemoAccount("pat", "Pat Partner", "pat@partner.example",
            "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d", "Pq8wE2rT4yU6iO8aS0dF2gH4jK6lZ8xC0vB2nM4qW6E",
            List.of("employee"), List.of(), "Consultant", "Partner Advisory");

    /** Someone from a tenant no multi-tenant Atrium lists ({@code EntraStandIn.OUTSIDE_TENANT_ID}). */
    public static final DemoAccount UNA = new DemoAccount("una", "Una Unlisted", "una@elsewhere.example",
            "7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2918", "Zx1cV3bN5mA7sD9fG1hJ3kL5qW7eR9tY1uI3oP5aS7D",
            List.of("employee"), List.of(), "Visitor", "Elsewhere");

    /** The accounts of other tenants than the home tenant; see {@link #PAT} and {@link #UNA}. */
    public static final List<DemoAccount> OTHER_TENANTS = List.of(PAT, UNA);

    public DemoAccount {
        roles = List.copyOf(roles);
        groups = List.copyOf(groups);
    }

    /** "All Employees", "Atrium Admins" at {@code adminsAt}, and made-up project groups up to {@code count}. */
    private static List<String> manyGroups(int count, int adminsAt) {
        List<String> groups = new ArrayList<>(List.of(ALL_EMPLOYEES_GROUP));
        for (int i = 1; groups.size() < count - 1; i++) {
            groups.add(UUID.nameUUIDFromBytes(("demo-project-group-" + i).getBytes(StandardCharsets.UTF_8)).toString());
        }
        groups.add(adminsAt, ATRIUM_ADMINS_GROUP);
        return groups;
    }

    /**
     * The {@code sid} in this account's tokens. Real Entra gives one per Entra session; the stand-in has no sessions,
     * so each account keeps one for good, which is enough to test front-channel logout.
     */
    public String entraSessionId() {
        return UUID.nameUUIDFromBytes(("entra-session:" + username).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
