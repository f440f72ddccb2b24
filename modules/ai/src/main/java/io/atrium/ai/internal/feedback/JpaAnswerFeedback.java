package io.atrium.ai.internal.feedback;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.atrium.ai.AiCaller;
import io.atrium.ai.AnswerFeedback;
import io.atrium.ai.Feedback;
import io.atrium.ai.FeedbackTotal;
import io.atrium.ai.Rating;

/** The ratings in PostgreSQL ({@code ai_answer_feedback}), each tied to its answer in {@code ai_message}. */
@ApplicationScoped
public class JpaAnswerFeedback implements AnswerFeedback {

    @PersistenceContext(unitName = "atrium-ai")
    EntityManager entityManager;

    private final Clock clock;

    /** For CDI. */
    public JpaAnswerFeedback() {
        this.clock = Clock.systemUTC();
    }

    /** Outside a container, with an entity manager whose transactions the caller runs. */
    public JpaAnswerFeedback(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Optional<Feedback> rate(AiCaller owner, UUID conversationId, int position, Rating rating) {
        return save(owner, conversationId, position, rating, null, false);
    }

    @Override
    @Transactional
    public Optional<Feedback> comment(AiCaller owner, UUID conversationId, int position, Rating rating,
                                      String comment) {
        String trimmed = comment == null ? "" : comment.strip();
        if (trimmed.length() > MAX_COMMENT_LENGTH) {
            throw new IllegalArgumentException("A comment can have at most " + MAX_COMMENT_LENGTH + " characters.");
        }
        return save(owner, conversationId, position, rating, trimmed.isEmpty() ? null : trimmed, true);
    }

    private Optional<Feedback> save(AiCaller owner, UUID conversationId, int position, Rating rating, String comment,
                                    boolean replaceComment) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(rating, "rating");
        List<Object[]> answers = entityManager.createQuery("SELECT m.id, m.deployment FROM MessageEntity m "
                        + "WHERE m.conversation.id = :conversationId AND m.conversation.tenantId = :tenantId "
                        + "AND m.conversation.objectId = :objectId AND m.position = :position "
                        + "AND m.role = 'assistant'", Object[].class)
                .setParameter("conversationId", conversationId)
                .setParameter("tenantId", owner.tenantId())
                .setParameter("objectId", owner.objectId())
                .setParameter("position", position)
                .getResultList();
        if (answers.isEmpty()) {
            return Optional.empty();
        }
        Long messageId = (Long) answers.get(0)[0];
        // Native: JPA has no upsert, and two quick clicks must not fail on the one-rating-per-answer constraint.
        entityManager.createNativeQuery("INSERT INTO ai_answer_feedback (message_id, tenant_id, object_id, "
                        + "deployment, rating, comment, rated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                        + "ON CONFLICT (message_id) DO UPDATE SET rating = EXCLUDED.rating, rated_at = EXCLUDED.rated_at"
                        + (replaceComment ? ", comment = EXCLUDED.comment" : ""))
                .setParameter(1, messageId)
                .setParameter(2, owner.tenantId())
                .setParameter(3, owner.objectId())
                .setParameter(4, answers.get(0)[1])
                .setParameter(5, AnswerFeedbackEntity.column(rating))
                .setParameter(6, comment)
                .setParameter(7, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .executeUpdate();
        return entityManager.createNamedQuery("Feedback.ofMessage", AnswerFeedbackEntity.class)
                .setParameter("messageId", messageId)
                .getResultStream().findFirst().map(AnswerFeedbackEntity::view);
    }

    @Override
    public Map<Integer, Feedback> inConversation(AiCaller owner, UUID conversationId) {
        Objects.requireNonNull(owner, "owner");
        return entityManager.createNamedQuery("Feedback.inConversation", Object[].class)
                .setParameter("conversationId", conversationId)
                .setParameter("tenantId", owner.tenantId())
                .setParameter("objectId", owner.objectId())
                .getResultList().stream()
                .collect(Collectors.toMap(row -> (Integer) row[0], row -> ((AnswerFeedbackEntity) row[1]).view()));
    }

    @Override
    public List<Feedback> recent(Set<Rating> ratings, int limit) {
        if (ratings.isEmpty()) {
            return List.of();
        }
        return entityManager.createNamedQuery("Feedback.recent", AnswerFeedbackEntity.class)
                .setParameter("ratings", EnumSet.copyOf(ratings).stream().map(AnswerFeedbackEntity::column).toList())
                .setMaxResults(limit)
                .getResultList().stream().map(AnswerFeedbackEntity::view).toList();
    }

    @Override
    public List<FeedbackTotal> totals(Instant since) {
        Map<String, long[]> counts = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        entityManager.createNamedQuery("Feedback.totals", Object[].class)
                .setParameter("since", since)
                .getResultList()
                .forEach(row -> counts.computeIfAbsent((String) row[0], deployment -> new long[2])
                        [row[1].equals(AnswerFeedbackEntity.column(Rating.GOOD)) ? 0 : 1] += ((Number) row[2])
                        .longValue());
        return counts.entrySet().stream()
                .map(entry -> new FeedbackTotal(entry.getKey(), entry.getValue()[0], entry.getValue()[1]))
                .toList();
    }
}
