package io.atrium.web.ui.chat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.atrium.ai.ChatTurn;
import io.atrium.ai.ConversationView;

/**
 * A conversation as a Markdown document to keep or share: the title, when it was started and exported, then each
 * turn under its speaker. The assistant's words are Markdown already and stay as written; the employee's are quoted,
 * so that nothing they typed reads as a heading of the document.
 */
final class ConversationMarkdown {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ConversationMarkdown() {
    }

    static String of(ConversationView conversation, Instant exportedAt) {
        StringBuilder markdown = new StringBuilder()
                .append("# ").append(conversation.title().replace('\n', ' ')).append("\n\n")
                .append("_Started ").append(WHEN.format(conversation.createdAt()))
                .append(", exported from Atrium ").append(WHEN.format(exportedAt)).append("._\n");
        for (ChatTurn turn : conversation.turns()) {
            markdown.append("\n## ").append(turn.role() == ChatTurn.Role.USER ? "You" : "Assistant").append("\n\n");
            if (turn.role() == ChatTurn.Role.USER) {
                turn.content().strip().lines().forEach(line -> markdown.append(line.isEmpty() ? ">" : "> " + line)
                        .append('\n'));
            } else {
                markdown.append(turn.content().strip()).append('\n');
            }
        }
        return markdown.toString();
    }

    /** A file name made of the title's letters and digits, for the browser's download. */
    static String fileName(ConversationView conversation) {
        String slug = conversation.title().toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-")
                .replaceAll("^-+|-+$", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-+$", "");
        }
        return (slug.isEmpty() ? "conversation" : slug) + ".md";
    }
}
