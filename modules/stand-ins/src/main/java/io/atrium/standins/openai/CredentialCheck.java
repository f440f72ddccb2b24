package io.atrium.standins.openai;

import java.util.Optional;

import com.sun.net.httpserver.Headers;

/**
 * Decides whether a request carries a credential Azure OpenAI would accept. Azure takes either an {@code api-key}
 * header or an Entra access token as {@code Authorization: Bearer}, and refuses each with its own 401 body, so a check
 * answers with the refusal rather than a yes or no.
 */
interface CredentialCheck {

    /** Empty when the request may go on, otherwise the error Azure answers with. */
    Optional<AzureError> refusal(Headers requestHeaders);
}
