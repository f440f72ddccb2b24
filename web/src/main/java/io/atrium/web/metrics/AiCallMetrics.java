package io.atrium.web.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.atrium.ai.events.AiCallEnded;

/**
 * Times every call to Azure OpenAI and counts it by deployment and status, from the ai module's event: the status is
 * 200 for an answer, Azure's HTTP status for its refusals, and {@code none} when no answer came at all (timeout, cut
 * connection).
 */
@ApplicationScoped
public class AiCallMetrics {

    @Inject
    AtriumMetrics metrics;

    void count(@Observes AiCallEnded call) {
        String status = call.answered() ? "200"
                : call.upstreamStatus().isPresent() ? Integer.toString(call.upstreamStatus().getAsInt()) : "none";
        metrics.aiCall(call.deployment(), status, !call.answered(), call.duration());
    }
}
