package io.atrium.ai.internal.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

/**
 * How Atrium reaches Azure OpenAI. The keys are those of Azure's own SDKs and samples ({@code AZURE_OPENAI_ENDPOINT},
 * {@code AZURE_OPENAI_API_KEY}, ...), so one set of environment variables serves every Azure OpenAI client in the
 * process. Every key is read as optional text so that {@link #problems()} can name every missing or wrong one at once
 * instead of the container failing on the first.
 */
@ApplicationScoped
public class AzureOpenAiSettings {

    /** Entra's scope for Azure OpenAI (Cognitive Services) data-plane calls. */
    public static final String COGNITIVE_SERVICES_SCOPE = "https://cognitiveservices.azure.com/.default";

    /** Azure OpenAI's v1 API: no api-version query parameter, the deployment named in the body's model. */
    private static final String V1 = "v1";

    private final ConfigReader read;
    private final List<String> problems = new ArrayList<>();

    private final Optional<String> endpoint;
    private final Optional<String> deployment;
    private final List<String> deployments;
    private final String apiVersion;
    private final Optional<CredentialMode> credential;
    private final Optional<String> apiKey;
    private final long connectTimeoutMs;
    private final long readTimeoutMs;
    private final long maxRateLimitRetries;
    private final long retryBudgetMs;
    private final long circuitFailures;
    private final long circuitOpenMs;
    private final String systemPrompt;
    private final Map<String, Long> dailyTokenQuotas;
    private final Map<String, Long> contextBudgets;

    @Inject
    public AzureOpenAiSettings(Config config) {
        this.read = new ConfigReader(config, problems);
        this.endpoint = read.text("azure.openai.endpoint").map(AzureOpenAiSettings::stripTrailingSlash);
        this.deployment = read.text("azure.openai.deployment");
        this.deployments = deploymentList();
        this.apiVersion = read.text("azure.openai.api-version").orElse("");
        this.credential = credentialMode();
        this.apiKey = read.text("azure.openai.api-key");
        this.connectTimeoutMs = read.positive("atrium.ai.connect-timeout-ms", 1);
        this.readTimeoutMs = read.positive("atrium.ai.read-timeout-ms", 1);
        this.maxRateLimitRetries = read.positive("atrium.ai.max-rate-limit-retries", 0);
        this.retryBudgetMs = read.positive("atrium.ai.retry-budget-ms", 0);
        this.circuitFailures = read.positive("atrium.ai.circuit-breaker.failures", 1);
        this.circuitOpenMs = read.positive("atrium.ai.circuit-breaker.open-ms", 1);
        this.systemPrompt = read.text("atrium.ai.system-prompt").orElse("");
        this.dailyTokenQuotas = quotas();
        this.contextBudgets = budgets();
        collectProblems();
    }

    /** For CDI's proxy. */
    protected AzureOpenAiSettings() {
        this.read = null;
        this.endpoint = Optional.empty();
        this.deployment = Optional.empty();
        this.deployments = List.of();
        this.apiVersion = "";
        this.credential = Optional.empty();
        this.apiKey = Optional.empty();
        this.connectTimeoutMs = 0;
        this.readTimeoutMs = 0;
        this.maxRateLimitRetries = 0;
        this.retryBudgetMs = 0;
        this.circuitFailures = 0;
        this.circuitOpenMs = 0;
        this.systemPrompt = "";
        this.dailyTokenQuotas = Map.of();
        this.contextBudgets = Map.of();
    }

    /** The keys that are missing or wrong, each a sentence an operator can act on; empty when Atrium can call Azure. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Fails with every problem named when the settings cannot work, so a call never starts half-configured. */
    public void requireUsable() {
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Azure OpenAI is not configured: " + String.join("; ", problems));
        }
    }

    public URI endpoint() {
        return URI.create(endpoint.orElseThrow());
    }

    /** The deployment a request goes to when it names none ({@code AZURE_OPENAI_DEPLOYMENT}). */
    public String deployment() {
        return deployment.orElseThrow();
    }

    /** The deployments employees and API callers may choose from, the default one first. */
    public List<String> deployments() {
        return deployments;
    }

    public String apiVersion() {
        return apiVersion;
    }

    /** True for Azure OpenAI's v1 API ({@code AZURE_OPENAI_API_VERSION=v1}), whose requests name the deployment. */
    public boolean v1Api() {
        return V1.equals(apiVersion);
    }

    /** Where chat completions for {@code deployment} are asked for, in the configured API. */
    public URI chatCompletions(String deployment) {
        return URI.create(v1Api() ? endpoint.orElseThrow() + "/openai/v1/chat/completions"
                : endpoint.orElseThrow() + "/openai/deployments/" + deployment + "/chat/completions?api-version="
                        + apiVersion);
    }

    public CredentialMode credential() {
        return credential.orElseThrow();
    }

    /** The resource key; kept out of {@link #toString()} and of every log line. */
    public String apiKey() {
        return apiKey.orElseThrow();
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(connectTimeoutMs);
    }

    /** How long Azure may keep silent: before the response headers, and between two streamed events. */
    public Duration readTimeout() {
        return Duration.ofMillis(readTimeoutMs);
    }

    public int maxRateLimitRetries() {
        return (int) maxRateLimitRetries;
    }

    /** The longest a call may take with all its retries and the waits before them. */
    public Duration retryBudget() {
        return Duration.ofMillis(retryBudgetMs);
    }

    public int circuitFailures() {
        return (int) circuitFailures;
    }

    public Duration circuitOpen() {
        return Duration.ofMillis(circuitOpenMs);
    }

    /** The instructions put before every conversation; empty when none are configured. */
    public String systemPrompt() {
        return systemPrompt;
    }

    /** Tokens per UTC day by role; a caller may use the largest quota of their roles, none without a listed role. */
    public Map<String, Long> dailyTokenQuotas() {
        return dailyTokenQuotas;
    }

    /** The most prompt tokens (system prompt and conversation) the chat page sends to {@code deployment}. */
    public int contextBudgetOf(String deployment) {
        return Math.toIntExact(Math.min(Integer.MAX_VALUE, contextBudgets.getOrDefault(deployment,
                contextBudgets.getOrDefault("*", Long.valueOf(Integer.MAX_VALUE)))));
    }

    @Override
    public String toString() {
        return "AzureOpenAiSettings[endpoint=" + endpoint.orElse("(not set)")
                + ", deployments=" + deployments
                + ", apiVersion=" + apiVersion
                + ", credential=" + credential.map(CredentialMode::configValue).orElse("(wrong)")
                + ", apiKey=" + (apiKey.isPresent() ? "(set)" : "(not set)")
                + ", connectTimeoutMs=" + connectTimeoutMs
                + ", readTimeoutMs=" + readTimeoutMs + "]";
    }

    /** After the numbers' and the token pairs' problems, those of where Azure is and how Atrium proves itself. */
    private void collectProblems() {
        ConnectionProblems.endpoint(endpoint).ifPresent(problems::add);
        problems.addAll(ConnectionProblems.deployments(deployment, deployments));
        ConnectionProblems.apiVersion(apiVersion).ifPresent(problems::add);
        ConnectionProblems.credential(credential, read.text("atrium.ai.credential").orElse(""), apiKey.isPresent())
                .ifPresent(problems::add);
    }

    /** {@code role=tokens,...}, such as {@code employee=50000,admin=200000}. */
    private Map<String, Long> quotas() {
        String key = "atrium.ai.daily-token-quotas";
        Map<String, Long> quotas = TokenPairs.read(key, read.text(key), "role", "employee=50000,admin=200000", 0,
                problems);
        if (quotas.isEmpty() && problems.stream().noneMatch(p -> p.startsWith("ATRIUM_AI_DAILY_TOKEN_QUOTAS"))) {
            problems.add("ATRIUM_AI_DAILY_TOKEN_QUOTAS (atrium.ai.daily-token-quotas) names no role: nobody could "
                    + "use the assistant");
        }
        return quotas;
    }

    /** {@code deployment=tokens,...} with {@code *} for every deployment not named, such as {@code *=8000}. */
    private Map<String, Long> budgets() {
        String key = "atrium.ai.context-budgets";
        Map<String, Long> budgets = TokenPairs.read(key, read.text(key), "deployment", "*=8000,gpt-4o=30000", 100,
                problems);
        if (!budgets.containsKey("*") && problems.stream().noneMatch(p -> p.startsWith("ATRIUM_AI_CONTEXT_BUDGETS"))) {
            problems.add("ATRIUM_AI_CONTEXT_BUDGETS (atrium.ai.context-budgets) needs a budget for every other "
                    + "deployment, such as *=8000");
        }
        return budgets;
    }

    private List<String> deploymentList() {
        Set<String> names = new LinkedHashSet<>();
        deployment.ifPresent(names::add);
        read.text("atrium.ai.deployments").ifPresent(list -> Arrays.stream(list.split(","))
                .map(String::strip).filter(name -> !name.isEmpty()).forEach(names::add));
        return List.copyOf(names);
    }

    private Optional<CredentialMode> credentialMode() {
        return CredentialMode.fromConfig(read.text("atrium.ai.credential").orElse(""));
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
