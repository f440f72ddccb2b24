package io.atrium.web.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** An integration test against the real WAR on Payara Micro with its real peers; the peers start first. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(AtriumStack.class)
@ExtendWith(ArquillianExtension.class)
public @interface AtriumIT {
}
