package io.atrium.standins.hostile;

import static io.atrium.standins.hostile.Exchanges.json;
import static io.atrium.standins.hostile.Exchanges.redirect;
import static io.atrium.standins.hostile.Exchanges.text;
import static io.atrium.standins.hostile.Exchanges.withParameters;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.atrium.standins.EntraTenant;
import io.atrium.standins.LocalPorts;
import io.atrium.standins.entra.DemoAccount;
import io.atrium.standins.entra.LocalhostCertificate;

/**
 * An OpenID provider shaped like one Entra ID tenant that gets ID tokens wrong on request, to prove that Atrium refuses
 * every bad one. Test-only: the JDK's HTTPS server on 127.0.0.1 with the stand-ins' localhost certificate, so the
 * truststore that trusts the Entra ID stand-in trusts this provider too.
 *
 * <p>Entra's v2 layout under the issuer {@code https://localhost:PORT/{tenant}/v2.0}: discovery, {@code /authorize}
 * (no login page: the browser is sent straight back with a code for {@link #EMPLOYEE}), {@code /token} (checks
 * client_secret_basic, the code, its redirect URI and the PKCE S256 verifier, and answers refusals as Entra does),
 * {@code /jwks} and {@code /logout}. It behaves until told to {@link #misbehave}; {@link #rotateKeys} replaces its
 * signing key. It counts the requests to each endpoint, so a test can tell how often a client fetched the keys.
 */
public final class HostileEntra implements EntraTenant {

    public static final String TENANT_ID = "7e3a9c51-2d4b-4f6e-8a1c-5b9d0e2f4a6c";
    public static final String CLIENT_ID = "4c2e8a1f-6b3d-4e5a-9f7c-0d1b2a3c4e5f";
    /** At least 32 bytes: {@link Misbehaviour#HS256_WITH_CLIENT_SECRET} uses it as a 256-bit HMAC key. */
    public static final String CLIENT_SECRET = "hostile-entra-client-secret-for-tests-only";
    /** Another tenant of the same authority, in whose name {@link Misbehaviour#WRONG_ISSUER} tokens are issued. */
    public static final String FOREIGN_TENANT_ID = "0b9f8e7d-6c5b-4a3e-9d2c-1b0a9f8e7d6c";
    /** Another application, to which {@link Misbehaviour#WRONG_AUDIENCE} tokens are issued. */
    public static final String FOREIGN_CLIENT_ID = "5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f";
    /** Whoever signs in here. */
    public static final DemoAccount EMPLOYEE = DemoAccount.ERIN;

    private final HttpsServer server;
    private final ExecutorService executor;
    private final LocalhostCertificate certificate;
    private final SigningKeys keys = new SigningKeys();
    private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();
    private final Map<Endpoint, AtomicInteger> requests = new EnumMap<>(Endpoint.class);
    private final AtomicInteger idTokensIssued = new AtomicInteger();
    private final AuthorizeEndpoint authorizeEndpoint = new AuthorizeEndpoint(CLIENT_ID, codes);
    private final TokenEndpoint tokenEndpoint;
    private volatile Misbehaviour misbehaviour;

    private HostileEntra(HttpsServer server, ExecutorService executor, LocalhostCertificate certificate) {
        this.server = server;
        this.executor = executor;
        this.certificate = certificate;
        for (Endpoint endpoint : Endpoint.values()) {
            requests.put(endpoint, new AtomicInteger());
        }
        IdTokenWriter idTokens = new IdTokenWriter(issuer(), TENANT_ID,
                authorityHost() + "/" + FOREIGN_TENANT_ID + "/v2.0", FOREIGN_CLIENT_ID, CLIENT_SECRET, EMPLOYEE, keys);
        this.tokenEndpoint = new TokenEndpoint(CLIENT_ID, CLIENT_SECRET, codes, idTokens, () -> misbehaviour);
    }

    /**
     * Starts the provider.
     *
     * @param workDirectory where the TLS certificate is kept, in the layout the Entra ID stand-in uses
     * @param port          the port on 127.0.0.1, or 0 for a free one
     */
    public static HostileEntra start(Path workDirectory, int port) throws IOException {
        if (port != 0) {
            LocalPorts.requireFree(port, "the hostile OpenID provider");
        }
        LocalhostCertificate certificate = LocalhostCertificate.in(workDirectory.resolve("tls"));
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls(certificate)));
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "hostile-entra");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        HostileEntra provider = new HostileEntra(server, executor, certificate);
        server.createContext("/", provider::handle);
        server.start();
        return provider;
    }

    /** Makes every ID token from now on break the rule {@code misbehaviour} names, until {@link #behave()}. */
    public void misbehave(Misbehaviour misbehaviour) {
        this.misbehaviour = Objects.requireNonNull(misbehaviour, "misbehaviour");
    }

    /** Issues good ID tokens again. */
    public void behave() {
        this.misbehaviour = null;
        authorizeEndpoint.declineEverySignIn(false);
    }

    /**
     * Answers every authorization request with {@code login_required}, interactive or not, as a provider that has
     * gone wrong might: the client must not bounce the browser back and forth for ever.
     */
    public void declineEverySignIn() {
        authorizeEndpoint.declineEverySignIn(true);
    }

    /**
     * The {@code prompt} of each authorization request so far, {@code ""} where there was none. Without an Entra
     * session here, {@code prompt=none} is always answered with {@code login_required}.
     */
    public List<String> authorizePrompts() {
        return authorizeEndpoint.prompts();
    }

    /** Signs with a new key under a new {@code kid} from now on; the JWKS serves only the new key. */
    public void rotateKeys() {
        keys.rotate();
    }

    /** How many requests reached {@code endpoint} since the start, answered well or not. */
    public int requestsTo(Endpoint endpoint) {
        return requests.get(endpoint).get();
    }

    /** How many token responses carried an ID token, that is how many codes were redeemed. */
    public int idTokensIssued() {
        return idTokensIssued.get();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public String authorityHost() {
        return "https://localhost:" + port();
    }

    @Override
    public String issuer() {
        return authorityHost() + "/" + TENANT_ID + "/v2.0";
    }

    public String discoveryUrl() {
        return issuer() + Endpoint.DISCOVERY.path();
    }

    @Override
    public String tenantId() {
        return TENANT_ID;
    }

    @Override
    public String clientId() {
        return CLIENT_ID;
    }

    @Override
    public String clientSecret() {
        return CLIENT_SECRET;
    }

    @Override
    public Path truststore() {
        return certificate.truststore();
    }

    @Override
    public String truststorePassword() {
        return LocalhostCertificate.TRUSTSTORE_PASSWORD;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String issuerPath = "/" + TENANT_ID + "/v2.0";
            Optional<Endpoint> endpoint = path.startsWith(issuerPath)
                    ? Endpoint.at(path.substring(issuerPath.length())) : Optional.empty();
            if (endpoint.isEmpty()) {
                text(exchange, 404, "No such endpoint: " + path);
                return;
            }
            requests.get(endpoint.get()).incrementAndGet();
            switch (endpoint.get()) {
                case DISCOVERY -> json(exchange, 200, JSONObjectUtils.toJSONString(discovery()));
                case AUTHORIZE -> authorizeEndpoint.handle(exchange);
                case TOKEN -> token(exchange);
                case JWKS -> json(exchange, 200, keys.jwks());
                case END_SESSION -> endSession(exchange);
            }
        } finally {
            exchange.close();
        }
    }

    private Map<String, Object> discovery() {
        Map<String, Object> discovery = new LinkedHashMap<>();
        discovery.put("issuer", issuer());
        discovery.put("authorization_endpoint", issuer() + Endpoint.AUTHORIZE.path());
        discovery.put("token_endpoint", issuer() + Endpoint.TOKEN.path());
        discovery.put("jwks_uri", issuer() + Endpoint.JWKS.path());
        discovery.put("end_session_endpoint", issuer() + Endpoint.END_SESSION.path());
        discovery.put("response_types_supported", List.of("code"));
        discovery.put("response_modes_supported", List.of("query"));
        discovery.put("subject_types_supported", List.of("pairwise"));
        discovery.put("id_token_signing_alg_values_supported", List.of("RS256"));
        discovery.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
        discovery.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
        discovery.put("code_challenge_methods_supported", List.of("S256"));
        discovery.put("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "nbf", "nonce", "azp", "tid",
                "oid", "preferred_username", "name", "email", "roles", "ver"));
        return discovery;
    }

    private void token(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            text(exchange, 405, "The token endpoint takes POST only.");
            return;
        }
        TokenEndpoint.Answer answer = tokenEndpoint.redeem(exchange.getRequestHeaders().getFirst("Authorization"),
                Exchanges.form(exchange), Instant.now());
        if (answer.status() == 200) {
            idTokensIssued.incrementAndGet();
        }
        if (answer.status() == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + issuer() + "\"");
        }
        json(exchange, answer.status(), JSONObjectUtils.toJSONString(answer.body()));
    }

    private static void endSession(HttpExchange exchange) throws IOException {
        Map<String, String> query = Exchanges.query(exchange);
        String afterSignOut = query.get("post_logout_redirect_uri");
        if (afterSignOut == null) {
            text(exchange, 200, "You have signed out.");
        } else {
            redirect(exchange, withParameters(afterSignOut, "state", query.get("state")));
        }
    }

    private static SSLContext serverTls(LocalhostCertificate certificate) throws IOException {
        char[] password = LocalhostCertificate.KEYSTORE_PASSWORD.toCharArray();
        try (InputStream in = Files.newInputStream(certificate.keystore())) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, password);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers.getKeyManagers(), null, null);
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot serve TLS with the localhost certificate in " + certificate.keystore(), e);
        }
    }
}
