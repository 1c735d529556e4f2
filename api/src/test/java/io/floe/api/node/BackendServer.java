package io.floe.api.node;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * Node routes over any {@link NodeBackend} on 127.0.0.1, port 0, and backends that change a few answers of another
 * one: a test overrides by method name and calls through for the rest, so new {@link NodeBackend} methods need no
 * change here. Everything it starts it stops in {@link #close}.
 */
final class BackendServer implements AutoCloseable {
    /** Returned by an override to let the call through to the wrapped backend. */
    static final Object CALL_THROUGH = new Object();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ActorTestKit testKit = ActorTestKit.create("backend-server-test");
    private final ExecutorService clientThreads = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder().executor(clientThreads).build();
    private final List<ServerBinding> bindings = new ArrayList<>();

    record Started(URI url, NodeClient client) {
    }

    Started start(NodeBackend backend) {
        NodeRoutes routes = new NodeRoutes(backend, NodeRoutes.blockingExecutor(testKit.system()),
                backend.committee().nShards());
        ServerBinding binding = NodeApiFixture.await(Http.get(testKit.system()).newServerAt("127.0.0.1", 0)
                .bind(routes.createRoute()));
        bindings.add(binding);
        URI url = URI.create("http://127.0.0.1:" + binding.localAddress().getPort());
        return new Started(url, new NodeClient(http, url, TIMEOUT));
    }

    HttpResponse<byte[]> getBytes(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        return NodeApiFixture.await(http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
    }

    /** {@code backend} with the answers {@code override} gives (by method name), {@link #CALL_THROUGH} for the rest. */
    static NodeBackend overriding(NodeBackend backend, BiFunction<String, Object[], Object> override) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object answer = override.apply(method.getName(), args);
            if (answer != CALL_THROUGH) {
                return answer;
            }
            try {
                return method.invoke(backend, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (NodeBackend) Proxy.newProxyInstance(NodeBackend.class.getClassLoader(),
                new Class<?>[] {NodeBackend.class}, handler);
    }

    @Override
    public void close() {
        for (ServerBinding binding : bindings) {
            NodeApiFixture.await(binding.unbind());
        }
        testKit.shutdownTestKit();
        clientThreads.shutdownNow();
    }
}
