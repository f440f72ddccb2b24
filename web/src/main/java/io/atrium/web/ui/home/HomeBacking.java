package io.atrium.web.ui.home;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.atrium.audit.UserDirectory;
import io.atrium.audit.UserView;
import io.atrium.identity.AccessTokenUnavailableException;
import io.atrium.identity.CurrentEmployee;
import io.atrium.identity.EmployeePrincipal;
import io.atrium.identity.EmployeeProfile;
import io.atrium.identity.EmployeeProfiles;
import io.atrium.identity.SignInAgain;

/** The home page: a greeting, the employee's roles and what Atrium has recorded of them. */
@Named
@RequestScoped
public class HomeBacking {

    @Inject
    CurrentEmployee currentEmployee;

    @Inject
    UserDirectory users;

    @Inject
    EmployeeProfiles profiles;

    @Inject
    SignInAgain signInAgain;

    private EmployeeProfile profile;

    private static final DateTimeFormatter DAY_AND_TIME =
            DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private UserView record;

    public EmployeePrincipal getEmployee() {
        return currentEmployee.get();
    }

    public List<String> getRoles() {
        return getEmployee().roles().stream().sorted().toList();
    }

    public UserView getRecord() {
        if (record == null) {
            EmployeePrincipal employee = getEmployee();
            record = users.findByEntraIdentity(employee.tenantId(), employee.objectId()).orElse(null);
        }
        return record;
    }

    /**
     * Reads the employee's profile from Microsoft Graph before the page renders, so that when Entra wants the employee
     * to sign in again first (a claims challenge), the browser can still be sent there.
     */
    public void loadProfile() throws IOException {
        try {
            profile = profiles.ofCallingEmployee().orElse(null);
        } catch (AccessTokenUnavailableException refusal) {
            ExternalContext page = FacesContext.getCurrentInstance().getExternalContext();
            Optional<String> signInAgainPath = signInAgain.pathFor(refusal, "/");
            if (signInAgainPath.isPresent()) {
                page.redirect(page.getRequestContextPath() + signInAgainPath.get());
            }
        }
    }

    /** Job title and department from Microsoft Graph; null when Graph cannot answer, and the page says so. */
    public EmployeeProfile getProfile() {
        return profile;
    }

    public String getFirstSeen() {
        UserView user = getRecord();
        return user == null ? "" : DAY_AND_TIME.format(user.firstSeenAt());
    }
}
