package io.atrium.web.ui;

import java.io.IOException;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atrium.identity.SignOut;

/** The sign-out button in every page's frame: a form post, so no other site can sign an employee out. */
@Named
@RequestScoped
public class SignOutBacking {

    @Inject
    SignOut signOut;

    public void signOut() throws IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        String entraSignOut = signOut.signOut((HttpServletRequest) external.getRequest(),
                (HttpServletResponse) external.getResponse()).toString();
        external.redirect(entraSignOut);
    }
}
