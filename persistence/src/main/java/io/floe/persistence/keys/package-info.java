/** The storage node's Ed25519 protocol key in its data folder: created once, loaded on every start, never replaced. */
package io.floe.persistence.keys;
