package io.atrium.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.ai.internal.conversation.JpaConversations;
import io.atrium.ai.internal.feedback.JpaAnswerFeedback;
import io.atrium.ai.internal.usage.AiDatabase;

/** Employees' ratings of answers on a real PostgreSQL: their own answers only, seen by admins without the words. */
class AnswerFeedbackOnPostgresTest {

    private static final AiCaller ERIN = AiCaller.of("tenant-1", "oid-erin", Set.of("employee"));
    private static final AiCaller ADAM = AiCaller.of("tenant-1", "oid-adam", Set.of("employee", "admin"));

    private static final AiDatabase database = AiDatabase.get();

    @BeforeEach
    void empty() throws Exception {
        database.clear();
    }

    @Test
    void an_employee_rates_an_answer_and_the_last_rating_counts_keeping_the_comment() {
        UUID id = conversationWithAnswer(ERIN, "gpt-4o");

        assertThat(comment(ERIN, id, 1, Rating.BAD, "  Wrong year for the policy.  "))
                .hasValueSatisfying(bad -> {
                    assertThat(bad.rating()).isEqualTo(Rating.BAD);
                    assertThat(bad.comment()).isEqualTo("Wrong year for the policy.");
                    assertThat(bad.deployment()).isEqualTo("gpt-4o");
                    assertThat(bad.answerKept()).isTrue();
                });
        Feedback changed = rate(ERIN, id, 1, Rating.GOOD).orElseThrow();

        assertThat(changed.rating()).isEqualTo(Rating.GOOD);
        assertThat(changed.comment()).isEqualTo("Wrong year for the policy.");
        assertThat(ratings(ERIN, id)).containsOnlyKeys(1);
        assertThat(recent(EnumSet.allOf(Rating.class), 10)).hasSize(1);
        assertThat(comment(ERIN, id, 1, Rating.GOOD, " ").orElseThrow().comment()).isNull();
    }

    @Test
    void only_the_owners_answers_can_be_rated_and_questions_cannot() {
        UUID id = conversationWithAnswer(ERIN, "gpt-4o");

        assertThat(rate(ADAM, id, 1, Rating.BAD)).isEmpty();
        assertThat(rate(ERIN, id, 0, Rating.BAD)).as("the question").isEmpty();
        assertThat(rate(ERIN, id, 2, Rating.BAD)).as("past the end").isEmpty();
        assertThat(rate(ERIN, UUID.randomUUID(), 1, Rating.BAD)).isEmpty();
        assertThat(ratings(ADAM, id)).isEmpty();
        assertThat(recent(EnumSet.allOf(Rating.class), 10)).isEmpty();
    }

    @Test
    void a_comment_too_long_is_refused_and_the_rating_before_it_stays() {
        UUID id = conversationWithAnswer(ERIN, "gpt-4o");
        comment(ERIN, id, 1, Rating.BAD, "Too vague.");

        assertThatThrownBy(() -> comment(ERIN, id, 1, Rating.GOOD, "x".repeat(1001)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("A comment can have at most 1000 characters.");
        assertThat(ratings(ERIN, id).get(1))
                .extracting(Feedback::rating, Feedback::comment).containsExactly(Rating.BAD, "Too vague.");
    }

    @Test
    void a_rating_outlives_its_answer_and_conversation_without_keeping_their_words() {
        UUID id = conversationWithAnswer(ERIN, "gpt-4o");
        comment(ERIN, id, 1, Rating.BAD, "Made up a form number.");
        conversations(c -> c.dropLastAnswer(ERIN, id));
        conversations(c -> c.appendAnswer(ERIN, id, "Form HR-7.", "gpt-4o-mini"));
        rate(ERIN, id, 1, Rating.GOOD);

        assertThat(ratings(ERIN, id).get(1).deployment()).isEqualTo("gpt-4o-mini");
        conversations(c -> c.delete(ERIN, id));

        assertThat(recent(EnumSet.allOf(Rating.class), 10))
                .extracting(Feedback::objectId, Feedback::deployment, Feedback::rating, Feedback::comment,
                        Feedback::answerKept)
                .containsExactly(tuple("oid-erin", "gpt-4o-mini", Rating.GOOD, null, false),
                        tuple("oid-erin", "gpt-4o", Rating.BAD, "Made up a form number.", false));
        assertThat(recent(EnumSet.of(Rating.BAD), 10)).hasSize(1);
    }

    @Test
    void totals_count_good_and_bad_per_deployment_since_a_moment() {
        Instant before = Instant.now().minusSeconds(1);
        for (String deployment : new String[] {"gpt-4o", "gpt-4o", "gpt-4o-mini"}) {
            UUID id = conversationWithAnswer(ERIN, deployment);
            rate(ERIN, id, 1, deployment.equals("gpt-4o-mini") ? Rating.GOOD : Rating.BAD);
        }
        UUID good = conversationWithAnswer(ADAM, "gpt-4o");
        rate(ADAM, good, 1, Rating.GOOD);

        assertThat(totals(before)).containsExactly(new FeedbackTotal("gpt-4o", 1, 2),
                new FeedbackTotal("gpt-4o-mini", 1, 0));
        assertThat(totals(Instant.now().plusSeconds(60))).isEmpty();
    }

    private static Optional<Feedback> rate(AiCaller owner, UUID id, int position, Rating rating) {
        return feedback(f -> f.rate(owner, id, position, rating));
    }

    private static Optional<Feedback> comment(AiCaller owner, UUID id, int position, Rating rating, String text) {
        return feedback(f -> f.comment(owner, id, position, rating, text));
    }

    private static Map<Integer, Feedback> ratings(AiCaller owner, UUID id) {
        return feedback(f -> f.inConversation(owner, id));
    }

    private static List<Feedback> recent(Set<Rating> ratings, int limit) {
        return feedback(f -> f.recent(ratings, limit));
    }

    private static List<FeedbackTotal> totals(Instant since) {
        return feedback(f -> f.totals(since));
    }

    private static UUID conversationWithAnswer(AiCaller owner, String deployment) {
        UUID id = conversations(c -> c.start(owner, "Policies")).id();
        conversations(c -> c.append(owner, id, ChatTurn.user("Which form do I need?")));
        conversations(c -> c.appendAnswer(owner, id, "Form HR-5.", deployment));
        return id;
    }

    private static <T> T feedback(Function<AnswerFeedback, T> work) {
        return database.inTransaction(em -> work.apply(new JpaAnswerFeedback(em, Clock.tick(
                Clock.system(ZoneOffset.UTC), Duration.ofMillis(1)))));
    }

    private static <T> T conversations(Function<Conversations, T> work) {
        return database.inTransaction(em -> work.apply(new JpaConversations(em,
                Clock.tick(Clock.system(ZoneOffset.UTC), Duration.ofMillis(1)))));
    }
}
