package io.atrium.ai.internal.client;

import java.util.function.Supplier;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

import io.atrium.ai.AiCaller;
import io.atrium.ai.internal.credential.AzureOpenAiCredential;
import io.atrium.ai.internal.credential.CredentialHeader;

/**
 * Puts the configured mode's credential for the calling employee on each request of the {@link AzureOpenAiClient}.
 * Who calls is not one of Azure's parameters, so it travels beside the call on the calling thread, on which a
 * synchronous REST Client call runs its filters.
 */
final class CredentialFilter implements ClientRequestFilter {

    private static final ThreadLocal<AiCaller> CALLER = new ThreadLocal<>();

    private final AzureOpenAiCredential credential;

    CredentialFilter(AzureOpenAiCredential credential) {
        this.credential = credential;
    }

    /** Runs {@code call} (one synchronous request) with the credential of {@code caller}. */
    static <T> T callingAs(AiCaller caller, Supplier<T> call) {
        CALLER.set(caller);
        try {
            return call.get();
        } finally {
            CALLER.remove();
        }
    }

    @Override
    public void filter(ClientRequestContext request) {
        AiCaller caller = CALLER.get();
        if (caller == null) {
            throw new IllegalStateException("An Azure OpenAI request was made outside CredentialFilter.callingAs");
        }
        CredentialHeader header = credential.header(caller);
        request.getHeaders().putSingle(header.name(), header.value());
    }
}
