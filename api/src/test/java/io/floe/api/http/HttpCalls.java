package io.floe.api.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One bounded HTTP call with any method and headers, for the header-rule tests ({@code CorsTest}, BlobServing's). */
public final class HttpCalls {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpCalls() {
    }

    /** {@code method base+path} with no body and the {@code name, value} pairs as headers. */
    public static HttpResponse<byte[]> send(URI base, String method, String path, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The header's first value, or {@code (absent)}. */
    public static String header(HttpResponse<?> answer, String name) {
        return answer.headers().firstValue(name).orElse("(absent)");
    }
}
