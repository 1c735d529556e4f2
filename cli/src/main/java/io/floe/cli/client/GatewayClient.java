package io.floe.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.ApiPaths;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.committee.NodeId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The publisher/aggregator HTTP API of a Floe (or Walrus) gateway, as the {@code floe} CLI uses it. Blobs stream
 * between the wire and a file or stream and are never held in memory whole. Every call is bounded: connecting by
 * {@link #CONNECT_TIMEOUT}, the whole call (upload, answer, download) by the client's timeout.
 *
 * <p>Failures on the gateway's side are {@link GatewayException}s; failures of the local file or output stream are
 * {@link IOException}s. It logs nothing: under the CLI, a logger's default console output could land in the blob
 * that {@code floe read} writes to stdout.
 */
public final class GatewayClient {
    /** Where {@code floe local} and Walrus's publisher listen by default. */
    public static final URI DEFAULT_GATEWAY = URI.create("http://127.0.0.1:31415");
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** Floe's listing of expired (and burned) blobs too: {@code GET /v1/blobs?include_expired=true}. */
    public static final String QUERY_INCLUDE_EXPIRED = "include_expired";

    private static final int CHUNK = 64 * 1024;
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final String JSON = "application/json";

    private final URI gateway;
    private final String base;
    private final Duration timeout;
    private final HttpClient http;
    private final GatewayJson json;

    /** A client of the gateway at {@code gateway} (see {@link #parseGateway}); calls end within {@code timeout}. */
    public GatewayClient(URI gateway, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.gateway = checkGateway(gateway);
        String text = gateway.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.timeout = timeout;
        // HTTP/1.1 only: an h2c upgrade attempt on plain http buys nothing for one request and confuses some servers.
        this.http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
        this.json = new GatewayJson(this.gateway);
    }

    /** Parses a gateway URL: http or https, a host, an optional port and path prefix, no query or fragment. */
    public static URI parseGateway(String text) {
        try {
            return checkGateway(new URI(text.trim()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an http:// or https:// URL: " + text);
        }
    }

    private static URI checkGateway(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("not an http:// or https:// URL: " + uri);
        }
        if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a gateway URL has a host and no query or fragment: " + uri);
        }
        return uri;
    }

    public URI gateway() {
        return gateway;
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Uploads {@code file} ({@code PUT /v1/blobs}) and returns the gateway's answer. {@code progress} hears about
     * the bytes as the HTTP client sends them; the gateway then still encodes and certifies before it answers.
     *
     * @throws IOException the file cannot be opened or read
     */
    public StoreResult store(Path file, StoreQuery options, ProgressListener progress) throws IOException {
        return store(file, options, Optional.empty(), progress);
    }

    /**
     * Uploads {@code file} as {@link #store(Path, StoreQuery, ProgressListener)} does; with {@code authorization}
     * (a signed {@code register_blob} of this file) the signer pays and owns the blob, not the gateway's account.
     *
     * @throws IOException the file cannot be opened or read
     */
    public StoreResult store(Path file, StoreQuery options, Optional<SignedRequest> authorization,
                             ProgressListener progress) throws IOException {
        return store(HttpRequest.BodyPublishers.ofFile(file), options, authorization, progress);
    }

    /**
     * Uploads bytes {@code [offset, offset + length)} of {@code file} as one blob (a chunk of a file too large for
     * one), read from disk as they are sent; otherwise as {@link #store(Path, StoreQuery, Optional,
     * ProgressListener)}, with {@code progress} counting from 0 to {@code length}.
     *
     * @throws IOException the file cannot be opened or read, or ends before the region does
     */
    public StoreResult store(Path file, long offset, long length, StoreQuery options,
                             Optional<SignedRequest> authorization, ProgressListener progress) throws IOException {
        return store(FileRegion.body(file, offset, length), options, authorization, progress);
    }

    /** Uploads {@code blob}, a small blob built in memory (a chunk manifest), as a store of a file would. */
    public StoreResult store(byte[] blob, StoreQuery options, Optional<SignedRequest> authorization) {
        try {
            return store(HttpRequest.BodyPublishers.ofByteArray(blob), options, authorization, ProgressListener.NONE);
        } catch (IOException e) {
            throw new IllegalStateException("an in-memory body cannot fail to be read", e);
        }
    }

    private StoreResult store(HttpRequest.BodyPublisher source, StoreQuery options,
                              Optional<SignedRequest> authorization, ProgressListener progress) throws IOException {
        long deadline = deadline();
        CountingBodyPublisher body = new CountingBodyPublisher(source, progress);
        HttpRequest.Builder builder = request(ApiPaths.CLIENT_STORE + "?" + options.query(), JSON)
            .header("Content-Type", OCTET_STREAM);
        authorization.ifPresent(signed -> builder.header(SignedEnvelope.HEADER, SignedEnvelope.header(signed)));
        HttpRequest request = builder.PUT(body).build();
        HttpResponse<String> response;
        try {
            response = send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), deadline);
        } catch (GatewayException e) {
            IOException local = body.sourceFailure();
            if (local != null) {
                throw local;
            }
            throw e;
        }
        return json.storeResult(answer(response));
    }

    /**
     * Streams blob {@code id} ({@code GET /v1/blobs/{id}}) into {@code sink} and returns the number of bytes. When
     * this throws, {@code sink} may hold a prefix of the blob: the caller discards it. The timeout bounds the wait
     * for the answer's headers and each silence of the body after them, so a blob of any size can be read as long
     * as its bytes keep coming.
     *
     * @throws IOException writing to {@code sink} failed
     */
    public long read(BlobId id, OutputStream sink, ProgressListener progress) throws IOException {
        long deadline = deadline();
        HttpRequest request = request(ApiPaths.blob(id), OCTET_STREAM + ", " + JSON).GET().build();
        HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream(), deadline);
        // The timeout bounds the wait for the answer and every silence in the body, not the whole download.
        try (InputStream body = response.body(); Watchdog watchdog = Watchdog.idle(body, timeout)) {
            if (response.statusCode() != 200) {
                throw json.error(response.statusCode(), errorBody(body, watchdog));
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            progress.transferred(0, total);
            return copy(body, sink, total, progress, watchdog);
        }
    }

    /** The blob's status and registrations ({@code GET /v1/blobs/{id}/status}). */
    public BlobStatusReport blobStatus(BlobId id) {
        HttpRequest request = request(ApiPaths.blobStatus(id), JSON).GET().build();
        return json.blobStatus(answer(send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8),
            deadline())));
    }

    /**
     * How blob {@code id} is chunked ({@code GET /v1/blobs/{id}/chunks}, a Floe extension); empty when the gateway
     * answers 404, as one older than the route does (and as any does for a blob it cannot read).
     */
    public Optional<BlobChunks> chunks(BlobId id) {
        HttpRequest request = request(ApiPaths.chunks(id), JSON).GET().build();
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8),
            deadline());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(BlobChunks.from(answer(response), json));
    }

    /**
     * One page of the blob listing ({@code GET /v1/blobs}): {@code owner}'s blobs (the gateway's own account when
     * empty) or, with {@code all}, every blob; at most {@code limit}, after {@code cursor} (a previous page's).
     */
    public BlobListPage listBlobs(java.util.Optional<String> owner, boolean all, int limit,
                                 java.util.Optional<String> cursor) {
        return listBlobs(owner, all, false, limit, cursor);
    }

    /** One page as {@link #listBlobs(Optional, boolean, int, Optional)}; with {@code includeExpired} expired too. */
    public BlobListPage listBlobs(Optional<String> owner, boolean all, boolean includeExpired, int limit,
                                 Optional<String> cursor) {
        StringBuilder query = new StringBuilder(ApiPaths.CLIENT_LIST_BLOBS).append('?')
            .append(ApiPaths.QUERY_LIMIT).append('=').append(limit);
        if (includeExpired) {
            query.append('&').append(QUERY_INCLUDE_EXPIRED).append("=true");
        }
        owner.ifPresent(o -> query.append('&').append(ApiPaths.QUERY_OWNER).append('=').append(encode(o)));
        if (all) {
            query.append('&').append(ApiPaths.QUERY_ALL).append("=true");
        }
        cursor.ifPresent(c -> query.append('&').append(ApiPaths.QUERY_CURSOR).append('=').append(encode(c)));
        HttpRequest request = request(query.toString(), JSON).GET().build();
        return new BlobListJson(json).listing(answer(send(request,
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), deadline())));
    }

    static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The epoch, shard count, committee and prices ({@code GET /status}). */
    public GatewayInfo info() {
        HttpRequest request = request(ApiPaths.CLIENT_STATUS, JSON).GET().build();
        return json.info(answer(send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8),
            deadline())));
    }

    /** Stakes {@code amount} FROST of the gateway's account with {@code node} ({@code POST /v1/staking/stake}). */
    public StakeResult stake(NodeId node, long amount) {
        return staking(ApiPaths.STAKE, node, "&" + ApiPaths.QUERY_AMOUNT + "=" + amount);
    }

    /** Requests the withdrawal of the gateway's stakes with {@code node} ({@code POST /v1/staking/request-withdraw}). */
    public StakeResult requestWithdrawStake(NodeId node) {
        return staking(ApiPaths.REQUEST_WITHDRAW, node, "");
    }

    /** Returns the gateway's stakes with {@code node} whose withdrawal is due ({@code POST /v1/staking/withdraw}). */
    public StakeResult withdrawStake(NodeId node) {
        return staking(ApiPaths.WITHDRAW, node, "");
    }

    private StakeResult staking(String operation, NodeId node, String moreQuery) {
        String path = "/" + ApiPaths.V1 + "/" + ApiPaths.STAKING + "/" + operation + "?" + ApiPaths.QUERY_NODE + "="
            + encode(node.value()) + moreQuery;
        HttpRequest request = request(path, JSON).POST(HttpRequest.BodyPublishers.noBody()).build();
        return json.stakeResult(answer(send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8),
            deadline())));
    }

    GatewayJson json() {
        return json;
    }

    /** Sends {@code request} and answers its 2xx JSON body; an error status becomes the error it carries. */
    JsonNode call(HttpRequest request) {
        return answer(send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), deadline()));
    }

    HttpRequest.Builder request(String pathAndQuery, String accept) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .timeout(timeout)
            .header("Accept", accept)
            .header("User-Agent", "floe-cli");
    }

    long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    /** Sends and waits for the response (for String bodies: the whole body) until the deadline. */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, long deadline) {
        CompletableFuture<HttpResponse<T>> future = http.sendAsync(request, handler);
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new GatewayException.TimedOut(gateway, timeout);
        } catch (ExecutionException e) {
            throw translate(e.getCause() != null ? e.getCause() : e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new GatewayException.ConnectionLost(gateway, "interrupted", e);
        }
    }

    /** The JDK client's failure as the gateway failure it means. */
    private GatewayException translate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException
                    || t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return new GatewayException.Unreachable(gateway, failure);
            }
            if (t instanceof HttpTimeoutException) {
                return new GatewayException.TimedOut(gateway, timeout);
            }
        }
        String detail = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
        return new GatewayException.ConnectionLost(gateway, detail, failure);
    }

    /** The JSON body of a 2xx answer; an HTTP error status becomes the error it carries. */
    JsonNode answer(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw json.error(status, response.body());
        }
        return json.parse(response.body());
    }

    private String errorBody(InputStream body, Watchdog watchdog) {
        try {
            return new String(body.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
        } catch (IOException e) {
            if (watchdog.fired()) {
                throw new GatewayException.TimedOut(gateway, timeout);
            }
            return "";
        }
    }

    // Reads from the gateway and writes to the sink are told apart: only the first are the gateway's failures.
    private long copy(InputStream body, OutputStream sink, long total, ProgressListener progress, Watchdog watchdog)
            throws IOException {
        byte[] buffer = new byte[CHUNK];
        long done = 0;
        while (true) {
            int n;
            try {
                n = body.read(buffer);
            } catch (IOException e) {
                throw lost(done, total, e, watchdog);
            }
            if (n < 0) {
                break;
            }
            watchdog.touch();
            sink.write(buffer, 0, n);
            // A slow sink (a pipe to a slow reader) is not the gateway's silence.
            watchdog.touch();
            done += n;
            progress.transferred(done, total);
        }
        if (total >= 0 && done != total) {
            throw new GatewayException.ConnectionLost(gateway, "got " + done + " of " + total + " bytes", null);
        }
        return done;
    }

    private GatewayException lost(long done, long total, IOException e, Watchdog watchdog) {
        if (watchdog.fired()) {
            return new GatewayException.TimedOut(gateway, timeout);
        }
        String of = total >= 0 ? " of " + total : "";
        String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return new GatewayException.ConnectionLost(gateway, "after " + done + of + " bytes: " + why, e);
    }
}
