package io.floe.multijvm;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Tag;

/**
 * The order of this module's test classes (set in {@code junit-platform.properties}), chosen so that few JVMs run
 * at once on a small machine: classes that start nothing first; then those with a network of their own; then those
 * that {@linkplain FloeNetworkExtension#shared share} one, next to each other so it passes from one to the next;
 * last those that need Cassandra (which, once started, runs until the end of the run), the ones with a network
 * first so that they stop a shared network left over before the in-process ones run. Within a rank, by name.
 */
public final class MultiJvmClassOrder implements ClassOrderer {
    private static final String CASSANDRA_TAG = "cassandra";

    @Override
    public void orderClasses(ClassOrdererContext context) {
        Map<ClassDescriptor, Integer> ranks = new HashMap<>();
        Map<ClassDescriptor, Object> groups = new HashMap<>();
        Map<Object, String> firstOfGroup = new HashMap<>();
        for (ClassDescriptor d : context.getClassDescriptors()) {
            Optional<FloeNetworkExtension> network = network(d.getTestClass());
            Object group = network.flatMap(FloeNetworkExtension::sharedGroup).orElse(d.getTestClass());
            ranks.put(d, rank(d, network));
            groups.put(d, group);
            firstOfGroup.merge(group, d.getTestClass().getName(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        context.getClassDescriptors().sort(Comparator.comparing((ClassDescriptor d) -> ranks.get(d))
                .thenComparing(d -> firstOfGroup.get(groups.get(d)))
                .thenComparing(d -> d.getTestClass().getName()));
    }

    private static int rank(ClassDescriptor d, Optional<FloeNetworkExtension> network) {
        boolean cassandra = d.findRepeatableAnnotations(Tag.class).stream()
                .anyMatch(tag -> tag.value().equals(CASSANDRA_TAG));
        if (cassandra) {
            return network.isPresent() ? 3 : 4;
        }
        if (network.isEmpty()) {
            return 0;
        }
        return network.get().sharedGroup().isPresent() ? 2 : 1;
    }

    /** The class's network extension: the value of its static {@link FloeNetworkExtension} field, if it has one. */
    private static Optional<FloeNetworkExtension> network(Class<?> testClass) {
        for (Field field : testClass.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == FloeNetworkExtension.class) {
                try {
                    field.setAccessible(true);
                    return Optional.ofNullable((FloeNetworkExtension) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + field, e);
                }
            }
        }
        return Optional.empty();
    }
}
