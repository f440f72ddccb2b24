package io.atrium.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.atrium.audit.Actor;
import io.atrium.identity.CurrentEmployee;

/** The administrator calling the admin API, as the admin-action log names them: an employee or an application. */
@RequestScoped
public class AdminCaller {

    @Inject
    CurrentEmployee currentEmployee;

    @Inject
    JsonWebToken token;

    public Actor actor() {
        return currentEmployee.find()
                .map(employee -> Actor.employee(employee.tenantId(), employee.objectId(), employee.username()))
                .orElseGet(() -> {
                    String azp = token.getClaim("azp");
                    return Actor.application(azp != null ? azp : token.getClaim("appid"));
                });
    }
}
