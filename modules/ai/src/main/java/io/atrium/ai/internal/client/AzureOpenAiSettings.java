package io.atrium.ai.internal.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How Atrium reaches Azure OpenAI. The keys are those of Azure's own SDKs and samples ({@code AZURE_OPENAI_ENDPOINT},
 * {@code AZURE_OPENAI_API_KEY}, ...), so one set of environment variables serves every Azure OpenAI client in the
 * process. Required keys are injected as optional so that {@link #problems()} can name every missing one at once
 * instead of the container failing on the first.
 */
@ApplicationScoped
public class AzureOpenAiSettings {

    /** The only credential mode so far; Entra tokens ({@code entra}, {@code on-behalf-of}) come later. */
    private static final String API_KEY_CREDENTIAL = "api-key";

    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Pattern API_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-preview)?");

    private final Optional<String> endpoint;
    private final Optional<String> deployment;
    private final String apiVersion;
    private final Optional<String> apiKey;
    private final String credential;
    private final long connectTimeoutMs;
    private final long readTimeoutMs;
    private final String systemPrompt;

    @Inject
    public AzureOpenAiSettings(@ConfigProperty(name = "azure.openai.endpoint") Optional<String> endpoint,
                               @ConfigProperty(name = "azure.openai.deployment") Optional<String> deployment,
                               @ConfigProperty(name = "azure.openai.api-version") String apiVersion,
                               @ConfigProperty(name = "azure.openai.api-key") Optional<String> apiKey,
                               @ConfigProperty(name = "atrium.ai.credential") String credential,
                               @ConfigProperty(name = "atrium.ai.connect-timeout-ms") long connectTimeoutMs,
                               @ConfigProperty(name = "atrium.ai.read-timeout-ms") long readTimeoutMs,
                               @ConfigProperty(name = "atrium.ai.system-prompt") String systemPrompt) {
        this.endpoint = endpoint.map(String::strip).filter(value -> !value.isEmpty())
                .map(AzureOpenAiSettings::stripTrailingSlash);
        this.deployment = deployment.map(String::strip).filter(value -> !value.isEmpty());
        this.apiVersion = apiVersion.strip();
        this.apiKey = apiKey.map(String::strip).filter(value -> !value.isEmpty());
        this.credential = credential.strip();
        this.connectTimeoutMs = connectTimeoutMs;
        this.readTimeoutMs = readTimeoutMs;
        this.systemPrompt = systemPrompt.strip();
    }

    /** For CDI's proxy. */
    protected AzureOpenAiSettings() {
        this(Optional.empty(), Optional.empty(), "", Optional.empty(), "", 0, 0, "");
    }

    /** The keys that are missing or wrong, each a sentence an operator can act on; empty when Atrium can call Azure. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (endpoint.isEmpty()) {
            problems.add("AZURE_OPENAI_ENDPOINT (azure.openai.endpoint) is not set: the endpoint of the Azure OpenAI "
                    + "resource, such as https://myresource.openai.azure.com");
        } else {
            endpointProblem(endpoint.get()).ifPresent(problems::add);
        }
        if (deployment.isEmpty()) {
            problems.add("AZURE_OPENAI_DEPLOYMENT (azure.openai.deployment) is not set: the name of the model "
                    + "deployment in the Azure OpenAI resource, such as gpt-4o-mini");
        }
        if (!API_VERSION.matcher(apiVersion).matches()) {
            problems.add("AZURE_OPENAI_API_VERSION (azure.openai.api-version) must be an Azure OpenAI API version "
                    + "such as 2024-10-21, not '" + apiVersion + "'");
        }
        if (!API_KEY_CREDENTIAL.equals(credential)) {
            problems.add("ATRIUM_AI_CREDENTIAL (atrium.ai.credential) is '" + credential + "', but this version of "
                    + "Atrium supports only '" + API_KEY_CREDENTIAL + "'");
        } else if (apiKey.isEmpty()) {
            problems.add("AZURE_OPENAI_API_KEY (azure.openai.api-key) is not set: ATRIUM_AI_CREDENTIAL is api-key, "
                    + "which needs one of the two keys of the Azure OpenAI resource");
        }
        if (connectTimeoutMs <= 0) {
            problems.add("ATRIUM_AI_CONNECT_TIMEOUT_MS (atrium.ai.connect-timeout-ms) must be a positive number of "
                    + "milliseconds, not " + connectTimeoutMs);
        }
        if (readTimeoutMs <= 0) {
            problems.add("ATRIUM_AI_READ_TIMEOUT_MS (atrium.ai.read-timeout-ms) must be a positive number of "
                    + "milliseconds, not " + readTimeoutMs);
        }
        return problems;
    }

    /** Fails with every problem named when the settings cannot work, so a call never starts half-configured. */
    public void requireUsable() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Azure OpenAI is not configured: " + String.join("; ", problems));
        }
    }

    public URI endpoint() {
        return URI.create(endpoint.orElseThrow());
    }

    public String deployment() {
        return deployment.orElseThrow();
    }

    public String apiVersion() {
        return apiVersion;
    }

    /** The resource key; kept out of {@link #toString()} and of every log line. */
    public String apiKey() {
        return apiKey.orElseThrow();
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(connectTimeoutMs);
    }

    public Duration readTimeout() {
        return Duration.ofMillis(readTimeoutMs);
    }

    /** The instructions put before every conversation; empty when none are configured. */
    public String systemPrompt() {
        return systemPrompt;
    }

    @Override
    public String toString() {
        return "AzureOpenAiSettings[endpoint=" + endpoint.orElse("(not set)")
                + ", deployment=" + deployment.orElse("(not set)")
                + ", apiVersion=" + apiVersion
                + ", credential=" + credential
                + ", apiKey=" + (apiKey.isPresent() ? "(set)" : "(not set)")
                + ", connectTimeoutMs=" + connectTimeoutMs
                + ", readTimeoutMs=" + readTimeoutMs + "]";
    }

    /** The key travels in a header, so only a local stand-in may be called over plain http. */
    private static Optional<String> endpointProblem(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.of("AZURE_OPENAI_ENDPOINT (azure.openai.endpoint) is not a URL: '" + value + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        boolean local = uri.getHost() != null && LOCAL_HOSTS.contains(uri.getHost());
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && local)) {
            return Optional.of("AZURE_OPENAI_ENDPOINT (azure.openai.endpoint) must be an https URL such as "
                    + "https://myresource.openai.azure.com (http only for localhost), not '" + value + "'");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null) {
            return Optional.of("AZURE_OPENAI_ENDPOINT (azure.openai.endpoint) must be the resource endpoint without a "
                    + "path or query, such as https://myresource.openai.azure.com, not '" + value + "'");
        }
        return Optional.empty();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
