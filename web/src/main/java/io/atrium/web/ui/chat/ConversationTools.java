package io.atrium.web.ui.chat;

import java.io.Serializable;
import java.util.Optional;
import java.util.UUID;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.atrium.ai.ConversationView;
import io.atrium.ai.Conversations;
import io.atrium.web.ui.errors.ProblemMessages;

/** The chat page's tools for the open conversation: rename it, pin it to the top of the list, delete it. */
@Named
@ViewScoped
public class ConversationTools implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ChatBacking page;

    @Inject
    OpenConversation open;

    @Inject
    transient Conversations conversations;

    @Inject
    ConversationList list;

    private String newTitle;

    /** The rename field's title, trimmed and shortened as every title is; empty titles are refused by the form. */
    public void rename() {
        UUID id = open.id();
        Optional<ConversationView> renamed = id == null ? Optional.empty()
                : conversations.rename(page.caller(), id, newTitle);
        renamed.ifPresentOrElse(open::show, () -> ProblemMessages.show("This conversation no longer exists."));
        newTitle = null;
        list.changed();
    }

    public void togglePin() {
        UUID id = open.id();
        if (id != null && conversations.pin(page.caller(), id, !open.pinned())) {
            open.pinned(!open.pinned());
        }
        list.changed();
    }

    /** Deletes the conversation with its messages and opens a new one; the page says which was deleted. */
    public String delete() {
        UUID id = open.id();
        if (id != null && conversations.delete(page.caller(), id)) {
            FacesContext faces = FacesContext.getCurrentInstance();
            faces.getExternalContext().getFlash().setKeepMessages(true);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                    "Deleted the conversation “" + open.title() + "”.", null));
        }
        return "/chat?faces-redirect=true";
    }

    /** What the field shows: the title being typed, else the conversation's own. */
    public String getNewTitle() {
        return newTitle != null ? newTitle : open.title();
    }

    public void setNewTitle(String newTitle) {
        this.newTitle = newTitle;
    }
}
