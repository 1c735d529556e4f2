package io.floe.cli.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Bytes {@code [offset, offset + length)} of a file as a request body with exactly that {@code Content-Length}, read
 * from disk as the HTTP client sends them: a chunk of a large file is uploaded without the file (or the chunk) ever
 * being on the heap. A file that ends before the region does is an {@link IOException} of the body's source.
 */
final class FileRegion extends InputStream {
    private final Path file;
    private final FileChannel channel;
    private final long end;
    private long position;

    private FileRegion(Path file, FileChannel channel, long offset, long length) {
        this.file = file;
        this.channel = channel;
        this.position = offset;
        this.end = offset + length;
    }

    /** The body of the region; the file is opened when the client subscribes (again, on a retry). */
    static HttpRequest.BodyPublisher body(Path file, long offset, long length) {
        if (length == 0) {
            return HttpRequest.BodyPublishers.noBody();
        }
        return HttpRequest.BodyPublishers.fromPublisher(
            HttpRequest.BodyPublishers.ofInputStream(() -> open(file, offset, length)), length);
    }

    private static InputStream open(Path file, long offset, long length) {
        try {
            return new FileRegion(file, FileChannel.open(file, StandardOpenOption.READ), offset, length);
        } catch (IOException e) {
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
            throw new IOException(file + " ends before byte " + end);
        }
        position += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
