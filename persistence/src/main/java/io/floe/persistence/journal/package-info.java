/**
 * Journal configuration: the embedded H2 journal (pekko-persistence-jdbc) that a member uses when no Cassandra is
 * configured, with settings that keep acknowledged events across kill -9 and let members on one machine share it.
 */
package io.floe.persistence.journal;
