package io.atrium.identity.internal.downstream;

import java.net.URI;
import java.time.Duration;

/**
 * An API Atrium calls with Entra tokens, as configured under {@code atrium.downstream.<name>.*}.
 *
 * @param scopes the scopes asked for, space-separated: one {@code .default} scope in {@link Mode#APP} mode
 */
public record DownstreamApi(String name, URI baseUri, String scopes, Mode mode, Duration readTimeout) {

    /** Whose token the API receives. */
    public enum Mode {
        /** Atrium's own application token (application permissions). */
        APP("app"),
        /** The employee's token, exchanged on their behalf (delegated permissions). */
        ON_BEHALF_OF("on-behalf-of");

        private final String value;

        Mode(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }
}
