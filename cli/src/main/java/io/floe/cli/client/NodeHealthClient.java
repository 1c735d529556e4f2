package io.floe.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.ApiPaths;
import io.floe.api.tls.NodePins;
import io.floe.api.tls.PinnedTrustManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Asks storage nodes for their health ({@code GET /v1/health}, with {@code ?detailed=true} for the per-shard detail),
 * all nodes at once, each call bounded by the timeout. A node's answer is its {@code success.data} (Walrus's
 * {@code ServiceHealthInfo}); a node that cannot be reached or answers an error yields a one-line reason instead, so
 * one bad node never hides the others' health. An {@code https} node is trusted by its pinned certificate alone.
 */
public final class NodeHealthClient {
    /** One node's outcome: its health data, or why there is none. */
    public record Health(String url, JsonNode data, String error) {
        public boolean ok() {
            return data != null;
        }
    }

    private final Duration timeout;
    private final HttpClient http;

    /**
     * A client whose calls to {@code https} nodes trust only the certificates {@code pins} gives for their addresses
     * (the fingerprints the ledger records, as the gateway shows them: {@link GatewayInfo#nodePins()}); a node
     * without a pin fails its TLS handshake, which is its row's reason.
     */
    public NodeHealthClient(Duration timeout, NodePins pins) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(GatewayClient.CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
            .sslContext(PinnedTrustManager.clientContext(pins)).build();
    }

    /** The health of each node at {@code urls}, in the same order. */
    public List<Health> health(List<String> urls, boolean detailed) {
        List<CompletableFuture<Health>> calls = new ArrayList<>();
        for (String url : urls) {
            calls.add(call(url, detailed));
        }
        List<Health> answers = new ArrayList<>();
        for (CompletableFuture<Health> call : calls) {
            answers.add(call.join());
        }
        return answers;
    }

    private CompletableFuture<Health> call(String url, boolean detailed) {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(base + ApiPaths.NODE_HEALTH + (detailed ? "?detailed=true" : "")))
                .timeout(timeout).header("Accept", "application/json").header("User-Agent", "floe-cli").GET().build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Health(url, null, "not a URL: " + url));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
            .thenApply(response -> answer(url, response))
            .exceptionally(failure -> new Health(url, null, reason(failure)));
    }

    private static Health answer(String url, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return new Health(url, null, "HTTP " + response.statusCode() + ": "
                + GatewayException.oneLine(response.body()));
        }
        try {
            JsonNode data = CliJson.tree(response.body()).path("success").path("data");
            return data.isObject() ? new Health(url, data, null)
                : new Health(url, null, "not a health answer: " + GatewayException.oneLine(response.body()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new Health(url, null, "not JSON: " + GatewayException.oneLine(response.body()));
        }
    }

    private String reason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return "no answer within " + timeout.toSeconds() + " s";
        }
        if (cause instanceof java.net.ConnectException) {
            return "cannot connect";
        }
        return cause.getMessage() != null ? GatewayException.oneLine(cause.getMessage())
            : cause.getClass().getSimpleName();
    }
}
