package io.atrium.standins;

import java.nio.file.Path;

/**
 * The Entra ID tenant Atrium signs in with, as a local peer plays it: what Atrium's settings need to reach it and the
 * truststore that makes a JVM trust its TLS certificate.
 */
public interface EntraTenant extends AutoCloseable {

    /** What azure-identity calls the authority host, {@code https://localhost:PORT}. */
    String authorityHost();

    /** Entra's v2 issuer, {@code {authorityHost}/{tenant}/v2.0}. */
    String issuer();

    String tenantId();

    String clientId();

    String clientSecret();

    /** A PKCS12 truststore holding only this peer's certificate. */
    Path truststore();

    String truststorePassword();

    @Override
    void close();
}
