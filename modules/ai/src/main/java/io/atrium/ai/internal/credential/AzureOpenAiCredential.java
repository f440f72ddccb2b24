package io.atrium.ai.internal.credential;

import io.atrium.ai.AiCaller;
import io.atrium.ai.AiUnavailableException;
import io.atrium.ai.AiUnavailableException.Kind;

/** The one credential of the configured mode for a request to Azure OpenAI, and nothing of any other mode. */
public interface AzureOpenAiCredential {

    /**
     * The header to send for {@code caller}; a token is fetched (or taken from the cache) here.
     *
     * @throws io.atrium.ai.AiUnavailableException ({@code UNAUTHORIZED}) when no credential can be had for this caller
     */
    CredentialHeader header(AiCaller caller);

    /**
     * Azure OpenAI refused the token with a claims challenge (Continuous Access Evaluation: the employee was disabled
     * or their sessions revoked since it was issued): obtains a new one asking for {@code claims}, for the next
     * {@link #header}. A key cannot answer a challenge.
     *
     * @throws io.atrium.ai.AiUnavailableException ({@code SIGN_IN_REQUIRED}) when Entra wants the employee to sign in
     *                                             again first, ({@code UNAUTHORIZED}) when no token can be had
     */
    default void answerChallenge(String claims, AiCaller caller) {
        throw AiUnavailableException.answered(Kind.UNAUTHORIZED, 401, "Azure OpenAI sent a claims challenge, which "
                + "a key cannot answer");
    }

    /**
     * Gets a token now, as a call would, so a readiness check learns early that calls would fail. A key has nothing
     * to get ahead of a call: its presence was checked at start-up, and only Azure can tell whether it still works.
     */
    default void probe() {
    }
}
