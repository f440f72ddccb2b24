package io.atrium.bench.baseline;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The baseline WAR: the same kind of JAX-RS endpoint as Atrium's, without any security. */
@ApplicationPath("/api")
public class BaselineApi extends Application {
}
