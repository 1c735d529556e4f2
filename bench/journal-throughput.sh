#!/usr/bin/env bash
# Registration+certification events per second on the Cassandra journal (a real Cassandra 5.0 node that the test
# starts) and on the embedded H2 journal, measured in one JVM with the real Blob entities and ledger
# (multi-jvm-tests io.floe.multijvm.cassandra.JournalThroughputTest). Prints the FIGURE lines, including
# Cassandra's start time. Environment:
#   BLOBS=2000      timed blobs per journal (7 events each: charge, registration, 4 attestations + certificate)
#   IN_FLIGHT=16    blobs in progress at once
# Needs the modules installed once: mvn -q install -DskipTests (then this script runs offline). It runs the test with
# verify, not test: `mvn test` leaves out the classes tagged `cassandra`.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
blobs="${BLOBS:-2000}"
in_flight="${IN_FLIGHT:-16}"
cd "$root"
mvn -q -B -pl cassandra-server package
mvn -q -B -pl multi-jvm-tests verify -Dtest=JournalThroughputTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfloe.bench.journal.blobs="$blobs" -Dfloe.bench.journal.in-flight="$in_flight" \
    | grep --line-buffered 'FIGURE' || { echo "the throughput run failed; see multi-jvm-tests/target/surefire-reports" >&2; exit 1; }
