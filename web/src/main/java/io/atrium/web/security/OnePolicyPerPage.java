package io.atrium.web.security;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.ExternalContextFactory;
import jakarta.faces.context.ExternalContextWrapper;

/**
 * Makes the policy PrimeFaces writes for a page (Atrium's, with the page's nonce) replace the one every answer already
 * has, instead of adding a second: a browser enforces every policy it gets, and the first allows no inline script.
 */
public class OnePolicyPerPage extends ExternalContextFactory {

    public OnePolicyPerPage(ExternalContextFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExternalContext getExternalContext(Object context, Object request, Object response) {
        return new Replacing(getWrapped().getExternalContext(context, request, response));
    }

    private static final class Replacing extends ExternalContextWrapper {

        Replacing(ExternalContext wrapped) {
            super(wrapped);
        }

        @Override
        public void addResponseHeader(String name, String value) {
            if (BrowserHeaders.CONTENT_SECURITY_POLICY.equalsIgnoreCase(name)) {
                setResponseHeader(name, value);
            } else {
                super.addResponseHeader(name, value);
            }
        }
    }
}
