package io.atrium.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.atrium.ai.internal.client.AzureOpenAiChat;

class ChatServiceTest {

    private final List<List<ChatTurn>> sent = new ArrayList<>();
    private final AzureOpenAiChat chat = new AzureOpenAiChat() {
        @Override
        public ChatReply complete(List<ChatTurn> conversation) {
            sent.add(List.copyOf(conversation));
            return new ChatReply("Echo", "stop", 1, 1, "gpt-4o-mini");
        }
    };

    @Test
    void system_prompt_goes_before_the_conversation() {
        ChatService service = new ChatService(chat, "You are Atrium.");

        service.reply(List.of(ChatTurn.user("Hi"), ChatTurn.assistant("Hello"), ChatTurn.user("Bye")));

        assertThat(sent).containsExactly(List.of(new ChatTurn(ChatTurn.Role.SYSTEM, "You are Atrium."),
                ChatTurn.user("Hi"), ChatTurn.assistant("Hello"), ChatTurn.user("Bye")));
    }

    @Test
    void without_a_system_prompt_the_conversation_goes_as_it_is() {
        ChatService service = new ChatService(chat, "");

        service.reply(List.of(ChatTurn.user("Hi")));

        assertThat(sent).containsExactly(List.of(ChatTurn.user("Hi")));
    }

    @Test
    void empty_conversation_is_refused() {
        ChatService service = new ChatService(chat, "You are Atrium.");

        assertThatThrownBy(() -> service.reply(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(sent).isEmpty();
    }
}
