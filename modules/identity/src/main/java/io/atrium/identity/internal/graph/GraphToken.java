package io.atrium.identity.internal.graph;

import io.atrium.identity.internal.oidc.SignInFailure;

/**
 * A Microsoft Graph access token of an employee, obtained only when asked for: the token Entra gives at sign-in is
 * for Atrium, not for Graph, so one for Graph costs an on-behalf-of request.
 */
@FunctionalInterface
public interface GraphToken {

    String get() throws SignInFailure;
}
