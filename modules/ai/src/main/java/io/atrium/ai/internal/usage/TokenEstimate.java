package io.atrium.ai.internal.usage;

import java.util.List;

import io.atrium.ai.ChatTurn;

/**
 * Tokens counted by characters, for a stream its caller stopped: Azure sends no usage then, yet it did the work, and
 * a stopped answer that counted nothing would let Stop walk around the daily quota. About four characters make a
 * token in English text (OpenAI's rule of thumb); each message costs a few tokens of its own.
 */
public final class TokenEstimate {

    private static final int CHARACTERS_PER_TOKEN = 4;
    private static final int TOKENS_PER_MESSAGE = 4;

    private TokenEstimate() {
    }

    /** The prompt's tokens: every message sent, the system prompt included. */
    public static int prompt(List<ChatTurn> messages) {
        return messages.stream().mapToInt(turn -> TOKENS_PER_MESSAGE + of(turn.content())).sum();
    }

    /** The tokens of a text, such as the part of an answer that arrived before the stop. */
    public static int of(String text) {
        return (text.length() + CHARACTERS_PER_TOKEN - 1) / CHARACTERS_PER_TOKEN;
    }
}
