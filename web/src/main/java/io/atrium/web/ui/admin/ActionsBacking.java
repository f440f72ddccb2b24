package io.atrium.web.ui.admin;

import java.io.Serializable;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.atrium.audit.AdminActionLog;
import io.atrium.audit.AdminActionQuery;
import io.atrium.audit.AdminActionView;
import io.atrium.audit.ChainVerification;

/** {@code admin/actions.xhtml}: the admin-action log, filtered by actor and action, and whether its chain holds. */
@Named
@ViewScoped
public class ActionsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int SHOWN = 200;

    @Inject
    transient AdminActionLog log;

    private String actor;
    private String action;
    private List<AdminActionView> actions;
    private ChainVerification verification;

    public List<AdminActionView> getActions() {
        if (actions == null) {
            actions = log.search(new AdminActionQuery(actor, action, null, null, null, 0, SHOWN));
        }
        return actions;
    }

    public ChainVerification getVerification() {
        if (verification == null) {
            verification = log.verify();
        }
        return verification;
    }

    public void filter() {
        actions = null;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }
}
