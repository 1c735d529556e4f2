/**
 * The blob index projection: one instance in the cluster follows the blob event feed from the read-side store's
 * offset and keeps the store's rows (blobs by ID and by owner) in step with the Blob entities' events.
 */
package io.floe.actors.readside;
