package io.floe.multijvm;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class that starts member JVMs (a {@link FloeNetworkExtension}): JUnit tag {@code multi-jvm}, which
 * the build leaves out of the fast {@code mvn test} and runs in {@code mvn verify}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("multi-jvm")
public @interface MultiJvmTest {
}
