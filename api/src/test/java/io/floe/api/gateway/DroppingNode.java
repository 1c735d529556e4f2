package io.floe.api.gateway;

import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.testing.TestKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A storage node that never answers: it reads each request's first line ({@link #requests}, e.g.
 * {@code PUT /v1/blobs/.../floe-upload/pending HTTP/1.1}) and closes the connection, so every request fails as a
 * transport failure (no status), as with a node that crashed mid-request.
 */
final class DroppingNode implements AutoCloseable {
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final Thread acceptor;

    DroppingNode() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::drop, "dropping-node");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    StorageNodeInfo info() {
        return new StorageNodeInfo(new NodeId("dropping"), "http://127.0.0.1:" + server.getLocalPort(),
                TestKey.generate().publicKey(), 1);
    }

    private void drop() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII));
                String line = in.readLine();
                if (line != null) {
                    requests.add(line);
                }
            } catch (IOException closed) {
                // The server closed, or the client gave up first.
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
