package io.floe.api.control;

import io.floe.protocol.blob.Registration;
import io.floe.protocol.blob.ResourceOperation;

/**
 * A registration as {@link ControlPlane#register} made it (or found it, for the same object ID again): how it got
 * its storage and what that charged now.
 */
public record RegisteredBlob(Registration registration, ResourceOperation operation, long cost) {
}
