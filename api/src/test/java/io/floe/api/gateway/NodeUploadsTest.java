package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeUploadsTest {
    private static final long MIB = 1 << 20;

    private static Committee committee(int nodes) {
        List<StorageNodeInfo> members = new ArrayList<>();
        List<NodeId> owners = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            members.add(new StorageNodeInfo(new NodeId("n" + i), "http://127.0.0.1:9/" + i,
                    Ed25519PublicKey.of(new byte[32]), 1));
            owners.add(members.get(i).id());
        }
        return new Committee(Epoch.GENESIS, members, owners);
    }

    /** With no upload window: only the heap rule and node-concurrency bound it. */
    private static NodeUploads uploads(int perNode) {
        return uploads(perNode, Long.MAX_VALUE);
    }

    private static NodeUploads uploads(int perNode, long window) {
        return new NodeUploads(null, null, Runnable::run, Duration.ZERO, perNode, null, NodeUploads.BATCH_BYTES,
                window);
    }

    @Test
    void theUploadWindowBoundsTheBatchesLoadedAtOnceWhateverTheHeap() {
        // floe local's 3 GiB gateway would allow 12 batches per node; 64 MiB over 4 nodes, each batch held twice: 2.
        assertEquals(2, uploads(16, NodeUploads.DEFAULT_UPLOAD_WINDOW).concurrency(committee(4),
                NodeUploads.BATCH_BYTES, 3072 * MIB));
        assertEquals(16, uploads(16, 1024 * MIB).concurrency(committee(4), NodeUploads.BATCH_BYTES, 8192 * MIB));
        assertEquals(1, uploads(16, NodeUploads.DEFAULT_UPLOAD_WINDOW).concurrency(committee(100),
                NodeUploads.BATCH_BYTES, 8192 * MIB), "at least one batch per node");
    }

    @Test
    void aLargeHeapKeepsTheConfiguredConcurrency() {
        assertEquals(16, uploads(16).concurrency(committee(4), NodeUploads.BATCH_BYTES, 8192 * MIB));
        assertEquals(12, uploads(16).concurrency(committee(4), NodeUploads.BATCH_BYTES, 3072 * MIB), "floe local's 3 GiB gateway");
    }

    @Test
    void aSmallHeapSendsFewerBatchesPerNodeSoOneUploadFitsAnEighthOfIt() {
        int perNode = uploads(16).concurrency(committee(4), NodeUploads.BATCH_BYTES, 512 * MIB);
        assertEquals(2, perNode);
        long held = 4L * perNode * 2 * NodeUploads.BATCH_BYTES;
        assertEquals(64 * MIB, held, "4 nodes x 2 batches, each held as slivers and as a request");
    }

    @Test
    void sliversLargerThanABatchLowerTheConcurrencyByTheirSize() {
        // A full chunk at n = 1000: ~44 MB primary slivers, each alone a batch.
        long sliver = 44 * MIB;
        assertEquals(1, uploads(16).concurrency(committee(4), sliver, 3072 * MIB));
        assertEquals(2, uploads(16).concurrency(committee(4), sliver, 8192 * MIB), "1 GiB / (4 x 2 x 44 MiB)");
    }

    @Test
    void sizesABatchByItsLargestSliverWhenThatExceedsTheBatchBound() {
        io.floe.encoding.redstuff.EncodingConfig config = new io.floe.encoding.redstuff.EncodingConfig(100);
        int symbolSize = config.symbolSize(config.maxBlobSize());
        long primary = config.primarySliverBytes(symbolSize);
        assertEquals(true, primary > NodeUploads.BATCH_BYTES, "a full chunk's primary sliver at n = 100: " + primary);
        assertEquals(primary, SliverBatches.batchHeap(config, symbolSize, NodeUploads.BATCH_BYTES));
        assertEquals(NodeUploads.BATCH_BYTES, SliverBatches.batchHeap(config, config.symbolSize(1 << 20),
                NodeUploads.BATCH_BYTES));
    }

    @Test
    void atLeastOneBatchPerNodeWhateverTheHeap() {
        assertEquals(1, uploads(16).concurrency(committee(100), NodeUploads.BATCH_BYTES, 256 * MIB));
    }
}
