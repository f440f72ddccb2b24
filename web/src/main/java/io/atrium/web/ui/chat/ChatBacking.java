package io.atrium.web.ui.chat;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.atrium.ai.AiCaller;
import io.atrium.ai.ChatService;
import io.atrium.ai.ChatTurn;
import io.atrium.ai.ConversationView;
import io.atrium.ai.Conversations;
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
    transient CurrentEmployee currentEmployee;

    @Inject
    transient ConversationList list;

    @Inject
    OpenConversation openConversation;

    private String conversationParameter;
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
        openConversation.show(found.get());
    }

    public void send() {
        AiCaller caller = caller();
        ConversationView conversation = openConversation.id() == null
                ? conversations.start(caller, titleOf(message))
                : conversations.find(caller, openConversation.id()).orElse(null);
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
        openConversation.show(asked.get());
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
        UUID conversationId = openConversation.id();
        Optional<ConversationView> conversation = conversationId == null ? Optional.empty()
                : conversations.dropLastAnswer(caller, conversationId)
                        .or(() -> conversations.find(caller, conversationId));
        if (conversation.isEmpty() || !isHasQuestion()) {
            ProblemMessages.show("There is no question to answer again.");
            return;
        }
        openConversation.show(conversation.get());
        answer(caller);
    }

    /** Puts the last question in the message box; the next Send replaces it and its answer. */
    public void editLast() {
        openConversation.lastQuestion().ifPresent(question -> {
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
            pendingReply = replies.prepare(currentEmployee.get(), openConversation.id(), deployment);
            return;
        }
        pendingReply = null;
        WholeAnswer.ask(chat, conversations, caller, openConversation, deployment);
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
        return openConversation.id() == null ? "" : openConversation.id().toString();
    }

    public String getTitle() {
        return openConversation.title();
    }

    public List<ChatTurn> getTurns() {
        return openConversation.turns();
    }

    /** The employee's rating of the answer at {@code position}: good, bad, or empty when not rated. */
    public String rating(int position) {
        return openConversation.rating(position);
    }

    public String comment(int position) {
        return openConversation.comment(position);
    }

    public boolean isEditing() {
        return editing;
    }

    public boolean isHasQuestion() {
        return openConversation.lastQuestion().isPresent();
    }

    public boolean isPinned() {
        return openConversation.pinned();
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
