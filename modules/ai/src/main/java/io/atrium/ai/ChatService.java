package io.atrium.ai;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.atrium.ai.internal.client.AzureOpenAiChat;
import io.atrium.ai.internal.client.AzureOpenAiSettings;

/** Answers an employee's conversation with Azure OpenAI, under Atrium's system prompt. */
@ApplicationScoped
public class ChatService {

    private final AzureOpenAiChat chat;
    private final String systemPrompt;

    @Inject
    public ChatService(AzureOpenAiChat chat, AzureOpenAiSettings settings) {
        this(chat, settings.systemPrompt());
    }

    ChatService(AzureOpenAiChat chat, String systemPrompt) {
        this.chat = chat;
        this.systemPrompt = systemPrompt;
    }

    /** For CDI's proxy. */
    protected ChatService() {
        this(null, "");
    }

    /**
     * The assistant's next answer to {@code conversation} (oldest turn first, ending with the employee's message).
     *
     * @throws AiUnavailableException when Azure OpenAI cannot answer; its {@code userMessage()} says why in words for
     *                                the employee
     */
    public ChatReply reply(List<ChatTurn> conversation) {
        Objects.requireNonNull(conversation, "conversation");
        if (conversation.isEmpty()) {
            throw new IllegalArgumentException("A conversation needs at least the employee's message");
        }
        List<ChatTurn> turns = new ArrayList<>(conversation.size() + 1);
        if (!systemPrompt.isEmpty()) {
            turns.add(new ChatTurn(ChatTurn.Role.SYSTEM, systemPrompt));
        }
        turns.addAll(conversation);
        return chat.complete(turns);
    }
}
