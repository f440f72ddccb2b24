package io.atrium.web.ui.chat;

import java.io.Serializable;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.atrium.ai.AiCaller;
import io.atrium.ai.ConversationPage;
import io.atrium.ai.Conversations;
import io.atrium.identity.CurrentEmployee;

/**
 * The chat page's list of the employee's conversations ({@code ?q=} searches titles and messages, {@code ?page=}
 * goes to older ones), kept for the view so that it stays as the employee left it while they chat.
 */
@Named
@ViewScoped
public class ConversationList implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Conversations conversations;

    @Inject
    transient CurrentEmployee currentEmployee;

    private String query = "";
    private int page;
    // Not kept with the view (records are not serializable, and a replicated session must be): read again if lost.
    private transient ConversationPage shown;

    public ConversationPage getShown() {
        if (shown == null) {
            shown = conversations.search(AiCaller.of(currentEmployee.get()), query, page);
        }
        return shown;
    }

    /** After a send, rename, pin or delete: the list is read again. */
    public void changed() {
        shown = null;
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query == null ? "" : query.strip();
        shown = null;
    }

    public boolean isSearching() {
        return !query.isEmpty();
    }

    public String getPage() {
        return Integer.toString(page);
    }

    /** A page number that is not one (a hand-edited address) shows the first page rather than an error. */
    public void setPage(String page) {
        try {
            this.page = page == null || page.isBlank() ? 0 : Math.max(0, Integer.parseInt(page.strip()));
        } catch (NumberFormatException notANumber) {
            this.page = 0;
        }
        shown = null;
    }

    public int getPageNumber() {
        return page;
    }
}
