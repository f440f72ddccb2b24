package io.atrium.web.cluster;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.inject.Qualifier;

/** An event that happened on another Atrium instance and is fired again here; it is not sent on a second time. */
@Qualifier
@Retention(RUNTIME)
@Target({TYPE, METHOD, FIELD, PARAMETER})
public @interface Relayed {

    /** For {@code Event.select}. */
    final class Literal extends jakarta.enterprise.util.AnnotationLiteral<Relayed> implements Relayed {
        static final Literal INSTANCE = new Literal();
        private static final long serialVersionUID = 1L;
    }
}
