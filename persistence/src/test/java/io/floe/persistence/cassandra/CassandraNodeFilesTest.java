package io.floe.persistence.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CassandraNodeFilesTest {
    @TempDir
    Path dir;

    @Test
    void everyPathIsInTheFolderAndEveryAddressIsLoopback() throws IOException {
        CassandraNodeFiles files = new CassandraNodeFiles(dir.resolve("node"));
        files.write(19042, 17000);
        String yaml = Files.readString(files.yaml());
        assertTrue(yaml.contains("native_transport_port: 19042\n"), yaml);
        assertTrue(yaml.contains("storage_port: 17000\n"), yaml);
        assertTrue(yaml.contains("seeds: \"127.0.0.1:17000\""), yaml);
        for (String line : yaml.lines().toList()) {
            if (line.contains("_directory") || line.trim().startsWith("- \"/")) {
                assertTrue(line.contains(files.dir().toString()), line);
            }
            if (line.contains("_address")) {
                assertTrue(line.endsWith(": 127.0.0.1"), line);
            }
        }
        assertTrue(Files.readString(files.logbackXml()).contains(files.logDir() + "/system.log"));
        assertTrue(Files.isDirectory(files.dir().resolve("commitlog")));
    }

    @Test
    void everyAddressIsTheOneGiven() throws IOException {
        CassandraNodeFiles files = new CassandraNodeFiles(dir.resolve("node"));
        files.write("10.77.15.20", 9042, 7000);
        String yaml = Files.readString(files.yaml());
        assertTrue(yaml.contains("seeds: \"10.77.15.20:7000\""), yaml);
        for (String line : yaml.lines().filter(l -> l.contains("_address")).toList()) {
            assertTrue(line.endsWith(": 10.77.15.20"), line);
        }
    }

    @Test
    void commandStartsWithTheFolderMarkerAndTheJammAgent() {
        CassandraNodeFiles files = new CassandraNodeFiles(dir);
        String jamm = "/repo/com/github/jbellis/jamm/0.4.0/jamm-0.4.0.jar";
        String classpath = String.join(File.pathSeparator, "/repo/a-1.jar", jamm, "x".repeat(9000) + ".jar");
        List<String> cmd = CassandraJvm.command(Path.of("/usr/bin/java"), classpath, files, "512m");
        String line = String.join(" ", cmd);
        String marker = CassandraJvm.configOption(files);
        // ProcessHandle shows 4 KiB of a command line: a later start recognises a left-over node by the marker.
        assertTrue(line.indexOf(marker) + marker.length() < 4096, line.substring(0, 300));
        assertTrue(cmd.contains("-javaagent:" + jamm));
        assertTrue(cmd.contains("-Xmx512m"));
        assertEquals(CassandraJvm.MAIN_CLASS, cmd.get(cmd.size() - 1));
        assertThrows(IllegalStateException.class, () -> CassandraJvm.jammJar("/repo/a-1.jar"));
    }

    @Test
    void aMissingClasspathFileSaysHowToBuildIt() {
        IOException e = assertThrows(IOException.class,
                () -> CassandraServer.readClasspath(dir.resolve("cassandra.classpath")));
        assertTrue(e.getMessage().contains("mvn -q -pl cassandra-server package"), e.getMessage());
    }
}
