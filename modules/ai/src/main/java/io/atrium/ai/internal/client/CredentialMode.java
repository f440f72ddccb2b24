package io.atrium.ai.internal.client;

import java.util.Arrays;
import java.util.Optional;

import jakarta.enterprise.inject.Instance;

import io.atrium.ai.internal.credential.ApiKeyCredential;
import io.atrium.ai.internal.credential.AppTokenCredential;
import io.atrium.ai.internal.credential.AzureOpenAiCredential;
import io.atrium.ai.internal.credential.OnBehalfOfCredential;
import io.atrium.identity.AccessTokens;

/**
 * How Atrium proves itself to Azure OpenAI, chosen explicitly ({@code ATRIUM_AI_CREDENTIAL}); exactly one is used,
 * never a fallback from one to another.
 */
public enum CredentialMode {
    /** The resource's key in the {@code api-key} header. */
    API_KEY("api-key"),
    /** Atrium's own Entra token ({@code Authorization: Bearer}), no key at all. */
    ENTRA("entra"),
    /** The employee's Entra token, exchanged on their behalf, so Azure's RBAC applies per employee. */
    ON_BEHALF_OF("on-behalf-of");

    private final String configValue;

    CredentialMode(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    /** This mode's credential; only the Entra modes look up {@code accessTokens}. */
    AzureOpenAiCredential credential(AzureOpenAiSettings settings, Instance<AccessTokens> accessTokens) {
        return switch (this) {
            case API_KEY -> new ApiKeyCredential(settings.apiKey());
            case ENTRA -> new AppTokenCredential(accessTokens.get(), AzureOpenAiSettings.COGNITIVE_SERVICES_SCOPE);
            case ON_BEHALF_OF -> new OnBehalfOfCredential(accessTokens.get(),
                    AzureOpenAiSettings.COGNITIVE_SERVICES_SCOPE);
        };
    }

    static Optional<CredentialMode> fromConfig(String value) {
        return Arrays.stream(values()).filter(mode -> mode.configValue.equals(value)).findFirst();
    }
}
