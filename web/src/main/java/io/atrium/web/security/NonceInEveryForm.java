package io.atrium.web.security;

import java.io.IOException;

import jakarta.faces.application.ViewHandler;
import jakarta.faces.application.ViewHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.context.ResponseWriter;

import org.primefaces.context.PrimeFacesContext;

/**
 * Writes the page's script nonce into every form, beside the view state. PrimeFaces refuses a post to a view without
 * the nonce that view was rendered with ("CSP nonce mismatch") and relies on its own script to add it to forms; a
 * browser without JavaScript, or a page without PrimeFaces' script, would then fail on every post. The nonce is no
 * secret from the page: its script tags carry it.
 */
public class NonceInEveryForm extends ViewHandlerWrapper {

    /** The request parameter PrimeFaces compares with the view's nonce. */
    static final String PARAMETER = "primefaces.nonce";

    public NonceInEveryForm(ViewHandler wrapped) {
        super(wrapped);
    }

    @Override
    public void writeState(FacesContext context) throws IOException {
        super.writeState(context);
        ResponseWriter writer = context.getResponseWriter();
        writer.startElement("input", null);
        writer.writeAttribute("type", "hidden", null);
        writer.writeAttribute("name", PARAMETER, null);
        writer.writeAttribute("value", PrimeFacesContext.getCspState(context).getNonce(), null);
        writer.endElement("input");
    }
}
