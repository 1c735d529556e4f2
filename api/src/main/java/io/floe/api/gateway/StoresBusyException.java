package io.floe.api.gateway;

/** The stores in progress already hold the heap the publisher's store budget allows; the client should retry soon. */
final class StoresBusyException extends RuntimeException {
    StoresBusyException(long budget) {
        super("the publisher is busy: stores in progress already use its budget of " + budget
                + " bytes of memory (floe.gateway.store-budget); retry shortly");
    }
}
