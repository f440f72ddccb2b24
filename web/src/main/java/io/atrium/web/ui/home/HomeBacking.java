package io.atrium.web.ui.home;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.atrium.audit.UserDirectory;
import io.atrium.audit.UserView;
import io.atrium.identity.CurrentEmployee;
import io.atrium.identity.EmployeePrincipal;
import io.atrium.identity.EmployeeProfile;
import io.atrium.identity.EmployeeProfiles;

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

    /** Job title and department from Microsoft Graph; null when Graph cannot answer, and the page says so. */
    public EmployeeProfile getProfile() {
        if (profile == null) {
            profile = profiles.ofSignedInEmployee().orElse(null);
        }
        return profile;
    }

    public String getFirstSeen() {
        UserView user = getRecord();
        return user == null ? "" : DAY_AND_TIME.format(user.firstSeenAt());
    }
}
