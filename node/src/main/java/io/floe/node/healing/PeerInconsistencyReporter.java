package io.floe.node.healing;

import io.floe.api.control.ControlPlane;
import io.floe.api.node.NodeClient;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.InconsistencyProof;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.ConfirmationVerifier;
import io.floe.protocol.signing.NodeConfirmation;
import io.floe.protocol.signing.ProtocolMessages;
import io.floe.protocol.signing.SignedMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes an inconsistency proof over the storage-node API (DESIGN.md §6): posts it to every committee node at once
 * (this one included, on its own API), keeps each answer that is exactly the expected INVALID_BLOB_ID message of the
 * current epoch signed under the member's key, and as soon as those signers hold validity weight ({@code 3w >= n+1})
 * hands them to {@link ControlPlane#markInvalid}. Completes true once the Blob entity reports the blob invalid; false
 * (retry later) when no committee is known, too few nodes signed within the request timeout, or the control plane
 * refused or did not answer. Never fails.
 */
final class PeerInconsistencyReporter implements InconsistencyReporter {
    private static final Logger LOG = LoggerFactory.getLogger(PeerInconsistencyReporter.class);

    private final NodeId self;
    private final Supplier<Optional<Committee>> committee;
    private final HttpClient http;
    private final ControlPlane control;
    private final Duration requestTimeout;

    /** @param requestTimeout bound of one proof request ({@code floe.recovery.report-timeout}) */
    PeerInconsistencyReporter(NodeId self, Supplier<Optional<Committee>> committee, HttpClient http,
                                     ControlPlane control, Duration requestTimeout) {
        this.self = self;
        this.committee = committee;
        this.http = http;
        this.control = control;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public CompletionStage<Boolean> report(BlobId blobId, InconsistencyProof proof) {
        Optional<Committee> current = committee.get();
        if (current.isEmpty()) {
            LOG.info("Inconsistency of blob {} not reported yet: no committee is known", blobId);
            return CompletableFuture.completedFuture(false);
        }
        try {
            return collect(current.get(), blobId, proof).thenCompose(signatures -> submit(current.get(), blobId,
                    signatures)).exceptionally(e -> {
                        LOG.warn("Reporting the inconsistency of blob {} failed: {}", blobId, e.toString());
                        return false;
                    });
        } catch (RuntimeException e) {
            LOG.warn("Reporting the inconsistency of blob {} failed: {}", blobId, e.toString());
            return CompletableFuture.completedFuture(false);
        }
    }

    /** The valid signatures, once they reach validity weight or every node has answered (or timed out). */
    private CompletableFuture<List<NodeConfirmation>> collect(Committee committee, BlobId blobId,
                                                              InconsistencyProof proof) {
        byte[] expected = ProtocolMessages.invalidBlob(committee.epoch(), blobId);
        SignatureCollector collector = new SignatureCollector(committee);
        LOG.info("Node {} sends a proof that blob {} is inconsistent ({} sliver {}, {} symbols) to {} nodes", self,
                blobId, proof.targetType().pathName(), proof.targetIndex().value(), proof.symbols().size(),
                committee.members().size());
        for (StorageNodeInfo member : committee.members()) {
            ask(member, blobId, proof).whenComplete((signed, error) -> {
                if (error != null) {
                    LOG.debug("{} did not sign blob {} invalid: {}", member.id(), blobId, error.toString());
                    collector.refused();
                } else if (!ConfirmationVerifier.verifyConfirmation(member, signed, expected)) {
                    LOG.warn("{} answered the proof for blob {} with a wrong or badly signed message; ignored",
                            member.id(), blobId);
                    collector.refused();
                } else {
                    collector.signed(new NodeConfirmation(member.id(), signed));
                }
            });
        }
        return collector.result();
    }

    private CompletableFuture<SignedMessage> ask(StorageNodeInfo member, BlobId blobId, InconsistencyProof proof) {
        try {
            return new NodeClient(http, URI.create(member.storageUrl()), requestTimeout)
                    .postInconsistencyProof(blobId, proof);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletionStage<Boolean> submit(Committee committee, BlobId blobId, List<NodeConfirmation> signatures) {
        List<NodeId> signers = signatures.stream().map(NodeConfirmation::node).toList();
        int weight = committee.weightOf(signers);
        if (!committee.isValidity(weight)) {
            LOG.info("Blob {} is not marked invalid yet: nodes holding only {}/{} shards signed its inconsistency",
                    blobId, weight, committee.nShards());
            return CompletableFuture.completedFuture(false);
        }
        return control.markInvalid(blobId, signatures).thenApply(record -> {
            LOG.info("Blob {} marked invalid with the signatures of {} ({}/{} shards)", blobId, signers, weight,
                    committee.nShards());
            return record.invalid();
        });
    }

    /** Signatures as they arrive; completes at validity weight, or with what there is once every node answered. */
    private static final class SignatureCollector {
        private final Committee committee;
        private final List<NodeConfirmation> valid = new ArrayList<>();
        private final CompletableFuture<List<NodeConfirmation>> result = new CompletableFuture<>();
        private int pending;

        SignatureCollector(Committee committee) {
            this.committee = committee;
            this.pending = committee.members().size();
            if (pending == 0) {
                result.complete(List.of());
            }
        }

        synchronized void signed(NodeConfirmation signature) {
            valid.add(signature);
            answered();
            if (committee.isValidity(committee.weightOf(valid.stream().map(NodeConfirmation::node).toList()))) {
                result.complete(List.copyOf(valid));
            }
        }

        synchronized void refused() {
            answered();
        }

        private void answered() {
            pending--;
            if (pending == 0) {
                result.complete(List.copyOf(valid));
            }
        }

        CompletableFuture<List<NodeConfirmation>> result() {
            return result;
        }
    }
}
