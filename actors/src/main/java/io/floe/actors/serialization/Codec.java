package io.floe.actors.serialization;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import java.util.function.Function;

/**
 * One message class's wire form: its manifest and the Protobuf mapping both ways.
 *
 * <p>Invariant: a manifest names one class and one Protobuf layout for good; a layout change that old bytes cannot
 * be read under gets a new manifest ({@code .v2}) and the old codec stays for journals written before.
 */
public final class Codec<T> {
    private final Class<T> type;
    private final String manifest;
    private final Function<T, ? extends MessageLite> toProto;
    private final Decoder<T> decoder;

    /** Parses bytes into a message; separate from {@link Function} because Protobuf parsing throws. */
    @FunctionalInterface
    interface Decoder<T> {
        T decode(byte[] bytes) throws InvalidProtocolBufferException;
    }

    private Codec(Class<T> type, String manifest, Function<T, ? extends MessageLite> toProto, Decoder<T> decoder) {
        this.type = type;
        this.manifest = manifest;
        this.toProto = toProto;
        this.decoder = decoder;
    }

    public static <T, P extends MessageLite> Codec<T> of(Class<T> type, String manifest, Function<T, P> toProto,
                                                   Parser<P> parser, Function<P, T> fromProto) {
        return new Codec<>(type, manifest, toProto, bytes -> fromProto.apply(parser.parseFrom(bytes)));
    }

    Class<T> type() {
        return type;
    }

    String manifest() {
        return manifest;
    }

    byte[] toBinary(Object message) {
        return toProto.apply(type.cast(message)).toByteArray();
    }

    T fromBinary(byte[] bytes) throws InvalidProtocolBufferException {
        return decoder.decode(bytes);
    }
}
