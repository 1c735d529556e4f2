package io.floe.cluster.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.encoding.metadata.BlobId;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.pekko.cluster.sharding.typed.HashCodeMessageExtractor;
import org.junit.jupiter.api.Test;

class BlobShardWarmupTest {

    @Test
    void picksOneBlobOfEveryShardAsTheDefaultExtractorPlacesThem() {
        int shards = 100;
        List<BlobId> ids = BlobShardWarmup.onePerShard(shards, new SecureRandom(new byte[] {7}));
        HashCodeMessageExtractor<Object> placement = new HashCodeMessageExtractor<>(shards);
        Set<String> covered = ids.stream().map(id -> placement.shardId(id.toString())).collect(Collectors.toSet());
        assertEquals(shards, ids.size());
        assertEquals(shards, covered.size());
    }

    @Test
    void asksEveryShardOnceAndToleratesFailedAsks() throws Exception {
        List<BlobId> asked = new ArrayList<>();
        BlobShardWarmup.run(40, id -> {
            synchronized (asked) {
                asked.add(id);
                return asked.size() % 3 == 0 ? CompletableFuture.failedFuture(new IllegalStateException("timeout"))
                        : CompletableFuture.completedFuture(id);
            }
        }).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(40, asked.size());
        assertEquals(40, Set.copyOf(asked).size());
    }
}
