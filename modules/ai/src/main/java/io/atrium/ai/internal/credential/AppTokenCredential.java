package io.atrium.ai.internal.credential;

import io.atrium.ai.AiCaller;
import io.atrium.identity.AccessTokenUnavailableException;
import io.atrium.identity.AccessTokens;

/**
 * Atrium's own Entra token for Azure OpenAI ({@code entra} mode): Azure's RBAC decides on Atrium's service principal
 * (role "Cognitive Services OpenAI User"). No key is needed or sent.
 */
public final class AppTokenCredential implements AzureOpenAiCredential {

    private final AccessTokens tokens;
    private final String scope;

    public AppTokenCredential(AccessTokens tokens, String scope) {
        this.tokens = tokens;
        this.scope = scope;
    }

    @Override
    public CredentialHeader header(AiCaller caller) {
        return CredentialHeader.bearer(token());
    }

    @Override
    public void answerChallenge(String claims, AiCaller caller) {
        token(claims);
    }

    @Override
    public void probe() {
        token();
    }

    private String token() {
        return token(null);
    }

    private String token(String claimsChallenge) {
        try {
            return tokens.forApp(scope, claimsChallenge);
        } catch (AccessTokenUnavailableException | IllegalArgumentException e) {
            throw BearerTokens.noToken("as the application", e);
        }
    }
}
