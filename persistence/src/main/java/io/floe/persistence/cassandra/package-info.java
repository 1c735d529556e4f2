/**
 * Apache Cassandra for Floe: the journal configuration for pekko-persistence-cassandra
 * ({@link io.floe.persistence.cassandra.CassandraJournal}, {@link io.floe.persistence.cassandra.CassandraJournalSettings})
 * and {@link io.floe.persistence.cassandra.CassandraServer}, which runs a real single-node Cassandra 5.0 in its own
 * JVM for tests and {@code floe local --cassandra}.
 */
package io.floe.persistence.cassandra;
