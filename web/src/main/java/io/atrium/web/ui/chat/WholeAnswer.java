package io.atrium.web.ui.chat;

import java.util.logging.Logger;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

import io.atrium.ai.AiCaller;
import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.ChatReply;
import io.atrium.ai.ChatRequest;
import io.atrium.ai.ChatService;
import io.atrium.ai.Conversations;
import io.atrium.ai.FittedRequest;
import io.atrium.web.ui.errors.ProblemMessages;

/** The chat page's answer without JavaScript: the post waits for the whole answer and saves it in the conversation. */
final class WholeAnswer {

    private static final Logger LOG = Logger.getLogger(WholeAnswer.class.getName());

    private WholeAnswer() {
    }

    /**
     * Answers the last question of {@code open} with {@code deployment} and shows the conversation with the answer,
     * noting when its oldest turns did not fit; when the assistant cannot answer, the page says why instead.
     */
    static void ask(ChatService chat, Conversations conversations, AiCaller caller, OpenConversation open,
                    String deployment) {
        try {
            FittedRequest fitted = chat.fitToContext(ChatRequest.of(open.turns()).withDeployment(deployment));
            ChatReply reply = chat.reply(caller, fitted.request());
            open.show(conversations.appendAnswer(caller, open.id(), reply.content(), reply.deployment()));
            if (fitted.leftOut() > 0) {
                FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                        LeftOutNote.of(fitted.leftOut()), null));
            }
        } catch (AiUnavailableException e) {
            LOG.warning(() -> "chat reply failed: " + e.getMessage());
            ProblemMessages.show(e);
        }
    }
}
