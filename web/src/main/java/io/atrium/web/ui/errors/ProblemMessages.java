package io.atrium.web.ui.errors;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

import io.atrium.errors.AtriumException;

/** Every failure a module reports, as the page's error message: its public detail, never the operator's. */
public final class ProblemMessages {

    private ProblemMessages() {
    }

    public static void show(AtriumException failure) {
        show(failure.publicDetail());
    }

    /** An error in Atrium's own words, for a mistake the page itself finds. */
    public static void show(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }
}
