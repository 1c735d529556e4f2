package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.json.ApiException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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
    void rangesOutsideTheBlobAre416() {
        assertEquals(416, assertThrows(ApiException.class, () -> header("bytes=100-", 100)).status());
        assertEquals(416, assertThrows(ApiException.class, () -> header("bytes=0-0", 0)).status());
        assertEquals(416, assertThrows(ApiException.class, () -> header("bytes=-0", 100)).status());
        assertEquals(416, assertThrows(ApiException.class, () -> ByteRange.fromParameters(90, 11, 100)).status());
    }

    @Test
    void malformedOrMultipleRangesAre400() {
        assertEquals(400, assertThrows(ApiException.class, () -> header("bytes=0-1,5-6", 100)).status());
        assertEquals(400, assertThrows(ApiException.class, () -> header("items=0-1", 100)).status());
        assertEquals(400, assertThrows(ApiException.class, () -> header("bytes=-", 100)).status());
        assertEquals(400, assertThrows(ApiException.class, () -> ByteRange.fromParameters(-1, 1, 100)).status());
    }

    @Test
    void parametersMayAskForTheEmptyTail() {
        assertEquals(new ByteRange(100, 0), ByteRange.fromParameters(100, 0, 100));
    }
}
