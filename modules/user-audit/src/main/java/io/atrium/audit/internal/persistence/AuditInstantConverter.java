package io.atrium.audit.internal.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores {@link Instant}s as {@code timestamptz} through OffsetDateTime in UTC, which the PostgreSQL driver binds
 * natively whatever the JVM's time zone. The module's own, because a converter applies only within the persistence
 * unit that lists it (the ai module has its twin).
 */
@Converter(autoApply = true)
public class AuditInstantConverter implements AttributeConverter<Instant, OffsetDateTime> {

    @Override
    public OffsetDateTime convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    @Override
    public Instant convertToEntityAttribute(OffsetDateTime stored) {
        return stored == null ? null : stored.toInstant();
    }
}
