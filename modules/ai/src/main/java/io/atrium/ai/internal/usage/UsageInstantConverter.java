package io.atrium.ai.internal.usage;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores {@link Instant}s as {@code timestamptz}. Jakarta Persistence 3.1 (EclipseLink 4.0 in Payara 6) does not map
 * Instant and would serialise it as bytes; OffsetDateTime in UTC is what the PostgreSQL driver binds natively. The ai
 * module's own, because a converter applies only within the persistence unit that lists it.
 */
@Converter(autoApply = true)
public class UsageInstantConverter implements AttributeConverter<Instant, OffsetDateTime> {

    @Override
    public OffsetDateTime convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    @Override
    public Instant convertToEntityAttribute(OffsetDateTime stored) {
        return stored == null ? null : stored.toInstant();
    }
}
