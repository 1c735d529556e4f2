package io.floe.encoding.redstuff;

import io.floe.encoding.EncodingException;

/** A rebuilt sliver does not match its hash although every symbol was proven: the proof to publish is attached. */
public final class InconsistencyDetectedException extends EncodingException {
    private static final long serialVersionUID = 1L;
    private final transient InconsistencyProof proof;

    public InconsistencyDetectedException(InconsistencyProof proof) {
        super("blob is inconsistently encoded: rebuilt " + proof.targetType().pathName() + " sliver "
            + proof.targetIndex().value() + " does not match its hash");
        this.proof = proof;
    }

    public InconsistencyProof proof() {
        return proof;
    }
}
