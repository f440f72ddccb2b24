package io.atrium.identity.internal.bearer;

import java.time.Instant;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.atrium.identity.EmployeePrincipal;

/**
 * Who is calling the API: an employee through an application (delegated token) or an application on its own
 * (app-only token, no employee), with the roles that decide what it may do.
 *
 * @param employee  the employee, or null for an application calling on its own
 * @param goodUntil how long this answer may be reused for the same token
 */
public record ApiCaller(JsonWebToken token, EmployeePrincipal employee, Set<String> roles, Instant goodUntil) {
}
