package io.atrium.audit.internal.persistence;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The container's transaction-scoped EntityManager as a CDI resource (CDI's "resource producer field"), so that the
 * module's beans take it through their {@code @Inject} constructor like every other dependency, and tests pass their
 * own through the same constructor: {@code @PersistenceContext} cannot mark a constructor parameter.
 */
@Dependent
public class AuditUnitProducer {

    @Produces
    @AuditUnit
    @PersistenceContext(unitName = "atrium-audit")
    EntityManager entityManager;
}
