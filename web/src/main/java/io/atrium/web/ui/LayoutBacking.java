package io.atrium.web.ui;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.atrium.identity.CurrentEmployee;
import io.atrium.identity.EmployeePrincipal;

/** What every page's frame shows: who is signed in. */
@Named
@RequestScoped
public class LayoutBacking {

    @Inject
    CurrentEmployee currentEmployee;

    public EmployeePrincipal getEmployee() {
        return currentEmployee.get();
    }
}
