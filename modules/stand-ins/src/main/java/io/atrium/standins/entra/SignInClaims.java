package io.atrium.standins.entra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import no.nav.security.mock.oauth2.token.RequestMapping;
import no.nav.security.mock.oauth2.token.RequestMappingTokenCallback;

/** The claims of each demo account's sign-in tokens, as the mock's token callbacks map them from the login page. */
final class SignInClaims {

    private final Map<String, Map<String, Object>> byUsername = new ConcurrentHashMap<>();

    /** Sign-in at the tenant's own authority; these are the claims {@link #assignGroups} and the like change. */
    RequestMappingTokenCallback tenantSignIn(String issuerId) {
        return new RequestMappingTokenCallback(issuerId, DemoAccount.ALL.stream()
                .map(account -> claimsMapping(account, EntraStandIn.TENANT_ID, byUsername)).toList(), 3600);
    }

    /**
     * Sign-in through Entra's multi-tenant authority ({@code organizations}): every account signs in with the claims
     * of its own tenant, and each token names that tenant's issuer, as Entra's do.
     */
    static RequestMappingTokenCallback multiTenantSignIn(String authorityHost) {
        Map<String, Map<String, Object>> claimsByUsername = new ConcurrentHashMap<>();
        List<RequestMapping> mappings = new ArrayList<>();
        for (DemoAccount account : DemoAccount.ALL) {
            mappings.add(claimsMapping(account, EntraStandIn.TENANT_ID, claimsByUsername));
        }
        mappings.add(claimsMapping(DemoAccount.PAT, EntraStandIn.PARTNER_TENANT_ID, claimsByUsername));
        mappings.add(claimsMapping(DemoAccount.UNA, EntraStandIn.OUTSIDE_TENANT_ID, claimsByUsername));
        claimsByUsername.values().forEach(claims -> claims.put("iss",
                authorityHost + "/" + claims.get("tid") + "/v2.0"));
        return new RequestMappingTokenCallback(MultiTenantDiscovery.ISSUER_ID, mappings, 3600);
    }

    /** See {@link EntraStandIn#assignGroups}. */
    void assignGroups(DemoAccount account, List<String> groups) {
        if (groups.size() > EntraStandIn.GROUPS_IN_TOKEN_LIMIT
                || account.groups().size() > EntraStandIn.GROUPS_IN_TOKEN_LIMIT) {
            throw new IllegalArgumentException("group overage is not modelled for changed memberships");
        }
        Map<String, Object> claims = byUsername.get(account.username());
        if (groups.isEmpty()) {
            claims.remove("groups");
        } else {
            claims.put("groups", List.copyOf(groups));
        }
    }

    /** See {@link EntraStandIn#assignAppRoles}. */
    void assignAppRoles(DemoAccount account, List<String> roles) {
        byUsername.get(account.username()).put("roles", List.copyOf(roles));
    }

    /**
     * Entra's claims for one account, chosen by the username the login page submits. The mock keeps the map it is
     * given and reads it for every token, refreshed ones included, so a change to it ({@link #assignAppRoles}) applies
     * from the next token on, as a change in Entra does.
     */
    private static RequestMapping claimsMapping(DemoAccount account, String tenantId,
                                                Map<String, Map<String, Object>> signInClaims) {
        Map<String, Object> claims = new ConcurrentHashMap<>();
        signInClaims.put(account.username(), claims);
        claims.put("sub", account.subject());
        // The mock replaces ${clientId} with the client that redeems the code; a mapped aud applies to both tokens.
        claims.put("aud", "${clientId}");
        // Only the mock's default callback adds azp; with mapped claims it has to be mapped too.
        claims.put("azp", "${clientId}");
        claims.put("tid", tenantId);
        claims.put("oid", account.oid());
        claims.put("sid", account.entraSessionId());
        claims.put("preferred_username", account.upn());
        claims.put("email", account.upn());
        claims.put("name", account.displayName());
        claims.put("roles", account.roles());
        putGroups(claims, account);
        claims.put("scp", EntraStandIn.API_SCOPE);
        claims.put("ver", "2.0");
        // requestParam "subject" is the username from the login page; the match is a regular expression.
        return new RequestMapping("subject", Pattern.quote(account.username()), claims, "JWT");
    }

    /**
     * The {@code groups} claim, or, for someone in more groups than fit in a JWT, Entra's group-overage claims: a
     * pointer to the (retired Azure AD Graph) endpoint the groups would come from, and no {@code groups} at all.
     */
    private static void putGroups(Map<String, Object> claims, DemoAccount account) {
        if (account.groups().size() > EntraStandIn.GROUPS_IN_TOKEN_LIMIT) {
            claims.put("_claim_names", Map.of("groups", "src1"));
            claims.put("_claim_sources", Map.of("src1", Map.of("endpoint",
                    "https://graph.windows.net/" + EntraStandIn.TENANT_ID + "/users/" + account.oid()
                            + "/getMemberObjects")));
        } else if (!account.groups().isEmpty()) {
            claims.put("groups", account.groups());
        }
    }
}
