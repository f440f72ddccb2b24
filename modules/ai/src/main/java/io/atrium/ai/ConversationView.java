package io.atrium.ai;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One of an employee's conversations with its turns, oldest first (no system prompt: Atrium adds it per call). */
public record ConversationView(UUID id, String title, Instant createdAt, Instant updatedAt, boolean pinned,
                               List<ChatTurn> turns) {

    public ConversationView {
        turns = List.copyOf(turns);
    }
}
