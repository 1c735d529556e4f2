package io.floe.cli.wallet;

import io.floe.protocol.account.Address;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.proto.FloeAccountProto.ClientRequest;
import io.floe.protocol.signing.Ed25519;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.security.PrivateKey;
import java.security.SecureRandom;

/**
 * An account's key pair as the CLI holds it: an Ed25519 seed, the keys derived from it and the account's address.
 *
 * <p>Invariant: the public key and the address are always the ones derived from the seed, so whatever this wallet
 * signs names the account the ledger will charge ({@link Address#of}).
 */
public final class Wallet {
    private final byte[] seed;
    private final PrivateKey privateKey;
    private final Ed25519PublicKey publicKey;
    private final Address address;

    private Wallet(byte[] seed) {
        this.seed = seed.clone();
        this.privateKey = Ed25519.privateKey(this.seed);
        byte[] raw = new byte[Ed25519.PUBLIC_KEY_LENGTH];
        org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(this.seed, 0, raw, 0);
        this.publicKey = Ed25519PublicKey.of(raw);
        this.address = Address.of(publicKey);
    }

    /** The wallet of this 32-byte seed. */
    public static Wallet fromSeed(byte[] seed) {
        if (seed == null || seed.length != Ed25519.SEED_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 seed has " + Ed25519.SEED_LENGTH + " bytes");
        }
        return new Wallet(seed);
    }

    /** A new wallet with a seed from a strong random source. */
    public static Wallet generate() {
        byte[] seed = new byte[Ed25519.SEED_LENGTH];
        new SecureRandom().nextBytes(seed);
        return new Wallet(seed);
    }

    public Address address() {
        return address;
    }

    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    /** The seed (a copy), for the wallet file only. */
    byte[] seed() {
        return seed.clone();
    }

    /** {@code request} signed by this wallet's key; the request must name {@link #address()}. */
    public SignedRequest sign(ClientRequest request) {
        if (!request.getAccount().equals(address.value())) {
            throw new IllegalArgumentException("the request names " + request.getAccount() + ", not " + address);
        }
        return SignedRequest.sign(request, privateKey, publicKey);
    }

    @Override
    public String toString() {
        return "Wallet[" + address + "]";
    }
}
