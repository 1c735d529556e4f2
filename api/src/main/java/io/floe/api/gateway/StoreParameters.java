package io.floe.api.gateway;

/** How a client wants a blob stored: for how many epochs, deletable or permanent, and whether to store anew. */
public record StoreParameters(int epochs, boolean deletable, boolean force) {
    public StoreParameters {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
        }
    }
}
