/**
 * Binary Canonical Serialization as the Rust {@code bcs} crate defines it (the wire format of Walrus metadata,
 * slivers, proofs and signed messages): little-endian fixed-width integers, ULEB128 lengths and enum tags that
 * must be canonical and fit a u32, sequence lengths at most 2^31 - 1, and no trailing bytes.
 */
package io.floe.encoding.bcs;
