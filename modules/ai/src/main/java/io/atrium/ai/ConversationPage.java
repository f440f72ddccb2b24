package io.atrium.ai;

import java.util.List;

/**
 * One page of an employee's conversations, pinned ones first, then the most recently used; {@code page} counts from
 * 0 and {@code more} says whether an older page follows.
 */
public record ConversationPage(List<ConversationSummary> conversations, int page, boolean more) {

    public ConversationPage {
        conversations = List.copyOf(conversations);
    }
}
