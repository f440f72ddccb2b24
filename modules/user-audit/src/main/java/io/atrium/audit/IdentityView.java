package io.atrium.audit;

import java.time.Instant;

/** A way the user signs in: the provider and the (issuer, subject) it vouches with. */
public record IdentityView(String provider, String issuer, String subject, Instant firstUsedAt, Instant lastUsedAt) {
}
