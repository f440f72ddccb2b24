package io.atrium.ai.internal.feedback;

import java.time.Instant;
import java.util.Locale;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import io.atrium.ai.Feedback;
import io.atrium.ai.Rating;

/** A row of {@code ai_answer_feedback} (migration V5 in db/migration/ai). Written by an upsert, only read here. */
@Entity
@Table(name = "ai_answer_feedback")
@NamedQueries({
    @NamedQuery(name = "Feedback.ofMessage", query = "SELECT f FROM AnswerFeedbackEntity f "
            + "WHERE f.messageId = :messageId"),
    @NamedQuery(name = "Feedback.inConversation", query = "SELECT m.position, f FROM AnswerFeedbackEntity f, "
            + "MessageEntity m WHERE f.messageId = m.id AND m.conversation.id = :conversationId "
            + "AND m.conversation.tenantId = :tenantId AND m.conversation.objectId = :objectId"),
    @NamedQuery(name = "Feedback.recent", query = "SELECT f FROM AnswerFeedbackEntity f "
            + "WHERE f.rating IN :ratings ORDER BY f.ratedAt DESC, f.id DESC"),
    @NamedQuery(name = "Feedback.totals", query = "SELECT f.deployment, f.rating, COUNT(f) "
            + "FROM AnswerFeedbackEntity f WHERE f.ratedAt >= :since GROUP BY f.deployment, f.rating")
})
public class AnswerFeedbackEntity {

    @Id
    private Long id;

    @Column(name = "message_id")
    private Long messageId;

    @Column(name = "tenant_id", nullable = false)
    private String tenantId;

    @Column(name = "object_id", nullable = false)
    private String objectId;

    private String deployment;

    @Column(nullable = false)
    private String rating;

    private String comment;

    @Column(name = "rated_at", nullable = false)
    private Instant ratedAt;

    protected AnswerFeedbackEntity() {
    }

    static String column(Rating rating) {
        return rating.name().toLowerCase(Locale.ROOT);
    }

    Feedback view() {
        return new Feedback(tenantId, objectId, deployment, Rating.valueOf(rating.toUpperCase(Locale.ROOT)), comment,
                ratedAt, messageId != null);
    }
}
