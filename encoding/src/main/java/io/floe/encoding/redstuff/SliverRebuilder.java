package io.floe.encoding.redstuff;

import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.merkle.MerkleTree;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.rs.GfKernel;
import io.floe.encoding.rs.GfKernels;
import io.floe.encoding.rs.ReedSolomon;
import io.floe.encoding.rs.RsParameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recovery (DESIGN.md §6): nodes holding intact slivers produce symbols with proofs; a node that lost a sliver
 * rebuilds it from np symbols (secondary target) or ns symbols (primary target), about one sliver of traffic.
 * A rebuilt sliver is returned only if it matches the metadata; otherwise an inconsistency proof is thrown.
 */
public final class SliverRebuilder {
    private final VerifiedMetadata metadata;
    private final EncodingConfig config;
    private final int s;
    private final GfKernel kernel;

    public SliverRebuilder(VerifiedMetadata metadata) {
        this(metadata, GfKernels.defaultKernel());
    }

    public SliverRebuilder(VerifiedMetadata metadata, GfKernel kernel) {
        this.metadata = metadata;
        this.config = new EncodingConfig(metadata.metadata().nShards());
        this.s = config.symbolSize(metadata.metadata().unencodedLength());
        this.kernel = kernel;
    }

    /** Symbols with proofs from a held sliver for each target sliver index (one expansion serves them all). */
    public List<RecoverySymbol> recoverySymbols(Sliver source, int... targetIndices) {
        int n = config.nShards();
        byte[] expanded = SliverExpander.expand(config, kernel, source);
        MerkleTree tree = MerkleTree.fromPackedLeafHashes(SliverExpander.leafHashes(expanded, n, s), 0, n);
        List<RecoverySymbol> out = new ArrayList<>(targetIndices.length);
        for (int target : targetIndices) {
            byte[] data = Arrays.copyOfRange(expanded, target * s, (target + 1) * s);
            out.add(new RecoverySymbol(source.type(), source.index().value(), target, data, tree.proof(target)));
        }
        return out;
    }

    /** Proof-free decoding symbols: the bytes only; the rebuilt sliver is checked once against its hash instead. */
    public byte[][] decodingSymbols(Sliver source, int... targetIndices) {
        byte[] expanded = SliverExpander.expand(config, kernel, source);
        byte[][] out = new byte[targetIndices.length][];
        for (int i = 0; i < targetIndices.length; i++) {
            out[i] = Arrays.copyOfRange(expanded, targetIndices[i] * s, (targetIndices[i] + 1) * s);
        }
        return out;
    }

    /**
     * Rebuilds a sliver from recovery symbols. Symbols whose proofs fail are skipped; throws
     * {@link NotEnoughSliversException} if fewer than needed remain, and {@link InconsistencyDetectedException}
     * (with the proof to publish) if the proven symbols decode to a sliver that fails its hash.
     */
    public Sliver rebuild(SliverType targetType, int targetIndex, List<RecoverySymbol> symbols) {
        List<RecoverySymbol> proven = new ArrayList<>();
        byte[][] bySource = new byte[config.nShards()][];
        for (RecoverySymbol symbol : symbols) {
            if (symbol.targetType() == targetType && symbol.targetIndex() == targetIndex && symbol.data().length == s
                && bySource[symbol.sourceIndex()] == null && symbol.verify(metadata)) {
                bySource[symbol.sourceIndex()] = symbol.data();
                proven.add(symbol);
            }
        }
        Sliver sliver = decode(targetType, targetIndex, bySource, proven.size());
        if (!matchesHash(sliver)) {
            throw new InconsistencyDetectedException(new InconsistencyProof(targetType, targetIndex, proven));
        }
        return sliver;
    }

    /** Rebuilds from proof-free symbols indexed by source sliver (null where absent); checked once by hash. */
    public Sliver rebuildFromDecodingSymbols(SliverType targetType, int targetIndex, byte[][] bySource) {
        int count = (int) Arrays.stream(bySource).filter(b -> b != null).count();
        Sliver sliver = decode(targetType, targetIndex, bySource, count);
        if (!matchesHash(sliver)) {
            throw new SliverHashMismatchException(targetType, new SliverIndex(targetIndex), "rebuilt sliver");
        }
        return sliver;
    }

    private Sliver decode(SliverType targetType, int targetIndex, byte[][] bySource, int count) {
        int n = config.nShards();
        // A column (secondary target) is a primary-code word of np source symbols, a row one of ns.
        int k = config.sourceSymbols(targetType.orthogonal());
        if (count < k) {
            throw new NotEnoughSliversException("recovery symbols for " + targetType.pathName() + " sliver "
                + targetIndex, count, k);
        }
        byte[][] originals = Arrays.copyOf(bySource, k);
        byte[][] recovery = Arrays.copyOfRange(bySource, k, n);
        byte[][] decoded = new ReedSolomon(new RsParameters(k, n - k, s), kernel).decode(originals, recovery);
        byte[] data = new byte[k * s];
        for (int i = 0; i < k; i++) {
            System.arraycopy(decoded[i], 0, data, i * s, s);
        }
        return new Sliver(targetType, new SliverIndex(targetIndex), s, data);
    }

    private boolean matchesHash(Sliver sliver) {
        byte[] hash = SliverExpander.hash(config, kernel, sliver);
        return Arrays.equals(hash, metadata.metadata().sliverHash(sliver.type(), sliver.index().value()).bytes());
    }
}
