/**
 * Journal configuration: {@link io.floe.persistence.journal.JournalMode} picks the journal a member uses
 * ({@code floe.persistence.mode}); the embedded H2 journal (pekko-persistence-jdbc) is the default, with settings
 * that keep acknowledged events across kill -9 and let members on one machine share it. The Cassandra journal is in
 * {@link io.floe.persistence.cassandra}.
 */
package io.floe.persistence.journal;
