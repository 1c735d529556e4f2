package io.floe.multijvm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A web page on its own origin (a JDK HTTP server on another 127.0.0.1 port) that {@code fetch()}es URLs, opened in
 * Debian's headless Chromium driven by playwright-core ({@code src/test/browser}, installed by the build). What is
 * checked is what any web page could do: CORS, the bytes (SHA-256 computed in the page) and the headers it may read.
 *
 * <p>Every step is bounded: the browser run is killed, with its Chromium processes, after its timeout.
 */
final class BrowserPage {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("FLOE_CHROMIUM", "/usr/bin/chromium"));
    /** Where the npm driver scripts and their node_modules are (DashboardWatch runs its script there too). */
    static final Path DRIVER = Path.of(System.getProperty("floe.browser.dir", "src/test/browser"));

    /** One {@code fetch(url, {headers})} the page makes, and the bytes it must get. */
    record Fetch(String name, String url, Map<String, String> headers, byte[] expected) {
        String sha256() {
            return sha256Hex(expected);
        }
    }

    private BrowserPage() {
    }

    /** Why no browser can run here (Chromium or the npm driver missing), or empty when one can. */
    static Optional<String> unavailable() {
        if (!Files.isExecutable(CHROMIUM)) {
            return Optional.of(CHROMIUM + " is missing: the build installs Debian's chromium package only as root "
                    + "(multi-jvm-tests/src/test/browser/install-chromium.sh); install it to run the browser scenario");
        }
        if (!Files.isDirectory(DRIVER.resolve("node_modules/playwright-core"))) {
            return Optional.of("playwright-core is not installed in " + DRIVER.toAbsolutePath()
                    + " (the build runs npm ci there unless tests are skipped)");
        }
        return Optional.empty();
    }

    /**
     * Serves the page from another origin, opens it, and answers one result per fetch, in order:
     * {@code {name, status, sha256, length, etag, contentType}} or {@code {name, error}}.
     */
    static List<JsonNode> fetchAll(List<Fetch> fetches, Duration timeout) {
        HttpServer origin = serve(page(fetches));
        try {
            String url = "http://127.0.0.1:" + origin.getAddress().getPort() + "/";
            JsonNode results = MAPPER.readTree(run(url, timeout));
            List<JsonNode> answers = new java.util.ArrayList<>();
            results.forEach(answers::add);
            return answers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            origin.stop(0);
        }
    }

    private static HttpServer serve(String html) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            server.createContext("/", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page: its script fetches each URL, hashes the bytes and leaves the results in window.floeResults. */
    static String page(List<Fetch> fetches) {
        ArrayNode list = MAPPER.createArrayNode();
        for (Fetch f : fetches) {
            list.addObject().put("name", f.name()).put("url", f.url()).set("headers", MAPPER.valueToTree(f.headers()));
        }
        return """
                <!doctype html><html><head><meta charset="utf-8"><title>Floe browser fetch</title></head><body>
                <script type="module">
                const fetches = %s;
                const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
                const results = [];
                for (const f of fetches) {
                  try {
                    const answer = await fetch(f.url, { headers: f.headers, cache: 'no-store' });
                    const bytes = await answer.arrayBuffer();
                    results.push({ name: f.name, status: answer.status, length: bytes.byteLength,
                      sha256: hex(await crypto.subtle.digest('SHA-256', bytes)),
                      etag: answer.headers.get('ETag'), contentType: answer.headers.get('Content-Type') });
                  } catch (error) {
                    results.push({ name: f.name, error: String(error) });
                  }
                }
                window.floeResults = results;
                </script></body></html>
                """.formatted(list.toString().replace("</", "<\\/"));
    }

    private static String run(String pageUrl, Duration timeout) throws IOException {
        Path out = Files.createTempFile("floe-browser", ".json");
        Path err = Files.createTempFile("floe-browser", ".log");
        Process node = new ProcessBuilder("node", "fetch-page.mjs", pageUrl, Long.toString(timeout.toMillis()))
                .directory(DRIVER.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!node.waitFor(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
                node.descendants().forEach(ProcessHandle::destroyForcibly);
                node.destroyForcibly();
                throw new AssertionError("the browser did not finish within " + timeout + ": " + Files.readString(err));
            }
            if (node.exitValue() != 0) {
                throw new AssertionError("the browser run failed (exit " + node.exitValue() + "): "
                        + Files.readString(err));
            }
            return Files.readString(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
            throw new AssertionError("interrupted while the browser ran", e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
