package io.atrium.identity.internal.bearer;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.atrium.identity.internal.oidc.OidcSettings;

import static org.assertj.core.api.Assertions.assertThat;
import io.atrium.identity.EntraSettings;
import io.atrium.identity.internal.credential.AppCredentials;

class ApiSettingsTest {

    private static final OidcSettings CONTOSO = new OidcSettings(new EntraSettings("https://login.microsoftonline.com",
            Optional.of("contoso-tenant"), Optional.of("client")),
            AppCredentials.clientSecret("secret"), "openid", 60, Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    @Test
    void entras_v1_issuer_is_trusted_only_when_v1_tokens_are_enabled() {
        ApiSettings v2Only = new ApiSettings(CONTOSO, "access_as_user", Optional.empty(), false);
        ApiSettings withV1 = new ApiSettings(CONTOSO, "access_as_user", Optional.empty(), true);

        assertThat(v2Only.issuersFor("contoso-tenant"))
                .containsExactly("https://login.microsoftonline.com/contoso-tenant/v2.0");
        assertThat(withV1.issuersFor("contoso-tenant")).containsExactlyInAnyOrder(
                "https://login.microsoftonline.com/contoso-tenant/v2.0", "https://sts.windows.net/contoso-tenant/");
    }

    @Test
    void in_multi_tenant_mode_each_tenant_has_its_own_issuers() {
        OidcSettings organizations = new OidcSettings(new EntraSettings("https://login.microsoftonline.com",
                Optional.of("organizations"), Optional.of("c")),
                AppCredentials.clientSecret("s"), "openid", 60, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        ApiSettings withV1 = new ApiSettings(organizations, "access_as_user", Optional.empty(), true);

        assertThat(withV1.issuersFor("tenant-a")).containsExactlyInAnyOrder(
                "https://login.microsoftonline.com/tenant-a/v2.0", "https://sts.windows.net/tenant-a/");
    }
}
