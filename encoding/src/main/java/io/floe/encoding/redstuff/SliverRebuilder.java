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

    /**
     * Symbols with proofs from a held sliver for each target sliver (one expansion serves them all). Targets are
     * slivers of the other type; an index beyond the blob's shards throws {@link SliverIndexOutOfRangeException}.
     */
    public List<RecoverySymbol> recoverySymbols(Sliver source, SliverIndex... targets) {
        int n = config.nShards();
        checkTargets(source.type().orthogonal(), targets);
        byte[] expanded = SliverExpander.expand(config, kernel, source);
        MerkleTree tree = MerkleTree.fromPackedLeafHashes(SliverExpander.leafHashes(expanded, n, s), 0, n);
        List<RecoverySymbol> out = new ArrayList<>(targets.length);
        for (SliverIndex target : targets) {
            out.add(new RecoverySymbol(source.type(), source.index(), target, symbol(expanded, target),
                tree.proof(target.value())));
        }
        return out;
    }

    /** Proof-free decoding symbols: the bytes only; the rebuilt sliver is checked once against its hash instead. */
    public byte[][] decodingSymbols(Sliver source, SliverIndex... targets) {
        checkTargets(source.type().orthogonal(), targets);
        byte[] expanded = SliverExpander.expand(config, kernel, source);
        byte[][] out = new byte[targets.length][];
        for (int i = 0; i < targets.length; i++) {
            out[i] = symbol(expanded, targets[i]);
        }
        return out;
    }

    /**
     * Rebuilds a sliver from recovery symbols. Symbols for another target, of the wrong size, with an index beyond
     * the blob's shards, repeating a source already used, or whose proofs fail are skipped (a peer's bad symbol must
     * not stop the rebuild); throws {@link NotEnoughSliversException} if fewer than needed remain, and
     * {@link InconsistencyDetectedException} (with the proof to publish) if the proven symbols decode to a sliver
     * that fails its hash.
     */
    public Sliver rebuild(SliverType targetType, SliverIndex targetIndex, List<RecoverySymbol> symbols) {
        checkTargets(targetType, targetIndex);
        List<RecoverySymbol> proven = new ArrayList<>();
        byte[][] bySource = new byte[config.nShards()][];
        for (RecoverySymbol symbol : symbols) {
            int source = symbol.sourceIndex().value();
            if (symbol.targetType() == targetType && symbol.targetIndex().equals(targetIndex)
                && symbol.data().length == s && source < bySource.length && bySource[source] == null
                && symbol.verify(metadata)) {
                bySource[source] = symbol.data();
                proven.add(symbol);
            }
        }
        Sliver sliver = decode(targetType, targetIndex, bySource, proven.size());
        if (!matchesHash(sliver)) {
            throw new InconsistencyDetectedException(new InconsistencyProof(targetType, targetIndex, proven));
        }
        return sliver;
    }

    /**
     * Rebuilds from proof-free symbols indexed by source sliver ({@code bySource.length == n}, null where absent);
     * checked once by hash.
     */
    public Sliver rebuildFromDecodingSymbols(SliverType targetType, SliverIndex targetIndex, byte[][] bySource) {
        checkTargets(targetType, targetIndex);
        if (bySource.length != config.nShards()) {
            throw new IllegalArgumentException("symbols by source need " + config.nShards() + " entries, got "
                + bySource.length);
        }
        int count = 0;
        for (byte[] symbol : bySource) {
            if (symbol != null) {
                if (symbol.length != s) {
                    throw SliverSizeException.decodingSymbol(targetType, symbol.length, s);
                }
                count++;
            }
        }
        Sliver sliver = decode(targetType, targetIndex, bySource, count);
        if (!matchesHash(sliver)) {
            throw new SliverHashMismatchException(targetType, targetIndex, "rebuilt sliver");
        }
        return sliver;
    }

    private void checkTargets(SliverType type, SliverIndex... targets) {
        for (SliverIndex target : targets) {
            SliverIndexOutOfRangeException.check(type, target, config.nShards());
        }
    }

    private byte[] symbol(byte[] expanded, SliverIndex index) {
        return Arrays.copyOfRange(expanded, index.value() * s, (index.value() + 1) * s);
    }

    private Sliver decode(SliverType targetType, SliverIndex targetIndex, byte[][] bySource, int count) {
        int n = config.nShards();
        // A column (secondary target) is a primary-code word of np source symbols, a row one of ns.
        int k = config.sourceSymbols(targetType.orthogonal());
        if (count < k) {
            throw new NotEnoughSliversException("recovery symbols for " + targetType.pathName() + " sliver "
                + targetIndex.value(), count, k);
        }
        byte[][] originals = Arrays.copyOf(bySource, k);
        byte[][] recovery = Arrays.copyOfRange(bySource, k, n);
        byte[][] decoded = new ReedSolomon(new RsParameters(k, n - k, s), kernel).decode(originals, recovery);
        byte[] data = new byte[k * s];
        for (int i = 0; i < k; i++) {
            System.arraycopy(decoded[i], 0, data, i * s, s);
        }
        return new Sliver(targetType, targetIndex, s, data);
    }

    private boolean matchesHash(Sliver sliver) {
        byte[] hash = SliverExpander.hash(config, kernel, sliver);
        return Arrays.equals(hash, metadata.metadata().sliverHash(sliver.type(), sliver.index()).bytes());
    }
}
