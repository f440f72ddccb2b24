package io.atrium.bench.mpjwt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.auth.LoginConfig;

/**
 * Payara's own MicroProfile JWT mechanism, for comparison: it validates with MP-JWT's parser on every request. The
 * application must be a CDI bean, or Payara ignores {@code @LoginConfig} (../shared/RUNTIME-FACTS.md).
 */
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT")
@ApplicationScoped
public class MpJwtApi extends Application {
}
