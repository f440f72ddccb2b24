package io.atrium.web.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.atrium.audit.AdministrationRefused;

/** Times in query parameters and bodies: ISO-8601 instants such as 2026-05-01T00:00:00Z. */
final class Instants {

    private Instants() {
    }

    static Instant parse(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new AdministrationRefused(AdministrationRefused.Kind.INVALID, name + " must be an ISO-8601 instant "
                    + "such as 2026-05-01T00:00:00Z, not '" + value + "'");
        }
    }
}
