package io.atrium.ai;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Employees' ratings of the assistant's answers, for administrators to see which deployments serve them well. An
 * employee rates only answers in their own conversations, addressed by the conversation and the answer's position
 * in it (as {@link ConversationView#turns()} lists them); one rating per answer, the last one counts.
 */
public interface AnswerFeedback {

    int MAX_COMMENT_LENGTH = 1000;

    /**
     * Rates the owner's answer, keeping a comment given before; empty when there is no answer of theirs at this
     * position.
     */
    Optional<Feedback> rate(AiCaller owner, UUID conversationId, int position, Rating rating);

    /**
     * Rates the owner's answer with a comment (trimmed; a blank one removes the comment); empty when there is no
     * answer of theirs at this position.
     *
     * @throws IllegalArgumentException when the comment is longer than {@link #MAX_COMMENT_LENGTH} characters
     */
    Optional<Feedback> comment(AiCaller owner, UUID conversationId, int position, Rating rating, String comment);

    /** The owner's ratings in one of their conversations, by the answer's position. */
    Map<Integer, Feedback> inConversation(AiCaller owner, UUID conversationId);

    /** The latest ratings of these kinds, newest first. */
    List<Feedback> recent(Set<Rating> ratings, int limit);

    /** Ratings given since {@code since}, per deployment, by deployment name. */
    List<FeedbackTotal> totals(Instant since);
}
