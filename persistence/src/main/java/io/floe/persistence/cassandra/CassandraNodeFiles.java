package io.floe.persistence.cassandra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The folder of one single-node Cassandra: {@code conf/} (cassandra.yaml, logback.xml), {@code data/},
 * {@code commitlog/}, {@code hints/}, {@code saved_caches/}, {@code cdc_raw/}, {@code triggers/} and {@code logs/}. Every path the
 * server writes is under the folder, and every address it binds is the one address it is given (127.0.0.1 for the
 * tests and {@code floe local}), so two nodes in two folders on different ports never meet.
 */
final class CassandraNodeFiles {
    static final String LOCAL_DATACENTER = "datacenter1";

    private final Path dir;

    CassandraNodeFiles(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    Path dir() {
        return dir;
    }

    Path yaml() {
        return dir.resolve("conf").resolve("cassandra.yaml");
    }

    Path logbackXml() {
        return dir.resolve("conf").resolve("logback.xml");
    }

    Path logDir() {
        return dir.resolve("logs");
    }

    /** The server's own log (INFO and above). */
    Path systemLog() {
        return logDir().resolve("system.log");
    }

    /** What the JVM writes to stdout/stderr (crashes before logging starts, JVM warnings). */
    Path consoleLog() {
        return logDir().resolve("console.log");
    }

    /** A node on 127.0.0.1: {@link #write(String, int, int)}. */
    void write(int nativePort, int storagePort) throws IOException {
        write(CassandraServer.HOST, nativePort, storagePort);
    }

    /** Writes both configuration files (again: a restart on the same folder may use new ports). */
    void write(String host, int nativePort, int storagePort) throws IOException {
        Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(logDir());
        for (String sub : new String[] {"data", "commitlog", "hints", "saved_caches", "cdc_raw", "triggers"}) {
            Files.createDirectories(dir.resolve(sub));
        }
        writeAtomically(yaml(), yamlText(host, nativePort, storagePort));
        writeAtomically(logbackXml(), logbackText());
    }

    /**
     * One node that owns the whole ring (a single token), on {@code host} alone (its own seed), with the small memtables and single
     * compactor a development machine can afford. Snapshots before truncate/drop, hints and the JMX port are
     * off: nothing here uses them and each costs disk or a port.
     */
    String yamlText(String host, int nativePort, int storagePort) {
        return """
            # Written by Floe's CassandraServer on every start; edits are overwritten.
            cluster_name: floe
            num_tokens: 1
            initial_token: 0
            partitioner: org.apache.cassandra.dht.Murmur3Partitioner
            endpoint_snitch: SimpleSnitch
            storage_compatibility_mode: NONE
            data_file_directories:
              - "%1$s/data"
            commitlog_directory: "%1$s/commitlog"
            hints_directory: "%1$s/hints"
            saved_caches_directory: "%1$s/saved_caches"
            cdc_raw_directory: "%1$s/cdc_raw"
            seed_provider:
              - class_name: org.apache.cassandra.locator.SimpleSeedProvider
                parameters:
                  - seeds: "%4$s:%3$d"
            listen_address: %4$s
            rpc_address: %4$s
            storage_port: %3$d
            start_native_transport: true
            native_transport_port: %2$d
            authenticator: AllowAllAuthenticator
            authorizer: AllowAllAuthorizer
            commitlog_sync: periodic
            commitlog_sync_period: 10000ms
            disk_failure_policy: stop
            commit_failure_policy: stop
            auto_snapshot: false
            snapshot_before_compaction: false
            hinted_handoff_enabled: false
            memtable_heap_space: 128MiB
            memtable_offheap_space: 128MiB
            concurrent_compactors: 1
            key_cache_size: 16MiB
            # The journal writes events of one entity in one batch; Cassandra's 5 KiB warning would fire often.
            batch_size_warn_threshold: 64KiB
            batch_size_fail_threshold: 640KiB
            """.formatted(yamlEscaped(dir), nativePort, storagePort, host);
    }

    /** The path for inside a double-quoted YAML scalar. */
    private static String yamlEscaped(Path path) {
        return path.toString().replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** INFO and above to logs/system.log, rolled at 20 MB (three kept); nothing to the console. */
    String logbackText() {
        return """
            <configuration scan="false">
              <appender name="FILE" class="ch.qos.logback.core.rolling.RollingFileAppender">
                <file>%1$s/system.log</file>
                <rollingPolicy class="ch.qos.logback.core.rolling.FixedWindowRollingPolicy">
                  <fileNamePattern>%1$s/system.log.%%i.zip</fileNamePattern>
                  <minIndex>1</minIndex>
                  <maxIndex>3</maxIndex>
                </rollingPolicy>
                <triggeringPolicy class="ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy">
                  <maxFileSize>20MB</maxFileSize>
                </triggeringPolicy>
                <encoder>
                  <pattern>%%-5level [%%thread] %%date{ISO8601} %%F:%%L - %%msg%%n</pattern>
                </encoder>
              </appender>
              <root level="INFO">
                <appender-ref ref="FILE"/>
              </root>
            </configuration>
            """.formatted(xmlEscaped(logDir()));
    }

    private static String xmlEscaped(Path path) {
        return path.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
