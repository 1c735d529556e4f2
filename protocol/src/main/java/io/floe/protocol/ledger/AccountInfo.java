package io.floe.protocol.ledger;

import io.floe.protocol.blob.StorageResource;
import java.util.List;
import java.util.Objects;

/** An account as the ledger holds it: its balance in FROST and its free storage resources, latest end first. */
public record AccountInfo(String account, long balance, List<StorageResource> storage) {
    public AccountInfo {
        Objects.requireNonNull(account, "account");
        storage = List.copyOf(storage);
    }
}
