package io.atrium.ai.internal.client;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;

import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.AiUnavailableException.Kind;
import io.atrium.ai.ChatReply;
import io.atrium.ai.ChatTurn;

/**
 * The anti-corruption layer between Atrium and Azure OpenAI: the module's records go out as wire DTOs, the answer
 * comes back as a {@link ChatReply}, and every failure as an {@link AiUnavailableException}. Each call logs one line
 * (deployment, status, latency, tokens), never the key or what was said.
 */
@ApplicationScoped
public class AzureOpenAiChat {

    private static final Logger LOG = Logger.getLogger(AzureOpenAiChat.class.getName());

    private final AzureOpenAiClient client;
    private final String deployment;
    private final String apiVersion;

    @Inject
    public AzureOpenAiChat(AzureOpenAiSettings settings) {
        this(AzureOpenAiClientFactory.create(settings), settings.deployment(), settings.apiVersion());
    }

    AzureOpenAiChat(AzureOpenAiClient client, String deployment, String apiVersion) {
        this.client = client;
        this.deployment = deployment;
        this.apiVersion = apiVersion;
    }

    /** For CDI's proxy. */
    protected AzureOpenAiChat() {
        this(null, null, null);
    }

    /** Releases the client's connections when the application stops, so a redeploy does not leak them. */
    @PreDestroy
    void close() {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "Closing the Azure OpenAI client failed; the application is stopping anyway", e);
            }
        }
    }

    /**
     * Azure's answer to {@code conversation}, sent as it is.
     *
     * @throws AiUnavailableException for an error status (thrown by {@link AzureErrorResponseMapper}), an answer that
     *                                cannot be shown, or no answer at all
     */
    public ChatReply complete(List<ChatTurn> conversation) {
        List<ChatMessage> messages = conversation.stream()
                .map(turn -> new ChatMessage(turn.role().name().toLowerCase(Locale.ROOT), turn.content()))
                .toList();
        long started = System.nanoTime();
        try {
            ChatCompletion completion;
            try {
                completion = client.create(deployment, apiVersion, ChatCompletionRequest.whole(messages));
            } catch (ProcessingException noAnswer) {
                throw AzureOpenAiErrors.fromNoAnswer(noAnswer);
            }
            ChatReply reply = toReply(completion);
            LOG.log(Level.INFO, "Azure OpenAI chat completion: deployment={0}, status=200, latency={1} ms, "
                    + "prompt tokens={2}, completion tokens={3}, id={4}", new Object[] {deployment,
                    millisSince(started), String.valueOf(reply.promptTokens()),
                    String.valueOf(reply.completionTokens()), completion.id()});
            return reply;
        } catch (AiUnavailableException failure) {
            LOG.log(Level.WARNING, "Azure OpenAI chat completion failed: deployment={0}, status={1}, latency={2} ms, "
                    + "{3}", new Object[] {deployment, failure.upstreamStatus().isPresent()
                    ? String.valueOf(failure.upstreamStatus().getAsInt()) : "none", millisSince(started),
                    failure.getMessage()});
            throw failure;
        }
    }

    private ChatReply toReply(ChatCompletion completion) {
        if (completion == null || completion.choices() == null || completion.choices().isEmpty()) {
            throw AiUnavailableException.unusableAnswer(Kind.UPSTREAM_ERROR,
                    "Azure OpenAI answered without a choice" + idOf(completion));
        }
        ChatCompletion.Choice choice = completion.choices().get(0);
        if ("content_filter".equals(choice.finishReason())) {
            throw AiUnavailableException.unusableAnswer(Kind.CONTENT_FILTERED,
                    "Azure OpenAI's content filter stopped the answer, filtered "
                            + AzureOpenAiErrors.filteredCategories(choice.contentFilterResults()) + idOf(completion));
        }
        if (choice.message() == null || choice.message().content() == null) {
            throw AiUnavailableException.unusableAnswer(Kind.UPSTREAM_ERROR, "Azure OpenAI answered without "
                    + "content, finish_reason " + choice.finishReason() + idOf(completion));
        }
        ChatCompletion.Usage usage = completion.usage();
        return new ChatReply(choice.message().content(), choice.finishReason(),
                usage == null || usage.promptTokens() == null ? 0 : usage.promptTokens(),
                usage == null || usage.completionTokens() == null ? 0 : usage.completionTokens(),
                deployment);
    }

    private static String idOf(ChatCompletion completion) {
        return completion == null || completion.id() == null ? "" : " (id " + completion.id() + ")";
    }

    private static String millisSince(long started) {
        return String.valueOf(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
}
