package io.floe.encoding.redstuff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.merkle.MerkleProof;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryTest {
    private static final int N = 10;

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
                    Sliver source = encoded.sliver(target.orthogonal(), new SliverIndex((t + h) % N));
                    symbols.addAll(rebuilder.recoverySymbols(source, t));
                }
                Sliver rebuilt = rebuilder.rebuild(target, t, symbols);
                assertEquals(encoded.sliver(target, new SliverIndex(t)), rebuilt, target + " " + t);
            }
        }
    }

    @Test
    void rebuildsFromProofFreeDecodingSymbols() {
        EncodedBlob encoded = new BlobEncoder(new EncodingConfig(N)).encode(RedStuffTest.randomBlob(12, 500));
        SliverRebuilder rebuilder = new SliverRebuilder(encoded.metadata());
        byte[][] bySource = new byte[N][];
        for (int r = N - 4; r < N; r++) {
            bySource[r] = rebuilder.decodingSymbols(encoded.sliver(SliverType.PRIMARY, new SliverIndex(r)), 2)[0];
        }
        Sliver rebuilt = rebuilder.rebuildFromDecodingSymbols(SliverType.SECONDARY, 2, bySource);
        assertArrayEquals(encoded.sliver(SliverType.SECONDARY, new SliverIndex(2)).data(), rebuilt.data());
    }

    @Test
    void tamperedSymbolFailsItsProofAndIsSkipped() {
        EncodedBlob encoded = new BlobEncoder(new EncodingConfig(N)).encode(RedStuffTest.randomBlob(13, 800));
        SliverRebuilder rebuilder = new SliverRebuilder(encoded.metadata());
        List<RecoverySymbol> symbols = new ArrayList<>();
        for (int c = 0; c < N; c++) {
            symbols.addAll(rebuilder.recoverySymbols(encoded.sliver(SliverType.SECONDARY, new SliverIndex(c)), 4));
        }
        RecoverySymbol good = symbols.get(0);
        byte[] bad = good.data().clone();
        bad[0] ^= 1;
        RecoverySymbol tampered = new RecoverySymbol(good.sourceType(), good.sourceIndex(), 4, bad, good.proof());
        assertTrue(good.verify(encoded.metadata()));
        assertFalse(tampered.verify(encoded.metadata()));
        symbols.set(0, tampered);
        assertEquals(encoded.sliver(SliverType.PRIMARY, new SliverIndex(4)), rebuilder.rebuild(SliverType.PRIMARY, 4, symbols));
        List<RecoverySymbol> tooFew = symbols.subList(0, encoded.config().secondarySourceSymbols());
        assertThrows(NotEnoughSliversException.class, () -> rebuilder.rebuild(SliverType.PRIMARY, 4, tooFew));
    }

    @Test
    void inconsistentEncodingYieldsAProofThatVerifiesAndACorrectOneDoesNot() {
        InconsistentWriter writer = InconsistentWriter.corruptingPrimarySliver(N, RedStuffTest.randomBlob(14, 2000), 1);
        SliverRebuilder rebuilder = new SliverRebuilder(writer.metadata());
        int target = 2;
        List<RecoverySymbol> symbols = new ArrayList<>();
        for (int r = 0; r < N; r++) {
            symbols.addAll(rebuilder.recoverySymbols(writer.sliver(SliverType.PRIMARY, r), target));
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
        SliverRebuilder honestRebuilder = new SliverRebuilder(honest.metadata());
        List<RecoverySymbol> honestSymbols = new ArrayList<>();
        for (int r = 0; r < N; r++) {
            honestSymbols.addAll(honestRebuilder.recoverySymbols(honest.sliver(SliverType.PRIMARY, new SliverIndex(r)), target));
        }
        assertFalse(new InconsistencyProof(SliverType.SECONDARY, target, honestSymbols).verify(honest.metadata()));
    }

    @Test
    void proofsRoundTripThroughBcs() {
        EncodedBlob encoded = new BlobEncoder(new EncodingConfig(N)).encode(RedStuffTest.randomBlob(16, 100));
        RecoverySymbol symbol = new SliverRebuilder(encoded.metadata())
            .recoverySymbols(encoded.sliver(SliverType.PRIMARY, new SliverIndex(1)), 8).get(0);
        io.floe.encoding.bcs.BcsWriter out = new io.floe.encoding.bcs.BcsWriter();
        symbol.writeTo(out);
        RecoverySymbol back = RecoverySymbol.readFrom(new io.floe.encoding.bcs.BcsReader(out.toByteArray()),
            SliverType.PRIMARY, 8);
        assertEquals(symbol, back);
        assertTrue(back.verify(encoded.metadata()));
        assertFalse(new RecoverySymbol(SliverType.PRIMARY, 1, 8, symbol.data(), MerkleProof.empty())
            .verify(encoded.metadata()));
    }
}
