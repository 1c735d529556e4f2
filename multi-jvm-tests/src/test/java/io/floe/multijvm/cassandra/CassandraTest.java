package io.floe.multijvm.cassandra;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs the run's real Cassandra node: JUnit tag {@code cassandra} (left out of the fast
 * {@code mvn test}, run in {@code mvn verify}) and the {@link SharedCassandra} extension, which starts the node for
 * the first such class and resolves {@code CassandraServer} parameters.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("cassandra")
@ExtendWith(SharedCassandra.class)
public @interface CassandraTest {
}
