package io.atrium.bench.floor;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The baseline's API with {@code @RolesAllowed} checked, as Atrium's API has it. Its resource is listed, because the
 * baseline's resource, whose answer it reuses, is in the same WAR at the same path.
 */
@ApplicationPath("/api")
@ApplicationScoped
public class FloorApi extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(FloorMeResource.class);
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.provider.classnames",
                "org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature");
    }
}
