package io.floe.api.node;

import io.floe.api.json.ApiException;
import io.floe.encoding.EncodingException;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.Ed25519;
import io.floe.protocol.signing.Ed25519PublicKey;
import io.floe.protocol.signing.MalformedProtocolMessageException;
import io.floe.protocol.signing.SignedMessage;
import io.floe.protocol.signing.SyncShardRequest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/migrate/sync_shard} (Walrus's {@code sync_shard}): a new shard owner pulls the shard's slivers of one
 * type from its previous owner. Header {@code Authorization: <base64 of the requester's 32-byte Ed25519 public key>};
 * body the BCS signed {@link SyncShardRequest}; answer {@code application/octet-stream} {@link SyncShardResponse}.
 *
 * <p>Invariant: slivers go only to the node that owns the shard in the current committee, for the current epoch, and
 * only from the node that owned it in the previous one (the committee that is still moving shards), so a shard is
 * never handed to anyone else. Refusals, in Walrus's order and codes: 401 no Authorization header, 400 an
 * Authorization that is no key ({@value #INVALID_AUTHORIZATION}) or a body that is no signed request
 * ({@value #MALFORMED_REQUEST}), 400 a signature that does not verify ({@value #VERIFICATION_FAILED}), 400 another
 * epoch than the node's current one ({@value #INVALID_EPOCH}), 403 a requester that does not own the shard now
 * ({@value #UNAUTHORIZED}), 400 more slivers than the node's bound ({@value #COUNT_EXCEEDS_LIMIT}), 400 a shard this
 * node did not own in the previous committee ({@value #SHARD_NOT_ASSIGNED}, also when no previous committee is
 * known any more).
 */
final class SyncShardEndpoint {
    static final String MISSING_AUTHORIZATION = "MISSING_AUTHORIZATION";
    static final String INVALID_AUTHORIZATION = "INVALID_AUTHORIZATION";
    static final String MALFORMED_REQUEST = "MALFORMED_SYNC_SHARD_REQUEST";
    static final String VERIFICATION_FAILED = "MESSAGE_VERIFICATION_FAILED";
    static final String INVALID_EPOCH = "INVALID_EPOCH";
    static final String UNAUTHORIZED = "REQUEST_UNAUTHORIZED";
    static final String COUNT_EXCEEDS_LIMIT = "SLIVER_COUNT_EXCEEDS_LIMIT";
    static final String SHARD_NOT_ASSIGNED = "SHARD_NOT_ASSIGNED";
    /** Walrus's per-request client default is 1000 and its server bound 100 000; Floe's slivers may be much larger. */
    static final int DEFAULT_MAX_SLIVERS = 1000;
    /** Sliver bytes in one answer at most (at least one sliver is always sent); the rest is asked for next. */
    static final long MAX_ANSWER_BYTES = 32L << 20;
    /** A signed request: two length prefixes, the message and an Ed25519 signature, and slack. */
    static final long MAX_BODY_BYTES = 256;
    private static final Logger LOG = LoggerFactory.getLogger(SyncShardEndpoint.class);

    private final NodeBackend backend;
    private final Executor blocking;

    SyncShardEndpoint(NodeBackend backend, Executor blocking) {
        this.backend = backend;
        this.blocking = blocking;
    }

    /** Checks the signature at once, then the committees (which may take a round trip) and reads off the HTTP threads. */
    CompletionStage<HttpResponse> sync(Optional<String> authorization, byte[] body) {
        Ed25519PublicKey requester;
        SyncShardRequest request;
        try {
            requester = requester(authorization);
            request = verified(requester, body);
        } catch (ApiException e) {
            return CompletableFuture.failedFuture(e);
        }
        return backend.controlPlane().epochs()
                .thenApplyAsync(epochs -> answer(epochs, requester, request), blocking);
    }

    private HttpResponse answer(EpochCommittees epochs, Ed25519PublicKey requester, SyncShardRequest request) {
        authorize(epochs, requester, request);
        List<SyncShardResponse.Entry> slivers = backend.shardSlivers(request.shard(), request.type(),
                request.startingBlobId(), (int) request.sliverCount(), MAX_ANSWER_BYTES);
        LOG.debug("Sync of shard {} {} from {} for epoch {}: {} slivers", request.shard().value(),
                request.type().pathName(), request.startingBlobId(), request.epoch(), slivers.size());
        return HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM,
                SyncShardResponse.encode(slivers)));
    }

    private static Ed25519PublicKey requester(Optional<String> authorization) {
        String text = authorization.orElseThrow(() -> new ApiException(401, MISSING_AUTHORIZATION,
                "a sync request names its sender's public key in the Authorization header"));
        try {
            // Pekko reads Authorization as credentials and may render a bare key back with a blank in it.
            return Ed25519PublicKey.of(Base64.getDecoder().decode(text.replaceAll("\\s", "")));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(INVALID_AUTHORIZATION, "the Authorization header '" + text
                    + "' is no base64 Ed25519 public key: " + e.getMessage());
        }
    }

    private static SyncShardRequest verified(Ed25519PublicKey requester, byte[] body) {
        SignedMessage signed;
        try {
            signed = SyncShardRequest.signedFromBcs(body);
        } catch (EncodingException | IllegalArgumentException e) {
            throw ApiException.badRequest(MALFORMED_REQUEST, "not a BCS signed sync request: " + e.getMessage());
        }
        if (!Ed25519.verify(requester, signed.serializedMessage(), signed.signature())) {
            throw ApiException.badRequest(VERIFICATION_FAILED, "the signature does not verify under the key "
                    + requester.base64() + " of the Authorization header");
        }
        try {
            return SyncShardRequest.parse(signed.serializedMessage());
        } catch (MalformedProtocolMessageException e) {
            throw ApiException.badRequest(VERIFICATION_FAILED, "not a sync request: " + e.getMessage());
        }
    }

    private void authorize(EpochCommittees epochs, Ed25519PublicKey requester, SyncShardRequest request) {
        Committee current = epochs.current();
        if (!request.epoch().equals(current.epoch())) {
            throw ApiException.badRequest(INVALID_EPOCH, "the request's epoch must be the same as the server's "
                    + "epoch: request epoch " + request.epoch() + ", server epoch " + current.epoch());
        }
        if (request.shard().value() >= current.nShards()) {
            throw ApiException.badRequest(SHARD_NOT_ASSIGNED, "shard " + request.shard().value()
                    + " does not exist in a network of " + current.nShards() + " shards");
        }
        Optional<StorageNodeInfo> owner = current.member(current.ownerOf(request.shard()));
        if (owner.isEmpty() || !owner.get().publicKey().equals(requester)) {
            LOG.warn("Refusing to sync shard {} to key {}: it does not own the shard in epoch {}",
                    request.shard().value(), requester.base64(), current.epoch());
            throw new ApiException(403, UNAUTHORIZED, "the sender does not own shard " + request.shard().value()
                    + " in epoch " + current.epoch());
        }
        int limit = backend.maxSyncSlivers();
        if (request.sliverCount() < 0 || request.sliverCount() > limit) {
            throw ApiException.badRequest(COUNT_EXCEEDS_LIMIT, "the requested sliver count "
                    + Long.toUnsignedString(request.sliverCount()) + " exceeds the limit of " + limit);
        }
        boolean heldBefore = epochs.previous()
                .map(p -> p.ownerOf(request.shard()).equals(backend.nodeId())).orElse(false);
        if (!heldBefore) {
            throw ApiException.badRequest(SHARD_NOT_ASSIGNED, "shard " + request.shard().value() + " is not assigned "
                    + "to this node in epoch " + (current.epoch().value() - 1) + " (or that committee is no longer moving)");
        }
    }
}
