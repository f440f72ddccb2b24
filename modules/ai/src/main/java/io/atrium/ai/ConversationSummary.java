package io.atrium.ai;

import java.time.Instant;
import java.util.UUID;

/** One of an employee's conversations, for a list. */
public record ConversationSummary(UUID id, String title, Instant updatedAt, boolean pinned, int messages) {
}
