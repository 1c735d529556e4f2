package io.floe.protocol.account;

import io.floe.encoding.merkle.Blake2b256;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An account's address, derived from its Ed25519 public key as Sui derives one: {@code 0x} and the 64 lowercase hex
 * digits of {@code Blake2b-256(0x00 || public key)}, the {@code 0x00} being Sui's Ed25519 signature-scheme flag. So
 * a wallet's address is the same in Floe as it would be on Sui.
 *
 * <p>Invariant: {@code value} is always {@code 0x} and 64 lowercase hex digits.
 */
public record Address(String value) {
    private static final Pattern FORM = Pattern.compile("0x[0-9a-f]{64}");
    /** Sui's flag byte of the Ed25519 scheme, hashed before the key. */
    private static final byte ED25519_FLAG = 0x00;

    public Address {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("an address is 0x and 64 lowercase hex digits: " + value);
        }
    }

    /** The address of {@code key}. */
    public static Address of(Ed25519PublicKey key) {
        Blake2b256 hash = new Blake2b256();
        hash.update(new byte[] {ED25519_FLAG}, 0, 1);
        byte[] raw = key.bytes();
        hash.update(raw, 0, raw.length);
        return new Address("0x" + HexFormat.of().formatHex(hash.digest()));
    }

    /** Parses an address; upper-case hex digits are accepted and written lower-case. */
    public static Address parse(String text) {
        Objects.requireNonNull(text, "text");
        return new Address(text.trim().toLowerCase(java.util.Locale.ROOT));
    }

    /** Whether {@code account} (a ledger account name) is an address; the gateway's and faucet's accounts are not. */
    public static boolean isAddress(String account) {
        return account != null && FORM.matcher(account).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
