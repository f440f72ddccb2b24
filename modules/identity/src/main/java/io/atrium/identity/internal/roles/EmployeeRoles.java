package io.atrium.identity.internal.roles;

import java.text.ParseException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.nimbusds.jwt.JWTClaimsSet;

import io.atrium.identity.internal.graph.GraphFailure;
import io.atrium.identity.internal.graph.GraphGroups;
import io.atrium.identity.internal.graph.GraphToken;
import io.atrium.identity.internal.oidc.SignInFailure;

/**
 * An employee's Atrium roles at sign-in: the app roles Entra puts in the {@code roles} claim, together with the roles
 * that {@code atrium.roles.group-mapping} gives for their groups.
 *
 * <p>The groups come from the {@code groups} claim, except for someone in more groups than Entra puts in a token
 * (more than 200 in a JWT): Entra then leaves {@code groups} out and signals "group overage" with
 * {@code _claim_names}, and the groups are read from Microsoft Graph with the sign-in's access token. Without a
 * mapping, groups decide nothing, so Graph is not asked.
 */
@ApplicationScoped
public class EmployeeRoles {

    private static final Logger LOG = Logger.getLogger(EmployeeRoles.class.getName());

    private final GroupRoleMapping mapping;
    private final GraphGroups graph;

    @Inject
    public EmployeeRoles(@ConfigProperty(name = "atrium.roles.group-mapping") Optional<String> groupMapping,
                         GraphGroups graph) {
        this.mapping = GroupRoleMapping.parse(groupMapping.orElse(""));
        this.graph = graph;
    }

    /** For CDI's proxy. */
    protected EmployeeRoles() {
        this.mapping = null;
        this.graph = null;
    }

    /** The entries of the group mapping that are wrong, each as a sentence naming its environment variable. */
    public List<String> problems() {
        return mapping.problems();
    }

    /**
     * The roles of the employee a verified ID token describes.
     *
     * @param graphToken gives a Microsoft Graph token of the employee, asked for only on group overage
     * @throws SignInFailure {@code TOKEN_REJECTED} when a claim has the wrong shape, {@code ENTRA_UNREACHABLE} when
     *                       Graph is needed and cannot tell the groups
     */
    public Set<String> of(JWTClaimsSet idTokenClaims, GraphToken graphToken) throws SignInFailure {
        Set<String> roles = new LinkedHashSet<>(stringList(idTokenClaims, "roles"));
        if (!mapping.isEmpty()) {
            for (String group : groups(idTokenClaims, graphToken)) {
                roles.addAll(mapping.rolesOf(group));
            }
        }
        return Collections.unmodifiableSet(roles);
    }

    private Collection<String> groups(JWTClaimsSet claims, GraphToken graphToken) throws SignInFailure {
        if (claims.getClaim("groups") == null && isGroupOverage(claims)) {
            return groupsFromGraph(claims, graphToken);
        }
        return stringList(claims, "groups");
    }

    private Set<String> groupsFromGraph(JWTClaimsSet claims, GraphToken graphToken) throws SignInFailure {
        Object oid = claims.getClaim("oid");
        try {
            Set<String> groups = graph.transitiveGroupIds(graphToken.get());
            LOG.info(() -> "group overage for oid=" + oid + ": " + groups.size() + " groups read from Microsoft Graph");
            return groups;
        } catch (GraphFailure e) {
            throw new SignInFailure(SignInFailure.Reason.ENTRA_UNREACHABLE, "the ID token of oid=" + oid
                    + " signals group overage and Microsoft Graph could not list the groups: " + e.getMessage(), e);
        }
    }

    /**
     * Entra's overage signals: {@code _claim_names} naming {@code groups}, or {@code hasgroups}, which Entra writes
     * instead in tokens that travel in a URL.
     */
    private static boolean isGroupOverage(JWTClaimsSet claims) throws SignInFailure {
        try {
            Map<String, Object> claimNames = claims.getJSONObjectClaim("_claim_names");
            return claimNames != null && claimNames.containsKey("groups")
                    || Boolean.TRUE.equals(claims.getBooleanClaim("hasgroups"));
        } catch (ParseException e) {
            throw new SignInFailure(SignInFailure.Reason.TOKEN_REJECTED,
                    "ID token claim '_claim_names' or 'hasgroups' has the wrong shape: " + e.getMessage(), e);
        }
    }

    private static List<String> stringList(JWTClaimsSet claims, String name) throws SignInFailure {
        try {
            List<String> values = claims.getStringListClaim(name);
            return values == null ? List.of() : values;
        } catch (ParseException e) {
            throw new SignInFailure(SignInFailure.Reason.TOKEN_REJECTED, "ID token claim '" + name
                    + "' is not a list of strings", e);
        }
    }
}
