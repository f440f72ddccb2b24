package io.atrium.web.ui.chat;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;

import io.atrium.ai.AiCaller;
import io.atrium.ai.AnswerFeedback;
import io.atrium.ai.ChatTurn;
import io.atrium.ai.ConversationView;
import io.atrium.ai.Conversations;
import io.atrium.ai.Feedback;
import io.atrium.identity.CurrentEmployee;

/** The conversation open on the chat page, for the view: its title, pin, turns, and the employee's ratings of them. */
@ViewScoped
public class OpenConversation implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Conversations conversations;

    @Inject
    transient AnswerFeedback feedback;

    @Inject
    transient CurrentEmployee currentEmployee;

    private UUID id;
    private String title;
    // Not kept with the view (records are not serializable, and a replicated session must be): read again if lost.
    private transient List<ChatTurn> turns;
    private transient Map<Integer, Feedback> ratings;
    private boolean pinned;

    /** What the page shows of the conversation, after it was opened, answered, renamed or pinned. */
    void show(ConversationView conversation) {
        id = conversation.id();
        title = conversation.title();
        pinned = conversation.pinned();
        turns = conversation.turns();
        ratings = null;
    }

    /** Null while no conversation is open: the page's first message starts one. */
    UUID id() {
        return id;
    }

    String title() {
        return title;
    }

    boolean pinned() {
        return pinned;
    }

    /** After a pin or unpin: the conversation itself is not read again for it. */
    void pinned(boolean pinned) {
        this.pinned = pinned;
    }

    List<ChatTurn> turns() {
        if (turns == null) {
            turns = id == null ? List.of() : conversations.find(caller(), id)
                    .map(ConversationView::turns).orElse(List.of());
        }
        return turns;
    }

    Optional<ChatTurn> lastQuestion() {
        return turns().stream().filter(turn -> turn.role() == ChatTurn.Role.USER).reduce((first, last) -> last);
    }

    /** The employee's rating of the answer at {@code position}: good, bad, or empty when not rated. */
    String rating(int position) {
        Feedback rated = ratings().get(position);
        return rated == null ? "" : rated.rating().name().toLowerCase(Locale.ROOT);
    }

    String comment(int position) {
        Feedback rated = ratings().get(position);
        return rated == null || rated.comment() == null ? "" : rated.comment();
    }

    private Map<Integer, Feedback> ratings() {
        if (ratings == null) {
            ratings = id == null ? Map.of() : feedback.inConversation(caller(), id);
        }
        return ratings;
    }

    private AiCaller caller() {
        return AiCaller.of(currentEmployee.get());
    }
}
