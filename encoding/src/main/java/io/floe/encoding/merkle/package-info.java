/**
 * Blake2b-256 and the Walrus Merkle tree ({@code walrus_core::merkle}), bit-exact: leaf {@code H(0x00 || data)},
 * inner {@code H(0x01 || left || right)}, odd levels padded with the {@code Empty} node (32 zero bytes), proofs
 * as sibling paths with BCS {@code vector<Node>}. Full trees ({@link io.floe.encoding.merkle.MerkleTree}),
 * an allocation-free root for packed leaf hashes, and a streaming root
 * ({@link io.floe.encoding.merkle.MerkleRootBuilder}) all give the same root.
 */
package io.floe.encoding.merkle;
