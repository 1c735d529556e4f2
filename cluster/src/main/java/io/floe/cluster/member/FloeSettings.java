package io.floe.cluster.member;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.floe.actors.ledger.LedgerGenesis;
import io.floe.api.gateway.GatewaySettings;
import io.floe.cluster.control.AskSettings;
import io.floe.node.healing.RecoverySettings;
import io.floe.node.healing.ScrubSettings;
import io.floe.node.http.StorageApiSettings;
import io.floe.node.role.StorageNodeSettings;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.config.ConfigSection;
import io.floe.protocol.ledger.PoolParams;
import java.nio.file.Path;
import java.util.List;

/**
 * A member's settings, read once at start-up: {@code floe.member} here, every other block by the reader of the module
 * that owns it (the reference.conf beside each reader documents its keys). Invalid values fail here, with the key's
 * path, before anything starts.
 */
public record FloeSettings(String memberId, List<String> roles, Path dataDir, StorageApiSettings storageApi,
                           GatewaySettings gateway, LedgerGenesis network, AskSettings ask, RecoverySettings recovery,
                           ScrubSettings scrub, PoolParams pool) {

    public static final String STORAGE = "storage";
    public static final String GATEWAY = "gateway";

    public boolean isStorage() {
        return roles.contains(STORAGE);
    }

    public boolean isGateway() {
        return roles.contains(GATEWAY);
    }

    /** What the storage role of this member starts with. */
    public StorageNodeSettings storageNode() {
        return new StorageNodeSettings(new NodeId(memberId), dataDir, network.nShards(), storageApi, recovery, scrub,
                pool);
    }

    public static FloeSettings from(Config root) {
        ConfigSection member = ConfigSection.of(root, "floe.member");
        String id = member.string("id");
        new NodeId(id);
        List<String> roles = member.strings("roles");
        for (String role : roles) {
            if (!role.equals(STORAGE) && !role.equals(GATEWAY)) {
                throw new ConfigException.BadValue("floe.member.roles", "unknown role '" + role + "' (storage, gateway)");
            }
        }
        Path dataDir = Path.of(member.string("data-dir")).toAbsolutePath();
        return new FloeSettings(id, List.copyOf(roles), dataDir, StorageApiSettings.from(root),
                GatewaySettings.from(root, dataDir), LedgerGenesis.from(root), AskSettings.from(root),
                RecoverySettings.from(root), ScrubSettings.from(root),
                StorageNodeSettings.pool(root));
    }
}
