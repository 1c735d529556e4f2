package io.floe.api.node;

import static io.floe.api.node.NodeApiFixture.encode;
import static io.floe.api.node.NodeApiFixture.registration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.floe.encoding.bcs.BcsWriter;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobMetadata;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.SliverPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walrus's own TypeScript {@code StorageNodeClient} ({@code @mysten/walrus}, installed for the encoding module's
 * oracle) against a real Floe node: paths, BCS bodies, success and error JSON, and the confirmation message compared
 * with the SDK's own serialization. Skipped where node or the package is not installed.
 */
class WalrusClientInteropTest {
    private static final String SCRIPT = """
            import { readFileSync } from 'node:fs';
            import { pathToFileURL } from 'node:url';
            const [oracle, dir] = process.argv.slice(2);
            const load = (p) => import(pathToFileURL(oracle + '/' + p).href);
            const { walrusBcs } = await load('walrus-bcs.mjs');
            const { StorageNodeClient } = await load('node_modules/@mysten/walrus/dist/storage-node/client.mjs');
            const errors = await load('node_modules/@mysten/walrus/dist/storage-node/error.mjs');
            const [nodeUrl, blobId, unregistered, epoch, foreignUrl, foreignPair] =
              readFileSync(dir + '/info.txt', 'utf8').trim().split(' ');
            const c = new StorageNodeClient({ timeout: 10000 });
            const o = { nodeUrl };
            const file = (name) => new Uint8Array(readFileSync(dir + '/' + name));
            const check = (ok, what) => console.log((ok ? 'ok ' : 'FAIL ') + what);
            const failsWith = async (f, type, what) => {
              try { await f(); check(false, what + ': no error'); } catch (e) { check(e instanceof type, what + ': ' + e); }
            };
            check(await c.getMetadataStatus({ blobId }, o) === 'Nonexistent', 'metadata status before');
            const stored = await c.storeBlobMetadata({ blobId, metadata: file('metadata.bcs') }, o);
            check(stored.success.code === 201, 'store metadata (201 Created, as Walrus)');
            await c.storeBlobMetadata({ blobId, metadata: walrusBcs.BlobMetadata.parse(file('metadata.bcs')) }, o);
            const meta = await c.getBlobMetadata({ blobId }, o);
            check(meta.metadata.V1.hashes.length === 10, 'metadata parses as BlobMetadataWithId');
            check(await c.getMetadataStatus({ blobId }, o) === 'Stored', 'metadata status after');
            for (let i = 0; i < 10; i++) {
              for (const t of ['primary', 'secondary']) {
                const body = file(t + '-' + i + '.bcs');
                await c.storeSliver({ blobId, sliverPairIndex: i, sliverType: t, sliver: body }, o);
                const back = await c.getSliver({ blobId, sliverPairIndex: i, sliverType: t }, o);
                check(Buffer.compare(Buffer.from(back), Buffer.from(body)) === 0, 'sliver ' + i + ' ' + t);
              }
            }
            check(await c.getSliverStatus({ blobId, sliverPairIndex: 3, sliverType: 'secondary' }, o) === 'Stored', 'sliver status');
            const signed = (await c.getPermanentBlobConfirmation({ blobId }, o)).success.data.signed;
            const expected = walrusBcs.StorageConfirmation.serialize({ intent: 1, epoch: Number(epoch),
              messageContents: { blobId, blobType: { Permanent: null } } }).toBase64();
            check(signed.serializedMessage === expected, 'confirmation equals the SDK serialization');
            const status = await c.getBlobStatus({ blobId }, o);
            check(status.type === 'permanent' && status.endEpoch === 10 && status.isCertified === false, 'blob status');
            check((await c.getBlobStatus({ blobId: unregistered }, o)).type === 'nonexistent', 'status nonexistent');
            await failsWith(() => c.storeBlobMetadata({ blobId: unregistered, metadata: file('unregistered.bcs') }, o),
              errors.BlobNotRegisteredError, 'unregistered metadata');
            await failsWith(() => c.getBlobMetadata({ blobId: 'bad' }, o), errors.BadRequestError, 'malformed blob ID');
            await failsWith(() => c.getSliver({ blobId: unregistered, sliverPairIndex: 0, sliverType: 'primary' }, o),
              errors.NotFoundError, 'missing sliver');
            if (foreignUrl) {
              // Walrus's Rust client: is_shard_not_assigned = reason SHARD_NOT_ASSIGNED in domain storage.walrus.space.
              try {
                await c.storeSliver({ blobId, sliverPairIndex: Number(foreignPair), sliverType: 'primary',
                  sliver: file('primary-' + foreignPair + '.bcs') }, { nodeUrl: foreignUrl });
                check(false, 'foreign shard: no error');
              } catch (e) {
                const info = e.error?.error?.details?.[0] ?? {};
                check(e instanceof errors.BadRequestError && !(e instanceof errors.BlobNotRegisteredError)
                  && e.status === 400 && info.reason === 'SHARD_NOT_ASSIGNED', 'foreign shard: ' + e);
                console.log('domain ' + info.domain + ' ' + JSON.stringify(info.metadata ?? null));
              }
            }
            """;

    private final NodeApiFixture fixture = new NodeApiFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void walrusStorageNodeClientTalksToAFloeNode(@TempDir Path dir) throws Exception {
        Optional<Path> oracle = oracleDir();
        assumeTrue(oracle.isPresent() && nodeAvailable(), "node and @mysten/walrus (encoding's oracle) not installed");
        NodeApiFixture.Node node = fixture.startSoleNode();
        NodeApiFixture.Node half = fixture.startHalfNode();
        EncodedBlob blob = encode(5000, 42);
        EncodedBlob unregistered = encode(300, 43);
        node.control().put(blob.blobId(), registration(false));
        SliverPairIndex foreign = SliverPairIndex.onShard(new ShardIndex(7), blob.blobId().rotation(10), 10);
        writeInputs(dir, node, blob, unregistered);
        Files.writeString(dir.resolve("info.txt"), " " + half.url() + " " + foreign.value(),
                java.nio.file.StandardOpenOption.APPEND);

        List<String> lines = runNode(oracle.get(), dir);

        assertEquals(32, lines.stream().filter(l -> l.startsWith("ok ")).count(), String.join("\n", lines));
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("FAIL")), String.join("\n", lines));
        String domain = lines.stream().filter(l -> l.startsWith("domain ")).findFirst().orElse("");
        if (!domain.startsWith("domain floe")) {
            // Rendered once ERRORS's ApiErrors writes ApiException.withDetails: what Walrus's client keys on.
            assertEquals("domain storage.walrus.space {\"epoch\":3,\"shard\":7}", domain.replace(
                    "{\"shard\":7,\"epoch\":3}", "{\"epoch\":3,\"shard\":7}"), String.join("\n", lines));
        }
        assertTrue(node.backend().hasSliver(blob.blobId(), SliverType.SECONDARY,
                new SliverPairIndex(9)));
    }

    private static void writeInputs(Path dir, NodeApiFixture.Node node, EncodedBlob blob, EncodedBlob unregistered)
            throws IOException {
        Files.write(dir.resolve("metadata.bcs"), bcs(blob.metadata().metadata()));
        Files.write(dir.resolve("unregistered.bcs"), bcs(unregistered.metadata().metadata()));
        for (int i = 0; i < NodeApiFixture.N; i++) {
            SliverPair pair = blob.pair(new SliverPairIndex(i));
            Files.write(dir.resolve("primary-" + i + ".bcs"), pair.primary().toBcs());
            Files.write(dir.resolve("secondary-" + i + ".bcs"), pair.secondary().toBcs());
        }
        Files.writeString(dir.resolve("info.txt"), node.url() + " " + blob.blobId() + " " + unregistered.blobId()
                + " " + NodeApiFixture.EPOCH.value());
        Files.writeString(dir.resolve("interop.mjs"), SCRIPT);
    }

    private static List<String> runNode(Path oracle, Path dir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("node", dir.resolve("interop.mjs").toString(), oracle.toString(),
                dir.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        List<String> lines = Files.readAllLines(dir.resolve("out.txt"), StandardCharsets.UTF_8);
        assertTrue(finished && process.exitValue() == 0, "node failed: " + String.join("\n", lines));
        return lines;
    }

    private static byte[] bcs(BlobMetadata metadata) {
        BcsWriter out = new BcsWriter();
        metadata.writeTo(out);
        return out.toByteArray();
    }

    /** The encoding module's oracle folder, from the api module or the repository root. */
    private static Optional<Path> oracleDir() {
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path candidate : List.of(base.resolve("../encoding/src/test/oracle"), base.resolve("encoding/src/test/oracle"))) {
            if (Files.isDirectory(candidate.resolve("node_modules/@mysten/walrus/dist/storage-node"))) {
                return Optional.of(candidate.normalize());
            }
        }
        return Optional.empty();
    }

    private static boolean nodeAvailable() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
