package io.atrium.ai;

import java.util.Objects;

/** One message of a conversation with the assistant. */
public record ChatTurn(Role role, String content) {

    /** Who speaks: the instructions Atrium gives the model, the employee, or the model's own earlier answers. */
    public enum Role {
        SYSTEM, USER, ASSISTANT
    }

    public ChatTurn {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static ChatTurn user(String content) {
        return new ChatTurn(Role.USER, content);
    }

    public static ChatTurn assistant(String content) {
        return new ChatTurn(Role.ASSISTANT, content);
    }
}
