package io.floe.multijvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Data folders of test networks: {@code target/floe-networks/<test class>} (or another name, for a network several
 * classes share), emptied when a run begins and left in place afterwards, so the member logs of a failed run can
 * still be read (and {@code mvn clean} removes them).
 */
final class TestDirs {
    private TestDirs() {
    }

    static Path fresh(Class<?> testClass) throws IOException {
        return fresh(testClass.getSimpleName());
    }

    static Path fresh(String name) throws IOException {
        Path dir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath()
                .resolve("target").resolve("floe-networks").resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
