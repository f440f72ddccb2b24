package io.atrium.standins.entra;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.NettyWrapper;
import no.nav.security.mock.oauth2.http.Ssl;
import no.nav.security.mock.oauth2.http.SslKeystore;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/** The mock-oauth2-server's configuration as one Entra tenant: TLS, the demo login page, the token callbacks. */
final class MockServerConfig {

    private MockServerConfig() {
    }

    /**
     * Writes the demo login page into {@code workDirectory} and configures the server around it.
     *
     * @param issuerId      the sign-in issuer's id, {@code {tenant}/v2.0}
     * @param authorityHost where the stand-in will listen, which the multi-tenant tokens' issuers name
     */
    static OAuth2Config of(Path workDirectory, LocalhostCertificate certificate, String issuerId,
                           TokenEndpointClaims tokenEndpoint, SignInClaims signInClaims, String authorityHost)
            throws IOException {
        Path loginPage = DemoLoginPage.writeTo(workDirectory.resolve("login.html"),
                Stream.concat(DemoAccount.ALL.stream(), DemoAccount.OTHER_TENANTS.stream()).toList());
        Ssl ssl = new Ssl(new SslKeystore(LocalhostCertificate.KEYSTORE_PASSWORD, certificate.keystore().toFile(),
                SslKeystore.KeyStoreType.PKCS12, LocalhostCertificate.KEYSTORE_PASSWORD));
        return new OAuth2Config(true, loginPage.toString(), null, false,
                new OAuth2TokenProvider(new TenantSigningKey(Set.of(tokenEndpoint.issuerId(),
                        MultiTenantDiscovery.ISSUER_ID), issuerId)),
                Set.of(signInClaims.tenantSignIn(issuerId), tokenEndpoint,
                        SignInClaims.multiTenantSignIn(authorityHost)),
                new NettyWrapper(ssl));
    }
}
