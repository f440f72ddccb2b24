package io.atrium.web.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;


import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import io.atrium.standins.LocalPeers;
import io.atrium.standins.Truststores;

/**
 * Plays a browser at the HTTP level: follows redirects one by one so tests can look at each hop, and keeps Atrium's
 * cookies. It keeps them per host and sends them over plain http to localhost as browsers do for localhost, where
 * java.net's cookie handler would hold back cookies flagged Secure.
 */
public final class ScriptedBrowser {

    private final HttpClient http;
    private final Map<String, Map<String, String>> cookiesByHost = new LinkedHashMap<>();

    public ScriptedBrowser(LocalPeers peers) {
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .sslContext(Truststores.trusting(peers.truststore(), peers.truststorePassword()))
                .build();
    }

    public Page get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    /** A GET with extra headers, as a reverse proxy in front of Atrium would add them. */
    public Page get(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        headers.forEach(request::header);
        return send(request);
    }

    public Page post(URI uri, Map<String, String> form) {
        return post(uri, form, Map.of());
    }

    /** A form post with extra headers, such as Faces' {@code Faces-Request: partial/ajax}. */
    public Page post(URI uri, Map<String, String> form, Map<String, String> headers) {
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    /** Follows redirects from {@code page} until a page answers without one. */
    public Page follow(Page page) {
        for (int hops = 0; page.isRedirect(); hops++) {
            if (hops == 10) {
                throw new AssertionError("more than 10 redirects, last to " + page.location());
            }
            page = get(page.location());
        }
        return page;
    }

    /** Opens a page and, like an employee, picks the demo account on the Entra stand-in's sign-in page. */
    public Page signIn(URI start, String username) {
        Page entraLogin = follow(get(start));
        Element account = entraLogin.html().getElementById("signin-" + username);
        if (account == null) {
            throw new AssertionError("no sign-in button for " + username + " at " + entraLogin.uri() + ":\n" + entraLogin.body());
        }
        Page backAtAtrium = post(entraLogin.uri(), Map.of("username", username));
        return follow(backAtAtrium);
    }

    /** Submits a Faces form as a browser would: its hidden fields (view state included), the given fields and the button. */
    public Page submit(Page page, String formId, Map<String, String> fields, String buttonId) {
        Element form = page.html().getElementById(formId);
        if (form == null) {
            throw new AssertionError("no form " + formId + " on " + page.uri() + ":\n" + page.body());
        }
        Map<String, String> values = new LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(hidden -> values.put(hidden.attr("name"), hidden.val()));
        values.putAll(fields);
        Element button = form.getElementById(buttonId);
        values.put(button.attr("name"), button.val());
        return post(page.uri().resolve(form.attr("action")), values);
    }

    /**
     * From now on sends {@code site}'s cookies to {@code other} as well, as a browser does when both are one host name
     * behind a load balancer.
     */
    public void shareCookies(URI site, URI other) {
        cookiesByHost.put(other.getAuthority(),
                cookiesByHost.computeIfAbsent(site.getAuthority(), host -> new LinkedHashMap<>()));
    }

    String cookie(URI site, String name) {
        return cookiesByHost.getOrDefault(site.getAuthority(), Map.of()).get(name);
    }

    void forgetCookies() {
        cookiesByHost.clear();
    }

    private Page send(HttpRequest.Builder request) {
        HttpRequest unsigned = request.timeout(Duration.ofSeconds(30)).build();
        String cookies = cookiesByHost.getOrDefault(unsigned.uri().getAuthority(), Map.of()).entrySet().stream()
                .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
        HttpRequest built = cookies.isEmpty() ? unsigned
                : HttpRequest.newBuilder(unsigned, (name, value) -> true).header("Cookie", cookies).build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").forEach(header -> remember(built.uri(), header));
            return new Page(built.uri(), response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void remember(URI uri, String setCookie) {
        String pair = setCookie.split(";", 2)[0];
        int equals = pair.indexOf('=');
        Map<String, String> jar = cookiesByHost.computeIfAbsent(uri.getAuthority(), host -> new LinkedHashMap<>());
        String name = pair.substring(0, equals).trim();
        String value = pair.substring(equals + 1).trim();
        if (value.isEmpty() || setCookie.toLowerCase().contains("max-age=0")) {
            jar.remove(name);
        } else {
            jar.put(name, value);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** One answer: where it came from, its status, headers and body. */
    public record Page(URI uri, int status, Map<String, java.util.List<String>> headers, String body) {

        public boolean isRedirect() {
            return status >= 300 && status < 400 && headers.containsKey("location");
        }

        public URI location() {
            return uri.resolve(headers.get("location").get(0));
        }

        public Document html() {
            return Jsoup.parse(body, uri.toString());
        }

        public String header(String name) {
            java.util.List<String> values = headers.get(name.toLowerCase());
            return values == null ? null : values.get(0);
        }
    }
}
