package io.atrium.ai.internal.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** What is wrong with the keys that say where Azure OpenAI is and how Atrium proves itself, one sentence each. */
final class ConnectionProblems {

    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Pattern API_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-preview)?|v1");
    private static final Pattern DEPLOYMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private ConnectionProblems() {
    }

    /** The key or token travels in a header, so only a local stand-in may be called over plain http. */
    static Optional<String> endpoint(Optional<String> endpoint) {
        if (endpoint.isEmpty()) {
            return Optional.of("AZURE_OPENAI_ENDPOINT (azure.openai.endpoint) is not set: the endpoint of the Azure "
                    + "OpenAI resource, such as https://myresource.openai.azure.com");
        }
        String value = endpoint.get();
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

    /** The default deployment must be set; every listed one must be a deployment name. */
    static List<String> deployments(Optional<String> deployment, List<String> deployments) {
        List<String> problems = new ArrayList<>();
        if (deployment.isEmpty()) {
            problems.add("AZURE_OPENAI_DEPLOYMENT (azure.openai.deployment) is not set: the name of the model "
                    + "deployment in the Azure OpenAI resource, such as gpt-4o-mini");
        }
        for (String name : deployments) {
            if (!DEPLOYMENT.matcher(name).matches()) {
                problems.add("ATRIUM_AI_DEPLOYMENTS (atrium.ai.deployments) names '" + name + "', which is not a "
                        + "deployment name (letters, digits, '.', '_' and '-')");
            }
        }
        return problems;
    }

    static Optional<String> apiVersion(String apiVersion) {
        if (API_VERSION.matcher(apiVersion).matches()) {
            return Optional.empty();
        }
        return Optional.of("AZURE_OPENAI_API_VERSION (azure.openai.api-version) must be an Azure OpenAI API version "
                + "such as 2024-10-21, or v1 for the v1 API, not '" + apiVersion + "'");
    }

    /** {@code configured} is the text of {@code atrium.ai.credential}, named when it is no mode. */
    static Optional<String> credential(Optional<CredentialMode> credential, String configured, boolean hasApiKey) {
        if (credential.isEmpty()) {
            return Optional.of("ATRIUM_AI_CREDENTIAL (atrium.ai.credential) must be one of api-key, entra, "
                    + "on-behalf-of, not '" + configured + "'");
        }
        if (credential.get() == CredentialMode.API_KEY && !hasApiKey) {
            return Optional.of("AZURE_OPENAI_API_KEY (azure.openai.api-key) is not set: ATRIUM_AI_CREDENTIAL is "
                    + "api-key, which needs one of the two keys of the Azure OpenAI resource");
        }
        return Optional.empty();
    }
}
