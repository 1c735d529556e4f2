package io.floe.api.gateway;

import io.floe.api.json.ApiException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One satisfiable byte range of a blob of known length, from an HTTP {@code Range} header ({@code bytes=a-b},
 * {@code bytes=a-}, {@code bytes=-n}) or from {@code start}/{@code length} parameters. Several ranges in one header
 * are refused (400): Floe answers one range per request.
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
        Matcher m = SINGLE.matcher(header.get().trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            throw ApiException.badRequest("INVALID_RANGE", "Range must be one 'bytes=a-b', 'bytes=a-' or 'bytes=-n': "
                    + header.get());
        }
        if (m.group(1).isEmpty()) {
            long suffix = parse(m.group(2));
            if (suffix == 0 || total == 0) {
                throw unsatisfiable(header.get(), total);
            }
            long len = Math.min(suffix, total);
            return Optional.of(new ByteRange(total - len, len));
        }
        long first = parse(m.group(1));
        long last = m.group(2).isEmpty() ? total - 1 : Math.min(parse(m.group(2)), total - 1);
        if (first >= total || last < first) {
            throw unsatisfiable(header.get(), total);
        }
        return Optional.of(new ByteRange(first, last - first + 1));
    }

    /** {@code start} and {@code length} query parameters of {@code /byte-range}. */
    static ByteRange fromParameters(long start, long length, long total) {
        if (start < 0 || length < 0) {
            throw ApiException.badRequest("INVALID_RANGE", "start and length must be >= 0");
        }
        if (start > total || length > total - start) {
            throw new ApiException(416, "RANGE_NOT_SATISFIABLE", "range " + start + "+" + length
                    + " exceeds the blob's " + total + " bytes");
        }
        return new ByteRange(start, length);
    }

    private static long parse(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("INVALID_RANGE", "range bound too large: " + digits);
        }
    }

    private static ApiException unsatisfiable(String header, long total) {
        return new ApiException(416, "RANGE_NOT_SATISFIABLE", "range " + header + " is outside the blob's "
                + total + " bytes");
    }
}
