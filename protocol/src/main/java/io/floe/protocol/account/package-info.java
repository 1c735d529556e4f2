/**
 * Accounts and the requests they sign: {@link io.floe.protocol.account.Address} (derived from an Ed25519 key as
 * Sui derives it) and {@link io.floe.protocol.account.SignedRequest}, the one way a client changes the control
 * plane on its own account (DESIGN.md §10).
 */
package io.floe.protocol.account;
