package io.atrium.ai;

/**
 * A request whose conversation was fitted to its deployment's context budget: {@code leftOut} of its oldest turns
 * are not sent (0 when all of it fits).
 */
public record FittedRequest(ChatRequest request, int leftOut) {
}
