package io.floe.encoding.redstuff;

import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.VerifiedMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A blob encoded by {@link FileBlobEncoder}: metadata on the heap, slivers in a file that {@link #close} deletes,
 * laid out as {@link SliverFileLayout} says (each sliver contiguous). {@link #pair} reads one pair from the file, two
 * positional reads, safe from several threads at once (an {@link UncheckedIOException} if the file cannot be read,
 * closed included).
 */
public final class EncodedBlobFile implements EncodedSlivers, AutoCloseable {
    private final EncodingConfig config;
    private final int symbolSize;
    private final VerifiedMetadata metadata;
    private final Path path;
    private final FileChannel channel;
    private final SliverFileLayout layout;

    EncodedBlobFile(EncodingConfig config, int symbolSize, VerifiedMetadata metadata, Path path) throws IOException {
        this.config = config;
        this.symbolSize = symbolSize;
        this.metadata = metadata;
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.layout = SliverFileLayout.of(config, symbolSize);
    }

    @Override
    public EncodingConfig config() {
        return config;
    }

    @Override
    public int symbolSize() {
        return symbolSize;
    }

    @Override
    public VerifiedMetadata metadata() {
        return metadata;
    }

    @Override
    public SliverPair pair(SliverPairIndex index) {
        return new SliverPair(index, sliver(index, SliverType.PRIMARY), sliver(index, SliverType.SECONDARY));
    }

    /** One sliver of the pair, one positional read. */
    @Override
    public Sliver sliver(SliverPairIndex index, SliverType type) {
        SliverIndex sliver = index.sliverIndex(type, config.nShards());
        byte[] data = type == SliverType.PRIMARY
                ? read(layout.primary(sliver.value()), config.primarySliverBytes(symbolSize))
                : read(layout.secondary(sliver.value()), config.secondarySliverBytes(symbolSize));
        return new Sliver(type, sliver, symbolSize, data);
    }

    /** One positional read, straight into {@code dst}. */
    @Override
    public void readSliver(SliverPairIndex index, SliverType type, byte[] dst, int offset) {
        SliverIndex sliver = index.sliverIndex(type, config.nShards());
        if (type == SliverType.PRIMARY) {
            read(layout.primary(sliver.value()), dst, offset, config.primarySliverBytes(symbolSize));
        } else {
            read(layout.secondary(sliver.value()), dst, offset, config.secondarySliverBytes(symbolSize));
        }
    }

    private byte[] read(long position, int length) {
        byte[] data = new byte[length];
        read(position, data, 0, length);
        return data;
    }

    private void read(long position, byte[] dst, int offset, int length) {
        try {
            PositionalIo.readFully(channel, position, dst, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read slivers of " + metadata.blobId() + " from " + path, e);
        }
    }

    /** Deletes the sliver file; pairs cannot be read afterwards. */
    @Override
    public void close() {
        try {
            channel.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete sliver file " + path, e);
        }
    }
}
