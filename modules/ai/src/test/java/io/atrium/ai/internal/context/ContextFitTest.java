package io.atrium.ai.internal.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.atrium.ai.ChatTurn;

/** A long conversation fitted to a budget: the system prompt and the newest turns stay, the oldest go whole. */
class ContextFitTest {

    private static final ChatTurn SYSTEM = new ChatTurn(ChatTurn.Role.SYSTEM, "12345");

    @Test
    void the_oldest_turns_are_left_out_until_the_rest_fits_with_the_system_prompt() {
        List<ChatTurn> conversation = List.of(SYSTEM, ChatTurn.user("aaaaaaaaaa"), ChatTurn.assistant("bbbbbbbbbb"),
                ChatTurn.user("cccc"), ChatTurn.assistant("dddd"), ChatTurn.user("eeee"));

        ContextFit.Fitted fitted = ContextFit.fit(conversation, 5 + 12, turn -> turn.content().length());

        assertThat(fitted.turns()).containsExactly(SYSTEM, ChatTurn.user("cccc"), ChatTurn.assistant("dddd"),
                ChatTurn.user("eeee"));
        assertThat(fitted.leftOut()).isEqualTo(2);
    }

    @Test
    void what_fits_is_sent_whole_and_a_message_over_the_budget_alone_is_still_sent() {
        List<ChatTurn> small = List.of(SYSTEM, ChatTurn.user("hi"), ChatTurn.assistant("hello"));
        assertThat(ContextFit.fit(small, 100, turn -> turn.content().length()))
                .isEqualTo(new ContextFit.Fitted(small, 0));

        List<ChatTurn> huge = List.of(SYSTEM, ChatTurn.user("older"), ChatTurn.user("x".repeat(50)));
        assertThat(ContextFit.fit(huge, 10, turn -> turn.content().length()))
                .isEqualTo(new ContextFit.Fitted(List.of(SYSTEM, ChatTurn.user("x".repeat(50))), 1));
    }

    @Test
    void tokens_are_counted_with_openais_tokenizer_not_by_characters() {
        // o200k_base: "Hello", ",", " world", "!" and the role "user", plus three tokens for the message itself.
        assertThat(PromptTokens.of(ChatTurn.user("Hello, world!"))).isEqualTo(3 + 1 + 4);
        // Thirty characters of Japanese are far more than the 8 tokens four characters a token would make them.
        assertThat(PromptTokens.of(ChatTurn.user("東京の本社の会議室は何階にありますか。予約の方法も教えてください。")))
                .isGreaterThan(3 + 1 + 8);
    }
}
