package io.floe.protocol.blob;

/**
 * How a registration got its storage, in Walrus's {@code RegisterBlobOp} terms (the store answer's
 * {@code resourceOperation}).
 */
public enum ResourceOperation {
    /** New storage bought for it. */
    REGISTER_FROM_SCRATCH,
    /** A free storage resource of the owner's covered it (split off if larger): only the write was paid. */
    REUSE_STORAGE,
    /** A free resource of the owner's covered its start, and the missing epochs were bought. */
    REUSE_AND_EXTEND,
    /** A pending registration of the owner's, paid by an earlier store that did not certify it: nothing was paid. */
    REUSE_REGISTRATION
}
