package io.floe.api.gateway;

import io.floe.api.control.ControlPlane;
import io.floe.api.control.ControlPlaneException;
import io.floe.api.control.RegisterBlob;
import io.floe.api.node.NodeClient;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodedSlivers;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.redstuff.FileBlobEncoder;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.StorageNodeInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher's write path (DESIGN.md §6): encode, pay and register, upload metadata and sliver pairs to every
 * shard's node in parallel, collect signed confirmations until a quorum of shards plus a short tail, and certify.
 * Nothing is certified without a quorum; a node that fails only lowers the weight collected. The blob may be
 * encoded on the heap ({@link #store(byte[], StoreParameters)}) or from a file region into a sliver file
 * ({@link #store(Path, long, long, Path, StoreParameters)}); the upload reads slivers batch by batch either way
 * ({@link NodeUploads}), and an encoding that holds files is closed when its store ends, however it ends, and no
 * node upload still reads it (slower nodes get their slivers after the answer: {@link Running}).
 */
public final class BlobWriter {
    private static final Logger LOG = LoggerFactory.getLogger(BlobWriter.class);

    private final ControlPlane control;
    private final Executor cpu;
    private final GatewayMetrics metrics;
    private final NodeUploads uploads;
    /** {@code upload-while-registering}: small blobs are sent to the nodes to hold before they are registered. */
    private final boolean holdWhileRegistering;
    /** Told the verified metadata and outcome of every store that found or made its blob certified. */
    private volatile BiConsumer<VerifiedMetadata, StoreOutcome> certifiedStores = (metadata, answer) -> { };
    /** How many more times an upload is sent to a fresh committee after a committee change made it fail. */
    static final int COMMITTEE_RETRIES = 2;
    /** How often members refresh their view of the committees (the ledger's CommitteeCache). */
    static final Duration COMMITTEE_REFRESH = Duration.ofSeconds(1);

    public BlobWriter(ActorSystem<?> system, ControlPlane control, Function<StorageNodeInfo, NodeClient> nodes,
                      Executor cpu, Duration confirmationTail, int perNodeConcurrency) {
        this(system, control, nodes, cpu, confirmationTail, perNodeConcurrency, NodeUploads.DEFAULT_UPLOAD_WINDOW);
    }

    /** With at most {@code uploadWindow} sliver bytes of one upload loaded at once ({@code upload-window}). */
    public BlobWriter(ActorSystem<?> system, ControlPlane control, Function<StorageNodeInfo, NodeClient> nodes,
                      Executor cpu, Duration confirmationTail, int perNodeConcurrency, long uploadWindow) {
        this(system, control, nodes, cpu, confirmationTail, perNodeConcurrency, uploadWindow, true);
    }

    /** As above; small blobs are sent to the nodes while they are registered when {@code holdWhileRegistering}. */
    public BlobWriter(ActorSystem<?> system, ControlPlane control, Function<StorageNodeInfo, NodeClient> nodes,
                      Executor cpu, Duration confirmationTail, int perNodeConcurrency, long uploadWindow,
                      boolean holdWhileRegistering) {
        this(system, control, nodes, cpu, confirmationTail, perNodeConcurrency, NodeUploads.BATCH_BYTES, uploadWindow,
                holdWhileRegistering);
    }

    /** With node batches of {@code batchBytes} (tests cut a small blob into several batches per node). */
    BlobWriter(ActorSystem<?> system, ControlPlane control, Function<StorageNodeInfo, NodeClient> nodes,
               Executor cpu, Duration confirmationTail, int perNodeConcurrency, long batchBytes, long uploadWindow,
               boolean holdWhileRegistering) {
        this.control = control;
        this.holdWhileRegistering = holdWhileRegistering;
        this.cpu = cpu;
        this.metrics = new GatewayMetrics(io.floe.metrics.FloeMetrics.get(system).registry());
        this.uploads = new NodeUploads(system, nodes, cpu, confirmationTail, perNodeConcurrency, metrics, batchBytes,
                uploadWindow);
    }

    /**
     * Encodes a blob for a committee's shard count. What it returns is closed when the store ends and every node's
     * upload has settled, when it is {@link AutoCloseable} (an {@link io.floe.encoding.redstuff.EncodedBlobFile} deletes its sliver file then).
     */
    @FunctionalInterface
    public interface Encoding {
        EncodedSlivers encode(EncodingConfig config) throws IOException;
    }

    /** Stores a blob; fails with {@link ControlPlaneException} or {@link StoreFailedException}. */
    public CompletionStage<StoreOutcome> store(byte[] blob, StoreParameters requested) {
        return store(blob.length, config -> new BlobEncoder(config).encode(blob), requested);
    }

    /**
     * Stores bytes {@code [offset, offset + length)} of {@code file} as one blob, encoded with heap bounded
     * independently of its size ({@link FileBlobEncoder}); its sliver file lives under {@code workDir} until the store
     * ends, however it ends.
     */
    public CompletionStage<StoreOutcome> store(Path file, long offset, long length, Path workDir,
                                               StoreParameters requested) {
        return store(length, config -> new FileBlobEncoder(config).encode(file, offset, length, workDir), requested);
    }

    /** Stores the {@code length}-byte blob {@code encoding} encodes; what it encoded is closed when the store ends. */
    public CompletionStage<StoreOutcome> store(long length, Encoding encoding, StoreParameters requested) {
        return start(length, encoding, requested).outcome();
    }

    /**
     * A store under way: its answer, and when it let go of its encoding. The answer comes after a quorum of
     * confirmations plus a short tail; slower nodes are still sent their slivers after it, so the encoding is closed
     * (its sliver file deleted) and {@code released} completes only once every node's upload has settled.
     */
    public record Running(CompletionStage<StoreOutcome> outcome, CompletionStage<Void> released) {
    }

    /** As {@link #store(Path, long, long, Path, StoreParameters)}, with when the store let go of its sliver file. */
    public Running start(Path file, long offset, long length, Path workDir, StoreParameters requested) {
        return start(length, config -> new FileBlobEncoder(config).encode(file, offset, length, workDir), requested);
    }

    /** As {@link #store(long, Encoding, StoreParameters)}, with when the store let go of what it encoded. */
    public Running start(long length, Encoding encoding, StoreParameters requested) {
        StoreRun run = new StoreRun(System.nanoTime(), new PendingUploads(),
                new AtomicReference<>(HeldUploads.NONE));
        AtomicReference<EncodedSlivers> made = new AtomicReference<>();
        CompletionStage<StoreParameters> resolved = requested.epochsMax()
                ? control.ledgerInfo().thenApply(ledger -> requested.withEpochs(ledger.maxEpochsAhead()))
                : CompletableFuture.completedFuture(requested);
        CompletionStage<StoreOutcome> outcome = metrics.store(length, resolved.thenCompose(options ->
                control.committee().thenCompose(committee -> CompletableFuture.supplyAsync(() -> {
                    made.set(encode(encoding, committee));
                    return made.get();
                }, cpu).thenCompose(encoded -> {
                    LOG.debug("{}: encoded {} bytes in {} ms", encoded.blobId(), length, run.millis());
                    return control.blob(encoded.blobId())
                            .thenCompose(record -> {
                                LOG.debug("{}: status at {} ms", encoded.blobId(), run.millis());
                                return storeEncoded(encoded, record, committee, options, run);
                            });
                }))));
        outcome.thenAccept(answer -> certifiedStores.accept(made.get().metadata(), answer));
        // Every node upload was started before the answer completes; the last one to settle lets go of the slivers.
        CompletionStage<Void> released = outcome.handle((answer, error) -> null)
                .thenCompose(answered -> run.pending().settled())
                .whenComplete((settled, error) -> close(made.get()));
        return new Running(outcome, released);
    }

    /**
     * When a store started, the node uploads it started, and the uploads nodes hold for it until the first upload
     * after its registration uses them.
     */
    private record StoreRun(long startNanos, PendingUploads pending, AtomicReference<HeldUploads> held) {
        long millis() {
            return millisSince(startNanos);
        }
    }

    /**
     * Tells {@code sink} each store answered as certified: the blob's metadata, which the gateway computed itself (a
     * reader may cache it: a blob's metadata never changes, its ID is its hash), and the answer.
     */
    void whenCertified(BiConsumer<VerifiedMetadata, StoreOutcome> sink) {
        certifiedStores = sink;
    }

    /** The committee stores are encoded for now (its shard count sizes blobs and budgets). */
    public CompletionStage<Committee> committee() {
        return control.committee();
    }

    /**
     * The most heap a store of {@code length} bytes takes at {@code committee}: its encoder's, or the sliver batches
     * it has loaded at once while uploading (per node at most its concurrency, each batch {@code BATCH_BYTES} or one
     * sliver when a sliver is larger, each also encoded as a request body), whichever is larger.
     */
    public long heapBytes(Committee committee, long length) {
        EncodingConfig config = new EncodingConfig(committee.nShards());
        long uploading = Math.min(2 * SliverBatches.encodedBytes(config, length),
                uploads.heapBytes(committee, config, config.symbolSize(length)));
        return Math.max(new FileBlobEncoder(config).heapBytes(length), uploading);
    }

    private static void close(EncodedSlivers encoded) {
        // Null: the store ended before anything was encoded.
        if (encoded instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("{}: could not release its encoded slivers: {}", encoded.blobId(), e.toString());
            }
        }
    }

    /**
     * Answers a certified registration that lasts long enough without paying; otherwise certifies a pending
     * registration of the owner-to-be that fits (an earlier store of these bytes paid for it and failed or was
     * cut off: retrying a store is safe, it is charged once); otherwise pays for a new one. A signed store is checked
     * against the body first ({@link SignedStore}).
     */
    private CompletionStage<StoreOutcome> storeEncoded(EncodedSlivers encoded, BlobRecord record, Committee committee,
                                                       StoreParameters options, StoreRun run) {
        Optional<io.floe.protocol.account.VerifiedRequest> signed = options.authorization().map(a -> SignedStore.check(
                a, encoded.blobId(), encoded.metadata().metadata().unencodedLength(), options));
        Epoch wantedEnd = committee.epoch().plus(options.epochs());
        CompletionStage<String> owner = signed.isPresent()
                ? CompletableFuture.completedFuture(SignedStore.owner(signed.get(), options))
                : options.sendTo().<CompletionStage<String>>map(CompletableFuture::completedFuture)
                        .orElseGet(control::gatewayAccount);
        return owner.thenCompose(account -> {
            Optional<Registration> existing = alreadyCertified(record, options, account, wantedEnd);
            if (existing.isPresent()) {
                return CompletableFuture.completedFuture(
                        new StoreOutcome.AlreadyCertified(encoded.blobId(), existing.get()));
            }
            Optional<Registration> pending = record.reusablePending(account, options.deletable(), wantedEnd);
            if (pending.isEmpty()) {
                if (holdWhileRegistering) {
                    // Nodes verify and hold a small blob while it is paid for and registered: the confirmations
                    // asked once it is registered are then most of what its upload still takes.
                    run.held().set(uploads.hold(encoded, committee, run.pending()));
                }
                return registerAndUpload(encoded, committee, options, true, run);
            }
            LOG.debug("{}: reusing pending registration {} (ends with epoch {})", encoded.blobId(),
                    pending.get().objectId(), pending.get().endEpoch().value() - 1);
            return certifyRegistration(encoded, committee, options, pending.get(),
                    io.floe.protocol.blob.ResourceOperation.REUSE_REGISTRATION, 0, 0, true, run);
        });
    }

    /**
     * A certified registration that answers the store without paying (unless {@code force}), lasting to
     * {@code wantedEnd}: any permanent one (nobody can delete it), or for a deletable request a deletable one of the
     * owner-to-be (another owner's could be deleted under it: Walrus's client reuses only the wallet's own).
     */
    private static Optional<Registration> alreadyCertified(BlobRecord record, StoreParameters options, String owner,
                                                           Epoch wantedEnd) {
        if (options.force()) {
            return Optional.empty();
        }
        return record.registrations().stream()
                .filter(r -> r.certified() && !r.burned() && r.endEpoch().compareTo(wantedEnd) >= 0
                        && (!r.deletable() || options.deletable() && r.owner().equals(owner)))
                .max(java.util.Comparator.comparing(Registration::endEpoch));
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private EncodedSlivers encode(Encoding encoding, Committee committee) {
        long start = System.nanoTime();
        EncodedSlivers encoded;
        try {
            encoded = encoding.encode(new EncodingConfig(committee.nShards()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the blob", e);
        }
        metrics.storePhase("encode", start);
        return encoded;
    }

    /** Registers (pays) and uploads with the new registration ({@link #certifyRegistration}). */
    private CompletionStage<StoreOutcome> registerAndUpload(EncodedSlivers encoded, Committee committee,
                                                            StoreParameters options, boolean mayRenew, StoreRun run) {
        // A retry of a signed store registers the same object; a renewal (mayRenew false) needs a new one.
        ObjectId objectId = options.authorization().isPresent() && mayRenew
                ? SignedStore.objectId(options.authorization().get()) : ObjectId.random();
        RegisterBlob request = new RegisterBlob(encoded.blobId(), objectId,
                encoded.metadata().metadata().unencodedLength(), committee.nShards(), options.epochs(),
                options.deletable(), options.authorization(), options.sendTo());
        return metrics.timedStore("register", () -> control.register(request)).thenCompose(registered -> {
            LOG.debug("{}: registered at {} ms", encoded.blobId(), run.millis());
            return extendedEpochs(registered).thenCompose(extended -> certifyRegistration(encoded, committee,
                    options, registered.registration(), registered.operation(), registered.cost(), extended,
                    mayRenew, run));
        });
    }

    /**
     * The epochs a {@code reuseAndExtend} bought beyond the reused resource, from what it charged: only the write and
     * those epochs' storage were paid ({@code units * (storagePrice * K + writePrice)}).
     */
    private CompletionStage<Integer> extendedEpochs(io.floe.api.control.RegisteredBlob registered) {
        if (registered.operation() != io.floe.protocol.blob.ResourceOperation.REUSE_AND_EXTEND) {
            return CompletableFuture.completedFuture(0);
        }
        long units = io.floe.protocol.blob.StorageCost.storageUnits(registered.registration().storage().size());
        return control.ledgerInfo().thenApply(ledger -> units == 0 || ledger.storagePricePerUnit() == 0 ? 0
                : (int) ((registered.cost() / units - ledger.writePricePerUnit()) / ledger.storagePricePerUnit()));
    }

    /**
     * Uploads and certifies with {@code registration}. A registration covers the epochs from the current one up to,
     * not including, its end epoch, as in Walrus; one for a single epoch made just before the epoch ends can expire
     * during its upload, and nodes then refuse the blob. That store registers once more for the new epoch (and pays
     * again) when {@code mayRenew}.
     */
    private CompletionStage<StoreOutcome> certifyRegistration(EncodedSlivers encoded, Committee committee,
            StoreParameters options, Registration registration, io.floe.protocol.blob.ResourceOperation operation,
            long cost, int extendedEpochs, boolean mayRenew, StoreRun run) {
        BlobId id = encoded.blobId();
        return uploadAndCertify(encoded, committee, registration, COMMITTEE_RETRIES, run)
                .thenApply(certified -> (StoreOutcome) new StoreOutcome.NewlyCreated(id,
                        certified.registration(registration.objectId()).orElse(registration), options.epochs(),
                        operation, cost, extendedEpochs))
                .exceptionallyCompose(error -> {
                    Throwable cause = unwrap(error);
                    // A Blob entity refuses to certify a registration that ended: renewing is the answer to that too.
                    if (!mayRenew || !mayBeCommitteeChange(cause)
                            && !(cause instanceof ControlPlaneException.Rejected)) {
                        return CompletableFuture.failedFuture(cause);
                    }
                    return control.committee().thenCompose(fresh -> {
                        if (fresh.epoch().compareTo(registration.endEpoch()) < 0) {
                            return CompletableFuture.<StoreOutcome>failedFuture(cause);
                        }
                        if (options.authorization().isPresent()) {
                            // One signed register_blob pays once: a new registration needs a new signature.
                            return CompletableFuture.<StoreOutcome>failedFuture(new ControlPlaneException.Refused(
                                    "BLOB_EXPIRED", "the registration ended with epoch "
                                    + (registration.endEpoch().value() - 1) + " during its upload; sign a new request"
                                    + " to store the blob again"));
                        }
                        LOG.info("{}: registration {} ended with epoch {} during its upload; registering for "
                                + "epoch {} again", id, registration.objectId(), registration.endEpoch().value() - 1,
                                fresh.epoch());
                        return registerAndUpload(encoded, fresh, options, false, run);
                    });
                });
    }

    /**
     * Uploads to {@code committee} and certifies. When that fails the way a committee change during the upload makes
     * it fail (too few valid confirmations, or nodes refusing shards they do not own) and the committee is no longer
     * the one used, or nodes refused as not the owner, uploads and certifies again with the fresh committee, at most
     * {@code triesLeft} more times. The registration stays the same: the blob is paid once.
     */
    private CompletionStage<BlobRecord> uploadAndCertify(EncodedSlivers encoded, Committee committee,
                                                         Registration registration, int triesLeft, StoreRun run) {
        BlobId id = encoded.blobId();
        HeldUploads held = run.held().getAndSet(HeldUploads.NONE);
        return metrics.timedStore("confirmations", () -> uploads.upload(encoded, committee, registration, run.pending(),
                        held))
                .thenCompose(confirmations -> {
                    LOG.debug("{}: {} confirmations at {} ms", id, confirmations.size(), run.millis());
                    return metrics.timedStore("certify", () -> control.certify(id, registration.objectId(),
                            confirmations));
                })
                .handle((certified, error) -> {
                    if (error == null) {
                        LOG.debug("{}: certified at {} ms", id, run.millis());
                        return CompletableFuture.completedFuture(certified);
                    }
                    Throwable cause = unwrap(error);
                    if (triesLeft == 0 || !mayBeCommitteeChange(cause)) {
                        return CompletableFuture.<BlobRecord>failedFuture(cause);
                    }
                    return control.committee().thenCompose(fresh -> retryWith(encoded, committee, fresh, registration,
                            cause, triesLeft, run));
                })
                .thenCompose(Function.identity());
    }

    private CompletionStage<BlobRecord> retryWith(EncodedSlivers encoded, Committee used, Committee fresh,
                                                  Registration registration, Throwable cause, int triesLeft, StoreRun run) {
        boolean changed = !fresh.epoch().equals(used.epoch());
        // The gateway verified a quorum before certifying, so a Blob entity that counts too few confirmations judged
        // them by another committee than the gateway's: its member has not seen the epoch change yet (or has).
        boolean refused = cause instanceof StoreFailedException s && s.refusedAsNotOwner()
                || cause instanceof ControlPlaneException.NotEnoughConfirmations;
        if (!changed && !refused) {
            return CompletableFuture.failedFuture(cause);
        }
        LOG.info("{}: the upload to the committee of epoch {} failed ({}); uploading again to epoch {}'s",
                encoded.blobId(), used.epoch(), cause.getMessage(), fresh.epoch());
        // A node that refused in the same epoch has not seen the committee yet: members refresh it every second.
        Executor later = changed ? Runnable::run
                : CompletableFuture.delayedExecutor(COMMITTEE_REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        return CompletableFuture.supplyAsync(() -> null, later).thenCompose(ignored ->
                uploadAndCertify(encoded, fresh, registration, triesLeft - 1, run));
    }

    /** The failures an upload to a committee that stopped being current or previous ends with. */
    static boolean mayBeCommitteeChange(Throwable cause) {
        return cause instanceof StoreFailedException || cause instanceof ControlPlaneException.NotEnoughConfirmations;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
    }
}
