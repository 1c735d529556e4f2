package io.floe.api.metrics;

import io.floe.api.ApiPaths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Names a request path by the route template it matched ({@code /v1/blobs/{blobId}}, never the blob ID itself), so
 * the route label of the HTTP series has one value per route of Floe's two APIs and no more: a path that matches no
 * template is {@link #OTHER}. Templates are tried most literal first (a literal segment beats a placeholder at the
 * first segment where two differ), so {@code /v1/blobs/by-object-id/X} is the object read, not a blob's sub-path.
 */
public final class RouteTemplates {
    /** The label of every path that matches no template (probes, typos, a route added without a template). */
    public static final String OTHER = "other";

    private static final String BLOB = "/" + ApiPaths.V1 + "/" + ApiPaths.BLOBS + "/{blobId}";
    private static final String STAKING = "/" + ApiPaths.V1 + "/" + ApiPaths.STAKING + "/";

    /** Every route of the storage-node and client APIs (ApiPaths's templates and the batch and upload paths). */
    public static final List<String> FLOE_ROUTES = List.of(
            ApiPaths.NODE_METADATA, ApiPaths.NODE_METADATA_STATUS, ApiPaths.NODE_SLIVER, ApiPaths.NODE_SLIVER_STATUS,
            ApiPaths.NODE_CONFIRMATION_PERMANENT, ApiPaths.NODE_CONFIRMATION_DELETABLE, ApiPaths.NODE_RECOVERY_SYMBOLS,
            ApiPaths.NODE_INCONSISTENCY_PROOF, ApiPaths.NODE_BLOB_STATUS, ApiPaths.NODE_HEALTH, ApiPaths.NODE_SYNC_SHARD,
            BLOB + "/" + ApiPaths.SLIVERS, BLOB + "/" + ApiPaths.SLIVERS + "/{sliverType}",
            BLOB + "/" + ApiPaths.FLOE_UPLOAD + "/" + ApiPaths.PERMANENT,
            BLOB + "/" + ApiPaths.FLOE_UPLOAD + "/" + ApiPaths.PENDING,
            BLOB + "/" + ApiPaths.FLOE_UPLOAD + "/" + ApiPaths.DELETABLE + "/{objectId}",
            ApiPaths.CLIENT_STORE, ApiPaths.CLIENT_READ, ApiPaths.CLIENT_BYTE_RANGE, ApiPaths.CLIENT_BY_OBJECT_ID,
            ApiPaths.CLIENT_QUILTS, ApiPaths.CLIENT_QUILT_PATCH, ApiPaths.CLIENT_QUILT_PATCH_BY_IDENTIFIER,
            ApiPaths.CLIENT_QUILT_PATCHES, ApiPaths.CLIENT_STATUS, ApiPaths.CLIENT_TRANSACTIONS, ApiPaths.CLIENT_FAUCET,
            ApiPaths.CLIENT_ACCOUNT, ApiPaths.CLIENT_OBJECT, ApiPaths.CLIENT_API_SPEC,
            ApiPaths.CLIENT_DASHBOARD, ApiPaths.CLIENT_DASHBOARD_STATE,
            STAKING + ApiPaths.STAKE, STAKING + ApiPaths.REQUEST_WITHDRAW, STAKING + ApiPaths.WITHDRAW);

    private record Template(String text, String[] segments) {
        boolean matches(List<String> path) {
            if (path.size() != segments.length) {
                return false;
            }
            for (int i = 0; i < segments.length; i++) {
                if (!isPlaceholder(segments[i]) && !segments[i].equals(path.get(i))) {
                    return false;
                }
            }
            return true;
        }

        /** '0' for a literal segment, '1' for a placeholder: sorting by it puts the most literal templates first. */
        String specificity() {
            StringBuilder key = new StringBuilder();
            for (String s : segments) {
                key.append(isPlaceholder(s) ? '1' : '0');
            }
            return key.toString();
        }
    }

    private final List<Template> templates;

    /** Templates such as {@code /v1/blobs/{blobId}/status}; a segment in braces matches any one segment. */
    public RouteTemplates(List<String> templates) {
        List<Template> parsed = new ArrayList<>();
        for (String t : new java.util.LinkedHashSet<>(templates)) {
            parsed.add(new Template(t, segmentsOf(t)));
        }
        parsed.sort(Comparator.comparing(Template::specificity));
        this.templates = List.copyOf(parsed);
    }

    /** Floe's routes ({@link #FLOE_ROUTES}). */
    public static RouteTemplates floe() {
        return new RouteTemplates(FLOE_ROUTES);
    }

    /** The template {@code pathSegments} (decoded, without the leading empty one) matched, or {@link #OTHER}. */
    public String templateOf(List<String> pathSegments) {
        for (Template t : templates) {
            if (t.matches(pathSegments)) {
                return t.text();
            }
        }
        return OTHER;
    }

    private static String[] segmentsOf(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("a route template starts with '/': " + template);
        }
        return template.substring(1).split("/", -1);
    }

    private static boolean isPlaceholder(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }
}
