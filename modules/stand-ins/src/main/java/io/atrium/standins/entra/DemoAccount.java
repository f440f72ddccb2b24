package io.atrium.standins.entra;

import java.util.List;

/**
 * A person who can sign in at the Entra ID stand-in, with the claims Entra would put in their tokens.
 *
 * @param username    what the login page submits; chooses the account
 * @param displayName the {@code name} claim
 * @param upn         the {@code preferred_username} and {@code email} claims
 * @param oid         the {@code oid} claim: the user's object id, stable across applications
 * @param subject     the {@code sub} claim: pairwise per application in Entra, so it deliberately differs from oid
 * @param roles       the {@code roles} claim: app roles as Entra emits them
 */
public record DemoAccount(String username, String displayName, String upn, String oid, String subject,
                          List<String> roles) {

    public static final DemoAccount ERIN = new DemoAccount("erin", "Erin Employee", "erin@atrium.example",
            "3b1f2e4d-7a6c-4d5e-8f90-1a2b3c4d5e6f", "Xq3vG8mN1rT5yL0pK7wZ2bC4dF6hJ9sA1eR3uI5oQ8E",
            List.of("employee"));

    public static final DemoAccount ADAM = new DemoAccount("adam", "Adam Admin", "adam@atrium.example",
            "9c8d7e6f-5a4b-4c3d-9e2f-1a0b9c8d7e6f", "Lm2nB4vC6xZ8aS0dF1gH3jK5lP7oI9uY2tR4eW6qA1M",
            List.of("employee", "admin"));

    public static final List<DemoAccount> ALL = List.of(ERIN, ADAM);

    public DemoAccount {
        roles = List.copyOf(roles);
    }
}
