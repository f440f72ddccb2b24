package io.atrium.identity;

import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.atrium.identity.internal.bearer.ApiSettings;
import io.atrium.identity.internal.downstream.DownstreamApiSettings;
import io.atrium.identity.internal.outbound.OutboundTokenSettings;
import io.atrium.identity.internal.oidc.OidcSettings;
import io.atrium.identity.internal.oidc.SignInCredential;
import io.atrium.identity.internal.oidc.SessionTokenSeal;
import io.atrium.identity.internal.roles.EmployeeRoles;
import io.atrium.identity.internal.security.SessionSettings;

/** Lets the application check the identity settings at start-up, before the first employee finds them wrong. */
@ApplicationScoped
public class IdentityConfiguration {

    @Inject
    OidcSettings oidc;

    @Inject
    SessionSettings sessions;

    @Inject
    EmployeeRoles roles;

    @Inject
    DownstreamApiSettings downstream;

    @Inject
    ApiSettings api;

    @Inject
    OutboundTokenSettings outbound;

    @Inject
    SignInCredential signInCredential;

    /** Asked at start-up like the others, which also installs it before the first session is read back. */
    @Inject
    SessionTokenSeal sessionTokens;

    /**
     * True when the chosen {@code ATRIUM_APP_CREDENTIAL} can exchange an employee's token on their behalf: the app
     * registration's secret, certificate or federated token can, a managed identity or the default chain cannot.
     */
    public boolean actsOnBehalfOfEmployees() {
        if (!outbound.problems().isEmpty()) {
            return true; // the wrong setting is reported as such, not as a contradiction
        }
        return outbound.mode().actsOnBehalfOfEmployees();
    }

    /** Every missing or wrong identity setting, each as a sentence naming its environment variable. */
    public List<String> problems() {
        return Stream.of(oidc.problems(), sessions.problems(), roles.problems(), downstream.problems(), api.problems(),
                        outbound.problems(), signInCredential.problems(), sessionTokens.problems())
                .flatMap(List::stream).toList();
    }
}
