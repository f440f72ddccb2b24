package io.atrium.identity.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.atrium.identity.InMemoryHttp;
import io.atrium.identity.internal.oidc.SignInFailure;

class SignInProblemPageTest {

    @Test
    void markup_in_any_text_is_escaped() {
        assertThat(SignInProblemPage.escape("<script>alert('x')</script> & \"y\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;");
    }

    @Test
    void the_page_gives_atriums_request_id_and_entras_correlation_and_trace_ids_to_quote() throws Exception {
        InMemoryHttp.Response answer = new InMemoryHttp.Response();
        answer.response().setHeader("X-Request-Id", "lb-7f3e9a21");
        SignInFailure failure = new SignInFailure(SignInFailure.Reason.MFA_REQUIRED, "for the log only: AADSTS50079")
                .entraIds("73d656cf-54b1-4eb2-b429-26d8165a52d7", "b72a68c3-0926-4b8e-bc35-3150069c2800");

        SignInProblemPage.write("/", answer.response(), failure);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).contains("<h1>Your sign-in needs a second step</h1>")
                .contains("<code id=\"reference\">lb-7f3e9a21</code>")
                .contains("correlation id <code id=\"entra-correlation-id\">73d656cf-54b1-4eb2-b429-26d8165a52d7</code>")
                .contains("trace id <code id=\"entra-trace-id\">b72a68c3-0926-4b8e-bc35-3150069c2800</code>")
                .doesNotContain("for the log only");
    }

    @Test
    void without_a_request_id_or_entras_ids_the_failures_own_reference_is_the_one_to_quote() throws Exception {
        InMemoryHttp.Response answer = new InMemoryHttp.Response();
        SignInFailure failure = new SignInFailure(SignInFailure.Reason.TOKEN_REJECTED, "bad signature");

        SignInProblemPage.write("/", answer.response(), failure);

        assertThat(answer.body()).contains("<code id=\"reference\">" + failure.reference() + "</code>")
                .doesNotContain("entra-correlation-id").doesNotContain("Microsoft Entra ID's reference");
    }

    @Test
    void a_request_id_that_reached_the_page_is_escaped_too() throws Exception {
        InMemoryHttp.Response answer = new InMemoryHttp.Response();
        answer.response().setHeader("X-Request-Id", "\"><script>alert(1)</script>");

        SignInProblemPage.write("/", answer.response(), new SignInFailure(SignInFailure.Reason.DISABLED, "x"));

        assertThat(answer.body()).doesNotContain("<script>").contains("&quot;&gt;&lt;script&gt;");
    }
}
