package io.floe.api.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.encoding.EncodingException;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.RecoverySymbol;
import io.floe.encoding.redstuff.SliverRebuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoverySymbolListTest {
    private static final SliverIndex TARGET = new SliverIndex(2);

    @Test
    void provenSymbolsRoundTripAndRefuseAnotherTargetOrAxis() {
        EncodedBlob blob = NodeApiFixture.encode(1500, 11);
        SliverRebuilder rebuilder = new SliverRebuilder(blob.metadata());
        List<RecoverySymbol> symbols = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            symbols.addAll(rebuilder.recoverySymbols(blob.sliver(SliverType.PRIMARY, new SliverIndex(i)), TARGET));
        }
        byte[] body = RecoverySymbolList.encodeProven(SliverType.SECONDARY, symbols);

        assertEquals(symbols, RecoverySymbolList.decodeProven(SliverType.SECONDARY, TARGET, body));
        assertThrows(EncodingException.class,
                () -> RecoverySymbolList.decodeProven(SliverType.SECONDARY, new SliverIndex(3), body));
        assertThrows(EncodingException.class, () -> RecoverySymbolList.decodeProven(SliverType.PRIMARY, TARGET, body));
        assertThrows(IllegalArgumentException.class, () -> RecoverySymbolList.encodeProven(SliverType.PRIMARY, symbols));
    }

    @Test
    void decodingSymbolsRoundTripAndRefuseAnotherTargetOrTrailingBytes() {
        byte[] data = {1, 2, 3, 4};
        List<RecoverySymbolList.DecodingSymbol> symbols = List.of(
                new RecoverySymbolList.DecodingSymbol(new SliverIndex(7), data));
        byte[] body = RecoverySymbolList.encodeDecoding(SliverType.PRIMARY, TARGET, symbols);
        byte[] longer = java.util.Arrays.copyOf(body, body.length + 1);

        List<RecoverySymbolList.DecodingSymbol> back = RecoverySymbolList.decodeDecoding(SliverType.PRIMARY, TARGET, body);

        assertEquals(new SliverIndex(7), back.get(0).source());
        assertArrayEquals(data, back.get(0).data());
        assertThrows(EncodingException.class,
                () -> RecoverySymbolList.decodeDecoding(SliverType.PRIMARY, new SliverIndex(1), body));
        assertThrows(EncodingException.class, () -> RecoverySymbolList.decodeDecoding(SliverType.SECONDARY, TARGET, body));
        assertThrows(EncodingException.class, () -> RecoverySymbolList.decodeDecoding(SliverType.PRIMARY, TARGET, longer));
    }

    @Test
    void decodingSymbolsForSeveralTargetsRoundTripInTargetOrderAndRefuseAnUnaskedTarget() {
        RecoverySymbolList.DecodingSymbol a = new RecoverySymbolList.DecodingSymbol(new SliverIndex(4), new byte[] {1, 2});
        RecoverySymbolList.DecodingSymbol b = new RecoverySymbolList.DecodingSymbol(new SliverIndex(6), new byte[] {3, 4});
        SliverIndex low = new SliverIndex(1);
        byte[] body = RecoverySymbolList.encodeDecoding(SliverType.SECONDARY, java.util.Map.of(TARGET, List.of(a, b),
                low, List.of(b)));

        List<RecoverySymbolList.TargetSymbols> back = RecoverySymbolList.decodeDecoding(SliverType.SECONDARY,
                List.of(TARGET, low), body);

        assertEquals(List.of(low, TARGET), back.stream().map(RecoverySymbolList.TargetSymbols::target).toList());
        assertEquals(List.of(new SliverIndex(6)), back.get(0).symbols().stream().map(s -> s.source()).toList());
        assertArrayEquals(new byte[] {1, 2}, back.get(1).symbols().get(0).data());
        assertThrows(EncodingException.class,
                () -> RecoverySymbolList.decodeDecoding(SliverType.SECONDARY, List.of(TARGET), body));
    }
}
