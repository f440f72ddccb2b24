package io.atrium.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.atrium.identity.internal.security.SignInAgainRequests;

class SignInAgainTest {

    private static final AccessTokenUnavailableException MFA_NEEDED = AccessTokenUnavailableException.refused(
            "Entra wants multi-factor authentication", "interaction_required", "AADSTS50079", null, true,
            "https://login.microsoftonline.com/tenant/oauth2/v2.0/authorize", null);

    @ParameterizedTest(name = "{0} comes back to {1}")
    @CsvSource(delimiter = '|', value = {
            "/chat.xhtml?c=42           | /chat.xhtml?c=42",
            "//evil.example/x           | /",
            "/%2F%2Fevil.example/x      | /",
            "/%5Cevil.example           | /",
            "/%09/evil.example          | /"})
    void signing_in_again_comes_back_only_to_a_page_of_atriums_own(String asked, String comesBackTo) {
        InMemoryHttp.Session browser = new InMemoryHttp.Session();
        SignInAgain signInAgain = new SignInAgain();
        signInAgain.request = InMemoryHttp.get("/chat.xhtml", browser);

        assertThat(signInAgain.pathFor(MFA_NEEDED, asked)).contains("/auth/sign-in-again");

        assertThat(SignInAgainRequests.take(browser.session())).get()
                .extracting(SignInAgainRequests.Request::returnTo).isEqualTo(comesBackTo);
    }
}
