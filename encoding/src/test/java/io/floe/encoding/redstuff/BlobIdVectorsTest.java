package io.floe.encoding.redstuff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The two fixed blob-ID vectors of DESIGN.md §3 (Walrus's own regression tests). */
class BlobIdVectorsTest {
    @Test
    void walrusRegressionVectorAtTenShards() {
        assertEquals("RcU82Mwf-CFkv1LaI_2qcpANwpGUuG3TMwnVzZxD2kY", blobId("walrus blob id v1 regression test", 10));
    }

    @Test
    void otherStringAtThousandShards() {
        assertEquals("M4hsZGQ1oCktdzegB6HnI6Mi28S2nqOPHxK-W7_4BUk", blobId("some other string", 1000));
    }

    private static String blobId(String text, int n) {
        return new BlobEncoder(new EncodingConfig(n)).encode(text.getBytes(StandardCharsets.UTF_8)).blobId().toString();
    }
}
