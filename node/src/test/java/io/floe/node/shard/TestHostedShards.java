package io.floe.node.shard;

import io.floe.encoding.index.ShardIndex;
import java.util.Collection;

/** Test-only: {@link HostedShards} as if the given shards' entities ran here (their add is package-private). */
public final class TestHostedShards {
    private TestHostedShards() {
    }

    public static HostedShards of(Collection<ShardIndex> shards) {
        HostedShards hosted = new HostedShards();
        shards.forEach(hosted::add);
        return hosted;
    }
}
