package io.floe.api.gateway;

import io.floe.protocol.account.SignedRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * How a client wants a blob stored: for how many epochs ({@code epochsMax}: as many as the network allows, then
 * {@code epochs} is a placeholder until {@link BlobWriter} asks the ledger), deletable or permanent, whether to store
 * anew, who pays ({@code authorization}: the signer of that {@code register_blob}; empty: the gateway account) and who
 * owns the blob object ({@code sendTo}, else the payer).
 */
public record StoreParameters(int epochs, boolean deletable, boolean force, boolean epochsMax,
                              Optional<SignedRequest> authorization, Optional<String> sendTo) {
    public StoreParameters {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
        }
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(sendTo, "sendTo");
    }

    /** Paid for and owned by the gateway account. */
    public StoreParameters(int epochs, boolean deletable, boolean force) {
        this(epochs, deletable, force, false, Optional.empty(), Optional.empty());
    }

    /** These parameters for exactly {@code n} epochs. */
    public StoreParameters withEpochs(int n) {
        return new StoreParameters(n, deletable, force, false, authorization, sendTo);
    }
}
