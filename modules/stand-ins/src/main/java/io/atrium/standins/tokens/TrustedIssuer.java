package io.atrium.standins.tokens;

import java.nio.file.Path;

/**
 * The Entra tenant whose access tokens a stand-in of a Microsoft API (Graph, Azure OpenAI) accepts.
 *
 * @param issuer             the tokens' {@code iss}; its OpenID metadata names the signing keys
 * @param clientId           an audience Graph accepts besides its own: the mock issues the sign-in's access token for
 *                           the client, where Entra would issue it for Graph when only Graph scopes are asked for
 * @param truststore         a PKCS12 truststore for the tenant's TLS certificate
 * @param truststorePassword its password
 */
public record TrustedIssuer(String issuer, String clientId, Path truststore, String truststorePassword) {
}
