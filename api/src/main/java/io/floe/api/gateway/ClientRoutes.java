package io.floe.api.gateway;

import static io.floe.api.ApiPaths.API_SPEC;
import static io.floe.api.ApiPaths.BLOBS;
import static io.floe.api.ApiPaths.BYTE_RANGE;
import static io.floe.api.ApiPaths.CHUNKS;
import static io.floe.api.ApiPaths.DASHBOARD;
import static io.floe.api.ApiPaths.QUERY_LENGTH;
import static io.floe.api.ApiPaths.QUERY_START;
import static io.floe.api.ApiPaths.QUILTS;
import static io.floe.api.ApiPaths.STATUS;
import static io.floe.api.ApiPaths.V1;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.control.ControlPlane;
import io.floe.api.control.ControlPlaneException;
import io.floe.api.dashboard.Dashboard;
import io.floe.api.http.Cors;
import io.floe.api.json.ApiErrors;
import io.floe.api.json.ApiException;
import io.floe.api.json.ErrorReasons;
import io.floe.api.json.Json;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.InconsistentBlobException;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ResponseEntity;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.ContentRange;
import org.apache.pekko.http.javadsl.model.headers.RangeUnits;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The publisher and aggregator API (DESIGN.md §8): {@code PUT /v1/blobs}, {@code GET /v1/blobs/{id}} with
 * {@code Range}, {@code /byte-range}, {@code /v1/blobs/{id}/status}, {@code /v1/blobs/{id}/chunks},
 * {@code GET /status}, {@code GET /v1/api}, and
 * Floe's staking extension under {@code /v1/staking} ({@link StakingRoutes}), and the live dashboard
 * ({@code /dashboard}, {@link Dashboard}).
 * Every failure answers {@code {"error":{...}}}. Blob bytes are streamed ({@link BlobContents}): an error found
 * before the first byte is an error answer; one after the headers went out cuts the body short.
 */
public final class ClientRoutes extends AllDirectives {
    /** Error code of a read of a blob marked invalid (or found inconsistent while decoding). */
    public static final String BLOB_INVALID = "BLOB_INVALID";
    /** Error code of a read refused because the reads in progress hold the whole read budget (retry soon). */
    public static final String AGGREGATOR_BUSY = "AGGREGATOR_BUSY";
    private final ControlPlane control;
    private final BlobReader reader;
    private final BlobContents contents;
    /** The largest quilt blob this gateway builds ({@code max-body-size}): a quilt read loads its blob whole. */
    private final long maxQuiltBytes;
    private final Materializer materializer;
    private final BlobUploads uploads;
    private final BlobListRoute blobList;
    private final StakingRoutes staking;
    private final Predicate<NodeId> nodeUp;
    private final AccountRoutes accounts;
    private final ObjectRoutes objects;
    private final QuiltRoutes quilts;
    private final QuiltUploads quiltUploads;
    private final ApiDocs apiDocs = new ApiDocs();
    private final Dashboard dashboard;
    /** Readable blobs seen lately, with the epoch their last certified registration ends (see {@link #certified}). */
    private final Map<BlobId, Certified> recentlyCertified = new ConcurrentHashMap<>();
    private static final int CERTIFIED_CACHE_ENTRIES = 100_000;
    private static final long CERTIFIED_CACHE_NANOS = TimeUnit.SECONDS.toNanos(30);

    public ClientRoutes(ActorSystem<?> system, ControlPlane control, BlobWriter writer, BlobReader reader,
                        UploadSettings settings, Predicate<NodeId> nodeUp, Executor codecThreads) {
        this(system, control, writer, reader, settings, nodeUp, codecThreads,
                BlobListings.unavailable("this gateway has no read-side"), "");
    }

    /** With the read-side behind {@code GET /v1/blobs}; listings default to {@code owner}, the gateway's account. */
    public ClientRoutes(ActorSystem<?> system, ControlPlane control, BlobWriter writer, BlobReader reader,
                        UploadSettings settings, Predicate<NodeId> nodeUp, Executor codecThreads,
                        BlobListings listings, String owner) {
        this(system, control, writer, reader, settings, nodeUp, codecThreads, listings, owner,
                GatewaySettings.DEFAULT_ALLOWED_HEADERS);
    }

    /** As above, serving the blob attributes named in {@code allowedHeaders} as headers of by-object-ID reads. */
    public ClientRoutes(ActorSystem<?> system, ControlPlane control, BlobWriter writer, BlobReader reader,
                        UploadSettings settings, Predicate<NodeId> nodeUp, Executor codecThreads,
                        BlobListings listings, String owner, Set<String> allowedHeaders) {
        this(system, control, writer, reader, settings, nodeUp, codecThreads, listings, owner, allowedHeaders,
                Dashboard.basic(system, control, nodeUp));
    }

    /** As above, with the live dashboard at {@code /dashboard} (the gateway role's sees the cluster and node health). */
    public ClientRoutes(ActorSystem<?> system, ControlPlane control, BlobWriter writer, BlobReader reader,
                        UploadSettings settings, Predicate<NodeId> nodeUp, Executor codecThreads,
                        BlobListings listings, String owner, Set<String> allowedHeaders, Dashboard dashboard) {
        this.dashboard = dashboard;
        this.accounts = new AccountRoutes(system, control, recentlyCertified::remove);
        this.objects = new ObjectRoutes(control, listings, allowedHeaders, this::readResponse, this::certified);
        this.control = control;
        this.reader = reader;
        this.materializer = Materializer.matFromSystem(system);
        this.contents = new BlobContents(reader, this::certified, materializer);
        this.maxQuiltBytes = settings.maxBodySize();
        this.uploads = new BlobUploads(system, writer, settings, codecThreads);
        writer.whenCertified((metadata, outcome) -> {
            reader.remember(metadata);
            rememberCertified(outcome.blobId(), outcome.registration().endEpoch());
        });
        this.quilts = new QuiltRoutes(this::quiltBytes, objects::withAttributes, this::certified);
        this.quiltUploads = new QuiltUploads(system, control, writer, uploads, settings, codecThreads);
        this.blobList = new BlobListRoute(listings, owner);
        this.staking = new StakingRoutes(control);
        this.nodeUp = nodeUp;
    }

    public Route createRoute() {
        return Cors.gateway(() -> ApiErrors.handled(() -> concat(
                pathPrefix(V1, () -> concat(
                        path(BLOBS, () -> concat(put(uploads::route), get(blobList::route))),
                        pathPrefix(BLOBS, objects::byObjectId),
                        pathPrefix(BLOBS, quilts::patchReads),
                        path(QUILTS, () -> put(quiltUploads::route)),
                        quilts.listing(),
                        pathPrefix(BLOBS, () -> pathPrefix(PathMatchers.segment(), id -> concat(
                                pathEnd(() -> BlobServing.serve(id, () -> readable(id), () -> extractMethod(method ->
                                        optionalHeaderValueByName("Range", range -> read(id, range, method))))),
                                path(BYTE_RANGE, () -> BlobServing.readMethods(() -> extractMethod(method ->
                                        parameter(QUERY_START, start -> parameter(QUERY_LENGTH, length ->
                                                byteRange(id, start, length, isHead(method))))))),
                                path(STATUS, () -> get(() -> blobStatus(id))),
                                path(CHUNKS, () -> get(() -> chunks(id)))))),
                        staking.route(),
                        accounts.route(),
                        objects.objects(),
                        path(API_SPEC, apiDocs::route),
                        path(DASHBOARD, dashboard::state))),
                path(DASHBOARD, dashboard::page),
                path(STATUS, () -> get(this::status)))));
    }

    /** Walrus's ETag of a {@code /byte-range} answer: the blob ID and the query ({@code <id>-<start>-<length>}). */
    static String byteRangeTag(BlobId id, long start, long length) {
        return id + "-" + start + "-" + length;
    }

    /** Completes when the blob is readable now (no bytes read): what a 304 waits for. */
    private CompletionStage<EpochCommittees> readable(String idText) {
        return calling(() -> certified(BlobId.parse(idText)));
    }

    private Route read(String idText, Optional<String> rangeHeader, HttpMethod method) {
        return completeWithFuture(readResponse(BlobId.parse(idText), rangeHeader, isHead(method)));
    }

    static boolean isHead(HttpMethod method) {
        return method.equals(HttpMethods.HEAD);
    }

    /**
     * The blob's bytes (all, or the {@code Range}), or the error answer; a malformed Range is refused first. A
     * {@code HEAD} answers the same headers from the metadata (or manifest) alone: no sliver is fetched.
     */
    private CompletionStage<HttpResponse> readResponse(BlobId id, Optional<String> rangeHeader, boolean head) {
        ByteRange.checkHeader(rangeHeader);
        CompletionStage<HttpResponse> answer = opened(id)
                .thenCompose(content -> {
                    long total = content.length();
                    Optional<ByteRange> range = ByteRange.fromHeader(rangeHeader, total);
                    if (range.isEmpty()) {
                        return entity(content, 0, total, head).thenApply(ClientRoutes::octets);
                    }
                    return entity(content, range.get().start(), range.get().length(), head)
                            .thenApply(entity -> partial(entity, range.get(), total));
                });
        return explained(id, answer);
    }

    /**
     * The range's bytes as an answer's entity: at once (strict) for a small blob, else as {@link #body} streams them;
     * an empty body with the range's length for a {@code HEAD}.
     */
    private CompletionStage<ResponseEntity> entity(BlobContents.Content content, long start, long length,
                                                   boolean head) {
        Optional<CompletableFuture<ByteString>> strict = head ? Optional.empty() : content.strictRange(start, length);
        if (strict.isPresent()) {
            return strict.get().thenApply(bytes -> HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, bytes));
        }
        return body(content, start, length, head).thenApply(body -> entity(body, length));
    }

    /**
     * The range's bytes with the first already fetched, so a read that fails before any byte (no node serves the
     * first slivers, the read budget is spent) gets an error answer instead of a cut body; the rest runs as the
     * client takes it. Nothing for a {@code HEAD}, whose answer declares the length but sends no body.
     */
    private CompletionStage<Source<ByteString, NotUsed>> body(BlobContents.Content content, long start, long length,
                                                              boolean head) {
        if (head) {
            return CompletableFuture.completedFuture(Source.empty());
        }
        return content.range(start, length).prefixAndTail(1).runWith(Sink.head(), materializer)
                .thenApply(split -> Source.from(split.first()).concat(split.second()));
    }

    /**
     * What a readable blob serves: its certification is checked ({@link #certified}) while the first node is asked for
     * its metadata, so the two round trips overlap; the answer fails as the check does first, and no other node nor
     * any sliver is asked before the check passes.
     */
    private CompletionStage<BlobContents.Content> opened(BlobId id) {
        return control.epochs().thenCompose(epochs -> contents.open(epochs, id, certified(id)));
    }

    /** {@code GET /v1/blobs/{id}/chunks}: how a readable blob is chunked (or that it is not). */
    private Route chunks(String idText) {
        BlobId id = BlobId.parse(idText);
        return completeWithFuture(explained(id, opened(id)
                .thenApply(content -> json(BlobContents.chunksJson(id, content)))));
    }

    /**
     * A certified blob's whole bytes and the shard count they were encoded for, for the quilt reads: only a blob no
     * larger than the quilts this gateway builds is read (it is decoded whole), under the read budget.
     */
    private CompletionStage<QuiltRoutes.Stored> quiltBytes(BlobId id) {
        return certified(id).thenCompose(epochs -> reader.metadataOfRead(epochs, id).thenCompose(metadata -> {
            long length = metadata.metadata().unencodedLength();
            if (length > maxQuiltBytes) {
                throw ApiException.badRequest(QuiltRoutes.NOT_A_QUILT, "blob " + id + " is " + length + " bytes, "
                        + "larger than any quilt this gateway builds or reads (floe.gateway.max-body-size, "
                        + maxQuiltBytes + " bytes)");
            }
            return reader.budget().whole(BlobReader.wholeHold(metadata), () -> reader.read(epochs, metadata));
        }).thenApply(bytes -> new QuiltRoutes.Stored(bytes, epochs.current().nShards())));
    }

    /**
     * The parameters are checked before anything else, a 304 included: a malformed query is refused whatever
     * {@code If-None-Match} says, and the ETag is built from the parsed numbers.
     */
    private Route byteRange(String idText, String startText, String lengthText, boolean head) {
        BlobId id = BlobId.parse(idText);
        long start = number("start", startText);
        long length = number("length", lengthText);
        ByteRange.checkParameters(start, length);
        return BlobServing.serve(byteRangeTag(id, start, length), () -> readable(idText),
                () -> completeWithFuture(explained(id, opened(id)
                        .thenCompose(content -> {
                            ByteRange range = ByteRange.fromParameters(start, length, content.length());
                            return entity(content, range.start(), range.length(), head)
                                    .thenApply(ClientRoutes::octets);
                        }))));
    }

    /**
     * A failed read of a blob whose certification was cached may be one marked invalid since (its nodes refuse it):
     * the record is asked again, so the answer says so instead of "not enough slivers".
     */
    private CompletionStage<HttpResponse> explained(BlobId id, CompletionStage<HttpResponse> answer) {
        return answer.handle((response, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(response);
            }
            if (recentlyCertified.remove(id) == null || ApiErrors.unwrap(error) instanceof ApiException) {
                return CompletableFuture.completedFuture(blobReadFailure(error));
            }
            // Marked invalid, deleted or expired since it was cached: its nodes may have dropped it already.
            return control.blob(id).thenCombine(control.epochs(), (record, epochs) -> {
                try {
                    requireReadable(record, epochs);
                    return blobReadFailure(error);
                } catch (ApiException notReadable) {
                    return ApiErrors.response(notReadable);
                }
            }).exceptionally(recheck -> blobReadFailure(error));
        }).thenCompose(Function.identity());
    }

    /** 404 with code {@value #BLOB_INVALID}: the blob's bytes are never served, whatever nodes still hold. */
    static ApiException invalidBlob(BlobId id) {
        return ApiException.notFound(BLOB_INVALID, "invalid blob: " + id + " was marked invalid by the storage nodes "
                + "(its writer encoded it inconsistently); it cannot be read");
    }

    /** A cached answer: readable until the epoch {@code end}, asked again after {@code untilNanos}. */
    private record Certified(long untilNanos, Epoch end) {
    }

    /**
     * The committees to read from (each shard from whichever holds it during a change), once the blob is known to be
     * readable in the current epoch (certified, a certified registration not expired); 404 otherwise. Readable IDs are
     * remembered for a while with the epoch their registrations end, so their reads skip the Blob entity until then;
     * a deletion through this gateway forgets the ID, and a read that fails asks again ({@link #explained}).
     */
    /**
     * A blob a store of this gateway just found or made certified is readable until {@code end}, as an entity's answer
     * would have said: its first reads need not ask the entity.
     */
    private void rememberCertified(BlobId id, Epoch end) {
        if (recentlyCertified.size() >= CERTIFIED_CACHE_ENTRIES) {
            recentlyCertified.clear();
        }
        recentlyCertified.put(id, new Certified(System.nanoTime() + CERTIFIED_CACHE_NANOS, end));
    }

    private CompletionStage<EpochCommittees> certified(BlobId id) {
        Certified cached = recentlyCertified.get(id);
        if (cached != null && cached.untilNanos() - System.nanoTime() > 0) {
            return control.epochs().thenCompose(epochs -> epochs.epoch().compareTo(cached.end()) < 0
                    ? CompletableFuture.completedFuture(epochs) : askEntity(id));
        }
        return askEntity(id);
    }

    private CompletionStage<EpochCommittees> askEntity(BlobId id) {
        recentlyCertified.remove(id);
        return control.blob(id).thenCombine(control.epochs(), (record, epochs) -> {
            rememberCertified(id, requireReadable(record, epochs));
            return epochs;
        });
    }

    /**
     * The epoch the blob stops being readable, when it is readable now; otherwise the 404 Walrus's aggregator answers,
     * saying why: invalid, never stored or deleted, expired, or not certified yet.
     */
    static Epoch requireReadable(BlobRecord record, EpochCommittees epochs) {
        BlobId id = record.blobId();
        Epoch now = epochs.epoch();
        if (record.invalid()) {
            throw invalidBlob(id);
        }
        if (!record.exists()) {
            throw ApiException.notFound(ErrorReasons.BLOB_NOT_FOUND, "blob " + id + " is not stored on this network (never "
                    + "stored, or every registration of it was deleted)");
        }
        Optional<Epoch> end = record.registrations().stream()
                .filter(r -> r.certified() && r.activeIn(now)).map(r -> r.endEpoch())
                .max(Comparator.naturalOrder());
        if (end.isPresent()) {
            return end.get();
        }
        if (record.certified() || record.expiredIn(now)) {
            throw ApiException.notFound(ErrorReasons.BLOB_NOT_FOUND, "blob " + id + " expired: its registrations ended with epoch "
                    + (record.keptUntil().map(e -> e.value()).orElse(now.value()) - 1) + ", this is epoch " + now.value());
        }
        // Walrus's aggregator: a blob ID not certified "does not exist" (walrus-sdk ClientErrorKind::BlobIdDoesNotExist).
        throw ApiException.notFound(ErrorReasons.BLOB_NOT_FOUND, "blob " + id
                + " is registered but not certified yet (its upload did not finish)");
    }

    private Route blobStatus(String idText) {
        BlobId id = BlobId.parse(idText);
        CompletionStage<HttpResponse> answer = control.blob(id)
                .thenApply((BlobRecord record) -> json(ClientJson.blobStatus(record)));
        return completeWithFuture(answer.exceptionally(ApiErrors::fromThrowable));
    }

    private Route status() {
        CompletionStage<HttpResponse> answer = control.epochs().thenCombine(control.ledgerInfo(),
                (epochs, ledger) -> json(ClientJson.status(epochs, ledger, nodeUp)));
        return completeWithFuture(answer.exceptionally(ApiErrors::fromThrowable));
    }

    private static long number(String name, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("INVALID_PARAMETER", name + " must be an integer: " + text);
        }
    }

    /**
     * A read that failed: too few nodes answer Walrus's 503 {@value ErrorReasons#BLOB_UNAVAILABLE} (retry with
     * backoff), an inconsistent encoding 404, others as usual.
     */
    static HttpResponse readFailure(Throwable error) {
        Throwable cause = ApiErrors.unwrap(error);
        if (cause instanceof NotEnoughSliversAvailableException || cause instanceof BlobNotFoundException) {
            return blobUnavailable(cause.getMessage());
        }
        if (cause instanceof ReadsBusyException) {
            return ApiErrors.response(new ApiException(503, AGGREGATOR_BUSY, cause.getMessage()));
        }
        if (cause instanceof InconsistentBlobException) {
            return ApiErrors.response(ApiException.notFound(BLOB_INVALID, "blob was encoded inconsistently by its "
                    + "writer and cannot be read: " + cause.getMessage()));
        }
        return ApiErrors.fromThrowable(error);
    }

    /**
     * A read of a blob's bytes that failed: as {@link #readFailure}, and a blob whose state the control plane cannot
     * tell now is unavailable too (Walrus's aggregator answers so when no valid blob status arrives).
     */
    private static HttpResponse blobReadFailure(Throwable error) {
        Throwable cause = ApiErrors.unwrap(error);
        return cause instanceof ControlPlaneException.Unavailable
                ? blobUnavailable("the state of the blob cannot be learnt right now: " + cause.getMessage())
                : readFailure(error);
    }

    private static HttpResponse blobUnavailable(String message) {
        return ApiErrors.response(new ApiException(503, ErrorReasons.BLOB_UNAVAILABLE, message));
    }

    /** The stage {@code call} answers; a call that throws (bad parameters, mostly) answers a failed stage instead. */
    static <T> CompletionStage<T> calling(Supplier<? extends CompletionStage<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    static HttpResponse json(JsonNode body) {
        return HttpResponse.create().withEntity(Json.entity(body));
    }

    /** Blob bytes (streamed or strict, with their Content-Length). */
    private static HttpResponse octets(ResponseEntity entity) {
        return HttpResponse.create().withEntity(entity);
    }

    private static HttpResponse partial(ResponseEntity entity, ByteRange range, long total) {
        HttpHeader contentRange = ContentRange.create(
                RangeUnits.BYTES,
                org.apache.pekko.http.javadsl.model.ContentRange.create(range.start(), range.endInclusive(), total));
        return HttpResponse.create().withStatus(StatusCodes.PARTIAL_CONTENT).addHeader(contentRange)
                .withEntity(entity);
    }

    private static ResponseEntity entity(Source<ByteString, NotUsed> body, long length) {
        return length == 0 ? HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, new byte[0])
                : HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, length, body);
    }
}
