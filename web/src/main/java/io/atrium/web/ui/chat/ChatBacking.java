package io.atrium.web.ui.chat;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
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
import io.atrium.ai.ChatTurn;
import io.atrium.identity.CurrentEmployee;
import io.atrium.identity.EmployeePrincipal;

/**
 * The chat page: the conversation so far and the message being written. When Azure OpenAI cannot answer, the
 * employee is told why in plain words and their message stays in the box to send again.
 */
@Named
@ViewScoped
public class ChatBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ChatBacking.class.getName());

    @Inject
    transient ChatService chat;

    @Inject
    transient CurrentEmployee currentEmployee;

    private final List<ChatTurn> turns = new ArrayList<>();
    private String message;

    public void send() {
        List<ChatTurn> conversation = new ArrayList<>(turns);
        conversation.add(ChatTurn.user(message));
        try {
            EmployeePrincipal employee = currentEmployee.get();
            ChatReply reply = chat.reply(AiCaller.of(employee.tenantId(), employee.objectId(), employee.roles()),
                    ChatRequest.of(conversation));
            turns.clear();
            turns.addAll(conversation);
            turns.add(ChatTurn.assistant(reply.content()));
            message = null;
        } catch (AiUnavailableException e) {
            LOG.warning(() -> "chat reply failed: " + e.getMessage());
            FacesContext.getCurrentInstance().addMessage(null,
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, e.userMessage(), null));
        }
    }

    public List<ChatTurn> getTurns() {
        return turns;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
