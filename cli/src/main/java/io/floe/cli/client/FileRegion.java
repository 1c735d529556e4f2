package io.floe.cli.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bytes {@code [offset, offset + length)} of a file as a request body with exactly that {@code Content-Length}, read
 * from disk as the HTTP client sends them: a chunk of a large file is uploaded without the file (or the chunk) ever
 * being on the heap. A file that ends before the region does is an {@link IOException} of the body's source.
 */
final class FileRegion extends InputStream {
    private final Path file;
    private final FileChannel channel;
    private final long end;
    private final AtomicReference<IOException> failure;
    private long position;

    private FileRegion(Path file, FileChannel channel, long offset, long length,
                       AtomicReference<IOException> failure) {
        this.file = file;
        this.channel = channel;
        this.position = offset;
        this.end = offset + length;
        this.failure = failure;
    }

    /**
     * The body of a region, remembering its own read failure: the JDK client does not always pass a failing
     * stream's exception to the body's subscriber, and the caller must tell a bad file from a broken connection.
     */
    static final class Body implements HttpRequest.BodyPublisher {
        private final AtomicReference<IOException> failure = new AtomicReference<>();
        private final HttpRequest.BodyPublisher delegate;

        private Body(Path file, long offset, long length) {
            // The file is opened when the client subscribes (again, on a retry).
            delegate = length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> open(file, offset, length, failure)), length);
        }

        /** The file's failure while the body was read, or null. */
        IOException failure() {
            return failure.get();
        }

        @Override
        public long contentLength() {
            return delegate.contentLength();
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            delegate.subscribe(subscriber);
        }
    }

    static Body body(Path file, long offset, long length) {
        return new Body(file, offset, length);
    }

    private static InputStream open(Path file, long offset, long length, AtomicReference<IOException> failure) {
        try {
            return new FileRegion(file, FileChannel.open(file, StandardOpenOption.READ), offset, length, failure);
        } catch (IOException e) {
            failure.compareAndSet(null, e);
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        if (position >= end) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(buffer, off, (int) Math.min(len, end - position)), position);
        if (n < 0) {
            IOException shorter = new IOException(file + " ends before byte " + end);
            failure.compareAndSet(null, shorter);
            throw shorter;
        }
        position += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
