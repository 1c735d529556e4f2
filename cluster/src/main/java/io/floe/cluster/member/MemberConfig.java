package io.floe.cluster.member;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.floe.node.shard.NodeRoles;
import io.floe.persistence.journal.JournalMode;
import io.floe.protocol.committee.NodeId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a member's whole configuration: its own file first, then the journal file of its
 * {@code floe.persistence.mode} ({@link JournalMode}), then Floe's application.conf (cluster, persistence and
 * serialization parts), then every module's reference.conf, resolved together so that substitutions such as the
 * journal folder or the Cassandra keyspace see the member's values.
 */
public final class MemberConfig {
    private MemberConfig() {
    }

    /** The configuration of a member from its file; {@code defaultRole} applies when the file names no roles. */
    public static Config load(Path memberFile, String defaultRole) {
        Config own = ConfigFactory.parseFile(memberFile.toFile(),
                com.typesafe.config.ConfigParseOptions.defaults().setAllowMissing(false));
        return load(own, defaultRole);
    }

    public static Config load(Config own, String defaultRole) {
        Config defaultRoles = ConfigFactory.parseMap(java.util.Map.of("floe.member.roles", List.of(defaultRole)));
        Config ownFirst = ConfigFactory.defaultOverrides().withFallback(own).withFallback(defaultRoles);
        Config defaults = ConfigFactory.parseResources("application.conf").withFallback(ConfigFactory.defaultReference());
        // The mode may come from the member's file, a -D property or FLOE_PERSISTENCE_MODE, so it is read resolved.
        JournalMode mode = JournalMode.of(ownFirst.withFallback(defaults).resolve());
        Config merged = mode.finish(ownFirst.withFallback(mode.journalConfig()).withFallback(defaults).resolve());
        FloeSettings settings = FloeSettings.from(merged);
        List<String> roles = new ArrayList<>(settings.roles());
        if (settings.isStorage()) {
            roles.add(NodeRoles.roleFor(new NodeId(settings.memberId())));
        }
        return ConfigFactory.parseMap(java.util.Map.of("pekko.cluster.roles", ConfigValueFactory.fromIterable(roles)))
                .withFallback(merged);
    }
}
