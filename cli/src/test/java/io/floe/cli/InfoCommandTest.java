package io.floe.cli;

import static io.floe.cli.CliAssertions.assertFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.encoding.index.ShardIndex;
import io.floe.protocol.blob.StorageCost;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InfoCommandTest {
    private static final String KEY_0 = "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=";
    private static final String KEY_1 = "MCowBQYDK2VwAyEA3u1gAHOfsxDz0Dj4Y9eOV5Ou6XfORIk6J9mBIjOcCaM=";
    private static final String STATUS = "{\"epoch\":3,\"nShards\":10,\"nodes\":["
        + "{\"id\":\"node-0\",\"url\":\"http://127.0.0.1:9185\",\"shards\":[0,1,2,3,9],\"publicKey\":\"" + KEY_0
        + "\",\"stake\":600,\"up\":true},"
        + "{\"id\":\"node-1\",\"url\":\"http://127.0.0.1:9186\",\"shards\":[4,5,6,7,8],\"publicKey\":\"" + KEY_1
        + "\",\"stake\":400,\"up\":false}],"
        + "\"storagePricePerUnit\":100,\"writePricePerUnit\":20,\"gatewayAccount\":\"0x" + "ee".repeat(32)
        + "\",\"gatewayBalance\":1000000}";

    @RegisterExtension
    final GatewayFixture gateway = GatewayFixture.running(InfoCommand::new);

    @Test
    void printsTheNetworkAndATableOfNodes() {
        gateway.respondJson(200, STATUS);

        Captured result = gateway.run();

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("/status", gateway.onlyRequest().path());
        assertEquals("epoch:          3\n"
            + "shards:         10\n"
            + "nodes:          2 (1 up)\n"
            + "storage price:  100 FROST per unit per epoch\n"
            + "write price:    20 FROST per unit\n"
            + "gateway:        0x" + "ee".repeat(32) + ", balance 1000000 FROST\n"
            + "\n"
            + "NODE    UP   STAKE  SHARDS  STORAGE API            PUBLIC KEY\n"
            + "node-0  yes  600    0-3,9   http://127.0.0.1:9185  " + KEY_0 + "\n"
            + "node-1  no   400    4-8     http://127.0.0.1:9186  " + KEY_1 + "\n", result.out());
    }

    @Test
    void pricesAndAccountAreOptional() {
        gateway.respondJson(200, "{\"epoch\":1,\"nShards\":4,\"nodes\":[]}");

        Captured result = gateway.run();

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("epoch:          1\nshards:         4\nnodes:          0 (0 up)\n\n"
            + "NODE  UP  STAKE  SHARDS  STORAGE API  PUBLIC KEY\n", result.out());
    }

    @Test
    void jsonIsWalrusInfoOutput() throws Exception {
        gateway.respondJson(200, WITH_EPOCHS);

        JsonNode info = json(gateway.run("--json"));

        // InfoEpochOutput: the start as serde writes EpochTimeOrMessage::DateTime, the duration as Rust's.
        assertEquals(json("{\"currentEpoch\":3,\"startOfCurrentEpoch\":{\"DateTime\":\"2026-01-02T03:04:05Z\"},"
            + "\"epochDuration\":{\"secs\":90,\"nanos\":0},\"maxEpochsAhead\":53}"), info.get("epochInfo"));
        assertEquals(json("{\"nShards\":10,\"nNodes\":2}"), info.get("storageInfo"));
        // n = 10: 4 x 7 source symbols of at most 65534 bytes.
        assertEquals(json("{\"storageUnitSize\":1048576,\"maxBlobSize\":1834952,\"maxBlobSizeInQuilt\":4294967295}"),
            info.get("sizeInfo"));
        JsonNode price = info.get("priceInfo");
        assertEquals(100, price.get("storagePricePerUnitSize").asLong());
        assertEquals(20, price.get("writePricePerUnitSize").asLong());
        JsonNode rs2 = price.get("encodingDependentPriceInfo").get(0);
        assertEquals("RS2", rs2.get("encodingType").asText());
        assertEquals(1048576, rs2.get("marginalSize").asLong());
        // 10 copies of 10 x 64 + 32 bytes of metadata: one unit.
        assertEquals(100, rs2.get("metadataPrice").asLong());
        assertEquals(StorageCost.storageUnits(StorageCost.encodedSliversLength(1048576, 10)) * 100,
            rs2.get("marginalPrice").asLong());
        // Walrus's examples: next_power_of_two(max) / 1024, 32 times that, and the largest blob.
        JsonNode examples = rs2.get("exampleBlobs");
        assertEquals(List.of(2048L, 65536L, 1834952L), List.of(examples.get(0).get("unencodedSize").asLong(),
            examples.get(1).get("unencodedSize").asLong(), examples.get(2).get("unencodedSize").asLong()));
        long encoded = StorageCost.encodedLength(2048, 10);
        assertEquals(json("{\"unencodedSize\":2048,\"encodedSize\":" + encoded + ",\"price\":"
            + StorageCost.storageUnits(encoded) * 100 + ",\"encodingType\":\"RS2\"}"), examples.get(0));
        assertEquals(false, info.has("committeeInfo"), "plain walrus info leaves the committee out");
    }

    @Test
    void sectionsPrintOnePartOfInfoOutput() throws Exception {
        gateway.respondJson(200, WITH_EPOCHS);

        assertEquals(json("{\"nShards\":10,\"nNodes\":2}"), json(gateway.run("storage", "--json")));
        assertEquals(3, json(gateway.run("epoch", "--json")).get("currentEpoch").asInt());
        JsonNode committee = json(gateway.run("committee", "--json"));
        assertEquals(4, committee.get("nPrimarySourceSymbols").asInt());
        assertEquals(7, committee.get("nSecondarySourceSymbols").asInt());
        assertEquals(7L * 65534, committee.get("maxSliverSize").asLong());
        assertEquals(10 * StorageCost.metadataLength(10), committee.get("metadataStorageSize").asLong());
        assertEquals("node-2", committee.get("nextStorageNodes").get(1).get("nodeId").asText());
        assertEquals(true, json(gateway.run("all", "--json")).has("committeeInfo"));
        assertEquals("shards:           10\nnodes:            2 (1 up)\n", gateway.run("storage").out());
        assertEquals(true, gateway.run("price").out().contains("metadata price:   100 FROST per epoch (RS2)"));
        assertEquals(true, gateway.run("size").out().contains("max blob size:    1.7 MiB"));
    }

    @Test
    void anEpochChangeInProgressHasAMessageForItsStart() throws Exception {
        gateway.respondJson(200, WITH_EPOCHS.replace("NextParamsSelected", "EpochChangeSync"));

        JsonNode start = json(gateway.run("epoch", "--json")).get("startOfCurrentEpoch");

        assertEquals(true, start.get("Message").asText().startsWith("Epoch change is currently in progress"), start.toString());
    }

    private static JsonNode json(Captured result) throws Exception {
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(1, result.out().lines().count(), result.out());
        return json(result.out());
    }

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void shardsAreShownAsRanges() {
        assertEquals("0-2,7,9-11", InfoCommand.shardRanges(shards(11, 0, 1, 2, 7, 9, 10)));
        assertEquals("5", InfoCommand.shardRanges(shards(5)));
        assertEquals("-", InfoCommand.shardRanges(List.of()));
    }

    @Test
    void aNodeWithABadIdIsAnUnexpectedAnswer() {
        gateway.respondJson(200, STATUS.replace("node-1", "Node One"));

        assertFailure(gateway.run(), 1, "nodes[1].id is invalid");
    }

    @Test
    void takesNoArguments() {
        assertFailure(gateway.run("extra"), 2, "unexpected argument 'extra'");
        assertEquals(0, gateway.requests().size());
    }

    private static List<ShardIndex> shards(int... values) {
        return java.util.Arrays.stream(values).mapToObj(ShardIndex::new).toList();
    }

    private static final String WITH_EPOCHS = STATUS.substring(0, STATUS.length() - 1)
        + ",\"epochInfo\":{\"currentEpoch\":3,\"startOfCurrentEpoch\":\"2026-01-02T03:04:05Z\","
        + "\"epochDuration\":{\"secs\":90,\"nanos\":0},\"maxEpochsAhead\":53,\"epochState\":\"NextParamsSelected\"},"
        + "\"committeeInfo\":{\"nShards\":10,\"currentStorageNodes\":[],\"nextStorageNodes\":["
        + "{\"name\":\"node-0\",\"nodeId\":\"node-0\",\"networkAddress\":\"http://127.0.0.1:9185\",\"publicKey\":\""
        + KEY_0 + "\",\"nShards\":4,\"shardIds\":[0,1,2,3],\"stake\":600,\"up\":true},"
        + "{\"name\":\"node-2\",\"nodeId\":\"node-2\",\"networkAddress\":\"http://127.0.0.1:9187\",\"publicKey\":\""
        + KEY_1 + "\",\"nShards\":6,\"shardIds\":[4,5,6,7,8,9],\"stake\":900,\"up\":false}]}}";

    @Test
    void showsTheEpochStateAndTheNextCommitteeOnceSelected() {
        gateway.respondJson(200, WITH_EPOCHS);

        Captured result = gateway.run();

        assertEquals(0, result.exitCode(), result.err());
        String out = result.out();
        assertEquals(true, out.startsWith("epoch:          3\n"
            + "epoch state:    NextParamsSelected\n"
            + "epoch start:    2026-01-02T03:04:05Z\n"
            + "epoch duration: 1m 30s\n"
            + "shards:         10\n"), out);
        assertEquals(true, out.endsWith("\nnext committee (epoch 4):\n"
            + "NODE    UP   STAKE  SHARDS  STORAGE API            PUBLIC KEY\n"
            + "node-0  yes  600    0-3     http://127.0.0.1:9185  " + KEY_0 + "\n"
            + "node-2  no   900    4-9     http://127.0.0.1:9187  " + KEY_1 + "\n"), out);
    }

    @Test
    void committeePrintsOnlyTheCommittees() {
        gateway.respondJson(200, WITH_EPOCHS);

        Captured result = gateway.run("committee");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(true, result.out().startsWith("committee of epoch 3:\nNODE    UP   STAKE"), result.out());
        assertEquals(true, result.out().contains("next committee (epoch 4):"), result.out());
        assertFailure(gateway.run("committees"), ExitCodes.USAGE, "unexpected argument 'committees'");
    }

    @Test
    void durationsUseTheLargestUnits() {
        assertEquals("1d", InfoCommand.duration(java.time.Duration.ofDays(1)));
        assertEquals("30s", InfoCommand.duration(java.time.Duration.ofSeconds(30)));
        assertEquals("1d 2h 3m 4s", InfoCommand.duration(java.time.Duration.ofSeconds(93_784)));
        assertEquals("500ms", InfoCommand.duration(java.time.Duration.ofMillis(500)));
    }
}
