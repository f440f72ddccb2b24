package io.atrium.ai.internal.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import io.atrium.ai.AiCaller;
import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.ChatReply;
import io.atrium.ai.ChatRequest;
import io.atrium.ai.ChatService;
import io.atrium.ai.ChatStream;
import io.atrium.ai.ChatStreamListener;
import io.atrium.ai.ChatTurn;
import io.atrium.ai.FittedRequest;
import io.atrium.ai.QuotaRules;
import io.atrium.ai.QuotaStatus;
import io.atrium.ai.events.AiCallEnded;
import io.atrium.ai.internal.client.AzureOpenAiChat;
import io.atrium.ai.internal.client.AzureOpenAiSettings;
import io.atrium.ai.internal.context.ContextFit;
import io.atrium.ai.internal.context.PromptTokens;
import io.atrium.ai.internal.usage.TokenEstimate;
import io.atrium.ai.internal.usage.UsageLedger;
import io.atrium.ai.internal.usage.Reservation;
import io.atrium.ai.internal.usage.UsageRecord;

/**
 * {@link ChatService} with Atrium's Azure OpenAI client: the quota check and the ledger's reservation before each
 * call, the call's outcome in the ledger and an {@link AiCallEnded} event after it.
 */
@ApplicationScoped
public class AzureChatService implements ChatService {

    /** The logger's name is the one it had before the service moved behind its interface, for log settings. */
    private static final Logger LOG = Logger.getLogger(ChatService.class.getName());
    /** The ledger's outcome for a call under way: its row holds its place against the quota. */
    private static final String RESERVED = "reserved";

    private final AzureOpenAiChat chat;
    private final AzureOpenAiSettings settings;
    private final UsageLedger ledger;
    private final QuotaRules quotas;
    private final Clock clock;
    private final Consumer<AiCallEnded> callEnded;

    /**
     * A streamed call ends on the HTTP client's thread, which the container does not know: the ledger entry's
     * transaction needs the request's context, captured once per stream (absent outside a container).
     */
    @Resource(lookup = "java:comp/DefaultContextService")
    ContextService containerContext;

    @Inject
    public AzureChatService(AzureOpenAiChat chat, AzureOpenAiSettings settings, UsageLedger ledger,
                            QuotaRules quotas, Event<AiCallEnded> callEnded) {
        this(chat, settings, ledger, quotas, Clock.systemUTC(), callEnded::fire);
    }

    /** With a clock and an observer of its own, for tests. */
    AzureChatService(AzureOpenAiChat chat, AzureOpenAiSettings settings, UsageLedger ledger, QuotaRules quotas,
                     Clock clock, Consumer<AiCallEnded> callEnded) {
        this.chat = chat;
        this.settings = settings;
        this.ledger = ledger;
        this.quotas = quotas;
        this.clock = clock;
        this.callEnded = callEnded;
    }

    /** For CDI's proxy. */
    protected AzureChatService() {
        this(null, null, null, null, null, null);
    }

    @Override
    public List<String> deployments() {
        return settings.deployments();
    }

    @Override
    public FittedRequest fitToContext(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        ContextFit.Fitted fitted = ContextFit.fit(withSystemPrompt(request.conversation()),
                settings.contextBudgetOf(deploymentOf(request)), PromptTokens::of);
        if (fitted.leftOut() == 0) {
            return new FittedRequest(request, 0);
        }
        List<ChatTurn> kept = fitted.turns().stream().filter(turn -> turn.role() != ChatTurn.Role.SYSTEM).toList();
        return new FittedRequest(new ChatRequest(kept, request.deployment(), request.maxTokens(),
                request.temperature()), fitted.leftOut());
    }

    @Override
    public QuotaStatus quotaOf(AiCaller caller) {
        Objects.requireNonNull(caller, "caller");
        Instant now = clock.instant();
        return new QuotaStatus(ledger.tokensOn(caller.tenantId(), caller.objectId(),
                LocalDate.ofInstant(now, ZoneOffset.UTC)), dailyQuotaOf(caller, now));
    }

    @Override
    public ChatReply reply(AiCaller caller, ChatRequest request) {
        Objects.requireNonNull(caller, "caller");
        String deployment = deploymentOf(request);
        List<ChatTurn> messages = withSystemPrompt(request.conversation());
        Instant at = clock.instant();
        long reservation = reserve(caller, deployment, at, false, messages);
        long started = System.nanoTime();
        try {
            ChatReply reply = chat.complete(caller, deployment, messages, request.maxTokens(), request.temperature());
            settle(reservation, answered(caller, deployment, at, started, false, reply));
            return reply;
        } catch (AiUnavailableException failure) {
            settle(reservation, failed(caller, deployment, at, started, false, failure));
            throw failure;
        } catch (RuntimeException unexpected) {
            settle(reservation, failed(caller, deployment, at, started, false, AiUnavailableException.noAnswer(
                    AiUnavailableException.Kind.UPSTREAM_ERROR, unexpected.toString(), unexpected)));
            throw unexpected;
        }
    }

    @Override
    public ChatStream stream(AiCaller caller, ChatRequest request, ChatStreamListener listener) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(listener, "listener");
        String deployment = deploymentOf(request);
        List<ChatTurn> messages = withSystemPrompt(request.conversation());
        Instant at = clock.instant();
        long reservation = reserve(caller, deployment, at, true, messages);
        long started = System.nanoTime();
        Consumer<UsageRecord> settle = call -> settle(reservation, call);
        Consumer<UsageRecord> record = containerContext == null ? settle
                : containerContext.contextualConsumer(settle);
        try {
            return chat.stream(caller, deployment, messages, request.maxTokens(),
                    request.temperature(), new ChatStreamListener() {
                        @Override
                        public void delta(String text) {
                            listener.delta(text);
                        }

                        // The listener hears of the end whatever the bookkeeping does: a caller left waiting would
                        // hang until its own timeout.
                        @Override
                        public void completed(ChatReply reply) {
                            try {
                                record.accept(answered(caller, deployment, at, started, true,
                                        withUsage(reply, messages)));
                            } finally {
                                listener.completed(reply);
                            }
                        }

                        @Override
                        public void failed(AiUnavailableException failure) {
                            try {
                                record.accept(AzureChatService.failed(caller, deployment, at, started, true, failure));
                            } finally {
                                listener.failed(failure);
                            }
                        }
                    });
        } catch (RuntimeException unexpected) {
            // Thrown before the stream began (the listener hears nothing then): the reserved row must not stay so.
            settle(reservation, failed(caller, deployment, at, started, true,
                    unexpected instanceof AiUnavailableException failure ? failure : AiUnavailableException.noAnswer(
                            AiUnavailableException.Kind.UPSTREAM_ERROR, unexpected.toString(), unexpected)));
            throw unexpected;
        }
    }

    private long dailyQuotaOf(AiCaller caller, Instant now) {
        return quotas.dailyQuotaOf(caller.tenantId(), caller.objectId(), caller.roles(), now);
    }

    /**
     * The call's row in the ledger, held from before anything is sent: the quota check and the reservation are one
     * step, so parallel calls see each other and at most one crosses the quota.
     *
     * @throws AiUnavailableException ({@code QUOTA_EXHAUSTED}) when the caller's quota is used up
     */
    private long reserve(AiCaller caller, String deployment, Instant at, boolean streamed, List<ChatTurn> messages) {
        long dailyQuota = dailyQuotaOf(caller, at);
        UsageRecord pending = new UsageRecord(caller.tenantId(), caller.objectId(), deployment, at, streamed,
                RESERVED, null, TokenEstimate.prompt(messages), 0, 0, null, "");
        AiUnavailableException refusal = AiUnavailableException.quotaExhausted(0, dailyQuota, secondsUntilRenewal());
        Reservation reservation = ledger.reserve(pending, failed(caller, deployment, at, System.nanoTime(), streamed,
                refusal), dailyQuota);
        if (reservation.isRefused()) {
            LOG.info(() -> "AI call refused by the daily quota: oid=" + caller.objectId() + " tid="
                    + caller.tenantId() + ", " + reservation.usedToday() + " of " + dailyQuota + " tokens used");
            throw AiUnavailableException.quotaExhausted(reservation.usedToday(), dailyQuota, secondsUntilRenewal());
        }
        return reservation.row().getAsLong();
    }

    /** Until the next UTC midnight, rounded up: a client that waits this long finds its quota renewed. */
    private long secondsUntilRenewal() {
        Instant now = clock.instant();
        Instant midnight = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        return Math.max(1, (Duration.between(now, midnight).toMillis() + 999) / 1000);
    }

    /** The ledger must not take the answer with it when the database fails: the call happened either way. */
    private void settle(long reservation, UsageRecord call) {
        try {
            ledger.settle(reservation, call);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "AI call of oid=" + call.objectId() + " tid=" + call.tenantId() + " to "
                    + call.deployment() + " (" + call.outcome() + ", " + (call.promptTokens() + call.completionTokens())
                    + " tokens) could not be recorded in the usage ledger", e);
        }
        try {
            callEnded.accept(new AiCallEnded(call.deployment(), call.outcome(), call.upstreamStatus() == null
                    ? OptionalInt.empty() : OptionalInt.of(call.upstreamStatus()),
                    Duration.ofMillis(call.latencyMs()), call.promptTokens(), call.completionTokens()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "an observer of the end of an AI call to " + call.deployment() + " failed", e);
        }
    }

    private static UsageRecord answered(AiCaller caller, String deployment, Instant at, long startedNanos,
                                        boolean streamed, ChatReply reply) {
        String outcome = ChatReply.CANCELLED.equals(reply.finishReason()) ? "cancelled" : "answered";
        return new UsageRecord(caller.tenantId(), caller.objectId(), deployment, at, streamed, outcome,
                reply.finishReason(), reply.promptTokens(), reply.completionTokens(), millisSince(startedNanos), null,
                reply.filters().summary());
    }

    /** A stopped stream has no usage from Azure: it is counted by estimate, so that Stop cannot dodge the quota. */
    private static ChatReply withUsage(ChatReply reply, List<ChatTurn> messages) {
        if (!ChatReply.CANCELLED.equals(reply.finishReason()) || reply.promptTokens() + reply.completionTokens() > 0) {
            return reply;
        }
        return new ChatReply(reply.content(), reply.finishReason(), TokenEstimate.prompt(messages),
                TokenEstimate.of(reply.content()), reply.deployment(), reply.model(), reply.filters());
    }

    private static UsageRecord failed(AiCaller caller, String deployment, Instant at, long startedNanos,
                                      boolean streamed, AiUnavailableException failure) {
        return new UsageRecord(caller.tenantId(), caller.objectId(), deployment, at, streamed,
                failure.kind().name().toLowerCase(Locale.ROOT), null, 0, 0, millisSince(startedNanos),
                failure.upstreamStatus().isPresent() ? failure.upstreamStatus().getAsInt() : null,
                failure.filters().summary());
    }

    private static long millisSince(long startedNanos) {
        return Math.max(0, (System.nanoTime() - startedNanos) / 1_000_000);
    }

    private String deploymentOf(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        String deployment = request.deployment().orElse(settings.deployment());
        if (!settings.deployments().contains(deployment)) {
            throw new IllegalArgumentException("'" + deployment + "' is not one of the deployments Atrium offers: "
                    + settings.deployments());
        }
        return deployment;
    }

    private List<ChatTurn> withSystemPrompt(List<ChatTurn> conversation) {
        List<ChatTurn> turns = new ArrayList<>(conversation.size() + 1);
        if (!settings.systemPrompt().isEmpty()) {
            turns.add(new ChatTurn(ChatTurn.Role.SYSTEM, settings.systemPrompt()));
        }
        turns.addAll(conversation);
        return turns;
    }
}
