package io.floe.multijvm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.account.Address;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.proto.FloeAccountProto.ClientRequest;
import io.floe.protocol.proto.FloeAccountProto.DeleteBlobOp;
import io.floe.protocol.proto.FloeAccountProto.ExtendBlobOp;
import io.floe.protocol.proto.FloeAccountProto.FundSharedBlobOp;
import io.floe.protocol.proto.FloeAccountProto.RegisterBlobOp;
import io.floe.protocol.proto.FloeAccountProto.SetAttributesOp;
import io.floe.protocol.proto.FloeAccountProto.ShareBlobOp;
import io.floe.protocol.signing.Ed25519;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test user's account: an Ed25519 key made in the test, its address, and signed control-plane requests in the
 * HTTP API's JSON envelope {@code {"request","publicKey","signature"}} (standard base64), as a client wallet sends
 * them. Built here with the protobuf builders and the JDK's Ed25519, not with the CLI's code, so the test checks the
 * wire contract and not one client's reading of it.
 *
 * <p>Invariant: every request this wallet builds names its own address and a request ID no other request of this
 * wallet uses, and expires {@link #VALIDITY} after it was built.
 */
final class Wallet {
    /** Well inside the control plane's ten minutes, and far longer than any step of a test. */
    static final Duration VALIDITY = Duration.ofMinutes(5);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final String name;
    private final KeyPair keys;
    private final Ed25519PublicKey publicKey;
    private final Address address;
    private final AtomicInteger requests = new AtomicInteger();

    private Wallet(String name, KeyPair keys) {
        this.name = name;
        this.keys = keys;
        this.publicKey = Ed25519PublicKey.of(keys.getPublic());
        this.address = Address.of(publicKey);
    }

    /** A new account with a fresh key; {@code name} only makes request IDs and failure messages readable. */
    static Wallet generate(String name) {
        return new Wallet(name, Ed25519.generate());
    }

    Address address() {
        return address;
    }

    /** A fresh request ID of this wallet, e.g. {@code a-3-delete}. */
    String nextRequestId(String what) {
        return name + "-" + requests.incrementAndGet() + "-" + what;
    }

    /** A request of this account with a fresh ID about {@code blob} (null: none), its operation still to set. */
    ClientRequest.Builder fresh(String what, BlobId blob) {
        return withId(nextRequestId(what), blob);
    }

    /** As {@link #fresh} with the given request ID: a retry, or a reuse of an ID that must be refused. */
    ClientRequest.Builder withId(String requestId, BlobId blob) {
        ClientRequest.Builder b = ClientRequest.newBuilder()
                .setAccount(address.value())
                .setRequestId(requestId)
                .setExpiresAtMillis(System.currentTimeMillis() + VALIDITY.toMillis());
        if (blob != null) {
            b.setBlobId(ByteString.copyFrom(blob.bytes()));
        }
        return b;
    }

    /** The {@code register_blob} a signed {@code PUT /v1/blobs} carries for {@code blob}. */
    SignedRequest register(byte[] blob, BlobId id, int epochs, boolean deletable) {
        return sign(fresh("register", id).setRegisterBlob(RegisterBlobOp.newBuilder()
                .setBlobId(ByteString.copyFrom(id.bytes())).setUnencodedLength(blob.length)
                .setEpochsAhead(epochs).setDeletable(deletable)).build());
    }

    SignedRequest delete(BlobId blob, ObjectId object) {
        return sign(deleteRequest(blob, object));
    }

    /** A {@code delete_blob} of this account, unsigned: another key signing it must be refused. */
    ClientRequest deleteRequest(BlobId blob, ObjectId object) {
        return fresh("delete", blob).setDeleteBlob(DeleteBlobOp.newBuilder().setObjectId(bytes(object))).build();
    }

    SignedRequest extend(BlobId blob, ObjectId object, int epochs) {
        return sign(fresh("extend", blob).setExtendBlob(ExtendBlobOp.newBuilder().setObjectId(bytes(object))
                .setEpochsExtended(epochs)).build());
    }

    SignedRequest share(BlobId blob, ObjectId object) {
        return sign(fresh("share", blob).setShareBlob(ShareBlobOp.newBuilder().setObjectId(bytes(object))).build());
    }

    SignedRequest fund(BlobId blob, ObjectId object, long amount) {
        return sign(fresh("fund", blob).setFundSharedBlob(FundSharedBlobOp.newBuilder().setObjectId(bytes(object))
                .setAmount(amount)).build());
    }

    /** {@code set_attributes} with request ID {@code requestId} (so a test can send another body under it). */
    SignedRequest setAttributes(String requestId, BlobId blob, ObjectId object, Map<String, String> attributes) {
        return sign(withId(requestId, blob).setSetAttributes(SetAttributesOp.newBuilder().setObjectId(bytes(object))
                .putAllAttributes(attributes)).build());
    }

    SignedRequest sign(ClientRequest request) {
        return SignedRequest.sign(request, keys.getPrivate(), publicKey);
    }

    /** The JSON body of {@code POST /v1/transactions}. */
    static String envelope(SignedRequest signed) {
        ObjectNode json = MAPPER.createObjectNode()
                .put("request", BASE64.encodeToString(signed.request()))
                .put("publicKey", BASE64.encodeToString(signed.publicKey().bytes()))
                .put("signature", BASE64.encodeToString(signed.signature()));
        return json.toString();
    }

    /** The value of the {@code X-Floe-Signed-Request} header of a signed {@code PUT /v1/blobs}. */
    static String header(SignedRequest signed) {
        return BASE64.encodeToString(envelope(signed).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code signed} with one bit of its signature flipped: a forgery that must persist nothing. */
    static SignedRequest forged(SignedRequest signed) {
        byte[] signature = signed.signature();
        signature[7] ^= 0x10;
        return new SignedRequest(signed.request(), signed.publicKey(), signature);
    }

    private static ByteString bytes(ObjectId id) {
        return ByteString.copyFrom(id.bytes());
    }

    @Override
    public String toString() {
        return name + " (" + address + ")";
    }
}
