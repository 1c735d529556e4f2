package io.floe.persistence.sliver;

import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverType;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The column family that holds one shard's slivers of one type, named {@code shard-<k>-primary} or
 * {@code shard-<k>-secondary}. The name is the only record of which shards a node holds, so parsing it back must
 * give the same shard and type.
 */
record SliverFamily(ShardIndex shard, SliverType type) {
    private static final Pattern NAME = Pattern.compile("shard-(\\d{1,5})-(primary|secondary)");

    String name() {
        return "shard-" + shard.value() + "-" + type.pathName();
    }

    byte[] nameBytes() {
        return name().getBytes(StandardCharsets.UTF_8);
    }

    /** The family a column family name stands for, or empty for names that are not sliver families. */
    static Optional<SliverFamily> parse(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        SliverType type = m.group(2).equals("primary") ? SliverType.PRIMARY : SliverType.SECONDARY;
        return Optional.of(new SliverFamily(new ShardIndex(Integer.parseInt(m.group(1))), type));
    }
}
