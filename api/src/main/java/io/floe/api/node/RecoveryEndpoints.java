package io.floe.api.node;

import io.floe.api.ApiPaths;
import io.floe.api.json.ApiException;
import io.floe.encoding.EncodingException;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.redstuff.RecoverySymbol;
import io.floe.encoding.redstuff.Sliver;
import io.floe.encoding.redstuff.SliverRebuilder;
import io.floe.protocol.committee.EpochCommittees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/blobs/{id}/recoverySymbols?targetSliver=&targetType=[&sourceSlivers=0,5,9][&proofs=false]}
 * (DESIGN.md §6): for one target sliver, one symbol from every sliver of the other type this node holds (or from the
 * listed ones only), with a Merkle proof each, or without proofs as bare decoding symbols. Bodies are
 * {@link RecoverySymbolList}'s. Floe's batched form names several targets ({@code targetSliver=3,7,9}): each source
 * sliver is expanded once for all of them, and the answer holds every target's symbols (at most
 * {@value #MAX_ANSWER_BYTES} bytes of symbols from the source slivers held here, else 400: ask for fewer targets).
 *
 * <p>Symbols come only from slivers in the node's store, which holds nothing it did not verify; a proven symbol is
 * checked against the metadata before it leaves, so a sliver that rotted on disk is left out instead of served.
 * Expanding slivers is CPU work: at most {@link NodeBackend#recoverySymbolRequests()} requests compute at once, and
 * one more is refused at once with 503 {@value #RECOVERY_BUSY} (the caller asks another node or retries), never queued.
 */
final class RecoveryEndpoints {
    static final String RECOVERY_BUSY = "RECOVERY_BUSY";
    static final String INVALID_RECOVERY_QUERY = "INVALID_RECOVERY_QUERY";
    static final String SYMBOLS_NOT_FOUND = "SYMBOLS_NOT_FOUND";
    /** Bound of one answer's symbol bytes (targets x held sources x symbol size), so a batched answer stays bounded. */
    static final long MAX_ANSWER_BYTES = 64L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryEndpoints.class);

    /** A parsed request: one target sliver or more; {@code sources} empty means every source sliver held here. */
    record SymbolQuery(SliverType targetType, List<SliverIndex> targets, Optional<Set<SliverIndex>> sources,
                       boolean proofs) {
        SymbolQuery {
            targets = List.copyOf(targets);
        }

        SliverIndex[] targetArray() {
            return targets.toArray(SliverIndex[]::new);
        }
    }

    private final NodeBackend backend;
    private final Executor blocking;
    private final int limit;
    private final Semaphore permits;
    private final long maxAnswerBytes;

    RecoveryEndpoints(NodeBackend backend, Executor blocking) {
        this.backend = backend;
        this.blocking = blocking;
        this.limit = backend.recoverySymbolRequests();
        if (limit < 1) {
            throw new IllegalArgumentException("at least one recovery-symbol request must be allowed, got " + limit);
        }
        this.permits = new Semaphore(limit);
        this.maxAnswerBytes = backend.recoveryAnswerBytes();
    }

    CompletionStage<HttpResponse> symbols(BlobId blobId, Map<String, String> params) {
        SymbolQuery query = parse(params);
        if (!permits.tryAcquire()) {
            throw new ApiException(503, RECOVERY_BUSY, "this node is computing " + limit
                    + " recovery-symbol requests already; ask another node or retry shortly");
        }
        CompletableFuture<HttpResponse> answer;
        try {
            answer = CompletableFuture.supplyAsync(() -> answer(blobId, query), blocking);
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
        return answer.whenComplete((response, failure) -> permits.release());
    }

    private HttpResponse answer(BlobId blobId, SymbolQuery query) {
        // Symbols of a blob marked invalid would help rebuild slivers every node is dropping.
        InconsistencyEndpoint.refuseIfInvalid(backend, blobId);
        VerifiedMetadata metadata = backend.metadata(blobId).orElseThrow(() -> ApiException.notFound(
                MetadataEndpoints.METADATA_NOT_FOUND, "no metadata of blob " + blobId + " on this node"));
        int n = metadata.metadata().nShards();
        query.targets().forEach(t -> checkBelow(t, n));
        query.sources().ifPresent(sources -> sources.forEach(s -> checkBelow(s, n)));
        List<Sliver> sources = heldSources(blobId, query, n);
        // Bounded by what this node holds, not by the asked slivers: a client omitting sourceSlivers sized its batch
        // by the symbols one target needs, far fewer than n.
        long answerBytes = (long) query.targets().size() * sources.size()
                * new EncodingConfig(n).symbolSize(metadata.metadata().unencodedLength());
        if (answerBytes > maxAnswerBytes) {
            throw ApiException.badRequest(INVALID_RECOVERY_QUERY, "the answer would hold " + answerBytes
                    + " symbol bytes, more than " + maxAnswerBytes + "; ask for fewer target or source slivers");
        }
        byte[] body = query.proofs() ? proven(metadata, query, sources) : unproven(metadata, query, sources);
        LOG.debug("served {} symbols for {} slivers {} of blob {} from {} slivers", query.proofs() ? "proven" : "decoding",
                query.targetType().pathName(), query.targets(), blobId, sources.size());
        return HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, body));
    }

    /**
     * The stored slivers of the target's orthogonal type among the asked ones, on shards readable here (held in the
     * current or previous committee, or running here). When none of the asked slivers' shards is, the answer is
     * Walrus's "shard not assigned" for the first of them.
     */
    private List<Sliver> heldSources(BlobId blobId, SymbolQuery query, int n) {
        SliverType sourceType = query.targetType().orthogonal();
        int rotation = blobId.rotation(n);
        EpochCommittees epochs = backend.epochs();
        Iterable<SliverIndex> candidates = query.sources()
                .orElseGet(() -> new LinkedHashSet<>(IntStream.range(0, n).mapToObj(SliverIndex::new).toList()));
        List<Sliver> held = new ArrayList<>();
        SliverPairIndex firstRefused = null;
        boolean anyReadable = false;
        for (SliverIndex index : candidates) {
            SliverPairIndex pair = SliverPairIndex.of(sourceType, index, n);
            if (ShardPlacement.isReadable(backend, epochs, pair.shard(rotation, n))) {
                anyReadable = true;
                read(blobId, sourceType, pair).ifPresent(held::add);
            } else if (firstRefused == null) {
                firstRefused = pair;
            }
        }
        if (!anyReadable && firstRefused != null) {
            throw ShardPlacement.notAssigned(backend, epochs, firstRefused.shard(rotation, n), firstRefused);
        }
        if (held.isEmpty()) {
            throw ApiException.notFound(SYMBOLS_NOT_FOUND, "this node holds none of the asked "
                    + sourceType.pathName() + " slivers of blob " + blobId);
        }
        return held;
    }

    private Optional<Sliver> read(BlobId blobId, SliverType type, SliverPairIndex pair) {
        try {
            return backend.sliver(blobId, type, pair);
        } catch (RuntimeException e) {
            // A sliver the store cannot read (corrupt on disk) is left out; the other slivers still help.
            LOG.warn("cannot read {} sliver of pair {} of blob {} for recovery: {}", type.pathName(), pair.value(),
                    blobId, e.getMessage());
            return Optional.empty();
        }
    }

    private byte[] proven(VerifiedMetadata metadata, SymbolQuery query, List<Sliver> sources) {
        SliverRebuilder rebuilder = new SliverRebuilder(metadata);
        List<RecoverySymbol> symbols = new ArrayList<>(sources.size());
        for (Sliver source : sources) {
            try {
                List<RecoverySymbol> fromSource = rebuilder.recoverySymbols(source, query.targetArray());
                if (fromSource.stream().allMatch(symbol -> symbol.verify(metadata))) {
                    symbols.addAll(fromSource);
                } else {
                    LOG.warn("stored {} no longer matches the metadata of blob {}: not served", source, metadata.blobId());
                }
            } catch (EncodingException e) {
                LOG.warn("stored {} of blob {} cannot be expanded: {}", source, metadata.blobId(), e.getMessage());
            }
        }
        return RecoverySymbolList.encodeProven(query.targetType(), symbols);
    }

    private byte[] unproven(VerifiedMetadata metadata, SymbolQuery query, List<Sliver> sources) {
        SliverRebuilder rebuilder = new SliverRebuilder(metadata);
        Map<SliverIndex, List<RecoverySymbolList.DecodingSymbol>> byTarget = new LinkedHashMap<>();
        query.targets().forEach(target -> byTarget.put(target, new ArrayList<>(sources.size())));
        SliverIndex[] targets = query.targetArray();
        for (Sliver source : sources) {
            try {
                byte[][] symbols = rebuilder.decodingSymbols(source, targets);
                for (int i = 0; i < targets.length; i++) {
                    byTarget.get(targets[i]).add(new RecoverySymbolList.DecodingSymbol(source.index(), symbols[i]));
                }
            } catch (EncodingException e) {
                LOG.warn("stored {} of blob {} cannot be expanded: {}", source, metadata.blobId(), e.getMessage());
            }
        }
        return RecoverySymbolList.encodeDecoding(query.targetType(), byTarget);
    }

    static SymbolQuery parse(Map<String, String> params) {
        String type = params.get(ApiPaths.QUERY_TARGET_TYPE);
        String target = params.get(ApiPaths.QUERY_TARGET_SLIVER);
        if (type == null || target == null) {
            throw ApiException.badRequest(INVALID_RECOVERY_QUERY, "name the target sliver with "
                    + ApiPaths.QUERY_TARGET_SLIVER + "=<index>&" + ApiPaths.QUERY_TARGET_TYPE + "=primary|secondary");
        }
        Optional<Set<SliverIndex>> sources = Optional.ofNullable(params.get(ApiPaths.QUERY_SOURCE_SLIVERS))
                .map(RecoveryEndpoints::parseSources);
        return new SymbolQuery(ShardPlacement.parseType(type), List.copyOf(parseList("target", target)), sources,
                parseProofs(params));
    }

    private static Set<SliverIndex> parseSources(String text) {
        return parseList("source", text);
    }

    private static Set<SliverIndex> parseList(String what, String text) {
        Set<SliverIndex> indices = new LinkedHashSet<>();
        for (String part : text.split(",", -1)) {
            if (!indices.add(parseIndex(part))) {
                throw ApiException.badRequest(INVALID_RECOVERY_QUERY, what + " sliver " + part + " is listed twice");
            }
        }
        return indices;
    }

    private static SliverIndex parseIndex(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(text) > SliverIndex.MAX) {
            throw ApiException.badRequest(INVALID_RECOVERY_QUERY, "a sliver index is a number below 65535, got '"
                    + text + "'");
        }
        return new SliverIndex(Integer.parseInt(text));
    }

    private static boolean parseProofs(Map<String, String> params) {
        String text = params.getOrDefault(ApiPaths.QUERY_PROOFS, "true");
        if (!text.equals("true") && !text.equals("false")) {
            throw ApiException.badRequest(INVALID_RECOVERY_QUERY, ApiPaths.QUERY_PROOFS + " is true or false, got '"
                    + text + "'");
        }
        return Boolean.parseBoolean(text);
    }

    private static void checkBelow(SliverIndex index, int n) {
        if (index.value() >= n) {
            throw ApiException.badRequest(INVALID_RECOVERY_QUERY, "sliver index " + index.value()
                    + " is not below the blob's shard count " + n);
        }
    }
}
