package io.floe.encoding.redstuff;

import io.floe.encoding.bcs.BcsReader;
import io.floe.encoding.bcs.BcsWriter;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.rs.GfKernels;
import java.util.ArrayList;
import java.util.List;

/**
 * Evidence that a blob was encoded inconsistently: enough recovery symbols, each proven against the metadata, that
 * decode to a {@code targetType} sliver {@code targetIndex} whose hash differs from the metadata's. Anyone with the
 * metadata can check it; a valid proof lets nodes sign the blob invalid.
 * Serialized as {@code { target_index: u16, symbols: vector<RecoverySymbol> }}; the axis comes from the request.
 */
public record InconsistencyProof(SliverType targetType, SliverIndex targetIndex, List<RecoverySymbol> symbols) {
    public InconsistencyProof {
        symbols = List.copyOf(symbols);
    }

    /** True when every symbol is proven, there are enough of them, and they rebuild a sliver that fails its hash. */
    public boolean verify(VerifiedMetadata metadata) {
        SliverRebuilder rebuilder = new SliverRebuilder(metadata, GfKernels.defaultKernel());
        for (RecoverySymbol symbol : symbols) {
            if (symbol.targetType() != targetType || !symbol.targetIndex().equals(targetIndex)
                || !symbol.verify(metadata)) {
                return false;
            }
        }
        try {
            rebuilder.rebuild(targetType, targetIndex, symbols);
            return false;
        } catch (InconsistencyDetectedException e) {
            return true;
        } catch (NotEnoughSliversException | SliverSizeException | SliverIndexOutOfRangeException e) {
            return false;
        }
    }

    public byte[] toBcs() {
        BcsWriter out = new BcsWriter();
        out.u16(targetIndex.value());
        out.length(symbols.size());
        for (RecoverySymbol symbol : symbols) {
            symbol.writeTo(out);
        }
        return out.toByteArray();
    }

    /** Reads a proof for a target sliver of {@code targetType}; the whole input must be consumed. */
    public static InconsistencyProof fromBcs(SliverType targetType, byte[] bcs) {
        BcsReader in = new BcsReader(bcs);
        SliverIndex target = Sliver.readIndex(in);
        int count = in.length();
        List<RecoverySymbol> symbols = new ArrayList<>(Math.min(count, 1 << 16));
        for (int i = 0; i < count; i++) {
            symbols.add(RecoverySymbol.readFrom(in, targetType.orthogonal(), target));
        }
        in.expectEnd();
        return new InconsistencyProof(targetType, target, symbols);
    }
}
