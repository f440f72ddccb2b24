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

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.ai.internal.conversation.JpaConversations;
import io.atrium.ai.internal.usage.AiDatabase;

/** Conversations kept per employee on a real PostgreSQL, private to their owner. */
class ConversationsOnPostgresTest {

    private static final AiCaller ERIN = AiCaller.of("tenant-1", "oid-erin", Set.of("employee"));
    private static final AiCaller ADAM = AiCaller.of("tenant-1", "oid-adam", Set.of("employee", "admin"));
    private static final AiCaller ERIN_ELSEWHERE = AiCaller.of("tenant-2", "oid-erin", Set.of("employee"));

    private static final AiDatabase database = AiDatabase.get();

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
    void the_last_answer_is_dropped_to_be_written_again_and_the_last_question_replaced_with_its_answer() {
        ConversationView leave = call(c -> c.start(ERIN, "Leave"));
        call(c -> c.append(ERIN, leave.id(), ChatTurn.user("How many days?")));
        call(c -> c.append(ERIN, leave.id(), ChatTurn.assistant("Twenty-five.")));
        call(c -> c.append(ERIN, leave.id(), ChatTurn.user("And carried over?")));
        call(c -> c.append(ERIN, leave.id(), ChatTurn.assistant("Five.")));

        ConversationView dropped = call(c -> c.dropLastAnswer(ERIN, leave.id())).orElseThrow();
        assertThat(dropped.turns()).extracting(ChatTurn::content)
                .containsExactly("How many days?", "Twenty-five.", "And carried over?");
        assertThat(dropLastAnswer(ERIN, leave.id())).as("it ends with a question now").isEmpty();

        ConversationView asked = call(c -> c.replaceLastQuestion(ERIN, leave.id(), "And into next year?"))
                .orElseThrow();
        call(c -> c.append(ERIN, leave.id(), ChatTurn.assistant("Up to five days.")));
        ConversationView again = call(c -> c.replaceLastQuestion(ERIN, leave.id(), "How many can I carry over?"))
                .orElseThrow();

        assertThat(asked.turns()).extracting(ChatTurn::content)
                .containsExactly("How many days?", "Twenty-five.", "And into next year?");
        assertThat(again.turns()).extracting(ChatTurn::content)
                .containsExactly("How many days?", "Twenty-five.", "How many can I carry over?");
        assertThat(find(ERIN, leave.id()).orElseThrow().turns()).isEqualTo(again.turns());
        for (AiCaller other : new AiCaller[] {ADAM, ERIN_ELSEWHERE}) {
            assertThat(dropLastAnswer(other, leave.id())).isEmpty();
            assertThat(replaceLastQuestion(other, leave.id(), "Mine now")).isEmpty();
        }
        ConversationView empty = call(c -> c.start(ERIN, "Empty"));
        assertThat(replaceLastQuestion(ERIN, empty.id(), "Hello?")).isEmpty();
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

    @Test
    void renaming_trims_the_title_keeps_the_conversations_place_and_is_only_for_its_owner() {
        ConversationView first = call(c -> c.start(ERIN, "First"));
        ConversationView second = call(c -> c.start(ERIN, "Second"));

        ConversationView renamed = rename(ERIN, first.id(), "  Budget 2027  ").orElseThrow();

        assertThat(renamed.title()).isEqualTo("Budget 2027");
        assertThat(renamed.updatedAt()).isEqualTo(first.updatedAt());
        assertThat(mine(ERIN)).extracting(ConversationSummary::title).containsExactly("Second", "Budget 2027");
        assertThat(rename(ERIN, second.id(), "y".repeat(250)).orElseThrow().title()).hasSize(200);
        assertThatThrownBy(() -> rename(ERIN, first.id(), "  ")).hasMessageContaining("needs a title");
        assertThat(rename(ADAM, first.id(), "Taken over")).isEmpty();
        assertThat(rename(ERIN_ELSEWHERE, first.id(), "Taken over")).isEmpty();
        assertThat(find(ERIN, first.id()).orElseThrow().title()).isEqualTo("Budget 2027");
    }

    @Test
    void pinned_conversations_come_first_until_unpinned_and_only_the_owner_pins() {
        ConversationView old = call(c -> c.start(ERIN, "Old"));
        call(c -> c.start(ERIN, "Newer"));
        call(c -> c.start(ERIN, "Newest"));

        assertThat(pin(ERIN, old.id(), true)).isTrue();
        assertThat(mine(ERIN)).extracting(ConversationSummary::title, ConversationSummary::pinned)
                .containsExactly(tuple("Old", true), tuple("Newest", false), tuple("Newer", false));
        assertThat(find(ERIN, old.id()).orElseThrow().pinned()).isTrue();
        assertThat(pin(ADAM, old.id(), false)).isFalse();
        assertThat(find(ERIN, old.id()).orElseThrow().pinned()).isTrue();

        pin(ERIN, old.id(), false);
        assertThat(mine(ERIN)).extracting(ConversationSummary::title).containsExactly("Newest", "Newer", "Old");
    }

    @Test
    void search_finds_the_owners_conversations_by_title_or_any_message_ignoring_case() {
        ConversationView travel = call(c -> c.start(ERIN, "Travel policy"));
        call(c -> c.append(ERIN, travel.id(), ChatTurn.user("Can I fly business class?")));
        ConversationView canteen = call(c -> c.start(ERIN, "Canteen"));
        call(c -> c.append(ERIN, canteen.id(), ChatTurn.user("What is for lunch?")));
        call(c -> c.append(ERIN, canteen.id(), ChatTurn.assistant("Soup, and a 50% discount on Fridays.")));
        call(c -> c.start(ADAM, "Travel to Oslo"));

        assertThat(titlesFound(ERIN, "TRAVEL")).containsExactly("Travel policy");
        assertThat(titlesFound(ERIN, "business CLASS")).containsExactly("Travel policy");
        assertThat(titlesFound(ERIN, "soup")).as("the assistant's words too").containsExactly("Canteen");
        assertThat(titlesFound(ERIN, "l")).containsExactly("Canteen", "Travel policy");
        assertThat(titlesFound(ERIN, "50%")).containsExactly("Canteen");
        assertThat(titlesFound(ERIN, "%")).as("% is a character, not a wildcard").containsExactly("Canteen");
        assertThat(titlesFound(ERIN, "_")).isEmpty();
        assertThat(titlesFound(ERIN, "Oslo")).as("another employee's conversation").isEmpty();
        assertThat(titlesFound(ERIN_ELSEWHERE, "Travel")).isEmpty();
        assertThat(titlesFound(ERIN, "   ")).as("a blank search lists everything")
                .containsExactly("Canteen", "Travel policy");
    }

    @Test
    void more_than_a_page_of_conversations_is_read_page_by_page_without_gaps_or_repeats() {
        int total = Conversations.PAGE_SIZE * 2 + 5;
        java.time.Instant start = java.time.Instant.now();
        database.inTransaction(em -> {
            for (int i = 0; i < total; i++) {
                // A millisecond apart, so that the most recently used order is known.
                new JpaConversations(em, Clock.fixed(start.plusMillis(i), ZoneOffset.UTC))
                        .start(ERIN, "Conversation " + i);
            }
            return null;
        });

        ConversationPage first = call(c -> c.mine(ERIN, 0));
        ConversationPage last = call(c -> c.mine(ERIN, 2));

        assertThat(first.conversations()).hasSize(Conversations.PAGE_SIZE);
        assertThat(first.more()).isTrue();
        assertThat(first.conversations().get(0).title()).isEqualTo("Conversation " + (total - 1));
        assertThat(last.conversations()).hasSize(5);
        assertThat(last.more()).isFalse();
        assertThat(last.conversations().get(4).title()).isEqualTo("Conversation 0");
        Set<UUID> seen = new java.util.HashSet<>();
        for (int page = 0; page < 3; page++) {
            int p = page;
            call(c -> c.mine(ERIN, p)).conversations().forEach(summary -> assertThat(seen.add(summary.id())).isTrue());
        }
        assertThat(seen).hasSize(total);
        assertThat(call(c -> c.search(ERIN, "Conversation 1", 0)).conversations())
                .as("1, 10-19, 100-199").hasSize(Conversations.PAGE_SIZE);
        assertThat(call(c -> c.search(ERIN, "Conversation 1", 1)).conversations()).hasSize(11);
    }

    private static List<ConversationSummary> mine(AiCaller owner) {
        return call(c -> c.mine(owner, 0)).conversations();
    }

    private static Optional<ConversationView> rename(AiCaller owner, UUID id, String title) {
        return call(c -> c.rename(owner, id, title));
    }

    private static Optional<ConversationView> dropLastAnswer(AiCaller owner, UUID id) {
        return call(c -> c.dropLastAnswer(owner, id));
    }

    private static Optional<ConversationView> replaceLastQuestion(AiCaller owner, UUID id, String question) {
        return call(c -> c.replaceLastQuestion(owner, id, question));
    }

    private static boolean pin(AiCaller owner, UUID id, boolean pinned) {
        return call(c -> c.pin(owner, id, pinned));
    }

    private static List<String> titlesFound(AiCaller owner, String text) {
        return call(c -> c.search(owner, text, 0)).conversations().stream().map(ConversationSummary::title).toList();
    }

    private static Optional<ConversationView> find(AiCaller owner, UUID id) {
        return call(c -> c.find(owner, id));
    }

    private static boolean delete(AiCaller owner, UUID id) {
        return call(c -> c.delete(owner, id));
    }

    private static <T> T call(Function<Conversations, T> work) {
        return database.inTransaction(em -> work.apply(new JpaConversations(em,
                Clock.tick(Clock.system(ZoneOffset.UTC), Duration.ofMillis(1)))));
    }
}
