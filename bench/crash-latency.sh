#!/usr/bin/env bash
# Availability through a crash, as figures: runs CrashLatencyTest (tagged `bench`, so `mvn verify` leaves it out) on a
# network of 4 nodes and 10 shards under a steady store and read load, kills the node holding the ledger and then
# another with SIGKILL, and checks that no request running in the 20 s after a kill took more than 5 s over the calm
# phase's p90. Prints the test's line for each kill (calm p90, longest request around it) and exits with its result.
# Environment: OFFLINE=-o (default; empty to let Maven download).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
offline="${OFFLINE--o}"
log="$(mktemp "${TMPDIR:-/tmp}/floe-crash-latency.XXXXXX.log")"
status=0
mvn -B $offline -pl multi-jvm-tests -am verify -Dtest=CrashLatencyTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench.test.groups=none >"$log" 2>&1 || status=$?
grep -E "kill of .*calm requests" "$log" | sed 's/^.*CrashLatencyTest - //' || true
grep -E "Tests run:.*CrashLatencyTest" "$log" || true
echo "# full log: $log"
exit "$status"
