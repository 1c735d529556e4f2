/** Loading Floe's native library, shared by the native RS engine and the native Blake2b hasher. */
package io.floe.encoding.jni;
