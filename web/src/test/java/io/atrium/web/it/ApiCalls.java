package io.atrium.web.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.DemoSignIn;

/** Calls Atrium's REST API as another application would: with an Entra access token, or without one. */
final class ApiCalls {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiCalls() {
    }

    /** The access token for Atrium of a real sign-in of {@code account} at the Entra stand-in. */
    static String tokenOf(DemoAccount account) {
        try {
            return DemoSignIn.at(AtriumStack.peers().entra()).tokensFor(account).accessToken();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpResponse<String> get(URI uri, String bearerToken) {
        return send(HttpRequest.newBuilder(uri), bearerToken);
    }

    static HttpResponse<String> postJson(URI uri, String bearerToken, String body) {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), bearerToken);
    }

    /** Any method; a JSON body goes with a POST, other methods send none. */
    static HttpResponse<String> call(String method, URI uri, String bearerToken, String json) {
        if (json != null && method.equals("POST")) {
            return postJson(uri, bearerToken, json);
        }
        return send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()), bearerToken);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String bearerToken) {
        request.timeout(Duration.ofSeconds(60));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
