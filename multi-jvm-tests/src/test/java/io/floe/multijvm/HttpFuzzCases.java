package io.floe.multijvm;

import io.floe.encoding.bcs.BcsWriter;
import io.floe.encoding.metadata.BlobId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * A seeded generator of hostile HTTP/1.1 requests for both APIs: paths built from the real templates with each
 * parameter drawn from valid, boundary and garbage values (non-canonical blob IDs, pair 65535, negative or huge
 * numbers), random query parameters and headers, and bodies that are random bytes or BCS with random lengths and
 * indices, framed by Content-Length, valid chunks, or chunks that break (the request then ends at the break, so the
 * server reads every byte sent and its answer is never overtaken by a reset).
 */
final class HttpFuzzCases {
    private static final String B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final String[] METHODS = {"GET", "GET", "PUT", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "BREW"};
    private static final String[] NODE_TEMPLATES = {"/v1/blobs/{id}/metadata", "/v1/blobs/{id}/metadata/status",
        "/v1/blobs/{id}/slivers", "/v1/blobs/{id}/slivers/{type}", "/v1/blobs/{id}/slivers/{pair}/{type}",
        "/v1/blobs/{id}/slivers/{pair}/{type}/status", "/v1/blobs/{id}/confirmation/permanent",
        "/v1/blobs/{id}/confirmation/deletable/{id}", "/v1/blobs/{id}/recoverySymbols",
        "/v1/blobs/{id}/inconsistencyProof/{type}", "/v1/blobs/{id}/status", "/v1/health", "/v1/migrate/sync_shard",
        "/v1/{junk}", "/{junk}"};
    private static final String[] GATEWAY_TEMPLATES = {"/v1/blobs", "/v1/blobs/{id}", "/v1/blobs/{id}/byte-range",
        "/v1/blobs/{id}/status", "/status", "/v1/api", "/v1/staking/stake", "/v1/staking/withdraw",
        "/v1/blobs/by-object-id/{id}", "/v1/{junk}"};
    private static final String[] PARAMS = {"pairs", "start", "length", "epochs", "permanent", "deletable", "force",
        "targetSliver", "targetType", "sourceSlivers", "proofs", "owner", "all", "limit", "cursor", "node", "amount"};
    private static final String[] HEADERS = {"Range", "Content-Type", "Authorization", "Accept", "X-Junk", "Expect",
        "Content-Encoding", "Cookie"};

    /** One request: its bytes and a short description for a failure message. */
    record Case(byte[] bytes, String describe) {
    }

    private enum Framing { LENGTH, CHUNKED, BROKEN_CHUNKED, NONE }

    private final Random random;
    private final BlobId stored;
    private final int nShards;
    private final Set<BlobId> generatedIds = new HashSet<>();

    HttpFuzzCases(Random random, BlobId stored, int nShards) {
        this.random = random;
        this.stored = stored;
        this.nShards = nShards;
    }

    /** Canonical random blob IDs the cases used; none of them was ever stored. */
    Set<BlobId> generatedIds() {
        return generatedIds;
    }

    Case nodeCase() {
        return build(pick(NODE_TEMPLATES));
    }

    Case gatewayCase() {
        return build(pick(GATEWAY_TEMPLATES));
    }

    private Case build(String template) {
        String method = pick(METHODS);
        String path = template.replace("{id}", blobId()).replace("{pair}", number()).replace("{type}", sliverType())
                .replace("{junk}", junk());
        String target = path + query();
        byte[] body = method.equals("GET") && random.nextInt(4) > 0 ? new byte[0] : body();
        Framing framing = body.length == 0 && random.nextBoolean() ? Framing.NONE
                : Framing.values()[random.nextInt(3)];
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: fuzz\r\n");
        for (int i = random.nextInt(4); i > 0; i--) {
            head.append(pick(HEADERS)).append(": ").append(headerValue()).append("\r\n");
        }
        head.append("Connection: close\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frame(out, head, body, framing);
        return new Case(out.toByteArray(), method + " " + target + " " + framing + " body " + body.length + " B");
    }

    private void frame(ByteArrayOutputStream out, StringBuilder head, byte[] body, Framing framing) {
        switch (framing) {
            case NONE -> out.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            case LENGTH -> {
                head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
                out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.writeBytes(body);
            }
            default -> {
                out.writeBytes(head.append("Transfer-Encoding: chunked\r\n\r\n").toString()
                        .getBytes(StandardCharsets.ISO_8859_1));
                chunks(out, body, framing == Framing.BROKEN_CHUNKED);
            }
        }
    }

    private void chunks(ByteArrayOutputStream out, byte[] body, boolean broken) {
        int at = 0;
        while (at < body.length) {
            int n = Math.min(body.length - at, 1 + random.nextInt(4096));
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            at += n;
        }
        String end = broken ? pick(new String[] {"zz\r\n", "-1\r\n", "80000000\r\n", "ffffffffffffffffffff\r\n",
            "5\r\nabcXY", "1;" + "e".repeat(1000) + "\r\n", "g\r\n"}) : "0\r\n\r\n";
        out.writeBytes(end.getBytes(StandardCharsets.ISO_8859_1));
    }

    private String blobId() {
        switch (random.nextInt(7)) {
            case 0, 1:
                return stored.toString();
            case 2: {
                byte[] bytes = new byte[32];
                random.nextBytes(bytes);
                BlobId id = BlobId.of(bytes);
                generatedIds.add(id);
                return id.toString();
            }
            case 3: {
                // Same bytes as the stored ID, other padding bits: must be refused, never read as the stored blob.
                String text = stored.toString();
                return text.substring(0, 42) + B64.charAt(B64.indexOf(text.charAt(42)) ^ (1 + random.nextInt(3)));
            }
            case 4:
                return randomText(B64, random.nextInt(90));
            default:
                return junk();
        }
    }

    private String number() {
        switch (random.nextInt(6)) {
            case 0:
                return Integer.toString(random.nextInt(nShards));
            case 1:
                return pick(new String[] {"65535", "65534", "65536", "-1", "0", "99999999999999999999", "1e3", ""});
            case 2:
                return Integer.toString(random.nextInt(70_000));
            case 3:
                return Long.toString(random.nextLong());
            default:
                return junk();
        }
    }

    private String sliverType() {
        return random.nextInt(3) > 0 ? pick(new String[] {"primary", "secondary"}) : junk();
    }

    private String query() {
        if (random.nextInt(3) == 0) {
            return "";
        }
        StringBuilder q = new StringBuilder("?");
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            q.append(random.nextInt(5) == 0 ? junk() : pick(PARAMS));
            if (random.nextInt(5) > 0) {
                q.append('=').append(random.nextBoolean() ? number() : pick(new String[] {"true", "false",
                    "primary", "secondary", "0,1,2", "1,1", "0,65535", ",", stored.toString(), junk()}));
            }
            q.append('&');
        }
        return q.toString();
    }

    private String headerValue() {
        return pick(new String[] {"bytes=0-10", "bytes=-5", "bytes=10-1", "bytes=0-1,3-4", "bytes=99999999999999999999-",
            "text/plain", "application/json", "multipart/form-data; boundary=", "100-continue", "gzip", "Bearer x",
            randomText("abcXYZ019 ;=,-/()<>@\"", random.nextInt(200))});
    }

    /** URL-safe junk, with percent escapes (some invalid) and path-ish punctuation. */
    private String junk() {
        return randomText("abcXYZ019-_.~%!$&'()*+,;=:@", random.nextInt(40));
    }

    private byte[] body() {
        switch (random.nextInt(5)) {
            case 0: {
                byte[] b = new byte[random.nextInt(8192)];
                random.nextBytes(b);
                return b;
            }
            case 1:
                return sliverBatch();
            case 2:
                return sliverData();
            case 3:
                return metadata();
            default:
                return new byte[0];
        }
    }

    private byte[] sliverBatch() {
        BcsWriter out = new BcsWriter();
        int count = random.nextInt(4);
        out.length(random.nextInt(8) == 0 ? random.nextInt(Integer.MAX_VALUE) : count);
        for (int i = 0; i < count; i++) {
            out.u16(random.nextInt(3) == 0 ? 65535 - random.nextInt(2) : random.nextInt(nShards + 2));
            out.u8(random.nextInt(3));
            out.bytes(sliverData());
        }
        return out.toByteArray();
    }

    private byte[] sliverData() {
        BcsWriter out = new BcsWriter();
        byte[] data = new byte[random.nextInt(600)];
        random.nextBytes(data);
        if (random.nextInt(4) == 0) {
            out.length(random.nextInt(Integer.MAX_VALUE));
            out.bytes(data, 0, Math.min(data.length, 10));
        } else {
            out.bytes(data);
        }
        out.u16(random.nextInt(65536));
        out.u16(random.nextInt(4) == 0 ? 65535 : random.nextInt(nShards + 2));
        return out.toByteArray();
    }

    private byte[] metadata() {
        BcsWriter out = new BcsWriter();
        out.u8(random.nextInt(2));
        out.u8(random.nextInt(3));
        out.u64(random.nextLong());
        int count = random.nextInt(3) == 0 ? random.nextInt(Integer.MAX_VALUE) : random.nextInt(nShards + 2);
        out.length(count);
        for (int i = 0; i < Math.min(count, nShards + 2); i++) {
            for (int h = 0; h < 2; h++) {
                out.u8(random.nextInt(3));
                byte[] digest = new byte[32];
                random.nextBytes(digest);
                out.bytes(digest, 0, 32);
            }
        }
        return out.toByteArray();
    }

    private String randomText(String alphabet, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }
}
