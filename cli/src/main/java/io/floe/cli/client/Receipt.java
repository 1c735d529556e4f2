package io.floe.cli.client;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The gateway's answer to a signed request ({@code POST /v1/transactions}): which operation of which account was
 * done, what it cost, the FROST it moved ({@code amount}), the signer's balance afterwards and the blob objects it
 * changed. {@link #json()} is the answer on one line.
 */
public record Receipt(String requestId, String account, String operation, long cost, OptionalLong amount,
        long balanceAfter, List<BlobObject> objects, Optional<BlobObject.Storage> returnedStorage, String json) {
    public Receipt {
        objects = List.copyOf(objects);
    }
}
