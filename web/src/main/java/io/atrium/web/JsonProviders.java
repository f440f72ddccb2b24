package io.atrium.web;

import jakarta.json.spi.JsonProvider;

/**
 * The one JSON-P provider of the WAR. {@code jakarta.json.Json}'s factory methods look the provider up through the
 * class loaders on every call, a scan of every jar: the AI gateway benchmark found two thirds of Payara's CPU there
 * while it streamed chunks. Looked up once here instead.
 */
public final class JsonProviders {

    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonProviders() {
    }
}
