/**
 * The read-side: a query model of every blob (status, size, end epoch, owners) and of blobs by owner, kept by the
 * blob index projection from the blob event feed and read by the gateway's {@code GET /v1/blobs}. Each store
 * writes a batch of rows and the feed offset after them in one atomic step, so a restarted projection resumes
 * exactly where the rows end: an embedded one on the H2 database of the embedded journal, and one on Cassandra.
 */
package io.floe.persistence.readside;
