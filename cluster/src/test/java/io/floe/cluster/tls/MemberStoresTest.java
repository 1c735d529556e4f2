package io.floe.cluster.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.ConfigFactory;
import io.floe.persistence.files.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A member's certificate: issued by the cluster CA on its first start, kept after, its files owner-only. */
class MemberStoresTest {
    @TempDir
    Path dir;

    @Test
    void firstStartIssuesACertificateOfTheClusterCaInOwnerOnlyFiles() throws Exception {
        Path ca = dir.resolve("tls").resolve("cluster-ca.pem");
        MemberStores stores = MemberStores.ensure(dir.resolve("node-1"), "node-1", "127.0.0.1",
                () -> ClusterCa.open(ca, true));

        assertTrue(Certificates.signedBy(stores.certificate(), stores.ca()));
        assertEquals(ClusterCa.open(ca, false).certificate(), stores.ca());
        assertTrue(stores.certificate().getSubjectX500Principal().getName().contains("CN=node-1"));
        assertEquals(List.of(7, "127.0.0.1"), List.copyOf(stores.certificate().getSubjectAlternativeNames().iterator()
                .next()));
        assertTrue(stores.certificate().getExtendedKeyUsage().containsAll(
                List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2")), "serverAuth and clientAuth");
        if (OwnerOnly.posix()) {
            for (Path file : List.of(ca, stores.keyStore(), stores.trustStore(), dir.resolve("node-1")
                    .resolve(MemberStores.SECRET))) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file
                        .toString());
            }
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir
                    .resolve("node-1"))));
        }
    }

    @Test
    void laterStartsKeepTheCertificateAndDoNotNeedTheCa() throws IOException {
        Path ca = dir.resolve("cluster-ca.pem");
        MemberStores first = MemberStores.ensure(dir.resolve("m"), "m", "10.0.0.5", () -> ClusterCa.open(ca, true));
        AtomicInteger asked = new AtomicInteger();
        MemberStores again = MemberStores.ensure(dir.resolve("m"), "m", "10.0.0.5", () -> {
            asked.incrementAndGet();
            return ClusterCa.open(ca, false);
        });
        assertEquals(first.certificate(), again.certificate());
        assertEquals(first.password(), again.password());
        assertEquals(0, asked.get());
    }

    @Test
    void theCaIsCreatedOnceAndAMemberWithoutItFailsClearly() throws IOException {
        Path ca = dir.resolve("cluster-ca.pem");
        ClusterCa made = ClusterCa.open(ca, true);
        assertEquals(made.certificate(), ClusterCa.open(ca, true).certificate());
        IOException missing = assertThrows(IOException.class, () -> ClusterCa.open(dir.resolve("none.pem"), false));
        assertTrue(missing.getMessage().contains("no cluster CA at"), missing.getMessage());
        assertFalse(Files.exists(dir.resolve("none.pem")));
        Files.writeString(dir.resolve("junk.pem"), "not a certificate\n");
        assertThrows(IOException.class, () -> ClusterCa.open(dir.resolve("junk.pem"), false));
    }

    @Test
    void theCaLeavesAnExistingFolderAloneAndMakesAMissingOneOwnerOnly() throws IOException {
        assumeTrue(OwnerOnly.posix(), "POSIX modes");
        Path shared = Files.createDirectory(dir.resolve("etc-floe"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        ClusterCa.open(shared.resolve("cluster-ca.pem"), true);
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)));
        Path made = dir.resolve("new").resolve("tls");
        ClusterCa.open(made.resolve("cluster-ca.pem"), true);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)));
    }

    @Test
    void aCaFileGroupOrOthersCanReadIsRefused() throws IOException {
        assumeTrue(OwnerOnly.posix(), "POSIX modes");
        Path ca = dir.resolve("cluster-ca.pem");
        ClusterCa.open(ca, true);
        for (String mode : List.of("rw-r--r--", "rw-r-----", "rw----r--")) {
            Files.setPosixFilePermissions(ca, PosixFilePermissions.fromString(mode));
            IOException refused = assertThrows(IOException.class, () -> ClusterCa.open(ca, false));
            assertTrue(refused.getMessage().contains("readable by group or others (mode " + mode + ")")
                    && refused.getMessage().contains("chmod 600 " + ca) && !refused.getMessage().contains("\n"),
                    refused.getMessage());
        }
        Files.setPosixFilePermissions(ca, OwnerOnly.FILE);
        ClusterCa.open(ca, false);
    }

    @Test
    void aMemberRefusesACaFileOrPinItsCertificateIsNotFrom() throws IOException {
        Path ca = dir.resolve("cluster-ca.pem");
        ArteryTlsSettings own = settings(ca, true, "");
        MemberStores stores = ArteryTls.stores(own);
        assertEquals(stores.certificate(), ArteryTls.stores(settings(ca, false,
                Fingerprint.sha256(stores.ca()).toLowerCase(java.util.Locale.ROOT))).certificate());

        UncheckedIOException pinned = assertThrows(UncheckedIOException.class,
                () -> ArteryTls.stores(settings(ca, false, "00".repeat(32))));
        assertTrue(pinned.getMessage().contains("ca-fingerprint"), pinned.getMessage());

        Files.delete(ca);
        ClusterCa.open(ca, true);
        UncheckedIOException other = assertThrows(UncheckedIOException.class, () -> ArteryTls.stores(own));
        assertTrue(other.getMessage().contains("from another CA"), other.getMessage());
    }

    @Test
    void settingsFollowFloeTlsEnabledUnlessArteryIsSetAlone() {
        String base = "floe.member { id = m, data-dir = \"" + dir + "\" }\n"
                + "pekko.remote.artery.canonical.hostname = \"127.0.0.1\"\n";
        assertTrue(read(base + "floe.tls.enabled = on\n").enabled());
        assertFalse(read(base + "floe.tls.enabled = on\nfloe.tls.artery.enabled = off\n").enabled());
        assertFalse(read(base).enabled());
        assertThrows(com.typesafe.config.ConfigException.class,
                () -> read(base + "floe.tls.artery.create-ca = on\n"));
    }

    private static ArteryTlsSettings read(String own) {
        return ArteryTlsSettings.from(ConfigFactory.parseString(own).withFallback(ConfigFactory.defaultReference())
                .resolve());
    }

    private ArteryTlsSettings settings(Path ca, boolean create, String pin) {
        return new ArteryTlsSettings(true, java.util.Optional.of(ca), create, pin, dir.resolve("member"), "m",
                "127.0.0.1");
    }
}
