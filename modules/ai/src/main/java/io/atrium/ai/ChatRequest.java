package io.atrium.ai;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What is asked of the assistant: the conversation so far (oldest turn first, ending with the employee's message;
 * Atrium's system prompt is put before it), the deployment to answer with (one of {@link ChatService#deployments()};
 * empty for the default), and optional limits Azure applies as it is told.
 *
 * @param maxTokens   the longest answer, in tokens (Azure's {@code max_tokens}); empty for the model's own limit
 * @param temperature sampling temperature 0-2 (Azure's {@code temperature}); empty for Azure's default
 */
public record ChatRequest(List<ChatTurn> conversation, Optional<String> deployment, Optional<Integer> maxTokens,
                          Optional<Double> temperature) {

    public ChatRequest {
        Objects.requireNonNull(conversation, "conversation");
        conversation = List.copyOf(conversation);
        if (conversation.isEmpty()) {
            throw new IllegalArgumentException("A conversation needs at least the employee's message");
        }
        deployment = Objects.requireNonNull(deployment, "deployment").map(String::strip).filter(d -> !d.isEmpty());
        Objects.requireNonNull(maxTokens, "maxTokens");
        Objects.requireNonNull(temperature, "temperature");
        if (maxTokens.isPresent() && maxTokens.get() < 1) {
            throw new IllegalArgumentException("max_tokens must be at least 1, not " + maxTokens.get());
        }
        if (temperature.isPresent() && !(temperature.get() >= 0 && temperature.get() <= 2)) {
            throw new IllegalArgumentException("temperature must be between 0 and 2, not " + temperature.get());
        }
    }

    /** The conversation for the default deployment, with Azure's defaults for length and sampling. */
    public static ChatRequest of(List<ChatTurn> conversation) {
        return new ChatRequest(conversation, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public ChatRequest withDeployment(String deployment) {
        return new ChatRequest(conversation, Optional.ofNullable(deployment), maxTokens, temperature);
    }
}
