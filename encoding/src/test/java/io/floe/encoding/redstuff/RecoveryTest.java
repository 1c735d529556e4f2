package io.floe.encoding.redstuff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.encoding.bcs.BcsReader;
import io.floe.encoding.bcs.BcsWriter;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.merkle.MerkleProof;
import io.floe.encoding.testing.InconsistentEncoding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryTest {
    private static final int N = 10;

    private static SliverIndex index(int i) {
        return new SliverIndex(i);
    }

    /** Every source sliver's symbol for {@code target}, from the held slivers of the other axis. */
    private static List<RecoverySymbol> symbolsFor(EncodedBlob encoded, SliverType target, int t) {
        SliverRebuilder rebuilder = new SliverRebuilder(encoded.metadata());
        List<RecoverySymbol> symbols = new ArrayList<>();
        for (int c = 0; c < N; c++) {
            symbols.addAll(rebuilder.recoverySymbols(encoded.sliver(target.orthogonal(), index(c)), index(t)));
        }
        return symbols;
    }

    @Test
    void rebuildsEverySliverFromMinimalProvenSymbolSets() {
        EncodedBlob encoded = new BlobEncoder(new EncodingConfig(N)).encode(RedStuffTest.randomBlob(11, 3000));
        SliverRebuilder rebuilder = new SliverRebuilder(encoded.metadata());
        for (SliverType target : SliverType.values()) {
            int k = encoded.config().sourceSymbols(target.orthogonal());
            for (int t = 0; t < N; t++) {
                List<RecoverySymbol> symbols = new ArrayList<>();
                // Take the k holders just above the target (wrapping), so recovery-only and mixed sets both occur.
                for (int h = 1; symbols.size() < k; h++) {
                    Sliver source = encoded.sliver(target.orthogonal(), index((t + h) % N));
                    symbols.addAll(rebuilder.recoverySymbols(source, index(t)));
                }
                Sliver rebuilt = rebuilder.rebuild(target, index(t), symbols);
                assertEquals(encoded.sliver(target, index(t)), rebuilt, target + " " + t);
            }
        }
    }

    @Test
    void rebuildsFromProofFreeDecodingSymbols() {
        EncodedBlob encoded = new BlobEncoder(new EncodingConfig(N)).encode(RedStuffTest.randomBlob(12, 500));
        SliverRebuilder rebuilder = new SliverRebuilder(encoded.metadata());
        byte[][] bySource = new byte[N][];
        for (int r = N - 4; r < N; r++) {
            bySource[r] = rebuilder.decodingSymbols(encoded.sliver(SliverType.PRIMARY, index(r)), index(2))[0];
        }
        Sliver rebuilt = rebuilder.rebuildFromDecodingSymbols(SliverType.SECONDARY, index(2), bySource);
        assertArrayEquals(encoded.sliver(SliverType.SECONDARY, index(2)).data(), rebuilt.data());
        bySource[N - 1][0] ^= 1;
        assertThrows(SliverHashMismatchException.class,
            () -> rebuilder.rebuildFromDecodingSymbols(SliverType.SECONDARY, index(2), bySource));
    }

    @Test
    void tamperedSymbolIsRejectedWithATypedErrorAndSkippedByTheRebuild() {
        EncodedBlob encoded = new BlobEncoder(new EncodingConfig(N)).encode(RedStuffTest.randomBlob(13, 800));
        SliverRebuilder rebuilder = new SliverRebuilder(encoded.metadata());
        List<RecoverySymbol> symbols = symbolsFor(encoded, SliverType.PRIMARY, 4);
        RecoverySymbol good = symbols.get(0);
        byte[] bad = good.data().clone();
        bad[0] ^= 1;
        RecoverySymbol tampered =
            new RecoverySymbol(good.sourceType(), good.sourceIndex(), index(4), bad, good.proof());
        assertSame(good, good.check(encoded.metadata()));
        assertFalse(tampered.verify(encoded.metadata()));
        SymbolProofMismatchException e =
            assertThrows(SymbolProofMismatchException.class, () -> tampered.check(encoded.metadata()));
        assertEquals(good.sourceIndex(), e.sourceIndex());
        symbols.set(0, tampered);
        assertEquals(encoded.sliver(SliverType.PRIMARY, index(4)),
            rebuilder.rebuild(SliverType.PRIMARY, index(4), symbols));
        List<RecoverySymbol> tooFew = symbols.subList(0, encoded.config().secondarySourceSymbols());
        assertThrows(NotEnoughSliversException.class, () -> rebuilder.rebuild(SliverType.PRIMARY, index(4), tooFew));
    }

    /** A peer's symbol may claim any u16 source; the rebuild skips it instead of failing. */
    @Test
    void symbolsWithIndicesBeyondTheShardsAreSkippedOrRefused() {
        EncodedBlob encoded = new BlobEncoder(new EncodingConfig(N)).encode(RedStuffTest.randomBlob(17, 700));
        SliverRebuilder rebuilder = new SliverRebuilder(encoded.metadata());
        List<RecoverySymbol> symbols = symbolsFor(encoded, SliverType.SECONDARY, 3);
        RecoverySymbol first = symbols.get(0);
        RecoverySymbol stranger =
            new RecoverySymbol(first.sourceType(), index(4000), index(3), first.data(), first.proof());
        symbols.add(0, stranger);
        assertEquals(encoded.sliver(SliverType.SECONDARY, index(3)),
            rebuilder.rebuild(SliverType.SECONDARY, index(3), symbols));
        assertFalse(stranger.verify(encoded.metadata()));
        assertThrows(SliverIndexOutOfRangeException.class, () -> stranger.check(encoded.metadata()));
        Sliver held = encoded.sliver(SliverType.PRIMARY, index(0));
        SliverIndexOutOfRangeException e =
            assertThrows(SliverIndexOutOfRangeException.class, () -> rebuilder.recoverySymbols(held, index(N)));
        assertEquals(SliverType.SECONDARY, e.type());
        assertThrows(SliverIndexOutOfRangeException.class,
            () -> rebuilder.rebuild(SliverType.SECONDARY, index(N), symbols));
    }

    @Test
    void inconsistentEncodingYieldsAProofThatVerifiesAndACorrectOneDoesNot() {
        InconsistentEncoding writer = InconsistentEncoding.tamperingPrimary(
            new BlobEncoder(new EncodingConfig(N)).encode(RedStuffTest.randomBlob(14, 2000)), 1);
        SliverRebuilder rebuilder = new SliverRebuilder(writer.metadata());
        SliverIndex target = index(2);
        List<RecoverySymbol> symbols = new ArrayList<>();
        for (int r = 0; r < N; r++) {
            symbols.addAll(rebuilder.recoverySymbols(writer.sliver(SliverType.PRIMARY, index(r)), target));
        }
        // The corrupted row's symbol carries a valid proof (the writer hashed what it corrupted) but the rebuilt
        // secondary sliver cannot match the hash the writer computed from the consistent column.
        InconsistencyDetectedException e = assertThrows(InconsistencyDetectedException.class,
            () -> rebuilder.rebuild(SliverType.SECONDARY, target, symbols));
        InconsistencyProof proof = e.proof();
        assertTrue(proof.verify(writer.metadata()));
        InconsistencyProof parsed = InconsistencyProof.fromBcs(SliverType.SECONDARY, proof.toBcs());
        assertTrue(parsed.verify(writer.metadata()));

        EncodedBlob honest = new BlobEncoder(new EncodingConfig(N)).encode(RedStuffTest.randomBlob(15, 2000));
        List<RecoverySymbol> honestSymbols = symbolsFor(honest, SliverType.SECONDARY, target.value());
        assertFalse(new InconsistencyProof(SliverType.SECONDARY, target, honestSymbols).verify(honest.metadata()));
    }

    @Test
    void proofsRoundTripThroughBcs() {
        EncodedBlob encoded = new BlobEncoder(new EncodingConfig(N)).encode(RedStuffTest.randomBlob(16, 100));
        RecoverySymbol symbol = new SliverRebuilder(encoded.metadata())
            .recoverySymbols(encoded.sliver(SliverType.PRIMARY, index(1)), index(8)).get(0);
        BcsWriter out = new BcsWriter();
        symbol.writeTo(out);
        RecoverySymbol back = RecoverySymbol.readFrom(new BcsReader(out.toByteArray()), SliverType.PRIMARY, index(8));
        assertEquals(symbol, back);
        assertTrue(back.verify(encoded.metadata()));
        assertFalse(new RecoverySymbol(SliverType.PRIMARY, index(1), index(8), symbol.data(), MerkleProof.empty())
            .verify(encoded.metadata()));
    }
}
