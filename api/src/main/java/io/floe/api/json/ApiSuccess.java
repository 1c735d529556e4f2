package io.floe.api.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * The storage-node API's success wrapper {@code {"success":{"code":200,"data":...}}} (Walrus's {@code ApiSuccess});
 * the {@code @mysten/walrus} client reads {@code success.data}. The code is always the response's status (200, or
 * Walrus's 201 and 202 for a store).
 */
public final class ApiSuccess {
    public static final String SUCCESS = "success";
    public static final String CODE = "code";
    public static final String DATA = "data";

    private ApiSuccess() {
    }

    public static ObjectNode body(JsonNode data) {
        return body(StatusCodes.OK.intValue(), data);
    }

    private static ObjectNode body(int status, JsonNode data) {
        ObjectNode success = Json.object();
        success.put(CODE, status);
        success.set(DATA, data);
        ObjectNode root = Json.object();
        root.set(SUCCESS, success);
        return root;
    }

    /** 200 with the wrapped data. */
    public static HttpResponse response(JsonNode data) {
        return HttpResponse.create().withStatus(StatusCodes.OK).withEntity(Json.entity(body(data)));
    }

    /** 200 with a string as data (Walrus answers stores with a sentence, statuses with an enum name). */
    public static HttpResponse response(String data) {
        return response(TextNode.valueOf(data));
    }

    /** A 2xx other than 200 (Walrus's 201 Created, 202 Accepted) with a string as data, the code in the body too. */
    public static HttpResponse response(int status, String data) {
        if (status / 100 != 2) {
            throw new IllegalArgumentException("a success has a 2xx status, got " + status);
        }
        return HttpResponse.create().withStatus(status).withEntity(Json.entity(body(status, TextNode.valueOf(data))));
    }

    /** The {@code data} of a success answer; an {@link IllegalArgumentException} when the shape is not one. */
    public static JsonNode dataOf(JsonNode root) {
        JsonNode data = root.path(SUCCESS).get(DATA);
        if (data == null) {
            throw new IllegalArgumentException("not a success answer: no success.data in " + Json.text(root));
        }
        return data;
    }
}
