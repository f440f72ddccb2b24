package io.atrium.web.ui.chat;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.atrium.ai.AiCaller;
import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.ChatReply;
import io.atrium.ai.ChatRequest;
import io.atrium.ai.ChatService;
import io.atrium.ai.AnswerFeedback;
import io.atrium.ai.ChatTurn;
import io.atrium.ai.Feedback;
import io.atrium.ai.ConversationView;
import io.atrium.ai.Conversations;
import io.atrium.ai.FittedRequest;
import io.atrium.identity.CurrentEmployee;
import io.atrium.web.ui.errors.ProblemMessages;

/**
 * {@code chat.xhtml?c=...}: the employee's conversations and the open one. Sending saves the employee's message in
 * the conversation first (a conversation is started by its first message), so a failed answer never loses it. With
 * JavaScript the page posts by Ajax and then reads the answer as it arrives from {@link ChatStreamServlet}; without,
 * the post waits for the whole answer. Both posts carry Faces' view state, which a forged cross-site post cannot know.
 */
@Named
@ViewScoped
public class ChatBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ChatBacking.class.getName());
    private static final int TITLE_LENGTH = 60;

    @Inject
    transient ChatService chat;

    @Inject
    transient Conversations conversations;

    @Inject
    transient ReplyStreams replies;

    @Inject
    transient AnswerFeedback feedback;

    @Inject
    transient CurrentEmployee currentEmployee;

    @Inject
    transient ConversationList list;

    private String conversationParameter;
    private UUID conversationId;
    private String title;
    // Not kept with the view (records are not serializable, and a replicated session must be): read again if lost.
    private transient List<ChatTurn> turns;
    private transient Map<Integer, Feedback> ratings;
    private boolean pinned;
    private boolean editing;
    private String message;
    private String deployment;
    private String pendingReply;

    /** The page's view action: opens the conversation named by {@code ?c=}, if it is the employee's; else 404. */
    public void open() {
        deployment = chat.deployments().get(0);
        if (conversationParameter == null || conversationParameter.isBlank()) {
            return;
        }
        Optional<ConversationView> found;
        try {
            found = conversations.find(caller(), UUID.fromString(conversationParameter.strip()));
        } catch (IllegalArgumentException malformed) {
            found = Optional.empty();
        }
        if (found.isEmpty()) {
            notFound();
            return;
        }
        show(found.get());
    }

    public void send() {
        AiCaller caller = caller();
        ConversationView conversation = conversationId == null
                ? conversations.start(caller, titleOf(message))
                : conversations.find(caller, conversationId).orElse(null);
        if (conversation == null) {
            ProblemMessages.show("This conversation no longer exists. Start a new one.");
            return;
        }
        Optional<ConversationView> asked = editing
                ? conversations.replaceLastQuestion(caller, conversation.id(), message)
                : Optional.of(conversations.append(caller, conversation.id(), ChatTurn.user(message)));
        editing = false;
        if (asked.isEmpty()) {
            ProblemMessages.show("There is no question of yours to replace any more.");
            return;
        }
        show(asked.get());
        list.changed();
        message = null;
        answer(caller);
    }

    /**
     * Asks the assistant again for the answer to the last question: the last answer, if one came, is removed first;
     * a question whose answer failed is simply asked again.
     */
    public void regenerate() {
        AiCaller caller = caller();
        Optional<ConversationView> conversation = conversationId == null ? Optional.empty()
                : conversations.dropLastAnswer(caller, conversationId)
                        .or(() -> conversations.find(caller, conversationId));
        if (conversation.isEmpty() || !isHasQuestion()) {
            ProblemMessages.show("There is no question to answer again.");
            return;
        }
        show(conversation.get());
        answer(caller);
    }

    /** Puts the last question in the message box; the next Send replaces it and its answer. */
    public void editLast() {
        getTurns().stream().filter(turn -> turn.role() == ChatTurn.Role.USER).reduce((first, last) -> last)
                .ifPresent(question -> {
                    message = question.content();
                    editing = true;
                });
    }

    public void cancelEdit() {
        editing = false;
        message = null;
    }

    /** With JavaScript the page reads the answer as it streams; without, the post waits for the whole answer. */
    private void answer(AiCaller caller) {
        if (FacesContext.getCurrentInstance().getPartialViewContext().isAjaxRequest()) {
            pendingReply = replies.prepare(currentEmployee.get(), conversationId, deployment);
            return;
        }
        pendingReply = null;
        try {
            FittedRequest fitted = chat.fitToContext(ChatRequest.of(getTurns()).withDeployment(deployment));
            ChatReply reply = chat.reply(caller, fitted.request());
            show(conversations.appendAnswer(caller, conversationId, reply.content(), reply.deployment()));
            if (fitted.leftOut() > 0) {
                FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                        LeftOutNote.of(fitted.leftOut()), null));
            }
        } catch (AiUnavailableException e) {
            LOG.warning(() -> "chat reply failed: " + e.getMessage());
            ProblemMessages.show(e);
        }
    }

    /** The Stop button: the answer under way ends with what arrived, and Azure stops generating it. */
    public void stop() {
        if (pendingReply != null) {
            replies.stop(pendingReply, currentEmployee.get());
        }
    }

    /** An assistant's turn as safe HTML (see {@link SafeMarkdown}); the employee's own turns are shown as text. */
    public String html(ChatTurn turn) {
        return SafeMarkdown.toHtml(turn.content());
    }

    /** Read when the page or its form is rendered; the streaming script updates it when an answer ends. */
    public String getAllowance() {
        return Allowance.describe(chat.quotaOf(caller()));
    }

    public List<String> getDeployments() {
        return chat.deployments();
    }

    /** What the page shows of the conversation, after it was opened, answered, renamed or pinned. */
    void show(ConversationView conversation) {
        conversationId = conversation.id();
        title = conversation.title();
        pinned = conversation.pinned();
        turns = conversation.turns();
        ratings = null;
    }

    AiCaller caller() {
        return AiCaller.of(currentEmployee.get());
    }

    private static String titleOf(String message) {
        String firstLine = message.strip().lines().findFirst().orElse("").strip();
        return firstLine.length() <= TITLE_LENGTH ? firstLine : firstLine.substring(0, TITLE_LENGTH - 1) + "…";
    }

    private static void notFound() {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            faces.getExternalContext().responseSendError(404, "No such conversation of yours");
        } catch (IOException e) {
            LOG.fine(() -> "browser went away before its 404: " + e);
        }
        faces.responseComplete();
    }

    public String getConversationParameter() {
        return conversationParameter;
    }

    public void setConversationParameter(String conversationParameter) {
        this.conversationParameter = conversationParameter;
    }

    public String getConversationId() {
        return conversationId == null ? "" : conversationId.toString();
    }

    public String getTitle() {
        return title;
    }

    public List<ChatTurn> getTurns() {
        if (turns == null) {
            turns = conversationId == null ? List.of() : conversations.find(caller(), conversationId)
                    .map(ConversationView::turns).orElse(List.of());
        }
        return turns;
    }

    /** The employee's rating of the answer at {@code position}: good, bad, or empty when not rated. */
    public String rating(int position) {
        Feedback rated = ratings().get(position);
        return rated == null ? "" : rated.rating().name().toLowerCase(Locale.ROOT);
    }

    public String comment(int position) {
        Feedback rated = ratings().get(position);
        return rated == null || rated.comment() == null ? "" : rated.comment();
    }

    private Map<Integer, Feedback> ratings() {
        if (ratings == null) {
            ratings = conversationId == null ? Map.of() : feedback.inConversation(caller(), conversationId);
        }
        return ratings;
    }

    public boolean isEditing() {
        return editing;
    }

    public boolean isHasQuestion() {
        return getTurns().stream().anyMatch(turn -> turn.role() == ChatTurn.Role.USER);
    }

    UUID openConversation() {
        return conversationId;
    }

    /** After a pin or unpin: the conversation itself is not read again for it. */
    void pinned(boolean pinned) {
        this.pinned = pinned;
    }

    public boolean isPinned() {
        return pinned;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getDeployment() {
        return deployment;
    }

    public void setDeployment(String deployment) {
        this.deployment = deployment;
    }

    public String getPendingReply() {
        return pendingReply == null ? "" : pendingReply;
    }
}
