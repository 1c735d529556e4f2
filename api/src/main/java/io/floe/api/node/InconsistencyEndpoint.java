package io.floe.api.node;

import io.floe.api.json.ApiException;
import io.floe.api.json.ApiSuccess;
import io.floe.encoding.EncodingException;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.redstuff.InconsistencyProof;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.signing.ProtocolMessages;
import io.floe.protocol.signing.SignedMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/blobs/{id}/inconsistencyProof/{primary|secondary}} (Walrus's {@code inconsistency_proof}). The body
 * is a BCS inconsistency proof whose target sliver is of the path's type. The node signs the INVALID_BLOB_ID message
 * of the current epoch only after checking the proof against the metadata it stores for the blob: every symbol is
 * proven, and together they rebuild a sliver that fails its hash. A blob the node already knows to be invalid (a
 * validity certificate marked it, and its metadata is gone) is signed without a proof.
 *
 * <p>Answers {@code {"success":{"code":200,"data":{"serializedMessage":b64,"signature":b64}}}} (Walrus's
 * {@code ApiSuccess<InvalidBlobIdAttestation>}, a bare signed message); 400 for a malformed or wrong proof, 409 when
 * the node holds no metadata of the blob to check it against.
 */
final class InconsistencyEndpoint {
    static final String MALFORMED_PROOF = "MALFORMED_INCONSISTENCY_PROOF";
    static final String INVALID_PROOF = "INVALID_INCONSISTENCY_PROOF";
    static final String METADATA_NOT_STORED = SliverEndpoints.METADATA_NOT_STORED;
    /** Code of every refusal to serve or store a blob this node knows to be invalid. */
    static final String BLOB_INVALID = "BLOB_INVALID";
    private static final Logger LOG = LoggerFactory.getLogger(InconsistencyEndpoint.class);
    /** Per symbol besides its data: u16 source index, ULEB128 lengths, and the proof's tag and digest per level. */
    private static final long SYMBOL_FRAMING = 2 + 5 + 5;
    private static final long PROOF_NODE = 33;

    private final NodeBackend backend;
    private final Executor blocking;

    InconsistencyEndpoint(NodeBackend backend, Executor blocking) {
        this.backend = backend;
        this.blocking = blocking;
    }

    /** 404 when this node knows the blob was marked invalid: none of its bytes are served again. */
    static void refuseIfInvalid(NodeBackend backend, BlobId blobId) {
        if (backend.knownInvalid(blobId)) {
            throw ApiException.notFound(BLOB_INVALID, "invalid blob: " + blobId + " was marked invalid (its writer "
                    + "encoded it inconsistently); this node serves none of its slivers or metadata");
        }
    }

    /** The largest proof a network of {@code nShards} shards can need: one symbol of every sliver, at the largest size. */
    static long maxProofBytes(int nShards) {
        int depth = 32 - Integer.numberOfLeadingZeros(Math.max(1, nShards - 1));
        return 16 + nShards * (EncodingConfig.MAX_SYMBOL_SIZE + SYMBOL_FRAMING + PROOF_NODE * (depth + 1));
    }

    CompletionStage<HttpResponse> verify(BlobId blobId, SliverType axis, byte[] body) {
        return CompletableFuture.supplyAsync(() -> {
            Committee committee = backend.committee();
            if (!backend.knownInvalid(blobId)) {
                check(blobId, axis, body);
            }
            SignedMessage signed = backend.sign(ProtocolMessages.invalidBlob(committee.epoch(), blobId));
            // Walrus's InvalidBlobIdAttestation is the signed message itself, without the {"signed":...} of a
            // storage confirmation.
            return ApiSuccess.response(ConfirmationEndpoint.signedJson(signed).get("signed"));
        }, blocking);
    }

    private void check(BlobId blobId, SliverType axis, byte[] body) {
        VerifiedMetadata metadata = backend.metadata(blobId).orElseThrow(() -> ApiException.conflict(METADATA_NOT_STORED,
                "this node stores no metadata of blob " + blobId + ", so it cannot check an inconsistency proof"));
        InconsistencyProof proof = parse(axis, body);
        if (!holds(proof, metadata)) {
            throw ApiException.badRequest(INVALID_PROOF, "the proof does not show " + axis.pathName() + " sliver "
                    + proof.targetIndex().value() + " of blob " + blobId + " to be inconsistent ("
                    + proof.symbols().size() + " symbols: too few, unproven, or they rebuild a matching sliver)");
        }
        LOG.info("verified an inconsistency proof for blob {} ({} sliver {}, {} symbols): signing it invalid",
                blobId, axis.pathName(), proof.targetIndex().value(), proof.symbols().size());
    }

    /** A peer's bytes must never make this node fail: a proof that trips the decoder does not hold. */
    private static boolean holds(InconsistencyProof proof, VerifiedMetadata metadata) {
        try {
            return proof.verify(metadata);
        } catch (EncodingException | IndexOutOfBoundsException | IllegalArgumentException e) {
            LOG.debug("inconsistency proof for blob {} failed to check: {}", metadata.blobId(), e.toString());
            return false;
        }
    }

    private static InconsistencyProof parse(SliverType axis, byte[] body) {
        try {
            return InconsistencyProof.fromBcs(axis, body);
        } catch (EncodingException | IllegalArgumentException e) {
            throw ApiException.badRequest(MALFORMED_PROOF, "not a BCS inconsistency proof: " + e.getMessage());
        }
    }
}
