package io.atrium.ai;

import java.time.Instant;
import java.util.Objects;

/**
 * An employee's rating of an answer as administrators see it: who, which deployment answered (null for answers saved
 * before Atrium recorded it), the rating and the comment (null when none), never the conversation.
 * {@code answerKept} is false once the answer is gone (regenerated, edited away, or its conversation deleted).
 */
public record Feedback(String tenantId, String objectId, String deployment, Rating rating, String comment,
                       Instant ratedAt, boolean answerKept) {

    public Feedback {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(rating, "rating");
        Objects.requireNonNull(ratedAt, "ratedAt");
    }
}
