package io.atrium.ai.internal.credential;

import io.atrium.ai.AiCaller;
import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.AiUnavailableException.Kind;
import io.atrium.identity.AccessTokenUnavailableException;
import io.atrium.identity.AccessTokens;
import io.atrium.identity.EmployeeToken;

/**
 * The employee's own identity towards Azure OpenAI ({@code on-behalf-of} mode): their access token for Atrium is
 * exchanged for one for Azure OpenAI, so Azure's RBAC and its logs see the employee. No key is needed or sent.
 */
public final class OnBehalfOfCredential implements AzureOpenAiCredential {

    private final AccessTokens tokens;
    private final String scope;

    public OnBehalfOfCredential(AccessTokens tokens, String scope) {
        this.tokens = tokens;
        this.scope = scope;
    }

    @Override
    public CredentialHeader header(AiCaller caller) {
        return CredentialHeader.bearer(token(caller, null));
    }

    /** The exchange is made again with the claims; Entra may then want the employee to sign in first. */
    @Override
    public void answerChallenge(String claims, AiCaller caller) {
        token(caller, claims);
    }

    private String token(AiCaller caller, String claimsChallenge) {
        EmployeeToken employee = caller.employeeToken().orElseThrow(() -> AiUnavailableException.noAnswer(
                Kind.UNAUTHORIZED, "ATRIUM_AI_CREDENTIAL is on-behalf-of, but the caller oid=" + caller.objectId()
                        + " came without an employee token (an application calling on its own cannot use it)", null));
        try {
            return tokens.onBehalfOf(employee, scope, claimsChallenge);
        } catch (AccessTokenUnavailableException | IllegalArgumentException e) {
            throw BearerTokens.noToken("on behalf of oid=" + caller.objectId(), e);
        }
    }

    /**
     * Without an employee nothing can be exchanged; what a readiness check can learn is whether Atrium's own
     * credential works, which the exchange needs too.
     */
    @Override
    public void probe() {
        try {
            tokens.forApp(scope);
        } catch (AccessTokenUnavailableException | IllegalArgumentException e) {
            throw BearerTokens.noToken("as the application (probe of on-behalf-of)", e);
        }
    }
}
