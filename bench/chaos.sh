#!/usr/bin/env bash
# The chaos run (issue 12): a real network of member JVMs (one per storage node and a gateway) serves a mixed
# store/read workload for DURATION seconds while random storage nodes are killed -9 and restarted, frozen (SIGSTOP,
# then SIGCONT) and restarted gracefully, one at a time and only nodes holding at most f shards, so never more than
# f shards' worth is down or frozen. Then every acknowledged blob must read back byte for byte. The logic is the
# multi-JVM test ChaosTest (its suite variant runs 45 s); this script runs it for longer and prints its figures:
# duration, kills, freezes, restarts, stores and reads (succeeded/attempted), failures (wrong or missing
# acknowledged blobs), the longest time without a successful store and without a successful read. Exits non-zero
# when the run fails. It always stops every process it started (the Maven build and, through its shutdown hook,
# the member JVMs).
# Arguments and environment:
#   $1 = DURATION=600     seconds of chaos (the build's fork is killed after 30 min: keep it under ~1500)
#   SEED=                 the faults' and blobs' random seed (default: the clock; printed with the figures)
#   WRITERS=2 READERS=2   client threads storing 1-64 KiB blobs and reading acknowledged ones
#   NODES=4 SHARDS=10     shape of the network
#   FIRST_SEED=true       fault node-1 too, the first seed node (false leaves it alone)
#   OFFLINE=-o            Maven's offline flag (empty to let Maven download)
# Example:
#   bench/chaos.sh 900
set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=procs.sh
source "$root/bench/procs.sh"
duration="${1:-${DURATION:-600}}"
writers="${WRITERS:-2}"
readers="${READERS:-2}"
nodes="${NODES:-4}"
shards="${SHARDS:-10}"
first_seed="${FIRST_SEED:-true}"
offline="${OFFLINE--o}"
figures="$root/multi-jvm-tests/target/chaos-figures.txt"
log="$(mktemp "${TMPDIR:-/tmp}/floe-chaos.XXXXXX.log")"

[[ "$duration" =~ ^[0-9]+$ ]] || die "the duration is a number of seconds, not '$duration'"
command -v setsid >/dev/null || die "setsid is needed"

mvn_pid=""
cleanup() {
    if [[ -n "$mvn_pid" ]]; then
        stop_group "$mvn_pid" 90
    fi
}
trap cleanup EXIT

rm -f "$figures"
args=(-B $offline -pl multi-jvm-tests -am verify -Dtest=ChaosTest -Dsurefire.failIfNoSpecifiedTests=false
      "-Dfloe.chaos.seconds=$duration" "-Dfloe.chaos.writers=$writers" "-Dfloe.chaos.readers=$readers"
      "-Dfloe.chaos.nodes=$nodes" "-Dfloe.chaos.shards=$shards" "-Dfloe.chaos.fault-first-seed=$first_seed")
if [[ -n "${SEED:-}" ]]; then
    args+=("-Dfloe.chaos.seed=$SEED")
fi
echo "# chaos run of $duration s on $nodes nodes and $shards shards; build log in $log"
(cd "$root" && exec setsid mvn "${args[@]}") >"$log" 2>&1 &
mvn_pid=$!
status=0
wait "$mvn_pid" || status=$?
mvn_pid=""

if [[ -f "$figures" ]]; then
    sed 's/^CHAOS //; s/ /\n/g' "$figures"
else
    echo "# no figures: the run did not get to its end; see $log" >&2
    grep -E "Tests run|FAIL|ERROR" "$log" | tail -20 >&2 || true
fi
if ((status != 0)); then
    grep -E "Tests run:|failures \(seed" "$log" | tail -5 >&2 || true
    die "the chaos run failed (exit $status); see $log"
fi
