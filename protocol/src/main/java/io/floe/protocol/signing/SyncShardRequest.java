package io.floe.protocol.signing;

import io.floe.encoding.bcs.BcsException;
import io.floe.encoding.bcs.BcsReader;
import io.floe.encoding.bcs.BcsWriter;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.signing.MalformedProtocolMessageException.Problem;
import java.util.EnumSet;
import java.util.Objects;

/**
 * A new shard owner's request to the previous owner for slivers of one shard and type (Walrus's
 * {@code SyncShardRequest::V1}), signed as a {@link IntentType#SYNC_SHARD} protocol message. The signed bytes are
 * Walrus's {@code ProtocolMessage<SyncShardRequest>}: {@code intent (3, 0, 3), epoch u32}, then the request
 * {@code variant 0 (V1), shard_index u16, sliver_type u8 (0 primary, 1 secondary), starting_blob_id [u8;32],
 * sliver_count u64, epoch u32}. The request body on the wire is a BCS {@code SignedMessage}
 * ({@code serialized_message: vector<u8>, signature: vector<u8>}); Floe's signature is Ed25519 (64 bytes) where
 * Walrus's is BLS.
 *
 * <p>Invariants: the message epoch and the request epoch are one value (the epoch the requester moves into);
 * {@link #parse} accepts exactly what {@link #toMessage} produces; slivers are answered in blob-ID order from
 * {@code startingBlobId} inclusive (as Walrus), at most {@code sliverCount}.
 *
 * @param sliverCount Walrus's u64, read as signed: a count above {@link Long#MAX_VALUE} reads negative and is
 *                    refused by any server bound
 */
public record SyncShardRequest(ShardIndex shard, SliverType type, BlobId startingBlobId, long sliverCount,
                               Epoch epoch) {
    private static final int V1 = 0;
    private static final int LENGTH = ProtocolMessages.HEADER_LENGTH + 1 + 2 + 1 + BlobId.LENGTH + 8 + 4;

    public SyncShardRequest {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(startingBlobId, "startingBlobId");
        Objects.requireNonNull(epoch, "epoch");
    }

    /** The bytes to sign. */
    public byte[] toMessage() {
        return ProtocolMessages.header(IntentType.SYNC_SHARD, epoch).variant(V1).u16(shard.value())
                .u8(type == SliverType.PRIMARY ? 0 : 1).fixedBytes(startingBlobId.bytes()).u64(sliverCount)
                .u32(epoch.value()).toByteArray();
    }

    /**
     * Reads a signed SYNC_SHARD message.
     *
     * @throws MalformedProtocolMessageException if the bytes are not exactly such a message
     */
    public static SyncShardRequest parse(byte[] message) {
        BcsReader in = new BcsReader(message);
        try {
            ProtocolMessages.readIntent(in, EnumSet.of(IntentType.SYNC_SHARD));
            Epoch epoch = ProtocolMessages.readEpoch(in);
            int variant = in.u8();
            if (variant != V1) {
                throw new MalformedProtocolMessageException(Problem.UNKNOWN_VARIANT,
                        "sync request version " + variant + ", only V1 (0) exists", in.position() - 1);
            }
            ShardIndex shard = new ShardIndex(in.u16());
            SliverType type = readType(in);
            BlobId start = BlobId.of(in.fixedBytes(BlobId.LENGTH));
            long count = in.u64();
            Epoch requestEpoch = ProtocolMessages.readEpoch(in);
            if (!requestEpoch.equals(epoch)) {
                throw new MalformedProtocolMessageException(Problem.EPOCH_OUT_OF_RANGE, "request epoch "
                        + requestEpoch + " in a message of epoch " + epoch, in.position() - 4);
            }
            if (in.remaining() != 0) {
                throw new MalformedProtocolMessageException(Problem.TRAILING_BYTES,
                        in.remaining() + " bytes after the sync request", in.position());
            }
            return new SyncShardRequest(shard, type, start, count, epoch);
        } catch (BcsException e) {
            throw new MalformedProtocolMessageException(Problem.TRUNCATED,
                    "sync request of " + message.length + " bytes ends early", e.offset());
        }
    }

    private static SliverType readType(BcsReader in) {
        int at = in.position();
        int tag = in.u8();
        if (tag > 1) {
            throw new MalformedProtocolMessageException(Problem.UNKNOWN_VARIANT,
                    "sliver type " + tag + ", expected 0 (primary) or 1 (secondary)", at);
        }
        return tag == 0 ? SliverType.PRIMARY : SliverType.SECONDARY;
    }

    /** Walrus's BCS {@code SignedMessage}: the message and the signature, each a {@code vector<u8>}. */
    public static byte[] signedToBcs(SignedMessage signed) {
        byte[] message = signed.serializedMessage();
        byte[] signature = signed.signature();
        return new BcsWriter(message.length + signature.length + 4).bytes(message).bytes(signature).toByteArray();
    }

    /** Reads {@link #signedToBcs}'s layout; throws {@link BcsException} when the body is not exactly that. */
    public static SignedMessage signedFromBcs(byte[] body) {
        BcsReader in = new BcsReader(body);
        byte[] message = in.bytes();
        byte[] signature = in.bytes();
        in.expectEnd();
        if (message.length > LENGTH) {
            throw new BcsException("a sync request has " + LENGTH + " bytes, got " + message.length, 0);
        }
        return new SignedMessage(message, signature);
    }
}
