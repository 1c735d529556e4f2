#!/usr/bin/env bash
# Concurrent store figures for a whole network on this machine (`./floe local`): CLIENTS clients (threads of
# bench/concurrency-load.py, one keep-alive connection each) store fresh random blobs of MIN_KIB..MAX_KIB through
# the gateway API, each keeping one store in flight, for DURATION seconds after WARMUP untimed stores. Prints stores/s, p50,
# p90, p99 and max latency (one store: request sent to answer read, as the client sees it) and PASS/MISS against
# the issue's target (>= 100 stores/s, p99 < 1 s), the members' CPU time per store (user + system of floe local's
# process group during the round; the load average shows what else ran), then reads a few stored blobs back byte for byte. Exits 0 whatever
# the figures; non-zero only when start-up fails or a read-back differs. It always stops the network on exit.
# Environment:
#   NODES=4 SHARDS=100        shape of the network
#   CLIENTS=16 DURATION=30    concurrent clients and timed seconds per round
#   MIN_KIB=1 MAX_KIB=64      blob sizes (uniform in bytes between the two)
#   WARMUP=64                 untimed stores first (spread over the clients)
#   ROUNDS=3                  timed rounds on the same network, one line each; the JIT compilers still take much of
#                             the CPU in the first minute, so the last round is the steady-state figure
#   SEED=12                   seed of the sizes
#   API=http://host:port      measure an already running network instead of starting one
#   FLOE_MEMBER_JAVA_OPTS     appended to every member's options; FLOE_CLASSPATH as for ./floe
#   KEEP_DATA=1               keep the data folder (kept anyway when the script fails)
#   STARTUP_TIMEOUT=240       seconds to wait for floe local to report the network ready
# Example:
#   bench/concurrency.sh                      # builds cli/target/floe.jar when the sources are newer
#   DURATION=60 ROUNDS=2 bench/concurrency.sh
#   FLOE_CLASSPATH=/tmp/before.jar bench/concurrency.sh   # a copy of an older cli/target/floe.jar, to compare
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
load="$root/bench/concurrency-load.py"
nodes="${NODES:-4}"
shards="${SHARDS:-100}"
clients="${CLIENTS:-16}"
duration="${DURATION:-30}"
min_kib="${MIN_KIB:-1}"
max_kib="${MAX_KIB:-64}"
warmup="${WARMUP:-64}"
rounds="${ROUNDS:-3}"
seed="${SEED:-12}"
startup_timeout="${STARTUP_TIMEOUT:-240}"
member_opts="${FLOE_MEMBER_JAVA_OPTS:-}"

for tool in python3 setsid; do
    command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/floe-concurrency.XXXXXX")"
data="$tmp/data"
mkdir -p "$data"
floe_pid=""

# die, group_alive, stop_group
. "$(dirname "${BASH_SOURCE[0]}")/procs.sh"

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    [[ -z "$floe_pid" ]] || stop_group "$floe_pid" 45
    if [[ "$rc" != 0 || "${KEEP_DATA:-0}" == 1 ]]; then
        echo "# kept $tmp (member logs: $data/<member>/floe.log, floe local's output: $tmp/floe-local.out)" >&2
    else
        rm -rf "$tmp"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# free_block N: a base of N ports free on 127.0.0.1 now.
. "$(dirname "${BASH_SOURCE[0]}")/ports.sh"

start_network() {
    local block api_port node_port artery_port
    block="$(free_block $((2 * nodes + 2)))"
    api_port="$block"
    node_port=$((block + 1))
    artery_port=$((block + 1 + nodes))
    api="http://127.0.0.1:$api_port"
    echo "# floe local: nodes=$nodes shards=$shards api=$api node-port=$node_port artery-port=$artery_port" \
        "code=$(if [[ -n "${FLOE_CLASSPATH:-}" ]]; then echo FLOE_CLASSPATH; else echo cli/target/floe.jar; fi)"
    FLOE_MEMBER_JAVA_OPTS="$member_opts" setsid "$root/floe" local --nodes "$nodes" --shards "$shards" \
        --data "$data" --api-port "$api_port" --node-port "$node_port" --artery-port "$artery_port" \
        >"$tmp/floe-local.out" 2>&1 </dev/null &
    floe_pid=$!
    await_floe_running "$floe_pid" "$tmp/floe-local.out" "$startup_timeout"
}

echo "# machine: $(nproc) CPUs, $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -n "${API:-}" ]]; then
    api="$API"
    echo "# measuring the running network at $api"
else
    start_network
fi
echo "# $clients clients, ${min_kib}-${max_kib} KiB blobs, $duration s per round after $warmup warm-up stores"

# CPU seconds (user + system) used so far by the processes of floe local's group: the members' cost per store is
# a figure that other work on the machine disturbs less than the rate.
group_cpu_seconds() {
    [[ -n "$floe_pid" ]] || { echo 0; return; }
    ps -e -o pgid=,pid= | awk -v g="$floe_pid" '$1 == g { print $2 }' | while read -r pid; do
        cut -d' ' -f14,15 "/proc/$pid/stat" 2>/dev/null || true
    done | awk -v hz="$(getconf CLK_TCK)" '{ t += $1 + $2 } END { printf "%.2f\n", t / hz }'
}

if ((warmup > 0)); then
    python3 "$load" "$api" "$clients" 0 $((min_kib * 1024)) $((max_kib * 1024)) "$warmup" "$seed" >/dev/null \
        || die "the warm-up failed"
fi

lines=()
for ((r = 1; r <= rounds; r++)); do
    cpu_before="$(group_cpu_seconds)"
    python3 "$load" "$api" "$clients" "$duration" $((min_kib * 1024)) $((max_kib * 1024)) 0 \
        "$((seed + r))" >"$tmp/round.out" || { cat "$tmp/round.out"; die "round $r failed"; }
    cat "$tmp/round.out"
    cpu_used="$(awk -v a="$cpu_before" -v b="$(group_cpu_seconds)" 'BEGIN { printf "%.1f", b - a }')"
    line="$(grep '^stores=' "$tmp/round.out")"
    stores="$(sed -n 's/^stores=\([0-9]*\).*/\1/p' <<<"$line")"
    ((stores > 0)) || stores=1
    line="$line members_cpu_s=$cpu_used cpu_ms_per_store=$(awk -v c="$cpu_used" -v n="$stores" \
        'BEGIN { printf "%.0f", c * 1000 / n }')"
    lines+=("$line")
done

echo "summary (nodes=$nodes shards=$shards clients=$clients sizes=${min_kib}-${max_kib} KiB):"
for line in "${lines[@]}"; do
    round=$((${round:-0} + 1))
    rate="$(sed -n 's/.*stores_per_s=\([0-9.]*\).*/\1/p' <<<"$line")"
    p99="$(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' <<<"$line")"
    verdict="$(awk -v r="$rate" -v p="$p99" 'BEGIN { print (r >= 100 && p < 1000) ? "PASS" : "MISS" }')"
    echo "  round $round: $verdict $line (target: >= 100 stores/s, p99 < 1000 ms; load average $(cut -d' ' -f1 /proc/loadavg))"
done
echo "steady state (the last round): ${lines[$((rounds - 1))]}"
