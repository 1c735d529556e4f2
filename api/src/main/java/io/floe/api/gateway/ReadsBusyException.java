package io.floe.api.gateway;

/** The reads in progress already hold the sliver bytes the aggregator's read budget allows; retry soon. */
final class ReadsBusyException extends RuntimeException {
    ReadsBusyException(long budget) {
        super("the aggregator is busy: reads in progress already hold its budget of " + budget
                + " bytes of slivers (floe.gateway.read-budget); retry shortly");
    }
}
