package io.atrium.standins;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * What Continuous Access Evaluation tells a resource (Azure OpenAI, Graph): a critical event for a user (disabled,
 * sessions revoked, password reset) at a moment. A token of that user issued before it, from a client that declared
 * the {@code cp1} capability ({@code xms_cc}), is then answered with a claims challenge asking for a token issued
 * after it ({@code nbf}), in the shape Microsoft documents for CAE-enabled resources. A token without {@code cp1} is
 * still accepted until it expires, as Azure does for clients that cannot handle challenges.
 */
public final class CriticalEvents {

    private final Map<String, Instant> revokedAt = new ConcurrentHashMap<>();
    private final String authorizationUri;
    private final Clock clock;

    /** @param authorizationUri where the challenged client signs its user in again, named in each challenge */
    public CriticalEvents(String authorizationUri, Clock clock) {
        this.authorizationUri = Objects.requireNonNull(authorizationUri, "authorizationUri");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A critical event now for the user (or service principal) with this object id. */
    public void revoke(String oid) {
        // A token's iat has whole seconds: one issued in the second of the event counts as after it.
        revokedAt.put(Objects.requireNonNull(oid, "oid"), clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    /** The {@code WWW-Authenticate} value for a token the resource must refuse with a claims challenge, if any. */
    public Optional<String> challenge(JWTClaimsSet token) {
        Object oid = token.getClaim("oid");
        Instant event = oid instanceof String id ? revokedAt.get(id) : null;
        Date issued = token.getIssueTime();
        if (event == null || !capable(token.getClaim("xms_cc")) || issued != null
                && !issued.toInstant().isBefore(event)) {
            return Optional.empty();
        }
        String claims = "{\"access_token\":{\"nbf\":{\"essential\":true, \"value\":\"" + event.getEpochSecond()
                + "\"}}}";
        return Optional.of("Bearer realm=\"\", authorization_uri=\"" + authorizationUri + "\", "
                + "error=\"insufficient_claims\", claims=\""
                + Base64.getEncoder().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "\"");
    }

    private static boolean capable(Object xmsCc) {
        return xmsCc instanceof List<?> values && values.stream().anyMatch(value -> "cp1".equalsIgnoreCase(
                String.valueOf(value))) || xmsCc instanceof String single && "cp1".equalsIgnoreCase(single);
    }
}
