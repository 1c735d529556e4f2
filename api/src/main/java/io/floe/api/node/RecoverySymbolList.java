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
import java.util.List;

/**
 * Bodies of {@code GET /v1/blobs/{id}/recoverySymbols}, in Walrus's BCS layouts, for one target sliver.
 *
 * <p>With proofs, Walrus's {@code Vec<GeneralRecoverySymbol>}: per symbol {@code symbol: EitherDecodingSymbol}
 * (ULEB128 tag of the target type, 0 primary, 1 secondary; then {@code index: u16} of the source sliver and
 * {@code data: vector<u8>}), {@code target_index: u16}, {@code proof: MerkleProof} against the source sliver's hash.
 * Without proofs, Walrus's {@code decodingSymbols} answer {@code BTreeMap<SliverIndex, Vec<EitherDecodingSymbol>>}
 * with the one target as its only key.
 *
 * <p>Decoding checks the shape only and that every symbol is for the requested target: proofs and symbol sizes are
 * the rebuilder's to check.
 */
public final class RecoverySymbolList {
    /** A proof-free symbol: symbol {@code target} of the expanded source sliver {@code source}. */
    public record DecodingSymbol(SliverIndex source, byte[] data) {
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
        BcsWriter out = new BcsWriter(capacity(symbols.size(), symbols.isEmpty() ? 0 : symbols.get(0).data().length));
        out.length(1);
        out.u16(target.value());
        out.length(symbols.size());
        for (DecodingSymbol symbol : symbols) {
            out.variant(tag(targetType));
            out.u16(symbol.source().value());
            out.bytes(symbol.data());
        }
        return out.toByteArray();
    }

    /** Throws {@link EncodingException} when malformed or when the map holds another target than the one asked. */
    public static List<DecodingSymbol> decodeDecoding(SliverType targetType, SliverIndex target, byte[] body) {
        BcsReader in = new BcsReader(body);
        int entries = in.length();
        List<DecodingSymbol> symbols = new ArrayList<>();
        for (int e = 0; e < entries; e++) {
            int at = in.position();
            if (!index(in).equals(target)) {
                throw new BcsException("symbols for another target sliver than " + target.value(), at);
            }
            int count = in.length();
            for (int i = 0; i < count; i++) {
                expectTag(in, targetType);
                symbols.add(new DecodingSymbol(index(in), in.bytes()));
            }
        }
        in.expectEnd();
        return symbols;
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
