package io.floe.cli;

import com.fasterxml.jackson.databind.node.TextNode;
import io.floe.cli.client.CliJson;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.InvalidBlobIdException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;

/**
 * {@code floe convert-blob-id VALUE [--json]}: converts between a blob ID's decimal form (the 32 bytes read as a
 * little-endian unsigned integer, as Sui events and Move print a {@code u256}) and its URL-safe base64 form, as
 * {@code walrus convert-blob-id} does. A decimal becomes the blob ID; a blob ID becomes its decimal (Walrus reports
 * that direction inside an error message; Floe prints it as the answer). Needs no network.
 */
public final class ConvertBlobIdCommand implements Command {
    private static final String JSON = "--json";
    private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(8 * BlobId.LENGTH);

    @Override
    public String name() {
        return "convert-blob-id";
    }

    @Override
    public String summary() {
        return "Convert a blob ID between its decimal and base64 forms";
    }

    @Override
    public String usage() {
        return """
            usage: floe convert-blob-id VALUE [--json]

            Converts a decimal value (a blob ID as a little-endian u256, as Sui events show it) to the Walrus
            blob ID in URL-safe base64, or a blob ID to its decimal value.

            options:
              --json             print the converted value as a JSON string
              -h, --help         show this help

            exit codes: 0 converted, 2 not a decimal below 2^256 nor a blob ID
            """;
    }

    @Override
    public void execute(List<String> args, PrintStream out) {
        Arguments parsed = Arguments.parse(args, Set.of(), Set.of(JSON));
        String value = parsed.singlePositional("VALUE").trim();
        boolean decimal = !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9');
        String converted = decimal ? toBlobId(value).toString() : toDecimal(value).toString();
        if (parsed.flag(JSON)) {
            out.println(CliJson.line(TextNode.valueOf(converted)));
        } else {
            out.println((decimal ? "Walrus blob ID: " : "Decimal value: ") + converted);
        }
    }

    /** The blob ID whose little-endian bytes are {@code decimal}, as Walrus's {@code BlobIdDecimal} reads it. */
    static BlobId toBlobId(String decimal) {
        BigInteger number = new BigInteger(decimal);
        if (number.compareTo(LIMIT) >= 0) {
            throw new UsageException("the provided value cannot be converted to a Walrus blob ID: it is 2^256 or more");
        }
        byte[] bigEndian = number.toByteArray();
        byte[] bytes = new byte[BlobId.LENGTH];
        // toByteArray may carry a leading sign byte of 0; the value's bytes end at its last index.
        for (int i = 0; i < BlobId.LENGTH && i < bigEndian.length; i++) {
            bytes[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return BlobId.of(bytes);
    }

    /** {@code text}'s blob ID as a little-endian unsigned integer. */
    static BigInteger toDecimal(String text) {
        BlobId id;
        try {
            id = BlobId.parse(text);
        } catch (InvalidBlobIdException e) {
            throw new UsageException("the provided value cannot be converted to a Walrus blob ID: " + e.getMessage());
        }
        byte[] littleEndian = id.bytes();
        byte[] bigEndian = new byte[littleEndian.length];
        for (int i = 0; i < littleEndian.length; i++) {
            bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
        }
        return new BigInteger(1, bigEndian);
    }
}
