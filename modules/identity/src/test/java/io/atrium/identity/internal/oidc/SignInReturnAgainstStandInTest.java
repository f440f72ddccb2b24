package io.atrium.identity.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.util.URLUtils;

import io.atrium.identity.InMemoryHttp;
import io.atrium.standins.Truststores;
import io.atrium.standins.entra.EntraStandIn;
import io.atrium.identity.EntraSettings;
import io.atrium.identity.internal.credential.AppCredentials;

/** Where a sign-in started at the Entra stand-in will return the employee to. */
class SignInReturnAgainstStandInTest {

    private static EntraStandIn entra;
    private static OidcSignIn signIn;

    @BeforeAll
    static void start() throws Exception {
        entra = EntraStandIn.start(Files.createTempDirectory("atrium-return-test"), 0);
        HTTPRequest.setDefaultSSLSocketFactory(
                Truststores.trusting(entra.truststore(), entra.truststorePassword()).getSocketFactory());
        OidcSettings settings = new OidcSettings(new EntraSettings(entra.authorityHost(),
                Optional.of(entra.tenantId()), Optional.of(entra.clientId())),
                AppCredentials.clientSecret(entra.clientSecret()), "openid profile email offline_access",
                60, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        signIn = new OidcSignIn(settings, new EntraMetadata(settings), null, null, null, null,
                SignInCredentials.clientSecret(settings));
    }

    @AfterAll
    static void stop() {
        entra.close();
    }

    @ParameterizedTest(name = "{0} returns to {1}")
    @CsvSource(delimiter = '|', value = {
            "/chat.xhtml?c=42           | /chat.xhtml?c=42",
            "//evil.example/x           | /",
            "/\\evil.example            | /",
            "/%2F%2Fevil.example/x      | /",
            "/%5Cevil.example           | /",
            "https://evil.example/x     | /"})
    void a_sign_in_remembers_only_a_page_of_atriums_own_to_return_to(String asked, String remembered) throws Exception {
        InMemoryHttp.Session browser = new InMemoryHttp.Session();

        URI authorize = signIn.start(InMemoryHttp.get(asked, browser), asked, Prompt.DEFAULT);

        String state = URLUtils.parseParameters(authorize.getRawQuery()).get("state").get(0);
        assertThat(PendingSignIns.take(browser.session(), state, Instant.now())).get()
                .extracting(PendingSignIn::returnTo).isEqualTo(remembered);
    }
}
