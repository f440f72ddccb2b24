package io.atrium.identity.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import io.atrium.identity.EntraSettings;
import io.atrium.identity.internal.credential.AppCredentials;

class OidcSettingsTest {

    @Test
    void complete_settings_have_no_problems_and_give_entras_v2_issuer() {
        OidcSettings settings = new OidcSettings(new EntraSettings("https://login.microsoftonline.com/",
                Optional.of("contoso-tenant"), Optional.of("client")),
                AppCredentials.clientSecret("secret"), "openid profile", 60, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());

        assertThat(settings.problems()).isEmpty();
        assertThat(settings.issuer()).isEqualTo("https://login.microsoftonline.com/contoso-tenant/v2.0");
        assertThat(settings.discoveryUri()).hasToString(
                "https://login.microsoftonline.com/contoso-tenant/v2.0/.well-known/openid-configuration");
    }

    @Test
    void every_missing_or_wrong_setting_is_named_at_once_by_its_environment_variable() {
        OidcSettings settings = new OidcSettings(new EntraSettings("http://login.example",
                Optional.empty(), Optional.of(" ")),
                AppCredentials.none(), "profile", 60, Optional.of("example.org"), Optional.of("silently"),
                Optional.of("/signed-out"), Optional.empty(), Optional.empty());

        // The client secret is the chosen credential's to require (SignInCredentialAgainstStandInTest).
        assertThat(settings.problems()).hasSize(7)
                .anySatisfy(problem -> assertThat(problem).startsWith("AZURE_TENANT_ID"))
                .anySatisfy(problem -> assertThat(problem).startsWith("AZURE_CLIENT_ID"))
                .anySatisfy(problem -> assertThat(problem).startsWith("AZURE_AUTHORITY_HOST"))
                .anySatisfy(problem -> assertThat(problem).startsWith("ATRIUM_OIDC_SCOPES"))
                .anySatisfy(problem -> assertThat(problem).startsWith("ATRIUM_PUBLIC_BASE_URL"))
                .anySatisfy(problem -> assertThat(problem).startsWith("ATRIUM_OIDC_PROMPT"))
                .anySatisfy(problem -> assertThat(problem).startsWith("ATRIUM_OIDC_POST_LOGOUT_REDIRECT_URI"));
    }

    @Test
    void a_multi_tenant_app_needs_an_allow_list_and_trusts_entras_issuer_template() {
        OidcSettings open = multiTenant(Optional.empty());
        OidcSettings listed = multiTenant(Optional.of("tenant-a, tenant-b"));

        assertThat(open.problems()).singleElement().asString().startsWith("ATRIUM_OIDC_ALLOWED_TENANTS");
        assertThat(listed.problems()).isEmpty();
        assertThat(listed.isMultiTenant()).isTrue();
        assertThat(listed.allowedTenants()).containsExactly("tenant-a", "tenant-b");
        assertThat(listed.issuerTemplate()).isEqualTo("https://login.microsoftonline.com/{tenantid}/v2.0");
    }

    static OidcSettings multiTenant(Optional<String> allowedTenants) {
        return new OidcSettings(new EntraSettings("https://login.microsoftonline.com",
                Optional.of("organizations"), Optional.of("c")),
                AppCredentials.clientSecret("s"), "openid", 60, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                allowedTenants);
    }

    @Test
    void a_configured_silent_prompt_becomes_an_explicit_login_right_after_a_sign_out() {
        OidcSettings silent = new OidcSettings(new EntraSettings("https://login.microsoftonline.com",
                Optional.of("t"), Optional.of("c")),
                AppCredentials.clientSecret("s"), "openid", 60, Optional.empty(), Optional.of("none"), Optional.empty(), Optional.empty(),
                Optional.empty());
        OidcSignIn signIn = new OidcSignIn(silent, null, null, null, null, null, null);

        assertThat(silent.prompt()).isEqualTo(Prompt.NONE);
        assertThat(signIn.configuredPrompt(false)).isEqualTo(Prompt.NONE);
        assertThat(signIn.configuredPrompt(true)).isEqualTo(Prompt.LOGIN);
    }
}
