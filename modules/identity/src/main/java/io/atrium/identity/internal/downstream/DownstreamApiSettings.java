package io.atrium.identity.internal.downstream;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

/**
 * The APIs Atrium calls, named in {@code atrium.downstream.apis} ({@code ATRIUM_DOWNSTREAM_APIS}), each with
 * {@code atrium.downstream.<name>.base-url}, {@code .scopes}, {@code .mode} and {@code .read-timeout-seconds}
 * ({@code ATRIUM_DOWNSTREAM_<NAME>_BASE_URL}, ...). Microsoft Graph is always one of them, named {@code graph}.
 */
@ApplicationScoped
public class DownstreamApiSettings {

    public static final String GRAPH = "graph";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final String DEFAULT_SUFFIX = "/.default";
    private static final int DEFAULT_READ_TIMEOUT_SECONDS = 30;

    private final Map<String, DownstreamApi> apis = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    @Inject
    public DownstreamApiSettings(Config config) {
        this(key -> config.getOptionalValue(key, String.class));
    }

    /** @param setting the value of a configuration key, if set */
    public DownstreamApiSettings(Function<String, Optional<String>> setting) {
        List<String> names = new ArrayList<>(List.of(GRAPH));
        setting.apply("atrium.downstream.apis").stream()
                .flatMap(list -> Arrays.stream(list.split(",")))
                .map(String::strip)
                .filter(name -> !name.isEmpty() && !names.contains(name))
                .forEach(names::add);
        for (String name : names) {
            read(setting, name).ifPresent(api -> apis.put(name, api));
        }
    }

    /** For CDI's proxy. */
    protected DownstreamApiSettings() {
    }

    /** The API of that name, as configured. */
    public Optional<DownstreamApi> api(String name) {
        return Optional.ofNullable(apis.get(name));
    }

    /** What is wrong with the downstream API settings, worded for an operator; empty when they can work. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    private Optional<DownstreamApi> read(Function<String, Optional<String>> setting, String name) {
        if (!NAME.matcher(name).matches()) {
            problems.add("ATRIUM_DOWNSTREAM_APIS (atrium.downstream.apis) names an API '" + name + "': a name is "
                    + "lower-case letters and digits, starting with a letter, so that it maps to environment variables");
            return Optional.empty();
        }
        String prefix = "atrium.downstream." + name + ".";
        String env = "ATRIUM_DOWNSTREAM_" + name.toUpperCase(Locale.ROOT) + "_";
        int problemsBefore = problems.size();
        String baseUrl = setting.apply(prefix + "base-url").map(String::strip).orElse("");
        URI baseUri = usableBaseUri(baseUrl);
        if (baseUri == null) {
            problems.add(env + "BASE_URL (" + prefix + "base-url) must be the API's https URL (plain http only on "
                    + "localhost), not '" + baseUrl + "'");
        }
        String scopes = setting.apply(prefix + "scopes").map(String::strip).orElse("");
        String modeName = setting.apply(prefix + "mode").map(String::strip).orElse("");
        DownstreamApi.Mode mode = Arrays.stream(DownstreamApi.Mode.values())
                .filter(candidate -> candidate.value().equals(modeName)).findFirst().orElse(null);
        if (mode == null) {
            problems.add(env + "MODE (" + prefix + "mode) must be 'app' (Atrium's own token) or 'on-behalf-of' (the "
                    + "employee's), not '" + modeName + "'");
        }
        if (scopes.isEmpty()) {
            problems.add(env + "SCOPES (" + prefix + "scopes) must name the scopes to ask for, such as "
                    + "api://reports/Reports.Read (on-behalf-of) or api://reports/.default (app)");
        } else if (mode == DownstreamApi.Mode.APP && (scopes.contains(" ") || !scopes.endsWith(DEFAULT_SUFFIX))) {
            problems.add(env + "SCOPES (" + prefix + "scopes) must be one '.default' scope in app mode, as Entra "
                    + "requires for application tokens, not '" + scopes + "'");
        }
        String timeout = setting.apply(prefix + "read-timeout-seconds").map(String::strip)
                .orElse(String.valueOf(DEFAULT_READ_TIMEOUT_SECONDS));
        int timeoutSeconds = timeout.matches("[0-9]{1,6}") ? Integer.parseInt(timeout) : 0;
        if (timeoutSeconds < 1) {
            problems.add(env + "READ_TIMEOUT_SECONDS (" + prefix + "read-timeout-seconds) must be a whole number of "
                    + "seconds, at least 1, not '" + timeout + "'");
        }
        if (problems.size() > problemsBefore) {
            return Optional.empty();
        }
        return Optional.of(new DownstreamApi(name, baseUri, scopes, mode, Duration.ofSeconds(timeoutSeconds)));
    }

    private static URI usableBaseUri(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean usable = !host.isEmpty() && uri.getRawQuery() == null && uri.getRawFragment() == null
                && (scheme.equals("https") || scheme.equals("http") && LOOPBACK.contains(host));
        return usable ? uri : null;
    }
}
