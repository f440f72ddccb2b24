package io.atrium.standins.hostile;

import static io.atrium.standins.hostile.Exchanges.redirect;
import static io.atrium.standins.hostile.Exchanges.text;
import static io.atrium.standins.hostile.Exchanges.withParameters;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;

/**
 * Entra's authorization endpoint without the login page: whoever asks is signed in at once, and the browser goes
 * straight back to the client with a code, bound to what the request carried for the token endpoint to check.
 */
final class AuthorizeEndpoint {

    private final String clientId;
    private final Map<String, IssuedCode> codes;
    private final List<String> prompts = new CopyOnWriteArrayList<>();
    private volatile boolean declineEverySignIn;

    AuthorizeEndpoint(String clientId, Map<String, IssuedCode> codes) {
        this.clientId = clientId;
        this.codes = codes;
    }

    /** The {@code prompt} of each authorization request so far, {@code ""} where there was none, oldest first. */
    List<String> prompts() {
        return List.copyOf(prompts);
    }

    void declineEverySignIn(boolean decline) {
        this.declineEverySignIn = decline;
    }

    void handle(HttpExchange exchange) throws IOException {
        Map<String, String> query = Exchanges.query(exchange);
        String redirectUri = query.get("redirect_uri");
        // Without a known client and a redirect URI there is nobody to send an error to: Entra shows it instead.
        if (!clientId.equals(query.get("client_id"))) {
            text(exchange, 400, "AADSTS700016: Application with identifier '" + query.get("client_id")
                    + "' was not found in the directory.");
            return;
        }
        if (redirectUri == null || !(redirectUri.startsWith("https://") || redirectUri.startsWith("http://"))) {
            text(exchange, 400, "AADSTS900144: The request body must contain the following parameter: 'redirect_uri'.");
            return;
        }
        String state = query.get("state");
        if (!"code".equals(query.get("response_type"))) {
            redirect(exchange, withParameters(redirectUri, "error", "unsupported_response_type",
                    "error_description", "AADSTS700054: response_type '" + query.get("response_type")
                            + "' is not enabled for the application.", "state", state));
            return;
        }
        // Stricter than Entra, which lets a confidential client go without PKCE: Atrium must always send it.
        if (query.get("code_challenge") == null || !"S256".equals(query.get("code_challenge_method"))) {
            redirect(exchange, withParameters(redirectUri, "error", "invalid_request",
                    "error_description", "This provider requires PKCE with code_challenge_method S256.", "state", state));
            return;
        }
        String prompt = query.getOrDefault("prompt", "");
        prompts.add(prompt);
        // The provider keeps no sessions, so like Entra without one it cannot sign anybody in silently.
        if (prompt.equals("none") || declineEverySignIn) {
            redirect(exchange, withParameters(redirectUri, "error", "login_required", "error_description",
                    "AADSTS50058: A silent sign-in request was sent but no user is signed in.", "state", state));
            return;
        }
        String code = OpaqueValues.next();
        codes.put(code, new IssuedCode(clientId, redirectUri, query.get("scope"), query.get("nonce"),
                query.get("code_challenge")));
        redirect(exchange, withParameters(redirectUri, "code", code, "state", state));
    }
}
