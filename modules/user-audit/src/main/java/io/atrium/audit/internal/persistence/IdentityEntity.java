package io.atrium.audit.internal.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import io.atrium.audit.IdentityView;

/** A row of {@code user_identity} (migration V2). Written by the sign-in upsert, only read here. */
@Entity
@Table(name = "user_identity")
@NamedQuery(name = "Identity.findByUser", query = "SELECT i FROM IdentityEntity i WHERE i.userId = :userId "
        + "ORDER BY i.firstUsedAt")
public class IdentityEntity {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(nullable = false)
    private String provider;

    @Column(nullable = false)
    private String issuer;

    @Column(nullable = false)
    private String subject;

    @Column(name = "first_used_at", nullable = false)
    private Instant firstUsedAt;

    @Column(name = "last_used_at", nullable = false)
    private Instant lastUsedAt;

    protected IdentityEntity() {
    }

    IdentityView view() {
        return new IdentityView(provider, issuer, subject, firstUsedAt, lastUsedAt);
    }
}
