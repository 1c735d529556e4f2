package io.floe.encoding.redstuff;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Whole positional reads and writes on a {@link FileChannel}: a single read or write may move fewer bytes than
 * asked, these loop until all have moved. Positional calls leave the channel's position alone, so threads may share
 * a channel.
 */
final class PositionalIo {
    private PositionalIo() {
    }

    /** Reads exactly {@code len} bytes at {@code position} into {@code dst[off..]}; fails if the file ends first. */
    static void readFully(FileChannel channel, long position, byte[] dst, int off, int len) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(dst, off, len);
        while (target.hasRemaining()) {
            int read = channel.read(target, position + target.position() - off);
            if (read < 0) {
                throw new EOFException("file ends before byte " + (position + len));
            }
        }
    }

    /** Writes {@code src[off, off + len)} at {@code position}. */
    static void writeFully(FileChannel channel, long position, byte[] src, int off, int len) throws IOException {
        ByteBuffer source = ByteBuffer.wrap(src, off, len);
        while (source.hasRemaining()) {
            channel.write(source, position + source.position() - off);
        }
    }

    /**
     * A region of a file read as Red Stuff sees a blob: bytes {@code [offset, offset + length)} of the file, then
     * zeros up to the end of the source matrix (the padding the encoder adds).
     */
    record Region(FileChannel channel, long offset, long length) {
        /** Reads blob bytes {@code [position, position + len)}, zeros past the region's end. */
        void read(long position, byte[] dst, int off, int len) throws IOException {
            int real = (int) Math.max(0, Math.min(len, length - position));
            readFully(channel, offset + position, dst, off, real);
            Arrays.fill(dst, off + real, off + len, (byte) 0);
        }
    }
}
