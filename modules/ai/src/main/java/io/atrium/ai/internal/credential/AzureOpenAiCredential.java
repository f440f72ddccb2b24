package io.atrium.ai.internal.credential;

import java.net.http.HttpRequest;

import io.atrium.ai.AiCaller;

/** Puts the one credential of the configured mode on a request to Azure OpenAI, and nothing of any other mode. */
public interface AzureOpenAiCredential {

    /**
     * @throws io.atrium.ai.AiUnavailableException ({@code UNAUTHORIZED}) when no credential can be had for this caller
     */
    void authenticate(HttpRequest.Builder request, AiCaller caller);

    /**
     * Gets a token now, as a call would, so a readiness check learns early that calls would fail. A key has nothing
     * to get ahead of a call: its presence was checked at start-up, and only Azure can tell whether it still works.
     */
    default void probe() {
    }
}
