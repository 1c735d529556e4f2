package io.floe.protocol.signing;

import io.floe.encoding.bcs.BcsException;
import io.floe.encoding.bcs.BcsReader;
import io.floe.encoding.bcs.BcsWriter;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.signing.MalformedProtocolMessageException.Problem;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The bytes a storage node signs, in Walrus's BCS layout {@code ProtocolMessage<T>}:
 * {@code intent_type u8, intent_version u8 = 0, app_id u8 = 3, epoch u32 LE, body}.
 *
 * <ul>
 *   <li>{@link IntentType#BLOB_CERT} (a storage confirmation): body = {@code blob_id [u8;32]} then the blob type,
 *       {@code 0x00} for a permanent blob or {@code 0x01 || object_id [u8;32]} for a deletable one (the
 *       registration's object ID).</li>
 *   <li>{@link IntentType#INVALID_BLOB_ID}: body = {@code blob_id [u8;32]}.</li>
 * </ul>
 *
 * <p>Invariant: {@link #parse(byte[])} accepts exactly the byte strings the builders here produce, so a
 * signature over parsed bytes is a signature over one meaning. {@link IntentType#SYNC_SHARD} and
 * {@link IntentType#PROOF_OF_POSSESSION} messages carry other bodies (a sync request, {@link SyncShardRequest}; a
 * key proof); they are
 * built and parsed by the code that owns those protocols, and {@link #parse(byte[])} refuses them as
 * {@link Problem#UNSUPPORTED_INTENT}.
 */
public final class ProtocolMessages {
    /** The only intent version Walrus defines. */
    public static final int INTENT_VERSION = 0;
    /** Walrus's application ID, separating its signatures from other Sui-key uses. */
    public static final int APP_ID = 3;
    /** Intent (3 bytes) and epoch (4 bytes). */
    public static final int HEADER_LENGTH = 7;

    private static final int PERMANENT = 0;
    private static final int DELETABLE = 1;

    private ProtocolMessages() {
    }

    /** A storage confirmation of a permanent blob: "in {@code epoch} I hold my slivers of {@code blobId}". */
    public static byte[] blobCertified(Epoch epoch, BlobId blobId) {
        return header(IntentType.BLOB_CERT, epoch).fixedBytes(blobId.bytes()).variant(PERMANENT).toByteArray();
    }

    /** A storage confirmation of a deletable blob, bound to the registration {@code objectId}. */
    public static byte[] blobCertifiedDeletable(Epoch epoch, BlobId blobId, ObjectId objectId) {
        return header(IntentType.BLOB_CERT, epoch).fixedBytes(blobId.bytes()).variant(DELETABLE)
                .fixedBytes(objectId.bytes()).toByteArray();
    }

    /** An attestation that {@code blobId} is inconsistently encoded. */
    public static byte[] invalidBlob(Epoch epoch, BlobId blobId) {
        return header(IntentType.INVALID_BLOB_ID, epoch).fixedBytes(blobId.bytes()).toByteArray();
    }

    /**
     * Reads a {@link IntentType#BLOB_CERT} or {@link IntentType#INVALID_BLOB_ID} message.
     *
     * @throws MalformedProtocolMessageException if the bytes are not exactly such a message
     */
    public static ParsedMessage parse(byte[] message) {
        BcsReader in = new BcsReader(message);
        try {
            IntentType intent = readIntent(in, EnumSet.of(IntentType.BLOB_CERT, IntentType.INVALID_BLOB_ID));
            Epoch epoch = readEpoch(in);
            BlobId blobId = BlobId.of(in.fixedBytes(BlobId.LENGTH));
            Optional<ObjectId> objectId = intent == IntentType.BLOB_CERT ? readBlobType(in) : Optional.empty();
            if (in.remaining() != 0) {
                throw new MalformedProtocolMessageException(Problem.TRAILING_BYTES,
                        in.remaining() + " bytes after the " + intent + " body", in.position());
            }
            return new ParsedMessage(intent, epoch, blobId, objectId);
        } catch (BcsException e) {
            // The reads above are all fixed-width, so the reader can only fail by running out of bytes.
            throw new MalformedProtocolMessageException(Problem.TRUNCATED,
                    "message of " + message.length + " bytes ends early", e.offset());
        }
    }

    static BcsWriter header(IntentType intent, Epoch epoch) {
        return new BcsWriter(HEADER_LENGTH + 2 * BlobId.LENGTH + 1)
                .u8(intent.code()).u8(INTENT_VERSION).u8(APP_ID).u32(epoch.value());
    }

    /** Reads the intent; refuses another version, app ID, or an intent type not in {@code accepted}. */
    static IntentType readIntent(BcsReader in, Set<IntentType> accepted) {
        int code = in.u8();
        int version = in.u8();
        if (version != INTENT_VERSION) {
            throw new MalformedProtocolMessageException(Problem.WRONG_INTENT_VERSION,
                    "intent version " + version + ", expected " + INTENT_VERSION, 1);
        }
        int appId = in.u8();
        if (appId != APP_ID) {
            throw new MalformedProtocolMessageException(Problem.WRONG_APP_ID,
                    "app ID " + appId + ", expected " + APP_ID, 2);
        }
        return IntentType.fromCode(code)
                .filter(accepted::contains)
                .orElseThrow(() -> new MalformedProtocolMessageException(Problem.UNSUPPORTED_INTENT,
                        "intent type " + code + " is not one of " + accepted, 0));
    }

    static Epoch readEpoch(BcsReader in) {
        int start = in.position();
        long epoch = in.u32();
        if (epoch > Integer.MAX_VALUE) {
            throw new MalformedProtocolMessageException(Problem.EPOCH_OUT_OF_RANGE,
                    "epoch " + epoch + " exceeds " + Integer.MAX_VALUE, start);
        }
        return new Epoch((int) epoch);
    }

    private static Optional<ObjectId> readBlobType(BcsReader in) {
        int start = in.position();
        // The BCS enum tag is a ULEB128, but for 0 and 1 it is the single byte itself; any other first byte
        // (including the start of a longer ULEB128) is a variant Walrus does not define.
        int tag = in.u8();
        return switch (tag) {
            case PERMANENT -> Optional.empty();
            case DELETABLE -> Optional.of(ObjectId.of(in.fixedBytes(32)));
            default -> throw new MalformedProtocolMessageException(Problem.UNKNOWN_BLOB_TYPE,
                    "blob type tag " + tag + ", expected 0 (permanent) or 1 (deletable)", start);
        };
    }
}
