package io.atrium.identity.internal.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DownstreamApiSettingsTest {

    private static final Map<String, String> GRAPH_DEFAULTS = Map.of(
            "atrium.downstream.graph.base-url", "https://graph.microsoft.com/v1.0",
            "atrium.downstream.graph.scopes", "https://graph.microsoft.com/User.Read",
            "atrium.downstream.graph.mode", "on-behalf-of");

    private static DownstreamApiSettings settings(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(GRAPH_DEFAULTS);
        all.putAll(overrides);
        return new DownstreamApiSettings(key -> Optional.ofNullable(all.get(key)));
    }

    @Test
    void graph_is_always_configured_and_named_apis_come_with_their_mode_scopes_and_timeout() {
        DownstreamApiSettings settings = settings(Map.of(
                "atrium.downstream.apis", "graph, reports",
                "atrium.downstream.reports.base-url", "https://reports.bank.example/api/",
                "atrium.downstream.reports.scopes", "api://reports/.default",
                "atrium.downstream.reports.mode", "app",
                "atrium.downstream.reports.read-timeout-seconds", "12"));

        assertThat(settings.problems()).isEmpty();
        assertThat(settings.api("graph")).contains(new DownstreamApi("graph",
                URI.create("https://graph.microsoft.com/v1.0"), "https://graph.microsoft.com/User.Read",
                DownstreamApi.Mode.ON_BEHALF_OF, Duration.ofSeconds(30)));
        assertThat(settings.api("reports")).contains(new DownstreamApi("reports",
                URI.create("https://reports.bank.example/api/"), "api://reports/.default", DownstreamApi.Mode.APP,
                Duration.ofSeconds(12)));
        assertThat(settings.api("payroll")).isEmpty();
    }

    @Test
    void an_https_url_or_a_local_one_over_http_is_accepted() {
        for (String url : new String[] {"https://graph.microsoft.us/v1.0/", "http://localhost:9090/v1.0",
                "http://127.0.0.1:9090/v1.0"}) {
            assertThat(settings(Map.of("atrium.downstream.graph.base-url", url)).problems()).as(url).isEmpty();
        }
    }

    @Test
    void a_remote_api_over_plain_http_or_no_url_at_all_is_named_by_its_environment_variable() {
        for (String wrong : new String[] {"http://graph.microsoft.com/v1.0", "graph.microsoft.com", "https://", "",
                "https://graph.microsoft.com/v1.0?x=1"}) {
            DownstreamApiSettings settings = settings(Map.of("atrium.downstream.graph.base-url", wrong));
            assertThat(settings.problems()).as(wrong).singleElement()
                    .satisfies(problem -> assertThat(problem).startsWith("ATRIUM_DOWNSTREAM_GRAPH_BASE_URL"));
            assertThat(settings.api("graph")).isEmpty();
        }
    }

    @Test
    void every_wrong_setting_of_an_api_is_named_at_once() {
        DownstreamApiSettings settings = settings(Map.of(
                "atrium.downstream.apis", "reports,Bad-Name",
                "atrium.downstream.reports.base-url", "https://reports.bank.example",
                "atrium.downstream.reports.mode", "daemon",
                "atrium.downstream.reports.read-timeout-seconds", "soon"));

        assertThat(settings.problems()).hasSize(4)
                .anySatisfy(problem -> assertThat(problem).startsWith("ATRIUM_DOWNSTREAM_REPORTS_MODE")
                        .contains("'daemon'"))
                .anySatisfy(problem -> assertThat(problem).startsWith("ATRIUM_DOWNSTREAM_REPORTS_SCOPES"))
                .anySatisfy(problem -> assertThat(problem).startsWith("ATRIUM_DOWNSTREAM_REPORTS_READ_TIMEOUT"))
                .anySatisfy(problem -> assertThat(problem).contains("'Bad-Name'"));
    }

    @Test
    void app_mode_needs_exactly_one_default_scope_as_entra_requires_for_application_tokens() {
        DownstreamApiSettings settings = settings(Map.of(
                "atrium.downstream.apis", "reports",
                "atrium.downstream.reports.base-url", "https://reports.bank.example",
                "atrium.downstream.reports.scopes", "api://reports/Reports.Read",
                "atrium.downstream.reports.mode", "app"));

        assertThat(settings.problems()).singleElement()
                .satisfies(problem -> assertThat(problem).startsWith("ATRIUM_DOWNSTREAM_REPORTS_SCOPES")
                        .contains("one '.default' scope"));
    }
}
