package io.floe.cli;

import static io.floe.cli.CliAssertions.assertFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.encoding.index.ShardIndex;
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
    void jsonPassesTheAnswerThrough() {
        gateway.respondJson(200, STATUS);

        Captured result = gateway.run("--json");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(STATUS + "\n", result.out());
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
