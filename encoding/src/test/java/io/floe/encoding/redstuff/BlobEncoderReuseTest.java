package io.floe.encoding.redstuff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.encoding.metadata.VerifiedMetadata;
import org.junit.jupiter.api.Test;

/**
 * {@link BlobEncoder#computeMetadata} reuses its arrays from call to call: no byte of an earlier blob may reach a
 * later result, whatever the order of sizes (same shape with less padding or more, other shapes between).
 */
class BlobEncoderReuseTest {
    @Test
    void reusedArraysGiveTheMetadataOfFreshOnes() {
        for (int n : new int[] {4, 10, 100}) {
            EncodingConfig config = new EncodingConfig(n);
            int symbols = config.primarySourceSymbols() * config.secondarySourceSymbols();
            int full = symbols * 64;
            // 64-byte symbols with no, little and most padding (the last row shorter, then zero), a 1-byte blob
            // between, and other symbol sizes.
            int[] lengths = {full, full - symbols + 1, 1, full - 63, 7_001, full, 0, full - symbols + 1};
            BlobEncoder reusing = new BlobEncoder(config);
            for (int i = 0; i < lengths.length; i++) {
                byte[] blob = RedStuffTest.randomBlob(31L * n + i, lengths[i]);
                VerifiedMetadata fresh = new BlobEncoder(config).encode(blob).metadata();
                assertEquals(fresh.blobId(), reusing.computeMetadata(blob).blobId(),
                    "n = " + n + ", call " + i + ", " + lengths[i] + " bytes");
            }
        }
    }
}
