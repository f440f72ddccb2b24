package io.atrium.ai;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.atrium.ai.internal.client.AzureOpenAiChat;
import io.atrium.ai.internal.client.AzureOpenAiSettings;
import io.atrium.ai.internal.client.CredentialMode;

/** Lets the application check the Azure OpenAI settings at start-up, and the credential when it is asked to be ready. */
@ApplicationScoped
public class AiConfiguration {

    @Inject
    AzureOpenAiSettings settings;

    @Inject
    Instance<AzureOpenAiChat> chat;

    /**
     * Every missing or wrong Azure OpenAI setting, each as a sentence naming its environment variable; the settings
     * each credential mode needs are named only for the mode chosen.
     */
    public List<String> problems() {
        return settings.problems();
    }

    /** True when Azure OpenAI is called with the employee's own token ({@code ATRIUM_AI_CREDENTIAL=on-behalf-of}). */
    public boolean callsOnBehalfOfEmployees() {
        return settings.problems().isEmpty() && settings.credential() == CredentialMode.ON_BEHALF_OF;
    }

    /**
     * Whether Atrium can authenticate to Azure OpenAI now, for a readiness check: in {@code api-key} mode the key is
     * present; in {@code entra} and {@code on-behalf-of} modes a token for Cognitive Services is obtained from Entra
     * (Atrium's own: on behalf of whom would there be none). Makes no call to Azure OpenAI itself.
     *
     * @return empty when ready, otherwise why not, in words for an operator
     */
    public Optional<String> probe() {
        if (!settings.problems().isEmpty()) {
            return Optional.of("Azure OpenAI is not configured: " + String.join("; ", settings.problems()));
        }
        try {
            chat.get().probeCredential();
            return Optional.empty();
        } catch (AiUnavailableException e) {
            return Optional.of(e.getMessage());
        }
    }
}
