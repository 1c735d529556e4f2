package io.floe.encoding.bcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class BcsReaderTest {
    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    private static BcsReader reader(String hex) {
        return new BcsReader(hex(hex));
    }

    private static BcsException refuses(String hex, Consumer<BcsReader> read) {
        return assertThrows(BcsException.class, () -> read.accept(reader(hex)), hex);
    }

    @Test
    void roundTripsRandomValues() {
        Random random = new Random(5);
        for (int trial = 0; trial < 2000; trial++) {
            int u8 = random.nextInt(256);
            int u16 = random.nextInt(65536);
            long u32 = random.nextLong() >>> 32;
            long u64 = random.nextLong();
            long uleb = random.nextLong() >>> (32 + random.nextInt(32));
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            BcsWriter out = new BcsWriter().u8(u8).u16(u16).u32(u32).u64(u64).uleb128(uleb).bytes(bytes);
            BcsReader in = new BcsReader(out.toByteArray());
            assertEquals(u8, in.u8());
            assertEquals(u16, in.u16());
            assertEquals(u32, in.u32());
            assertEquals(u64, in.u64());
            assertEquals(uleb, in.uleb128());
            assertArrayEquals(bytes, in.bytes());
            in.expectEnd();
        }
    }

    @Test
    void readsUleb128Boundaries() {
        assertEquals(0, reader("00").uleb128());
        assertEquals(127, reader("7f").uleb128());
        assertEquals(128, reader("80 01").uleb128());
        assertEquals(9487, reader("8f 4a").uleb128());
        assertEquals(268435456, reader("80 80 80 80 01").uleb128());
        assertEquals(0xFFFF_FFFFL, reader("ff ff ff ff 0f").uleb128());
    }

    /** The crate's documented rejections, plus truncation and the 5-byte limit. */
    @Test
    void refusesNonCanonicalAndOversizedUleb128() {
        refuses("80 80 80 80 80 01", BcsReader::uleb128); // 2^35: more than 5 bytes
        refuses("80 80 80 80 10", BcsReader::uleb128); // 2^32: does not fit u32
        refuses("ff ff ff ff 1f", BcsReader::uleb128); // 2^33 - 1
        refuses("80 00", BcsReader::uleb128); // zero with a trailing zero digit
        refuses("81 80 00", BcsReader::uleb128); // 1 padded to three bytes
        refuses("ff ff ff ff 00", BcsReader::uleb128); // trailing zero digit in the fifth byte
        refuses("80", BcsReader::uleb128); // continuation bit with nothing after
        refuses("", BcsReader::uleb128);
    }

    @Test
    void refusesLengthsAboveTheMaximumSequenceLength() {
        assertEquals(Integer.MAX_VALUE, reader("ff ff ff ff 07").length());
        BcsException e = refuses("00 80 80 80 80 08", r -> {
            r.u8();
            r.length();
        });
        assertEquals(1, e.offset());
        refuses("ff ff ff ff 0f", BcsReader::length);
        refuses("80 80 80 80 08", BcsReader::variant);
        assertEquals(5, reader("05").variant());
    }

    @Test
    void everyReadPastTheEndThrowsWithItsOffset() {
        assertEquals(0, refuses("", BcsReader::u8).offset());
        assertEquals(0, refuses("01", BcsReader::u16).offset());
        assertEquals(0, refuses("01 02 03", BcsReader::u32).offset());
        assertEquals(0, refuses("01 02 03 04 05 06 07", BcsReader::u64).offset());
        assertEquals(0, refuses("", BcsReader::bool).offset());
        assertEquals(0, refuses("03 aa bb", BcsReader::bytes).offset());
        assertEquals(0, refuses("aa", r -> r.fixedBytes(2)).offset());
        assertEquals(2, refuses("aa bb cc", r -> {
            r.u16();
            r.u16();
        }).offset());
    }

    @Test
    void hostileLengthFailsBeforeAllocating() {
        BcsException e = refuses("ff ff ff ff 07 00", BcsReader::bytes);
        assertEquals(0, e.offset());
    }

    @Test
    void failedReadsDoNotAdvance() {
        BcsReader in = reader("01 02 03");
        assertThrows(BcsException.class, in::u32);
        assertEquals(0, in.position());
        assertEquals(0x0201, in.u16());
    }

    @Test
    void readsBoolsStrictly() {
        assertTrue(reader("01").bool());
        assertFalse(reader("00").bool());
        assertEquals(0, refuses("02", BcsReader::bool).offset());
    }

    @Test
    void expectEndRefusesTrailingBytes() {
        BcsReader in = reader("01 02");
        in.u8();
        BcsException e = assertThrows(BcsException.class, in::expectEnd);
        assertEquals(1, e.offset());
        in.u8();
        in.expectEnd();
    }

    @Test
    void staysInsideItsWindow() {
        byte[] data = hex("ff 02 aa bb ff");
        BcsReader in = new BcsReader(data, 1, 4);
        assertEquals(1, in.position());
        assertEquals(3, in.remaining());
        assertArrayEquals(hex("aa bb"), in.bytes());
        in.expectEnd();
        BcsException e = assertThrows(BcsException.class, in::u8);
        assertEquals(4, e.offset());
        assertThrows(IndexOutOfBoundsException.class, () -> new BcsReader(data, 3, 6));
    }

    @Test
    void readsFixedBytesIntoACallerBuffer() {
        BcsReader in = reader("01 02 03 04");
        byte[] dst = new byte[6];
        in.fixedBytes(dst, 1, 4);
        assertArrayEquals(hex("00 01 02 03 04 00"), dst);
        assertThrows(IllegalArgumentException.class, () -> reader("").fixedBytes(-1));
    }
}
