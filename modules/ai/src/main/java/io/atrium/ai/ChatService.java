package io.atrium.ai;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.atrium.ai.internal.client.AzureOpenAiChat;
import io.atrium.ai.internal.client.AzureOpenAiSettings;

/**
 * Answers a conversation with Azure OpenAI under Atrium's system prompt, whole or streamed, for a caller given
 * explicitly (the Faces page's signed-in employee, or the REST gateway's bearer-token caller).
 *
 * <p>Never call it inside a database transaction: it makes HTTP calls to Azure OpenAI (and Entra for tokens).
 */
@ApplicationScoped
public class ChatService {

    private final AzureOpenAiChat chat;
    private final AzureOpenAiSettings settings;

    @Inject
    public ChatService(AzureOpenAiChat chat, AzureOpenAiSettings settings) {
        this.chat = chat;
        this.settings = settings;
    }

    /** For CDI's proxy. */
    protected ChatService() {
        this(null, null);
    }

    /** The deployments a request may name, the default first. */
    public List<String> deployments() {
        return settings.deployments();
    }

    /**
     * The assistant's whole answer.
     *
     * @throws IllegalArgumentException when the request names a deployment not in {@link #deployments()}
     * @throws AiUnavailableException   when Azure OpenAI cannot answer; its {@code userMessage()} says why in words for
     *                                  the employee
     */
    public ChatReply reply(AiCaller caller, ChatRequest request) {
        Objects.requireNonNull(caller, "caller");
        String deployment = deploymentOf(request);
        return chat.complete(caller, deployment, withSystemPrompt(request.conversation()), request.maxTokens(),
                request.temperature());
    }

    /**
     * The assistant's answer, streamed to {@code listener} as Azure sends it; the returned handle stops it.
     *
     * @throws IllegalArgumentException when the request names a deployment not in {@link #deployments()}
     */
    public ChatStream stream(AiCaller caller, ChatRequest request, ChatStreamListener listener) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(listener, "listener");
        String deployment = deploymentOf(request);
        return chat.stream(caller, deployment, withSystemPrompt(request.conversation()), request.maxTokens(),
                request.temperature(), listener);
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
