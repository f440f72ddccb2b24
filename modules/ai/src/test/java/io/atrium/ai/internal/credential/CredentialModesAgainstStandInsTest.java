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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.nimbusds.jwt.SignedJWT;

import io.atrium.ai.AiCaller;
import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.AiUnavailableException.Kind;
import io.atrium.ai.ChatReply;
import io.atrium.ai.ChatTurn;
import io.atrium.ai.JvmTrustedEntra;
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
import io.atrium.standins.openai.ReceivedRequest;
import io.atrium.identity.EntraSettings;

/**
 * Each credential mode on the wire: the Azure OpenAI stand-in either takes only its key, or (like a resource with
 * key authentication disabled) only Entra tokens for Cognitive Services, checked against the Entra stand-in's keys.
 * Tokens come from the Entra stand-in's token endpoint through identity's AccessTokens on the real azure-identity.
 */
class CredentialModesAgainstStandInsTest {

    private static final String SCOPE = AzureOpenAiSettings.COGNITIVE_SERVICES_SCOPE;
    private static final String KEY = "stand-in-key-credential-modes";
    private static final List<ChatTurn> QUESTION = List.of(ChatTurn.user("Who am I?"));

    private static EntraStandIn entra;
    private static AzureOpenAiStandIn tokensOnly;
    private static AzureOpenAiStandIn keyOnly;
    private static AccessTokens accessTokens;
    private static EmployeeToken erin;

    @BeforeAll
    static void start() throws Exception {
        entra = JvmTrustedEntra.start();
        tokensOnly = AzureOpenAiStandIn.startRequiringEntra(0, new TrustedIssuer(entra.issuer(), entra.clientId(),
                entra.truststore(), entra.truststorePassword()));
        keyOnly = AzureOpenAiStandIn.start(0, KEY);
        // Test-only use of identity's settings class: AccessTokens is built as CDI would build it in Payara.
        accessTokens = new EntraAccessTokens(new OutboundTokenSettings("client-secret",
                new EntraSettings(entra.authorityHost(),
                Optional.of(entra.tenantId()), Optional.of(entra.clientId())),
                new AppCredentialSettings(Optional.of(entra.clientSecret()), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty()), 300));
        erin = new EmployeeToken(entra.tenantId(), DemoAccount.ERIN.oid(),
                DemoSignIn.at(entra).tokensFor(DemoAccount.ERIN).accessToken());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable peer : new AutoCloseable[] {tokensOnly, keyOnly, entra}) {
            try {
                if (peer != null) {
                    peer.close();
                }
            } catch (Exception e) {
                // closing the others matters more
            }
        }
    }

    private int receivedBefore;

    @BeforeEach
    void mark() {
        receivedBefore = tokensOnly.received().size();
    }

    @Test
    void the_entra_stand_in_issues_cognitive_services_tokens_with_azures_audience() throws Exception {
        SignedJWT token = SignedJWT.parse(accessTokens.forApp(SCOPE));

        assertThat(token.getJWTClaimsSet().getAudience()).containsExactly("https://cognitiveservices.azure.com");
        assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo(entra.issuer());
    }

    @Test
    void entra_mode_sends_atriums_own_token_and_no_key() {
        ChatReply reply = chat(tokensOnly, "entra", new AppTokenCredential(accessTokens, SCOPE))
                .complete(AiCaller.of(entra.tenantId(), DemoAccount.ERIN.oid(), Set.of("employee")), "gpt-4o-mini",
                        QUESTION, Optional.empty(), Optional.empty());

        assertThat(reply.content()).isEqualTo("Echo: Who am I?");
        ReceivedRequest received = lastReceived();
        assertThat(received.hasApiKey()).isFalse();
        assertThat(received.header("authorization")).isPresent();
        assertThat(last(tokensOnly.tokenCallers())).as("Atrium's service principal")
                .isEqualTo(EntraStandIn.servicePrincipalId(entra.clientId()));
    }

    @Test
    void on_behalf_of_mode_reaches_azure_as_the_employee() {
        ChatReply reply = chat(tokensOnly, "on-behalf-of", new OnBehalfOfCredential(accessTokens, SCOPE))
                .complete(AiCaller.withToken(erin, Set.of("employee")), "gpt-4o-mini", QUESTION, Optional.empty(),
                        Optional.empty());

        assertThat(reply.content()).isEqualTo("Echo: Who am I?");
        assertThat(lastReceived().hasApiKey()).isFalse();
        assertThat(last(tokensOnly.tokenCallers())).isEqualTo(DemoAccount.ERIN.oid());
    }

    @Test
    void on_behalf_of_without_the_employees_token_is_refused_before_any_call() {
        AiUnavailableException e = catchThrowableOfType(AiUnavailableException.class,
                () -> chat(tokensOnly, "on-behalf-of", new OnBehalfOfCredential(accessTokens, SCOPE))
                        .complete(AiCaller.of(entra.tenantId(), DemoAccount.ERIN.oid(), Set.of("employee")),
                                "gpt-4o-mini", QUESTION, Optional.empty(), Optional.empty()));

        assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(e.getMessage()).contains("without an employee token");
        assertThat(tokensOnly.received()).hasSize(receivedBefore);
    }

    @Test
    void a_key_sent_to_a_resource_that_takes_only_tokens_is_refused() {
        AiUnavailableException e = refusal(tokensOnly, caller -> new CredentialHeader("api-key", KEY));

        assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(e.getMessage()).contains("did not ask for");
    }

    @Test
    void a_token_for_another_audience_is_refused() {
        String otherAudience = entra.mint(Map.of("aud", "api://other-api", "tid", entra.tenantId(), "oid",
                DemoAccount.ERIN.oid()), Duration.ofMinutes(5));

        assertThat(refusal(tokensOnly, bearer(otherAudience)).getMessage()).contains("audience is incorrect");
    }

    @Test
    void an_expired_or_foreign_issuer_or_missing_token_is_refused() {
        String expired = entra.mint(Map.of("aud", "https://cognitiveservices.azure.com"), Duration.ofMinutes(-5));
        String foreignIssuer = entra.mint(Map.of("aud", "https://cognitiveservices.azure.com",
                "iss", "https://login.microsoftonline.com/another-tenant/v2.0"), Duration.ofMinutes(5));
        String good = accessTokens.forApp(SCOPE);
        String tampered = good.substring(0, good.lastIndexOf('.') + 1) + "AAAA" + good.substring(good.lastIndexOf('.') + 5);

        for (String token : List.of(expired, foreignIssuer, tampered, "not-a-jwt")) {
            assertThat(refusal(tokensOnly, bearer(token)).upstreamStatus()).as(token).hasValue(401);
        }
        assertThat(refusal(tokensOnly, caller -> new CredentialHeader("X-Nothing", "none")).upstreamStatus()).hasValue(401);
    }

    @Test
    void api_key_mode_sends_only_the_key_and_a_missing_or_wrong_key_is_refused() {
        ChatReply reply = chat(keyOnly, "api-key", new ApiKeyCredential(KEY)).complete(
                AiCaller.of("t", "o", Set.of("employee")), "gpt-4o-mini", QUESTION, Optional.empty(),
                Optional.empty());
        assertThat(reply.content()).isEqualTo("Echo: Who am I?");
        ReceivedRequest received = keyOnly.received().get(keyOnly.received().size() - 1);
        assertThat(received.header("authorization")).isEmpty();

        assertThat(refusal(keyOnly, caller -> new CredentialHeader("X-Nothing", "none")).kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(refusal(keyOnly, new ApiKeyCredential("wrong-key")).kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(refusal(keyOnly, bearer(accessTokens.forApp(SCOPE))).kind()).as("a token where a key is needed")
                .isEqualTo(Kind.UNAUTHORIZED);
    }

    @Test
    void probe_gets_a_token_in_entra_mode_and_names_the_failure_when_none_can_be_had() {
        new AppTokenCredential(accessTokens, SCOPE).probe();

        // The mock accepts any client secret, so Entra's refusal is provoked by a scope it would not issue for.
        AiUnavailableException e = catchThrowableOfType(AiUnavailableException.class,
                () -> new AppTokenCredential(accessTokens, "https://cognitiveservices.azure.com/user_impersonation")
                        .probe());
        assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(e.getMessage()).contains("no Entra token for Azure OpenAI");
    }

    private static AzureOpenAiCredential bearer(String token) {
        return caller -> new CredentialHeader("Authorization", "Bearer " + token);
    }

    private static AiUnavailableException refusal(AzureOpenAiStandIn standIn, AzureOpenAiCredential credential) {
        return catchThrowableOfType(AiUnavailableException.class, () -> chat(standIn, "entra", credential).complete(
                AiCaller.of("t", "o", Set.of("employee")), "gpt-4o-mini", QUESTION, Optional.empty(),
                Optional.empty()));
    }

    private static AzureOpenAiChat chat(AzureOpenAiStandIn standIn, String mode, AzureOpenAiCredential credential) {
        return new AzureOpenAiChat(new AzureOpenAiSettings(TestConfig.of(Map.of(
                "azure.openai.endpoint", standIn.endpoint(),
                "azure.openai.deployment", "gpt-4o-mini",
                "azure.openai.api-key", mode.equals("api-key") ? KEY : "",
                "atrium.ai.credential", mode))), credential);
    }

    private ReceivedRequest lastReceived() {
        List<ReceivedRequest> received = tokensOnly.received();
        return received.get(received.size() - 1);
    }

    private static String last(List<String> values) {
        return values.get(values.size() - 1);
    }
}
