package io.floe.encoding.bcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Expected bytes are the examples of the Rust bcs crate's specification (its lib.rs documentation). */
class BcsWriterTest {
    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    @Test
    void writesIntegersLittleEndian() {
        assertArrayEquals(hex("01"), new BcsWriter().u8(1).toByteArray());
        assertArrayEquals(hex("34 12"), new BcsWriter().u16(4660).toByteArray());
        assertArrayEquals(hex("78 56 34 12"), new BcsWriter().u32(305419896L).toByteArray());
        assertArrayEquals(hex("00 EF CD AB 78 56 34 12"), new BcsWriter().u64(0x12345678ABCDEF00L).toByteArray());
        assertArrayEquals(hex("ff ff ff ff ff ff ff ff"), new BcsWriter().u64(-1L).toByteArray());
        assertArrayEquals(hex("01 00"), new BcsWriter().bool(true).bool(false).toByteArray());
    }

    @Test
    void writesCanonicalUleb128() {
        assertArrayEquals(hex("00"), new BcsWriter().uleb128(0).toByteArray());
        assertArrayEquals(hex("01"), new BcsWriter().uleb128(1).toByteArray());
        assertArrayEquals(hex("7f"), new BcsWriter().uleb128(127).toByteArray());
        assertArrayEquals(hex("80 01"), new BcsWriter().uleb128(128).toByteArray());
        assertArrayEquals(hex("80 80 01"), new BcsWriter().uleb128(16384).toByteArray());
        assertArrayEquals(hex("80 80 80 01"), new BcsWriter().uleb128(2097152).toByteArray());
        assertArrayEquals(hex("80 80 80 80 01"), new BcsWriter().uleb128(268435456).toByteArray());
        assertArrayEquals(hex("8f 4a"), new BcsWriter().uleb128(9487).toByteArray());
        assertArrayEquals(hex("ff ff ff ff 0f"), new BcsWriter().uleb128(0xFFFF_FFFFL).toByteArray());
    }

    @Test
    void uleb128SizeIsTheLengthOfWhatUleb128Writes() {
        for (long v : new long[] {0, 1, 127, 128, 16383, 16384, 2097151, 2097152, 268435455, 268435456, 0xFFFF_FFFFL}) {
            assertEquals(new BcsWriter().uleb128(v).toByteArray().length, BcsWriter.uleb128Size(v), "value " + v);
        }
        assertThrows(IllegalArgumentException.class, () -> BcsWriter.uleb128Size(-1));
    }

    @Test
    void anExactlyFilledWriterHandsOverBytesThatLaterWritesDoNotChange() {
        BcsWriter out = new BcsWriter(20);
        out.fixedBytes(new byte[20]);
        byte[] first = out.toByteArray();
        out.u8(7);
        first[0] = 1;

        assertEquals(20, first.length);
        byte[] second = out.toByteArray();
        assertEquals(21, second.length);
        assertEquals(0, second[0], "the writer grew into a buffer of its own");
        assertEquals(7, second[20]);
    }

    @Test
    void writesByteVectorsWithLengthAndFixedArraysWithout() {
        assertArrayEquals(hex("02 c0 de"), new BcsWriter().bytes(hex("c0 de")).toByteArray());
        assertArrayEquals(hex("00"), new BcsWriter().bytes(new byte[0]).toByteArray());
        assertArrayEquals(hex("c0 de"), new BcsWriter().fixedBytes(hex("c0 de")).toByteArray());
        assertArrayEquals(hex("01 de"), new BcsWriter().bytes(hex("c0 de ad"), 1, 1).toByteArray());
        byte[] big = new byte[300];
        byte[] written = new BcsWriter().bytes(big).toByteArray();
        assertEquals(302, written.length);
        assertEquals((byte) 0xAC, written[0]);
        assertEquals(0x02, written[1]);
    }

    /** The crate's struct example {boolean: true, bytes: [C0 DE], label: "a"} and enum Variant0(8000). */
    @Test
    void composesStructsAndEnumsByConcatenation() {
        byte[] struct = new BcsWriter().bool(true).bytes(hex("c0 de")).bytes(new byte[] {'a'}).toByteArray();
        assertArrayEquals(hex("01 02 c0 de 01 61"), struct);
        assertArrayEquals(hex("00 40 1f"), new BcsWriter().variant(0).u16(8000).toByteArray());
        assertArrayEquals(hex("02 01 65"), new BcsWriter().variant(2).bytes(new byte[] {'e'}).toByteArray());
    }

    @Test
    void growsPastItsInitialCapacity() {
        BcsWriter out = new BcsWriter(0);
        for (int i = 0; i < 10_000; i++) {
            out.u32(i);
        }
        assertEquals(40_000, out.size());
        byte[] bytes = out.toByteArray();
        assertEquals(40_000, bytes.length);
        BcsReader in = new BcsReader(bytes);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i, in.u32());
        }
        in.expectEnd();
    }

    @Test
    void refusesValuesOutsideTheirType() {
        BcsWriter out = new BcsWriter();
        assertThrows(IllegalArgumentException.class, () -> out.u8(256));
        assertThrows(IllegalArgumentException.class, () -> out.u8(-1));
        assertThrows(IllegalArgumentException.class, () -> out.u16(65536));
        assertThrows(IllegalArgumentException.class, () -> out.u32(1L << 32));
        assertThrows(IllegalArgumentException.class, () -> out.u32(-1));
        assertThrows(IllegalArgumentException.class, () -> out.uleb128(1L << 32));
        assertThrows(IllegalArgumentException.class, () -> out.uleb128(-1));
        assertThrows(IllegalArgumentException.class, () -> out.length(-1));
        assertThrows(IllegalArgumentException.class, () -> out.variant(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> out.fixedBytes(new byte[2], 1, 2));
        assertEquals(0, out.size(), "a refused value writes nothing");
    }
}
