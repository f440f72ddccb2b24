package io.atrium.ai.internal.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.atrium.ai.AiCaller;
import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.AiUnavailableException.Kind;
import io.atrium.ai.ChatTurn;
import io.atrium.ai.JvmTrustedEntra;
import io.atrium.ai.RecordingListener;
import io.atrium.ai.TestConfig;
import io.atrium.ai.internal.client.AzureOpenAiChat;
import io.atrium.ai.internal.client.AzureOpenAiSettings;
import io.atrium.identity.AccessTokens;
import io.atrium.identity.EmployeeToken;
import io.atrium.identity.internal.credential.AppCredentialSettings;
import io.atrium.identity.internal.outbound.EntraAccessTokens;
import io.atrium.identity.internal.outbound.OutboundTokenSettings;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.DemoSignIn;
import io.atrium.standins.entra.EntraStandIn;
import io.atrium.standins.tokens.TrustedIssuer;
import io.atrium.standins.openai.AzureOpenAiStandIn;
import io.atrium.identity.EntraSettings;

/**
 * Continuous Access Evaluation against the stand-ins: after a critical event, the Azure OpenAI stand-in answers
 * tokens issued before it with a claims challenge (only tokens whose client declared cp1, as Azure does). Atrium asks
 * Entra once for a token with the challenge's claims and sends the call again; when Entra wants the employee to sign in
 * first, the call ends with SIGN_IN_REQUIRED and Entra's claims for that sign-in.
 */
class ContinuousAccessEvaluationAgainstStandInsTest {

    private static final String SCOPE = AzureOpenAiSettings.COGNITIVE_SERVICES_SCOPE;
    private static final List<ChatTurn> QUESTION = List.of(ChatTurn.user("Still me?"));
    private static final String MFA_CLAIMS = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}";

    private static EntraStandIn entra;
    private static AzureOpenAiStandIn azure;
    private static AccessTokens accessTokens;

    @BeforeAll
    static void start() throws Exception {
        entra = JvmTrustedEntra.start();
        azure = AzureOpenAiStandIn.startRequiringEntra(0, new TrustedIssuer(entra.issuer(), entra.clientId(),
                entra.truststore(), entra.truststorePassword()));
        accessTokens = new EntraAccessTokens(new OutboundTokenSettings("client-secret",
                new EntraSettings(entra.authorityHost(),
                Optional.of(entra.tenantId()), Optional.of(entra.clientId())),
                new AppCredentialSettings(Optional.of(entra.clientSecret()), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty()), 300));
    }

    @AfterAll
    static void stop() {
        if (azure != null) {
            azure.close();
        }
        if (entra != null) {
            entra.close();
        }
    }

    @Test
    void atriums_own_revoked_token_is_replaced_once_and_the_answer_comes() throws Exception {
        AzureOpenAiChat chat = chat("entra", new AppTokenCredential(accessTokens, SCOPE));
        AiCaller caller = AiCaller.of(entra.tenantId(), DemoAccount.ERIN.oid(), Set.of("employee"));
        chat.complete(caller, "gpt-4o-mini", QUESTION, Optional.empty(), Optional.empty());
        revokeAfterASecond(EntraStandIn.servicePrincipalId(entra.clientId()));
        int received = azure.received().size();
        int issued = entra.tokenEndpointTokensIssued();

        String answer = chat.complete(caller, "gpt-4o-mini", QUESTION, Optional.empty(), Optional.empty()).content();

        assertThat(answer).isEqualTo("Echo: Still me?");
        assertThat(azure.received()).as("the challenged call and the one sent again").hasSize(received + 2);
        assertThat(entra.tokenEndpointTokensIssued()).isEqualTo(issued + 1);

        // Streamed: challenged before the first byte, so sent again as well.
        revokeAfterASecond(EntraStandIn.servicePrincipalId(entra.clientId()));
        RecordingListener listener = new RecordingListener();
        chat.stream(caller, "gpt-4o-mini", QUESTION, Optional.empty(), Optional.empty(), listener);
        assertThat(listener.awaitEnd(Duration.ofSeconds(30)).reply().content()).isEqualTo("Echo: Still me?");
        assertThat(entra.tokenEndpointTokensIssued()).isEqualTo(issued + 2);
    }

    @Test
    void an_employees_revoked_token_is_exchanged_again_with_the_claims() throws Exception {
        AiCaller erin = employee(DemoAccount.ERIN);
        AzureOpenAiChat chat = chat("on-behalf-of", new OnBehalfOfCredential(accessTokens, SCOPE));
        chat.complete(erin, "gpt-4o-mini", QUESTION, Optional.empty(), Optional.empty());
        revokeAfterASecond(DemoAccount.ERIN.oid());

        assertThat(chat.complete(erin, "gpt-4o-mini", QUESTION, Optional.empty(), Optional.empty()).content())
                .isEqualTo("Echo: Still me?");
        assertThat(last(azure.tokenCallers())).isEqualTo(DemoAccount.ERIN.oid());
    }

    @Test
    void when_entra_wants_the_employee_to_sign_in_again_the_call_says_so_with_entras_claims() throws Exception {
        AiCaller adam = employee(DemoAccount.ADAM);
        AzureOpenAiChat chat = chat("on-behalf-of", new OnBehalfOfCredential(accessTokens, SCOPE));
        chat.complete(adam, "gpt-4o-mini", QUESTION, Optional.empty(), Optional.empty());
        revokeAfterASecond(DemoAccount.ADAM.oid());
        entra.insistOnBehalfOf(DemoAccount.ADAM, MFA_CLAIMS);
        try {
            AiUnavailableException whole = catchThrowableOfType(AiUnavailableException.class, () -> chat.complete(adam,
                    "gpt-4o-mini", QUESTION, Optional.empty(), Optional.empty()));
            RecordingListener listener = new RecordingListener();
            chat.stream(adam, "gpt-4o-mini", QUESTION, Optional.empty(), Optional.empty(), listener);
            AiUnavailableException streamed = listener.awaitEnd(Duration.ofSeconds(30)).failure();

            for (AiUnavailableException failure : List.of(whole, streamed)) {
                assertThat(failure.kind()).isEqualTo(Kind.SIGN_IN_REQUIRED);
                assertThat(failure.userMessage()).contains("sign in again");
                assertThat(failure.entraRefusal()).hasValueSatisfying(refusal ->
                        assertThat(refusal.claimsChallenge()).hasValue(MFA_CLAIMS));
            }
        } finally {
            entra.clearChallenge(DemoAccount.ADAM);
        }
    }

    @Test
    void a_key_cannot_answer_a_challenge_and_the_call_fails_instead_of_looping() {
        AzureOpenAiChat chat = chat("entra", caller -> new CredentialHeader("Authorization", "Bearer "
                + accessTokens.forApp(SCOPE)));
        revokeAfterASecond(EntraStandIn.servicePrincipalId(entra.clientId()));
        int received = azure.received().size();

        AiUnavailableException failure = catchThrowableOfType(AiUnavailableException.class, () -> chat.complete(
                AiCaller.of("t", "o", Set.of("employee")), "gpt-4o-mini", QUESTION, Optional.empty(),
                Optional.empty()));

        assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(azure.received()).hasSize(received + 1);
    }

    private static AiCaller employee(DemoAccount account) throws Exception {
        return AiCaller.withToken(new EmployeeToken(entra.tenantId(), account.oid(),
                DemoSignIn.at(entra).tokensFor(account).accessToken()), Set.of("employee"));
    }

    /** iat has whole seconds: the event comes a second after the tokens so far, which it then revokes. */
    private static void revokeAfterASecond(String oid) {
        try {
            Thread.sleep(1_100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        azure.criticalEvent(oid);
    }

    private static AzureOpenAiChat chat(String mode, AzureOpenAiCredential credential) {
        return new AzureOpenAiChat(new AzureOpenAiSettings(TestConfig.of(Map.of(
                "azure.openai.endpoint", azure.endpoint(),
                "azure.openai.deployment", "gpt-4o-mini",
                "azure.openai.api-key", "",
                "atrium.ai.credential", mode))), credential);
    }

    private static String last(List<String> values) {
        return values.get(values.size() - 1);
    }
}
