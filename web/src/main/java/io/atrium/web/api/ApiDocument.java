package io.atrium.web.api;

import java.util.Map;

import jakarta.enterprise.inject.spi.CDI;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASModelReader;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.atrium.identity.EntraSettings;

/**
 * The parts of Atrium's OpenAPI document ({@code /openapi}) that come from configuration rather than code: this
 * tenant's Entra endpoints and Atrium's own API scope, so that a developer's tool can sign in and call the API. The
 * operations themselves are read from the resources' annotations.
 */
public class ApiDocument implements OASModelReader {

    static final String SECURITY_SCHEME = "entra";

    @Override
    public OpenAPI buildModel() {
        // The OpenAPI implementation instantiates this reader itself, so the settings bean is looked up, not injected.
        EntraSettings entra = CDI.current().select(EntraSettings.class).get();
        String authority = entra.authorityHost() + "/" + entra.tenantId().orElse("{tenant}");
        String scope = "api://" + entra.clientId().orElse("{client-id}") + "/" + ConfigProvider.getConfig()
                .getOptionalValue("atrium.api.required-scope", String.class).orElse("access_as_user");
        return OASFactory.createOpenAPI()
                .info(OASFactory.createInfo()
                        .title("Atrium API")
                        .version("v1")
                        .description("Atrium's REST API for other internal applications. Every call needs an Entra ID "
                                + "access token for Atrium: an employee's, with the scope " + scope + ", or an "
                                + "application's own, with one of Atrium's app roles. Errors are RFC 9457 problem "
                                + "documents; 401 and 403 carry RFC 6750 WWW-Authenticate challenges."))
                .components(OASFactory.createComponents().securitySchemes(Map.of(SECURITY_SCHEME,
                        OASFactory.createSecurityScheme()
                                .type(SecurityScheme.Type.OAUTH2)
                                .description("Entra ID (OAuth 2.0). Employees: authorization code with PKCE. "
                                        + "Applications: client credentials with the scope api://{client-id}/.default.")
                                .flows(OASFactory.createOAuthFlows()
                                        .authorizationCode(OASFactory.createOAuthFlow()
                                                .authorizationUrl(authority + "/oauth2/v2.0/authorize")
                                                .tokenUrl(authority + "/oauth2/v2.0/token")
                                                .scopes(Map.of(scope, "Call Atrium as the signed-in employee")))
                                        .clientCredentials(OASFactory.createOAuthFlow()
                                                .tokenUrl(authority + "/oauth2/v2.0/token")
                                                .scopes(Map.of(scope.substring(0, scope.lastIndexOf('/'))
                                                        + "/.default", "Call Atrium as an application")))))))
                .addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(SECURITY_SCHEME));
    }
}
