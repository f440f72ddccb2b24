package io.atrium.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.util.JSONObjectUtils;

import io.atrium.standins.entra.EntraStandIn;

/** The OpenAPI document of Atrium's REST API, public at {@code /openapi} as MicroProfile OpenAPI serves it. */
@AtriumIT
class OpenApiIT extends AtriumDeployment {

    @Test
    void the_document_lists_the_api_and_how_to_get_a_token_for_it_at_this_tenant() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(atrium().resolve("/openapi"))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as("public, without a token").isEqualTo(200);
        Map<String, Object> document = JSONObjectUtils.parse(answer.body());
        assertThat(JSONObjectUtils.getJSONObject(document, "info").get("title")).isEqualTo("Atrium API");
        Map<String, Object> paths = JSONObjectUtils.getJSONObject(document, "paths");
        assertThat(paths).containsKeys("/api/v1/me", "/api/v1/me/profile", "/api/v1/admin/users");
        Map<String, Object> profile = JSONObjectUtils.getJSONObject(JSONObjectUtils.getJSONObject(paths,
                "/api/v1/me/profile"), "get");
        assertThat(JSONObjectUtils.getJSONObject(profile, "responses")).containsKeys("200", "401", "404", "503");

        EntraStandIn entra = AtriumStack.peers().entra();
        Map<String, Object> flow = JSONObjectUtils.getJSONObject(JSONObjectUtils.getJSONObject(
                JSONObjectUtils.getJSONObject(JSONObjectUtils.getJSONObject(JSONObjectUtils.getJSONObject(
                        document, "components"), "securitySchemes"), "entra"), "flows"), "authorizationCode");
        assertThat(flow).containsEntry("authorizationUrl", entra.authorityHost() + "/" + entra.tenantId()
                + "/oauth2/v2.0/authorize");
        assertThat(JSONObjectUtils.getJSONObject(flow, "scopes"))
                .containsKey("api://" + entra.clientId() + "/access_as_user");
        assertThat((List<?>) document.get("security")).isNotEmpty();
    }
}
