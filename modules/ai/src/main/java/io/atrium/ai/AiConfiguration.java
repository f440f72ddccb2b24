package io.atrium.ai;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.atrium.ai.internal.client.AzureOpenAiSettings;

/** Lets the application check the Azure OpenAI settings at start-up, before the first employee finds them wrong. */
@ApplicationScoped
public class AiConfiguration {

    @Inject
    AzureOpenAiSettings settings;

    /** Every missing or wrong Azure OpenAI setting, each as a sentence naming its environment variable. */
    public List<String> problems() {
        return settings.problems();
    }
}
