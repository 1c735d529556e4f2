package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.json.ApiException;
import io.floe.api.json.ErrorReasons;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Ranges Floe serves, and the refusals Walrus's aggregator gives for the others (reason INVALID_BYTE_RANGE). */
class ByteRangeTest {
    private static ByteRange header(String value, long total) {
        return ByteRange.fromHeader(Optional.of(value), total).orElseThrow();
    }

    @Test
    void closedRangeIsClippedToTheBlob() {
        assertEquals(new ByteRange(10, 10), header("bytes=10-19", 100));
        assertEquals(new ByteRange(90, 10), header("bytes=90-1000", 100));
        assertEquals(new ByteRange(99, 1), header("bytes=99-99", 100));
    }

    @Test
    void openAndSuffixRanges() {
        assertEquals(new ByteRange(40, 60), header("bytes=40-", 100));
        assertEquals(new ByteRange(95, 5), header("bytes=-5", 100));
        assertEquals(new ByteRange(0, 100), header("bytes=-500", 100));
    }

    @Test
    void noHeaderMeansTheWholeBlob() {
        assertTrue(ByteRange.fromHeader(Optional.empty(), 100).isEmpty());
    }

    @Test
    void headerRangesOutsideTheBlobAre416AsWalrusAnswers() {
        assertRefused(416, () -> header("bytes=100-", 100));
        assertRefused(416, () -> header("bytes=0-0", 0));
        assertRefused(416, () -> header("bytes=-0", 100));
    }

    @Test
    void malformedOrMultipleHeaderRangesAre416AsWalrusAnswers() {
        for (String malformed : new String[] {"bytes=0-1,5-6", "items=0-1", "bytes=-", "bytes=99999999999999999999-"}) {
            assertRefused(416, () -> header(malformed, 100));
            assertRefused(416, () -> ByteRange.checkHeader(Optional.of(malformed)));
        }
        ByteRange.checkHeader(Optional.of("bytes=5000-6000"));
    }

    @Test
    void byteRangeParametersOutsideTheBlobAre400AsWalrusAnswers() {
        assertRefused(400, () -> ByteRange.fromParameters(90, 11, 100));
        assertRefused(400, () -> ByteRange.fromParameters(100, 1, 100));
        assertRefused(400, () -> ByteRange.fromParameters(-1, 1, 100));
        assertEquals(new ByteRange(90, 10), ByteRange.fromParameters(90, 10, 100));
    }

    @Test
    void emptyOrOverflowingByteRangesAre400BeforeAnyLookup() {
        assertRefused(400, () -> ByteRange.checkParameters(100, 0));
        assertRefused(400, () -> ByteRange.checkParameters(Long.MAX_VALUE, 1));
        assertRefused(400, () -> ByteRange.fromParameters(100, 0, 100));
    }

    private static void assertRefused(int status, org.junit.jupiter.api.function.Executable call) {
        ApiException refused = assertThrows(ApiException.class, call);
        assertEquals(status, refused.status());
        assertEquals(ErrorReasons.INVALID_BYTE_RANGE, refused.reason());
    }
}
