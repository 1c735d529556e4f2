package io.floe.cli.client;

import java.util.List;

/**
 * An account as the ledger holds it ({@code GET /v1/accounts/{address}}): its FROST balance and the storage
 * resources it owns but does not use yet. {@link #json()} is the answer on one line.
 */
public record AccountSummary(String address, long balance, List<BlobObject.Storage> storage, String json) {
    public AccountSummary {
        storage = List.copyOf(storage);
    }

    /** The faucet's answer ({@code POST /v1/faucet}): {@code amount} FROST paid to {@code address}. */
    public record Funded(String address, long amount, long balance, String json) {
    }
}
