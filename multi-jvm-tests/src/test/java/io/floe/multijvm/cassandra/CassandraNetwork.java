package io.floe.multijvm.cassandra;

import io.floe.multijvm.FloeNetworkExtension;
import io.floe.multijvm.NetworkSpec;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The network of the Cassandra classes that need one, shared to save a start-up on Cassandra: 4 nodes and 10 shards,
 * every member journaling to the run's {@link SharedCassandra} in {@link #KEYSPACE}, 16 s epochs.
 * {@code EpochsOnCassandraTest} runs on it first, then {@code NetworkOnCassandraTest}, which restarts every member
 * and stops Cassandra under them (the network ends with it; its name sorts after).
 */
final class CassandraNetwork {
    static final int NODES = 4;
    static final int SHARDS = 10;
    /** The keyspace of this run's network. */
    static final String KEYSPACE = "network_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private CassandraNetwork() {
    }

    /** The extension each of the classes registers. */
    static FloeNetworkExtension extension() {
        return FloeNetworkExtension.shared("cassandra-4x10", CassandraNetwork::spec);
    }

    private static NetworkSpec spec(ExtensionContext context) {
        return NetworkSpec.of(NODES, SHARDS).withMemberOptions("-Dfloe.persistence.mode=cassandra",
                "-Dfloe.persistence.cassandra.create-schema=on",
                "-Dfloe.persistence.cassandra.contact-points=" + SharedCassandra.server(context).contactPoint(),
                "-Dfloe.persistence.cassandra.keyspace=" + KEYSPACE, "-Dfloe.network.epoch-duration=16s");
    }
}
