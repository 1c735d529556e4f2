package io.floe.multijvm.cassandra;

import io.floe.multijvm.FloeNetworkExtension;
import io.floe.multijvm.NetworkSpec;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The network of the Cassandra classes that need one, shared to save a start-up on Cassandra: 4 nodes and 10 shards,
 * every member journaling to the run's {@link SharedCassandra} in a keyspace of its own ({@link #keyspace}), 16 s
 * epochs. {@code EpochsOnCassandraTest} runs on it first, then {@code NetworkOnCassandraTest}, which restarts every
 * member and stops Cassandra under them, and ends the network (its name sorts after).
 */
final class CassandraNetwork {
    static final int NODES = 4;
    static final int SHARDS = 10;
    /** The keyspace of the network started last: a fresh network never replays an earlier one's journal. */
    private static volatile String keyspace = "";

    private CassandraNetwork() {
    }

    /** The extension each class registers (the last one {@linkplain FloeNetworkExtension#endingTheGroup ending it}). */
    static FloeNetworkExtension extension() {
        return FloeNetworkExtension.shared("cassandra-4x10", CassandraNetwork::spec);
    }

    /** The keyspace the running network's members journal to. */
    static String keyspace() {
        return keyspace;
    }

    private static NetworkSpec spec(ExtensionContext context) {
        keyspace = "network_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return NetworkSpec.of(NODES, SHARDS).withMemberOptions("-Dfloe.persistence.mode=cassandra",
                "-Dfloe.persistence.cassandra.create-schema=on",
                "-Dfloe.persistence.cassandra.contact-points=" + SharedCassandra.server(context).contactPoint(),
                "-Dfloe.persistence.cassandra.keyspace=" + keyspace, "-Dfloe.network.epoch-duration=16s");
    }
}
