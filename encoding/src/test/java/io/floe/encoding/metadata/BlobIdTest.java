package io.floe.encoding.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BlobIdTest {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    @Test
    void parsesItsOwnTextBack() {
        Random random = new Random(12);
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[BlobId.LENGTH];
            random.nextBytes(bytes);
            BlobId id = BlobId.of(bytes);
            assertEquals(id, BlobId.parse(id.toString()));
        }
    }

    @Test
    void refusesNonZeroPaddingBitsInTheLastCharacter() {
        BlobId id = BlobId.of(new byte[BlobId.LENGTH]);
        String canonical = id.toString();
        char last = canonical.charAt(42);
        // 43 characters carry 258 bits for 256: the last character's low 2 bits are padding.
        for (int low = 1; low < 4; low++) {
            char other = ALPHABET.charAt(ALPHABET.indexOf(last) | low);
            String text = canonical.substring(0, 42) + other;
            InvalidBlobIdException e = assertThrows(InvalidBlobIdException.class, () -> BlobId.parse(text));
            assertEquals(true, e.getMessage().contains("canonical"), e.getMessage());
        }
    }

    @Test
    void refusesWrongLengthsAndAlphabets() {
        assertThrows(InvalidBlobIdException.class, () -> BlobId.parse("abc"));
        assertThrows(InvalidBlobIdException.class, () -> BlobId.parse("+".repeat(43)));
        assertThrows(InvalidBlobIdException.class, () -> BlobId.parse("=".repeat(43)));
    }
}
