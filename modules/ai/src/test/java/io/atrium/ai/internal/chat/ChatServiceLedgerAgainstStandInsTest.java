package io.atrium.ai.internal.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.ai.AiCaller;
import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.AiUnavailableException.Kind;
import io.atrium.ai.AiUsage;
import io.atrium.ai.ChatReply;
import io.atrium.ai.ChatRequest;
import io.atrium.ai.ChatService;
import io.atrium.ai.ChatStream;
import io.atrium.ai.ChatTurn;
import io.atrium.ai.DailyUsage;
import io.atrium.ai.FittedRequest;
import io.atrium.ai.QuotaRules;
import io.atrium.ai.QuotaStatus;
import io.atrium.ai.RecordingListener;
import io.atrium.ai.RoleQuota;
import io.atrium.ai.TestConfig;
import io.atrium.ai.UserQuota;
import io.atrium.ai.UserUsage;
import io.atrium.ai.events.AiCallEnded;
import io.atrium.ai.internal.client.AzureOpenAiChat;
import io.atrium.ai.internal.client.AzureOpenAiSettings;
import io.atrium.ai.internal.credential.ApiKeyCredential;
import io.atrium.ai.internal.usage.AiDatabase;
import io.atrium.ai.internal.usage.LedgerAiUsage;
import io.atrium.standins.openai.AzureOpenAiStandIn;
import io.atrium.standins.openai.Fault;

/**
 * The ai module's public API as the Faces page and the REST gateway use it: system prompt, deployment list, the
 * usage ledger on a real PostgreSQL after every call (whole, streamed, failed, cancelled, refused) and the daily
 * quotas per role, against the Azure OpenAI stand-in.
 */
class ChatServiceLedgerAgainstStandInsTest {

    private static final String KEY = "stand-in-key-ledger";
    private static final AiCaller ERIN = AiCaller.of("tenant-1", "oid-erin", Set.of("employee"));
    private static final AiCaller ADAM = AiCaller.of("tenant-1", "oid-adam", Set.of("employee", "admin"));
    private static final ChatRequest QUESTION = ChatRequest.of(List.of(ChatTurn.user("Where is the canteen?")));
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final AiDatabase database = AiDatabase.get();
    private AzureOpenAiStandIn standIn;
    private ChatService service;
    private final List<AiCallEnded> ended = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        database.clear();
        standIn = AzureOpenAiStandIn.start(0, KEY);
        // "Echo: Where is the canteen?" costs 6 prompt words (with the system prompt "Be brief.") + 5 = 11 tokens.
        service = service(Map.of("atrium.ai.daily-token-quotas", "employee=20,admin=1000"));
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void a_reply_goes_with_the_system_prompt_and_is_recorded_with_its_tokens() throws Exception {
        ChatReply reply = service.reply(ERIN, QUESTION);

        assertThat(reply.content()).isEqualTo("Echo: Where is the canteen?");
        assertThat(standIn.received().get(0).body()).contains("{\"content\":\"Be brief.\",\"role\":\"system\"}");
        assertThat(rows()).containsExactly("oid-erin gpt-4o-mini answered stop 6+5 streamed=false status=null");
        assertThat(service.quotaOf(ERIN)).isEqualTo(new QuotaStatus(11, 20));
    }

    @Test
    void a_conversation_over_its_deployments_context_budget_is_sent_without_its_oldest_turns() throws Exception {
        ChatService budgeted = service(Map.of("atrium.ai.daily-token-quotas", "employee=100000",
                "atrium.ai.context-budgets", "*=8000,gpt-4o=100"));
        String first = "First question about the travel policy. ".repeat(8);
        String second = "Second question about hotels. ".repeat(4);
        List<ChatTurn> conversation = List.of(ChatTurn.user(first), ChatTurn.assistant("Echo: " + first),
                ChatTurn.user(second), ChatTurn.assistant("Echo: " + second), ChatTurn.user("And trains?"));

        FittedRequest small = budgeted.fitToContext(ChatRequest.of(conversation).withDeployment("gpt-4o"));
        FittedRequest large = budgeted.fitToContext(ChatRequest.of(conversation));

        assertThat(small.leftOut()).isEqualTo(2);
        assertThat(small.request().conversation()).containsExactlyElementsOf(conversation.subList(2, 5));
        assertThat(small.request().deployment()).contains("gpt-4o");
        assertThat(large.leftOut()).isZero();
        assertThat(large.request().conversation()).isEqualTo(conversation);
        budgeted.reply(ERIN, small.request());
        String sent = standIn.received().get(0).body();
        assertThat(sent).contains("Be brief.", "Second question about hotels", "And trains?")
                .doesNotContain("First question");
    }

    @Test
    void a_streamed_reply_is_in_the_ledger_before_the_listener_hears_of_the_end() throws Exception {
        List<String> seenAtEnd = new CopyOnWriteArrayList<>();
        RecordingListener listener = new RecordingListener() {
            @Override
            public void completed(ChatReply reply) {
                seenAtEnd.addAll(rowsUnchecked());
                super.completed(reply);
            }
        };

        service.stream(ERIN, QUESTION.withDeployment("gpt-4o"), listener);

        assertThat(listener.awaitEnd(WAIT).reply().content()).isEqualTo("Echo: Where is the canteen?");
        assertThat(seenAtEnd).containsExactly("oid-erin gpt-4o answered stop 6+5 streamed=true status=null");
    }

    @Test
    void a_stream_ends_for_its_listener_even_when_the_bookkeeping_after_it_fails() throws Exception {
        // What hung 2 of 1000 streamed calls once: the end of a call is told to the listener only after the ledger
        // entry and the call-ended event, so a failure there left the caller waiting for the silence limit.
        AzureOpenAiSettings aiSettings = new AzureOpenAiSettings(TestConfig.apiKey(standIn.endpoint(), KEY,
                Map.of("atrium.ai.daily-token-quotas", "employee=20,admin=1000")));
        ChatService failingBookkeeping = new AzureChatService(new AzureOpenAiChat(aiSettings, new ApiKeyCredential(KEY)),
                aiSettings, database.ledger(), database.quotaRules(aiSettings.dailyTokenQuotas()), Clock.systemUTC(),
                call -> {
                    throw new IllegalStateException("the metrics observer failed");
                });
        RecordingListener answered = new RecordingListener();
        RecordingListener refused = new RecordingListener();

        failingBookkeeping.stream(ERIN, QUESTION, answered);
        assertThat(answered.awaitEnd(WAIT).reply().content()).isEqualTo("Echo: Where is the canteen?");
        standIn.failNext(Fault.promptFiltered());
        failingBookkeeping.stream(ERIN, QUESTION, refused);
        assertThat(refused.awaitEnd(WAIT).failed).isCompleted();
        assertThat(rows()).hasSize(2);
    }

    @Test
    void failed_filtered_and_cancelled_calls_are_recorded_with_their_outcome() throws Exception {
        standIn.failNext(Fault.internalServerError());
        standIn.failNext(Fault.serviceUnavailable());
        catchThrowableOfType(AiUnavailableException.class, () -> service.reply(ADAM, QUESTION));
        standIn.failNext(Fault.promptFiltered());
        catchThrowableOfType(AiUnavailableException.class, () -> service.reply(ADAM, QUESTION));
        standIn.failNext(Fault.completionFilteredAsynchronously());
        service.stream(ADAM, QUESTION, new RecordingListener()).result().toCompletableFuture()
                .handle((reply, failure) -> failure).get();
        standIn.failNext(Fault.slowFirstByte(Duration.ofSeconds(2)));
        RecordingListener stopped = new RecordingListener();
        service.stream(ADAM, QUESTION, stopped).cancel();
        stopped.awaitEnd(WAIT);

        assertThat(rows()).containsExactly(
                "oid-adam gpt-4o-mini upstream_error null 0+0 streamed=false status=503",
                "oid-adam gpt-4o-mini content_filtered null 0+0 streamed=false status=400",
                "oid-adam gpt-4o-mini content_filtered null 0+0 streamed=true status=200",
                // Stopped before any answer: the prompt counts by estimate ("Be brief." 3 + 4 per message, the
                // question 6 + 4), since Azure reports no usage for a stopped stream.
                "oid-adam gpt-4o-mini cancelled cancelled 17+0 streamed=true status=null");
        assertThat(filterFindings()).containsExactly("", "prompt: violence=filtered:high; completion: -",
                "prompt: -; completion: violence=filtered:high", "");
        assertThat(ended).extracting(AiCallEnded::outcome, call -> call.upstreamStatus().orElse(0))
                .containsExactly(tuple("upstream_error", 503), tuple("content_filtered", 400),
                        tuple("content_filtered", 200), tuple("cancelled", 0));
    }

    @Test
    void a_stream_stopped_halfway_counts_what_was_sent_and_received_against_the_quota() throws Exception {
        standIn.failNext(Fault.slowEvents(Duration.ofMillis(300)));
        RecordingListener stopped = new RecordingListener();
        ChatStream stream = service.stream(ERIN, QUESTION, stopped);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (stopped.deltas.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        stream.cancel();
        stopped.awaitEnd(WAIT);

        String arrived = String.join("", stopped.deltas);
        int completion = (arrived.length() + 3) / 4;
        assertThat(completion).as("part of the answer arrived").isPositive();
        assertThat(rows()).containsExactly("oid-erin gpt-4o-mini cancelled cancelled 17+" + completion
                + " streamed=true status=null");
        assertThat(service.quotaOf(ERIN).usedToday()).isEqualTo(17 + completion);
    }

    @Test
    void a_used_up_quota_refuses_before_calling_azure_and_says_so() throws Exception {
        service.reply(ERIN, QUESTION);
        service.reply(ERIN, QUESTION);
        int sent = standIn.received().size();

        AiUnavailableException refused = catchThrowableOfType(AiUnavailableException.class,
                () -> service.reply(ERIN, QUESTION));
        AiUnavailableException refusedStream = catchThrowableOfType(AiUnavailableException.class,
                () -> service.stream(ERIN, QUESTION, new RecordingListener()));

        assertThat(refused.kind()).isEqualTo(Kind.QUOTA_EXHAUSTED);
        assertThat(refused.userMessage()).isEqualTo("You have used up today's allowance for the assistant (22 of 20 "
                + "tokens). It is renewed at midnight (UTC).");
        Instant midnight = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        assertThat(refused.retryAfterSeconds().orElseThrow()).as("renewed at the next UTC midnight")
                .isCloseTo(Duration.between(Instant.now(), midnight).toSeconds(), within(5L));
        assertThat(refusedStream.kind()).isEqualTo(Kind.QUOTA_EXHAUSTED);
        assertThat(standIn.received()).as("Azure was not called").hasSize(sent);
        assertThat(rows()).endsWith("oid-erin gpt-4o-mini quota_exhausted null 0+0 streamed=false status=null",
                "oid-erin gpt-4o-mini quota_exhausted null 0+0 streamed=true status=null");
        assertThat(ended).as("a refused call is no call to Azure").hasSize(2)
                .allSatisfy(call -> assertThat(call.answered()).isTrue());
        assertThat(service.reply(ADAM, QUESTION).content()).as("the admin's larger quota").startsWith("Echo:");
    }

    @Test
    void parallel_calls_cannot_walk_past_a_quota_together() throws Exception {
        for (int i = 0; i < 10; i++) {
            standIn.failNext(Fault.slowFirstByte(Duration.ofMillis(500)));
        }
        List<Future<String>> calls = new ArrayList<>();
        try (ExecutorService callers = Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < 10; i++) {
                calls.add(callers.submit(() -> {
                    try {
                        return service.reply(ERIN, QUESTION).content();
                    } catch (AiUnavailableException refused) {
                        return refused.kind().name();
                    }
                }));
            }
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<String> call : calls) {
            outcomes.add(call.get());
        }

        // Each call holds its prompt's 17 estimated tokens from its quota check on: the first leaves 3 of Erin's 20,
        // the second takes them and crosses, every later one sees the quota used up, though none has been answered.
        assertThat(outcomes).filteredOn(outcome -> outcome.startsWith("Echo:")).hasSize(2);
        assertThat(outcomes).filteredOn("QUOTA_EXHAUSTED"::equals).hasSize(8);
        assertThat(standIn.received()).as("Azure was called twice").hasSize(2);
        assertThat(rows()).filteredOn(row -> row.contains(" answered ")).hasSize(2);
        assertThat(rows()).noneMatch(row -> row.contains("reserved"));
    }

    @Test
    void an_administrators_quota_replaces_the_roles_default_and_an_employees_override_both_until_it_expires() {
        QuotaRules rules = database.quotaRules(Map.of("employee", 20L, "admin", 1000L));
        Instant now = Instant.now();
        rules.setRoleQuota("employee", 5000, "tenant-1/oid-adam", now);
        rules.setRoleQuota("contractor", 300, "tenant-1/oid-adam", now);

        assertThat(rules.roleQuotas()).extracting(RoleQuota::role, RoleQuota::dailyTokens)
                .containsExactly(tuple("admin", 1000L), tuple("contractor", 300L), tuple("employee", 5000L));
        assertThat(service.quotaOf(ERIN).dailyQuota()).isEqualTo(5000);

        rules.setUserOverride(new UserQuota("tenant-1", "oid-erin", 40, now.plus(Duration.ofDays(1)),
                "tenant-1/oid-adam", now));
        rules.setUserOverride(new UserQuota("tenant-1", "oid-adam", 7, now.plusSeconds(1), "tenant-1/oid-adam",
                now.minusSeconds(1)));
        assertThat(service.quotaOf(ERIN).dailyQuota()).as("the override, even below the role's").isEqualTo(40);
        assertThat(rules.dailyQuotaOf("tenant-1", "oid-adam", ADAM.roles(), now.plusSeconds(2)))
                .as("an expired override gives way to the roles' quota").isEqualTo(5000);
        assertThat(rules.userOverrides(now.plusSeconds(2))).extracting(UserQuota::objectId)
                .containsExactly("oid-erin");

        assertThat(rules.resetRoleQuota("employee").described()).isEqualTo("employee: 5000 tokens a day");
        assertThat(rules.removeUserOverride("tenant-1", "oid-erin")).isPresent();
        assertThat(service.quotaOf(ERIN).dailyQuota()).as("back to the environment's default").isEqualTo(20);
    }

    @Test
    void a_caller_without_a_role_that_has_a_quota_gets_none() {
        AiUnavailableException refused = catchThrowableOfType(AiUnavailableException.class,
                () -> service.reply(AiCaller.of("tenant-1", "oid-app", Set.of("service")), QUESTION));

        assertThat(refused.kind()).isEqualTo(Kind.QUOTA_EXHAUSTED);
        assertThat(refused.userMessage()).isEqualTo("Your roles in Atrium give you no allowance for the assistant. "
                + "Please ask an administrator.");
        assertThat(refused.retryAfterSeconds()).as("no quota is not renewed: nothing to wait for").isEmpty();
        assertThat(standIn.received()).isEmpty();
    }

    @Test
    void a_deployment_outside_the_configured_list_is_refused_before_any_call() {
        assertThatThrownBy(() -> service.reply(ERIN, QUESTION.withDeployment("gpt-4o-realtime")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not one of the deployments Atrium offers: [gpt-4o-mini, gpt-4o]");
        assertThat(service.deployments()).containsExactly("gpt-4o-mini", "gpt-4o");
        assertThat(standIn.received()).isEmpty();
    }

    @Test
    void usage_of_today_is_readable_for_the_admin_pages() {
        service.reply(ERIN, QUESTION);
        service.reply(ADAM, QUESTION);
        service.reply(ADAM, QUESTION);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        AiUsage usage = new LedgerAiUsage(database.ledger());

        assertThat(usage.perDay(today, today)).containsExactly(new DailyUsage(today, 3, 18, 15, 2));
        assertThat(usage.topUsers(today, today, 10)).extracting(UserUsage::objectId)
                .containsExactly("oid-adam", "oid-erin");
    }

    private ChatService service(Map<String, String> settings) {
        AzureOpenAiSettings aiSettings = new AzureOpenAiSettings(TestConfig.apiKey(standIn.endpoint(), KEY,
                settings));
        return new AzureChatService(new AzureOpenAiChat(aiSettings, new ApiKeyCredential(KEY)), aiSettings,
                database.ledger(), database.quotaRules(aiSettings.dailyTokenQuotas()), Clock.systemUTC(), ended::add);
    }

    private static List<String> rowsUnchecked() {
        try {
            return rows();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> rows() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT object_id, deployment, outcome, finish_reason, "
                     + "prompt_tokens, completion_tokens, streamed, upstream_status FROM ai_usage ORDER BY id")) {
            while (row.next()) {
                rows.add(row.getString(1) + " " + row.getString(2) + " " + row.getString(3) + " " + row.getString(4)
                        + " " + row.getInt(5) + "+" + row.getInt(6) + " streamed=" + row.getBoolean(7) + " status="
                        + row.getObject(8));
            }
        }
        return rows;
    }

    private static List<String> filterFindings() throws Exception {
        List<String> findings = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT filter_findings FROM ai_usage ORDER BY id")) {
            while (row.next()) {
                findings.add(row.getString(1));
            }
        }
        return findings;
    }
}
