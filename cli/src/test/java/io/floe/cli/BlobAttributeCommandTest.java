package io.floe.cli;

import static io.floe.cli.CliAssertions.assertFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.cli.client.FakeGateway;
import io.floe.protocol.proto.FloeAccountProto.ClientRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BlobAttributeCommandTest {
    private static final String OID = FakeGateway.OBJECT_ID;
    private static final String ATTRIBUTES = "{\"content-type\":\"text/plain\",\"lang\":\"fr\"}";

    @RegisterExtension
    final GatewayFixture get = GatewayFixture.running(env -> BlobAttributeCommand.get(env, Clock.systemUTC()));
    @RegisterExtension
    final GatewayFixture set = GatewayFixture.running(env -> BlobAttributeCommand.set(env, Clock.systemUTC()));
    @RegisterExtension
    final GatewayFixture removeFields = GatewayFixture.running(env -> BlobAttributeCommand.removeFields(env,
        Clock.systemUTC()));
    @RegisterExtension
    final GatewayFixture remove = GatewayFixture.running(env -> BlobAttributeCommand.remove(env, Clock.systemUTC()));

    @Test
    void getPrintsTheAttributesInTextAndJson() {
        get.route("GET", "/v1/objects/", 200, SignedRequests.objectView(OID, SignedRequests.address(), false,
            ATTRIBUTES));

        Captured human = get.run(OID);
        Captured json = get.run(OID, "--json");

        assertEquals(0, human.exitCode(), human.err());
        assertEquals("Attributes of blob object " + OID + ":\n  content-type: text/plain\n  lang: fr\n", human.out());
        assertEquals("{\"objectId\":\"" + OID + "\",\"blobId\":\"" + FakeGateway.BLOB_ID + "\",\"attributes\":"
            + ATTRIBUTES + "}\n", json.out());
        assertTrue(get.requests("POST", "/").isEmpty(), "reading signs nothing");
    }

    @Test
    void setSignsEveryPair() {
        set.route("GET", "/v1/objects/", 200, SignedRequests.objectView(OID, SignedRequests.address(), false, "{}"));
        set.route("POST", "/v1/transactions", 200, SignedRequests.receipt("set_attributes", 0, 0, 9, ""));

        Captured result = set.run(OID, "--attr", "content-type", "text/plain", "--attr", "lang", "fr");

        assertEquals(0, result.exitCode(), result.err());
        ClientRequest request = SignedRequests.verified(set.requests("POST", "/").get(0)).request();
        assertEquals(Map.of("content-type", "text/plain", "lang", "fr"), request.getSetAttributes().getAttributesMap());
        assertEquals("Set 2 attribute(s) on blob object " + OID + "; cost 0 FROST, balance 9 FROST\n", result.out());
        assertFailure(set.run(OID, "--attr", "k"), 2, "--attr needs 2 values");
        assertFailure(set.run(OID), 2, "missing --attr");
    }

    @Test
    void removeFieldsAndRemoveAll() {
        String view = SignedRequests.objectView(OID, SignedRequests.address(), false, ATTRIBUTES);
        removeFields.route("GET", "/v1/objects/", 200, view);
        removeFields.route("POST", "/v1/transactions", 200, SignedRequests.receipt("remove_attributes", 0, 0, 9, ""));
        remove.route("GET", "/v1/objects/", 200, view);
        remove.route("POST", "/v1/transactions", 409, FakeGateway.error(409, "NO_ATTRIBUTES", "no attributes"));

        Captured fields = removeFields.run(OID, "--keys", "lang", "a,b");

        assertEquals(0, fields.exitCode(), fields.err());
        ClientRequest request = SignedRequests.verified(removeFields.requests("POST", "/").get(0)).request();
        assertEquals(List.of("lang", "a,b"), request.getRemoveAttributes().getKeysList());
        assertEquals(false, request.getRemoveAttributes().getAll());
        assertFailure(remove.run(OID), 1, "no attributes (HTTP 409");
        ClientRequest all = SignedRequests.verified(remove.requests("POST", "/").get(0)).request();
        assertTrue(all.getRemoveAttributes().getAll());
        assertFailure(removeFields.run(OID), 2, "missing --keys");
    }
}
