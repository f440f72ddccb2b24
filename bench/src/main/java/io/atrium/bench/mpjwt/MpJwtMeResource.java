package io.atrium.bench.mpjwt;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** The same answer as Atrium's, from the token Payara's MP-JWT mechanism validated. */
@Path("/v1/me")
@RequestScoped
public class MpJwtMeResource {

    @Inject
    JsonWebToken token;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("employee")
    public Me me() {
        String scopes = token.getClaim("scp");
        return new Me("employee", token.getClaim("oid"), token.getClaim("tid"), token.getClaim("preferred_username"),
                token.getClaim("name"), token.getClaim("email"), List.copyOf(token.getGroups()),
                token.getClaim("azp"), scopes == null ? List.of() : List.of(scopes.split(" ")));
    }

    /** The shape of Atrium's answer. */
    public record Me(String kind, String objectId, String tenantId, String username, String displayName, String email,
                     List<String> roles, String clientId, List<String> scopes) {
    }
}
