package io.floe.api.node;

import io.floe.encoding.EncodingException;
import io.floe.encoding.bcs.BcsException;
import io.floe.encoding.bcs.BcsReader;
import io.floe.encoding.bcs.BcsWriter;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.merkle.MerkleProof;
import io.floe.encoding.redstuff.RecoverySymbol;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bodies of {@code GET /v1/blobs/{id}/recoverySymbols}, in Walrus's BCS layouts, for one target sliver.
 *
 * <p>With proofs, Walrus's {@code Vec<GeneralRecoverySymbol>}: per symbol {@code symbol: EitherDecodingSymbol}
 * (ULEB128 tag of the target type, 0 primary, 1 secondary; then {@code index: u16} of the source sliver and
 * {@code data: vector<u8>}), {@code target_index: u16}, {@code proof: MerkleProof} against the source sliver's hash.
 * Without proofs, Walrus's {@code decodingSymbols} answer {@code BTreeMap<SliverIndex, Vec<EitherDecodingSymbol>>}
 * with the one target as its only key, or with every asked target as a key when several are asked at once (Floe's
 * batched request: {@code targetSliver=3,7,9}).
 *
 * <p>Decoding checks the shape only and that every symbol is for the requested target: proofs and symbol sizes are
 * the rebuilder's to check.
 */
public final class RecoverySymbolList {
    /** A proof-free symbol: symbol {@code target} of the expanded source sliver {@code source}. */
    public record DecodingSymbol(SliverIndex source, byte[] data) {
    }

    /** The proof-free symbols one node answered for one of several target slivers asked at once. */
    public record TargetSymbols(SliverIndex target, List<DecodingSymbol> symbols) {
        public TargetSymbols {
            symbols = List.copyOf(symbols);
        }
    }

    /** What one node answered: its symbols (none if it held none) and the response-body bytes received. */
    public record Fetched<T>(List<T> symbols, long bodyBytes) {
        public Fetched {
            symbols = List.copyOf(symbols);
        }
    }

    private RecoverySymbolList() {
    }

    public static byte[] encodeProven(SliverType targetType, List<RecoverySymbol> symbols) {
        BcsWriter out = new BcsWriter(capacity(symbols.size(), symbols.isEmpty() ? 0 : symbols.get(0).data().length));
        out.length(symbols.size());
        for (RecoverySymbol symbol : symbols) {
            if (symbol.targetType() != targetType) {
                throw new IllegalArgumentException("a symbol for a " + symbol.targetType().pathName() + " sliver");
            }
            out.variant(tag(targetType));
            out.u16(symbol.sourceIndex().value());
            out.bytes(symbol.data());
            out.u16(symbol.targetIndex().value());
            symbol.proof().writeTo(out);
        }
        return out.toByteArray();
    }

    /** Throws {@link EncodingException} when malformed or when a symbol is for another target. */
    public static List<RecoverySymbol> decodeProven(SliverType targetType, SliverIndex target, byte[] body) {
        BcsReader in = new BcsReader(body);
        int count = in.length();
        List<RecoverySymbol> symbols = new ArrayList<>(Math.min(count, in.remaining()));
        for (int i = 0; i < count; i++) {
            expectTag(in, targetType);
            SliverIndex source = index(in);
            byte[] data = in.bytes();
            int at = in.position();
            if (!index(in).equals(target)) {
                throw new BcsException("symbol for another target sliver than " + target.value(), at);
            }
            symbols.add(new RecoverySymbol(targetType.orthogonal(), source, target, data, MerkleProof.readFrom(in)));
        }
        in.expectEnd();
        return symbols;
    }

    public static byte[] encodeDecoding(SliverType targetType, SliverIndex target, List<DecodingSymbol> symbols) {
        return encodeDecoding(targetType, Map.of(target, symbols));
    }

    /** The map's entries in ascending target order, as Walrus's {@code BTreeMap}. */
    public static byte[] encodeDecoding(SliverType targetType, Map<SliverIndex, List<DecodingSymbol>> byTarget) {
        int count = byTarget.values().stream().mapToInt(List::size).sum();
        int size = byTarget.values().stream().flatMap(List::stream).findFirst().map(x -> x.data().length).orElse(0);
        BcsWriter out = new BcsWriter(capacity(count, size));
        out.length(byTarget.size());
        byTarget.entrySet().stream().sorted(Map.Entry.comparingByKey(
                Comparator.comparingInt(SliverIndex::value))).forEach(entry -> {
                    out.u16(entry.getKey().value());
                    out.length(entry.getValue().size());
                    for (DecodingSymbol symbol : entry.getValue()) {
                        out.variant(tag(targetType));
                        out.u16(symbol.source().value());
                        out.bytes(symbol.data());
                    }
                });
        return out.toByteArray();
    }

    /** Throws {@link EncodingException} when malformed or when the map holds another target than the one asked. */
    public static List<DecodingSymbol> decodeDecoding(SliverType targetType, SliverIndex target, byte[] body) {
        List<DecodingSymbol> symbols = new ArrayList<>();
        decodeDecoding(targetType, List.of(target), body).forEach(entry -> symbols.addAll(entry.symbols()));
        return symbols;
    }

    /**
     * Throws {@link EncodingException} when malformed, when a key is not one of {@code targets} or when a key repeats;
     * a target the answer has no key for has no symbols.
     */
    public static List<TargetSymbols> decodeDecoding(SliverType targetType, Collection<SliverIndex> targets,
                                                     byte[] body) {
        BcsReader in = new BcsReader(body);
        int entries = in.length();
        List<TargetSymbols> out = new ArrayList<>();
        Set<SliverIndex> seen = new HashSet<>();
        for (int e = 0; e < entries; e++) {
            int at = in.position();
            SliverIndex target = index(in);
            if (!targets.contains(target) || !seen.add(target)) {
                throw new BcsException("symbols for target sliver " + target.value() + ", not asked or repeated", at);
            }
            int count = in.length();
            List<DecodingSymbol> symbols = new ArrayList<>(Math.min(count, in.remaining()));
            for (int i = 0; i < count; i++) {
                expectTag(in, targetType);
                symbols.add(new DecodingSymbol(index(in), in.bytes()));
            }
            out.add(new TargetSymbols(target, symbols));
        }
        in.expectEnd();
        return out;
    }

    private static int tag(SliverType targetType) {
        return targetType == SliverType.PRIMARY ? 0 : 1;
    }

    private static void expectTag(BcsReader in, SliverType targetType) {
        int at = in.position();
        int tag = in.variant();
        if (tag != tag(targetType)) {
            throw new BcsException("symbol tag " + tag + " is not the requested " + targetType.pathName() + " target", at);
        }
    }

    private static SliverIndex index(BcsReader in) {
        int at = in.position();
        int value = in.u16();
        if (value > SliverIndex.MAX) {
            throw new BcsException("sliver index " + value + " is out of range", at);
        }
        return new SliverIndex(value);
    }

    /** Symbol bytes plus tag, index, length prefix and a proof of up to 17 nodes per symbol: one allocation. */
    private static int capacity(int count, int symbolSize) {
        long size = 8 + (long) count * (symbolSize + 8 + 17 * 33);
        return (int) Math.min(size, 1 << 26);
    }
}
