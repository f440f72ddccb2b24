package io.atrium.identity.internal.oidc;

import java.util.Arrays;
import java.util.Optional;

/** Entra's {@code prompt} values Atrium can be configured with; {@link #DEFAULT} sends none and lets Entra decide. */
public enum Prompt {
    DEFAULT(""), NONE("none"), LOGIN("login"), SELECT_ACCOUNT("select_account"), CONSENT("consent");

    private final String value;

    Prompt(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    static Optional<Prompt> parse(String configured) {
        return Arrays.stream(values()).filter(prompt -> prompt.value.equals(configured.strip())).findFirst();
    }
}
