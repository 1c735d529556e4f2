package io.floe.encoding.redstuff;

import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.rs.GfKernel;
import io.floe.encoding.rs.GfKernels;
import java.util.Arrays;

/** Checks slivers against verified metadata: right size, and re-encoding gives the hash the metadata holds. */
public final class SliverVerifier {
    private final VerifiedMetadata metadata;
    private final EncodingConfig config;
    private final int symbolSize;
    private final GfKernel kernel;

    public SliverVerifier(VerifiedMetadata metadata) {
        this(metadata, GfKernels.defaultKernel());
    }

    public SliverVerifier(VerifiedMetadata metadata, GfKernel kernel) {
        this.metadata = metadata;
        this.config = new EncodingConfig(metadata.metadata().nShards());
        this.symbolSize = config.symbolSize(metadata.metadata().unencodedLength());
        this.kernel = kernel;
    }

    public EncodingConfig config() {
        return config;
    }

    public int symbolSize() {
        return symbolSize;
    }

    /**
     * Throws {@link SliverIndexOutOfRangeException}, {@link SliverSizeException} or
     * {@link SliverHashMismatchException} unless the sliver is valid.
     */
    public void verify(Sliver sliver) {
        SliverIndexOutOfRangeException.check(sliver.type(), sliver.index(), config.nShards());
        if (sliver.symbolSize() != symbolSize) {
            throw SliverSizeException.symbolSize(sliver, symbolSize);
        }
        byte[] hash = SliverExpander.hash(config, kernel, sliver);
        byte[] expected = metadata.metadata().sliverHash(sliver.type(), sliver.index()).bytes();
        if (!Arrays.equals(hash, expected)) {
            throw new SliverHashMismatchException(sliver.type(), sliver.index(), "hash");
        }
    }

    /** True when {@link #verify} would pass. */
    public boolean isValid(Sliver sliver) {
        try {
            verify(sliver);
            return true;
        } catch (SliverHashMismatchException | SliverSizeException | SliverIndexOutOfRangeException e) {
            return false;
        }
    }
}
