package io.floe.api.gateway;

import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodedSlivers;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.redstuff.SliverPair;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An encoded blob that counts how often its pairs and single slivers are read and whether it was closed, as a writer sees an
 * {@link io.floe.encoding.redstuff.EncodedBlobFile}; a read after {@link #close} fails, as a deleted file would.
 */
final class CountingSlivers implements EncodedSlivers, AutoCloseable {
    private final EncodedBlob encoded;
    final AtomicInteger pairReads = new AtomicInteger();
    final AtomicInteger sliverReads = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();

    CountingSlivers(EncodedBlob encoded) {
        this.encoded = encoded;
    }

    @Override
    public EncodingConfig config() {
        return encoded.config();
    }

    @Override
    public int symbolSize() {
        return encoded.symbolSize();
    }

    @Override
    public VerifiedMetadata metadata() {
        return encoded.metadata();
    }

    @Override
    public SliverPair pair(SliverPairIndex index) {
        if (closes.get() > 0) {
            throw new IllegalStateException("pair " + index + " read after close");
        }
        pairReads.incrementAndGet();
        return encoded.pair(index);
    }

    @Override
    public io.floe.encoding.redstuff.Sliver sliver(SliverPairIndex index, io.floe.encoding.index.SliverType type) {
        if (closes.get() > 0) {
            throw new IllegalStateException("sliver of pair " + index + " read after close");
        }
        sliverReads.incrementAndGet();
        return encoded.sliver(index, type);
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }
}
