package io.atrium.ai.internal.client;

import java.util.Arrays;
import java.util.Optional;

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

    static Optional<CredentialMode> fromConfig(String value) {
        return Arrays.stream(values()).filter(mode -> mode.configValue.equals(value)).findFirst();
    }
}
