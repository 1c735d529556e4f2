package io.floe.api.gateway;

/** The publisher is already storing as many bytes as its memory budget allows; the client should retry soon. */
final class StoresBusyException extends RuntimeException {
    StoresBusyException(long budget) {
        super("the publisher is busy: stores in progress already use its budget of " + budget
                + " body bytes (floe.gateway.store-budget); retry shortly");
    }
}
