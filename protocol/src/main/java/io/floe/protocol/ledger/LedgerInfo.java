package io.floe.protocol.ledger;

import io.floe.protocol.committee.Epoch;
import java.util.Objects;

/**
 * The system ledger's answer to "what does storage cost, and what can the gateway pay": its epoch, the network's
 * shard count, the prices in FROST per 1 MiB storage unit (storage: per epoch), how far ahead storage can be bought,
 * and the gateway account with its balance. The ledger answers it and the gateway's control plane hands it on.
 *
 * @param maxEpochsAhead how far ahead storage can be bought
 */
public record LedgerInfo(Epoch epoch, int nShards, long storagePricePerUnit, long writePricePerUnit,
                         int maxEpochsAhead, String gatewayAccount, long gatewayBalance) {
    public LedgerInfo {
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(gatewayAccount, "gatewayAccount");
    }
}
