package io.atrium.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.ai.internal.usage.AiDatabase;

/** Conversations kept per employee on a real PostgreSQL, private to their owner. */
class ConversationsTest {

    private static final AiCaller ERIN = AiCaller.of("tenant-1", "oid-erin", Set.of("employee"));
    private static final AiCaller ADAM = AiCaller.of("tenant-1", "oid-adam", Set.of("employee", "admin"));
    private static final AiCaller ERIN_ELSEWHERE = AiCaller.of("tenant-2", "oid-erin", Set.of("employee"));

    private static AiDatabase database;

    @BeforeAll
    static void start() throws Exception {
        database = AiDatabase.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void empty() throws Exception {
        database.clear();
    }

    @Test
    void a_conversation_keeps_its_turns_in_order_and_lists_most_recent_first() {
        ConversationView travel = call(c -> c.start(ERIN, "  Travel policy  "));
        ConversationView canteen = call(c -> c.start(ERIN, "Canteen"));
        call(c -> c.append(ERIN, travel.id(), ChatTurn.user("Where is the travel policy?")));
        ConversationView answered = call(c -> c.append(ERIN, travel.id(),
                ChatTurn.assistant("On the intranet, under HR.")));

        assertThat(answered.title()).isEqualTo("Travel policy");
        assertThat(answered.turns()).containsExactly(ChatTurn.user("Where is the travel policy?"),
                ChatTurn.assistant("On the intranet, under HR."));
        assertThat(find(ERIN, travel.id()).orElseThrow().turns()).hasSize(2);
        assertThat(mine(ERIN)).extracting(ConversationSummary::id, ConversationSummary::messages)
                .containsExactly(tuple(travel.id(), 2),
                        tuple(canteen.id(), 0));
    }

    @Test
    void nobody_else_finds_reads_adds_to_or_deletes_an_employees_conversation() {
        ConversationView erins = call(c -> c.start(ERIN, "Private"));
        call(c -> c.append(ERIN, erins.id(), ChatTurn.user("My salary question")));

        for (AiCaller other : new AiCaller[] {ADAM, ERIN_ELSEWHERE}) {
            assertThat(find(other, erins.id())).as(other.toString()).isEmpty();
            assertThat(mine(other)).isEmpty();
            assertThatThrownBy(() -> call(c -> c.append(other, erins.id(), ChatTurn.user("hi"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No conversation");
            assertThat(delete(other, erins.id())).isFalse();
        }
        assertThat(find(ERIN, erins.id()).orElseThrow().turns()).hasSize(1);
    }

    @Test
    void deleting_removes_the_messages_too() throws Exception {
        ConversationView erins = call(c -> c.start(ERIN, "Short-lived"));
        call(c -> c.append(ERIN, erins.id(), ChatTurn.user("Hello")));

        assertThat(delete(ERIN, erins.id())).isTrue();

        assertThat(find(ERIN, erins.id())).isEmpty();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM ai_message")) {
            count.next();
            assertThat(count.getInt(1)).isZero();
        }
    }

    @Test
    void system_turns_blank_titles_and_unknown_ids_are_refused() {
        ConversationView erins = call(c -> c.start(ERIN, "x".repeat(300)));

        assertThat(erins.title()).hasSize(200);
        assertThatThrownBy(() -> call(c -> c.start(ERIN, "   "))).hasMessageContaining("needs a title");
        assertThatThrownBy(() -> call(c -> c.append(ERIN, erins.id(), new ChatTurn(ChatTurn.Role.SYSTEM, "x"))))
                .hasMessageContaining("not stored");
        assertThatThrownBy(() -> call(c -> c.append(ERIN, UUID.randomUUID(), ChatTurn.user("x"))))
                .hasMessageContaining("No conversation");
    }

    private static List<ConversationSummary> mine(AiCaller owner) {
        return call(c -> c.mine(owner));
    }

    private static Optional<ConversationView> find(AiCaller owner, UUID id) {
        return call(c -> c.find(owner, id));
    }

    private static boolean delete(AiCaller owner, UUID id) {
        return call(c -> c.delete(owner, id));
    }

    private static <T> T call(Function<Conversations, T> work) {
        return database.inTransaction(em -> work.apply(new Conversations(em,
                Clock.tick(Clock.system(ZoneOffset.UTC), Duration.ofMillis(1)))));
    }
}
