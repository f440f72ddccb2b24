package io.atrium.ai;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.microprofile.config.Config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** MicroProfile Config as Atrium would see it: the module's defaults, overridden by the settings given. */
public final class TestConfig {

    private TestConfig() {
    }

    public static Config of(Map<String, String> settings) {
        try {
            return new SmallRyeConfigBuilder()
                    .withSources(new PropertiesConfigSource(new HashMap<>(settings), "test settings", 400))
                    .withSources(new PropertiesConfigSource(
                            TestConfig.class.getResource("/META-INF/microprofile-config.properties"), 100))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the ai module's defaults", e);
        }
    }

    /** Settings for an Azure OpenAI (stand-in) at {@code endpoint} in api-key mode, plus {@code more}. */
    public static Config apiKey(String endpoint, String apiKey, Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "azure.openai.endpoint", endpoint,
                "azure.openai.deployment", "gpt-4o-mini",
                "atrium.ai.deployments", "gpt-4o-mini,gpt-4o",
                "azure.openai.api-key", apiKey,
                "atrium.ai.system-prompt", "Be brief."));
        settings.putAll(more);
        return of(settings);
    }
}
