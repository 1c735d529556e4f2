package io.floe.cli;

import static io.floe.cli.CliAssertions.assertFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.cli.client.FakeGateway;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ConvertBlobIdCommandTest {
    @Test
    void decimalIsTheLittleEndianValueOfTheBytes() {
        // Byte 0 is the least significant, as Walrus's BlobIdDecimal reads a u256.
        assertEquals("Walrus blob ID: AQ" + "A".repeat(41) + "\n", run("1").out());
        assertEquals("Walrus blob ID: " + "A".repeat(43) + "\n", run("0").out());
        String max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE).toString();
        assertEquals("Walrus blob ID: " + "_".repeat(42) + "8\n", run(max).out());
    }

    @Test
    void aBlobIdConvertsBackToItsDecimal() {
        String decimal = run(FakeGateway.BLOB_ID).out().replace("Decimal value: ", "").strip();

        assertEquals("Walrus blob ID: " + FakeGateway.BLOB_ID + "\n", run(decimal).out());
        assertEquals("\"" + FakeGateway.BLOB_ID + "\"\n", run(decimal, "--json").out());
    }

    @Test
    void refusesWhatIsNeither() {
        assertFailure(run(BigInteger.ONE.shiftLeft(256).toString()), ExitCodes.USAGE, "cannot be converted");
        assertFailure(run("not-an-id"), ExitCodes.USAGE, "cannot be converted");
    }

    private static Captured run(String... args) {
        return Captured.run(new ConvertBlobIdCommand(), args);
    }
}
