package io.floe.api.gateway;

import io.floe.api.json.ApiException;
import io.floe.api.json.ErrorReasons;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One satisfiable, non-empty byte range of a blob of known length, from an HTTP {@code Range} header
 * ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}) or from {@code start}/{@code length} parameters.
 *
 * <p>Refusals are Walrus's aggregator's, reason {@value ErrorReasons#INVALID_BYTE_RANGE}: a {@code Range} header that
 * is malformed, names several ranges or lies outside the blob is 416 ({@code GetBlobError::InvalidByteRange}); a
 * {@code /byte-range} that is empty, overflows or ends past the blob is 400 ({@code ByteRangeReadError}). Floe serves
 * the open and suffix forms Walrus does not implement yet, and clips a closed range's end to the blob, as RFC 9110
 * asks.
 */
record ByteRange(long start, long length) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    long endInclusive() {
        return start + length - 1;
    }

    /** The range a header asks for within {@code total} bytes; empty when the header is absent. */
    static Optional<ByteRange> fromHeader(Optional<String> header, long total) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = parsed(header.get());
        if (m.group(1).isEmpty()) {
            long suffix = headerBound(m.group(2));
            if (suffix == 0 || total == 0) {
                throw outsideBlob(header.get(), total);
            }
            long len = Math.min(suffix, total);
            return Optional.of(new ByteRange(total - len, len));
        }
        long first = headerBound(m.group(1));
        long last = m.group(2).isEmpty() ? total - 1 : Math.min(headerBound(m.group(2)), total - 1);
        if (first >= total || last < first) {
            throw outsideBlob(header.get(), total);
        }
        return Optional.of(new ByteRange(first, last - first + 1));
    }

    /** Refuses a malformed {@code Range} header before any lookup, as Walrus's aggregator parses it first. */
    static void checkHeader(Optional<String> header) {
        header.ifPresent(ByteRange::parsed);
    }

    /** The header's one {@code bytes=first-last} with at least one bound, each a number that fits a long. */
    private static Matcher parsed(String header) {
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            throw badHeader("invalid range header format: Range must be one 'bytes=a-b', 'bytes=a-' or 'bytes=-n': "
                    + header);
        }
        for (int group = 1; group <= 2; group++) {
            if (!m.group(group).isEmpty()) {
                headerBound(m.group(group));
            }
        }
        return m;
    }

    /** Refuses {@code start} and {@code length} of {@code /byte-range} that no blob satisfies, before any lookup. */
    static void checkParameters(long start, long length) {
        if (start < 0 || length < 0) {
            throw badParameters("start and length must be >= 0");
        }
        if (length == 0) {
            throw badParameters("length must be greater than 0");
        }
        if (start > Long.MAX_VALUE - length) {
            throw badParameters("start + length overflows");
        }
    }

    /** {@code start} and {@code length} query parameters of {@code /byte-range}, within a blob of {@code total}. */
    static ByteRange fromParameters(long start, long length, long total) {
        checkParameters(start, length);
        if (start + length > total) {
            throw badParameters("byte range out of bounds: requested " + start + "-" + (start + length)
                    + ", blob size is " + total);
        }
        return new ByteRange(start, length);
    }

    private static long headerBound(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw badHeader("invalid range header format: range bound too large: " + digits);
        }
    }

    private static ApiException outsideBlob(String header, long total) {
        return badHeader("range " + header + " is outside the blob's " + total + " bytes");
    }

    private static ApiException badHeader(String message) {
        return new ApiException(416, ErrorReasons.INVALID_BYTE_RANGE, "invalid byte range parameters: " + message);
    }

    private static ApiException badParameters(String message) {
        return ApiException.badRequest(ErrorReasons.INVALID_BYTE_RANGE, "invalid byte range parameters: " + message);
    }
}
