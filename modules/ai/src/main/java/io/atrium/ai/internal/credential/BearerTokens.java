package io.atrium.ai.internal.credential;

import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.AiUnavailableException.Kind;
import io.atrium.identity.AccessTokenUnavailableException;

/** The refusal both Entra modes give when Entra gives no token. */
final class BearerTokens {

    private BearerTokens() {
    }

    static AiUnavailableException noToken(String whose, RuntimeException failure) {
        String detail = failure instanceof AccessTokenUnavailableException
                ? failure.getMessage() : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        Kind kind = failure instanceof AccessTokenUnavailableException refusal && refusal.interactionRequired()
                ? Kind.SIGN_IN_REQUIRED : Kind.UNAUTHORIZED;
        return AiUnavailableException.noAnswer(kind, "no Entra token for Azure OpenAI " + whose + ": " + detail,
                failure);
    }
}
