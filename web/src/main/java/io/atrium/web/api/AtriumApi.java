package io.atrium.web.api;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * Atrium's REST API under {@code /api}, for other internal applications. Callers are authenticated with Entra access
 * tokens by Atrium's authentication mechanism; every resource method declares the roles it needs.
 */
@ApplicationPath("/api")
@ApplicationScoped
public class AtriumApi extends Application {

    /**
     * Jersey checks {@code @RolesAllowed} on resources that are not EJBs only with this feature registered. Jersey
     * also holds back the first 8 KiB of every response to compute its Content-Length, and a flush does not release
     * them: a streamed answer would reach the caller all at once at the end, and a caller who went away would be
     * noticed only then (ChatCompletionsIT). Without that buffer, responses go out chunked as they are written.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.provider.classnames",
                "org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature",
                "jersey.config.server.contentLength.buffer", 0);
    }
}
