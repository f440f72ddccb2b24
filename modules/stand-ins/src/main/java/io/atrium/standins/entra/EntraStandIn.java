package io.atrium.standins.entra;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atrium.standins.EntraTenant;
import io.atrium.standins.LocalPorts;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * Microsoft Entra ID for dev mode and tests: NAV's mock-oauth2-server in this JVM, over TLS on 127.0.0.1, shaped like
 * one Entra tenant.
 *
 * <p>The mock takes the issuer's identity from the URL path, so the issuer id {@code {tenant}/v2.0} gives Entra's
 * layout: discovery at {@code https://localhost:PORT/{tenant}/v2.0/.well-known/openid-configuration} and the issuer
 * {@code https://localhost:PORT/{tenant}/v2.0}. It builds the issuer from the Host header, so every URL here says
 * {@code localhost}: a client that says 127.0.0.1 would see another issuer.
 *
 * <p>Signing in shows {@link DemoLoginPage}; the chosen {@link DemoAccount} decides the claims of both tokens. The mock
 * accepts any client secret.
 */
public final class EntraStandIn implements EntraTenant {

    public static final String TENANT_ID = "6f2d3c1e-5b4a-4e3f-9a8b-7c6d5e4f3a2b";
    public static final String CLIENT_ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    public static final String CLIENT_SECRET = "dev-secret-not-for-production";
    /** A partner company's tenant, whose employees a multi-tenant Atrium may list; {@link DemoAccount#PAT} is in it. */
    public static final String PARTNER_TENANT_ID = "c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f";
    /** A tenant nobody lists; {@link DemoAccount#UNA} is in it. */
    public static final String OUTSIDE_TENANT_ID = "e9f8a7b6-c5d4-4e3f-8a2b-1c0d9e8f7a6b";
    /** Entra's multi-tenant authority ({@code AZURE_TENANT_ID=organizations}), which this stand-in serves too. */
    public static final String MULTI_TENANT_AUTHORITY = MultiTenantDiscovery.AUTHORITY;
    /** The delegated scope Atrium's own API exposes, as an Entra app registration would. */
    public static final String API_SCOPE = "access_as_user";

    /** The most group ids Entra puts in a JWT; beyond it the token signals group overage instead. */
    public static final int GROUPS_IN_TOKEN_LIMIT = 200;
    /** The app role in Atrium's own application tokens (client credentials), as if granted on the API it calls. */
    public static final String APP_ROLE = "service";
    /** Prometheus' own application, with the app role that lets it read Atrium's {@code /metrics}. */
    public static final String METRICS_CLIENT_ID = "7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f";
    /** The app role {@code /metrics} asks for, assigned to {@link #METRICS_CLIENT_ID} in Atrium's API. */
    public static final String METRICS_ROLE = "metrics-reader";
    /** The {@code grant_type} of an on-behalf-of request (with {@code requested_token_use=on_behalf_of}). */
    public static final String ON_BEHALF_OF_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private static final String ISSUER_ID = TENANT_ID + "/v2.0";

    private final MockOAuth2Server server;
    private final LocalhostCertificate certificate;
    private final int port;
    private final TokenEndpointClaims tokenEndpoint;
    private final ClaimsChallenges claimsChallenges;
    private final TokenRequests tokenRequests;
    private final SignInClaims signInClaims;

    private EntraStandIn(MockOAuth2Server server, LocalhostCertificate certificate, int port,
                         TokenEndpointClaims tokenEndpoint, ClaimsChallenges claimsChallenges,
                         TokenRequests tokenRequests, SignInClaims signInClaims) {
        this.signInClaims = signInClaims;
        this.server = server;
        this.claimsChallenges = claimsChallenges;
        this.tokenRequests = tokenRequests;
        this.certificate = certificate;
        this.port = port;
        this.tokenEndpoint = tokenEndpoint;
    }

    /**
     * Starts the stand-in.
     *
     * @param workDirectory where the TLS certificate and the login page are kept; reusing it across runs keeps the
     *                      certificate a browser has already accepted
     * @param port          the port on 127.0.0.1, or 0 for a free one
     */
    public static EntraStandIn start(Path workDirectory, int port) throws IOException {
        if (port != 0) {
            LocalPorts.requireFree(port, "the Entra ID stand-in");
        }
        // Known before the start: the multi-tenant tokens name their tenant's issuer, an address on this port.
        int listenPort = port != 0 ? port : LocalPorts.free();
        String authorityHost = "https://localhost:" + listenPort;
        LocalhostCertificate certificate = LocalhostCertificate.in(workDirectory.resolve("tls"));
        SignInClaims signInClaims = new SignInClaims();
        TokenEndpointClaims tokenEndpoint = new TokenEndpointClaims(TENANT_ID, CLIENT_ID,
                Map.of(CLIENT_ID, List.of(APP_ROLE), METRICS_CLIENT_ID, List.of(METRICS_ROLE)), API_SCOPE);
        OAuth2Config config = MockServerConfig.of(workDirectory, certificate, ISSUER_ID, tokenEndpoint, signInClaims,
                authorityHost);
        ClaimsChallenges claimsChallenges = new ClaimsChallenges();
        TokenRequests tokenRequests = new TokenRequests();
        MockOAuth2Server server = new MockOAuth2Server(config, tokenRequests, claimsChallenges,
                new MultiTenantDiscovery(authorityHost));
        try {
            server.start(InetAddress.getByName("127.0.0.1"), listenPort);
        } catch (Exception e) {
            // Kotlin lets Netty's BindException through undeclared, hence Exception. Netty's event loop threads are
            // already running and would keep the JVM alive.
            server.shutdown();
            throw new IOException("The Entra ID stand-in cannot listen on 127.0.0.1:" + port, e);
        }
        return new EntraStandIn(server, certificate, config.getHttpServer().port(), tokenEndpoint, claimsChallenges,
                tokenRequests, signInClaims);
    }

    /**
     * Makes {@code account} a member of these groups from now on, for the {@code groups} claim of the tokens issued
     * next; only for accounts within the token's group limit (Microsoft Graph still lists the account's own).
     */
    public void assignGroups(DemoAccount account, List<String> groups) {
        signInClaims.assignGroups(account, groups);
    }

    public int port() {
        return port;
    }

    /** What azure-identity calls the authority host: tokens come from {@code {authorityHost}/{tenant}/oauth2/v2.0/token}. */
    public String authorityHost() {
        return "https://localhost:" + port;
    }

    public String issuer() {
        return authorityHost() + "/" + ISSUER_ID;
    }

    public String discoveryUrl() {
        return issuer() + "/.well-known/openid-configuration";
    }

    /**
     * Where azure-identity asks for application and on-behalf-of tokens. Its tokens carry the sign-in {@link #issuer()}
     * and are signed with the same key, as Entra's v2 tokens are.
     */
    public String tokenEndpoint() {
        return authorityHost() + "/" + TENANT_ID + "/oauth2/v2.0/token";
    }

    /** How many tokens {@link #tokenEndpoint()} has issued since the start, application and on-behalf-of. */
    public int tokenEndpointTokensIssued() {
        return tokenEndpoint.issued();
    }

    /**
     * How many requests have reached either token endpoint (sign-in's and {@link #tokenEndpoint()}) with this
     * {@code grant_type} since the start, answered or refused: {@code authorization_code}, {@code refresh_token},
     * {@code client_credentials}, or {@link #ON_BEHALF_OF_GRANT} for on-behalf-of.
     */
    public long tokenRequests(String grantType) {
        return tokenRequests.of(grantType);
    }

    /** {@link #tokenRequests(String)} for every grant type seen so far, by grant type. */
    public Map<String, Long> tokenRequestsByGrantType() {
        return tokenRequests.all();
    }

    /** How long the tokens {@link #tokenEndpoint()} issues from now on are valid; an hour unless changed. */
    public void tokenEndpointLifetime(Duration lifetime) {
        tokenEndpoint.lifetime(lifetime);
    }

    /**
     * From now on Entra refuses every on-behalf-of exchange of the account's access tokens with
     * {@code interaction_required} and these claims (a Conditional Access policy such as multi-factor authentication),
     * until the employee signs in again asking for exactly these claims; tokens from that sign-in are exchanged again.
     */
    public void challengeOnBehalfOf(DemoAccount account, String claims) {
        claimsChallenges.challenge(account.oid(), claims, true);
    }

    /** As {@link #challengeOnBehalfOf}, except that no sign-in meets the challenge: Entra insists every time. */
    public void insistOnBehalfOf(DemoAccount account, String claims) {
        claimsChallenges.challenge(account.oid(), claims, false);
    }

    /** Ends {@link #challengeOnBehalfOf}'s challenge for the account. */
    public void clearChallenge(DemoAccount account) {
        claimsChallenges.clear(account.oid());
    }

    /**
     * The {@code claims} parameters of the authorization requests so far, oldest first; a browser's sign-in sends two
     * such requests (the login page, then the chosen account).
     */
    public List<String> claimsAskedAtSignIn() {
        return claimsChallenges.claimsAskedAtSignIn();
    }

    /** The object id of a client's service principal: the {@code oid} and {@code sub} of its application tokens. */
    public static String servicePrincipalId(String clientId) {
        return TokenEndpointClaims.servicePrincipalId(clientId);
    }

    /**
     * Assigns {@code account} these app roles from now on, as an administrator does under the enterprise application's
     * users and groups: the ID and access tokens issued next, at a sign-in or a refresh, carry them.
     */
    public void assignAppRoles(DemoAccount account, List<String> roles) {
        signInClaims.assignAppRoles(account, roles);
    }

    public String tenantId() {
        return TENANT_ID;
    }

    public String clientId() {
        return CLIENT_ID;
    }

    public String clientSecret() {
        return CLIENT_SECRET;
    }

    public List<DemoAccount> demoAccounts() {
        return DemoAccount.ALL;
    }

    /**
     * A token signed by the sign-in issuer's key with exactly these claims (iss unless given, exp, iat), for tests
     * that need a token Entra would never hand a well-behaved client: expired, for another audience, without a scope.
     * A negative lifetime gives a token that expired that long ago.
     */
    public String mint(Map<String, Object> claims, Duration lifetime) {
        Map<String, Object> withIssuer = new LinkedHashMap<>(claims);
        withIssuer.putIfAbsent("iss", issuer());
        // The token provider signs exactly these claims; the server's anyToken would overwrite tid and the lifetime.
        return server.getConfig().getTokenProvider().jwt(withIssuer, lifetime, ISSUER_ID).serialize();
    }

    /** A PKCS12 truststore holding only this stand-in's certificate, for the JVMs and tools that call it. */
    public Path truststore() {
        return certificate.truststore();
    }

    public String truststorePassword() {
        return LocalhostCertificate.TRUSTSTORE_PASSWORD;
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
