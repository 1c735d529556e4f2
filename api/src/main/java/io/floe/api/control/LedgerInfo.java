package io.floe.api.control;

import io.floe.protocol.committee.Epoch;

/**
 * Prices and balances from the system ledger. Prices are FROST per 1 MiB storage unit (storage: per epoch).
 *
 * @param maxEpochsAhead how far ahead storage can be bought
 */
public record LedgerInfo(Epoch epoch, long storagePricePerUnit, long writePricePerUnit, int maxEpochsAhead,
                         String gatewayAccount, long gatewayBalance) {
}
