#!/usr/bin/env bash
# Repair figures for a whole network on this machine (`./floe local`): store TOTAL_MIB of random blobs, stop one
# storage node (SIGTERM), delete its data folder (all but its key, configuration and log, as a replaced disk), start
# it again and time until it stores every sliver pair of every blob again. Prints the heal time (from the restart,
# and from the moment the node serves again), the node's recovery counters from /v1/health (slivers rebuilt, bytes
# fetched from peers, bytes rebuilt), fetched/rebuilt, and what a classic Reed-Solomon repair would fetch: np
# whole slivers per lost sliver (np x the lost bytes: a whole blob's worth per lost primary sliver). Exits non-zero
# only when a request fails or the node does not heal within HEAL_TIMEOUT. It always stops every process it started.
# Environment:
#   NODES=4 SHARDS=100    shape of the network
#   TOTAL_MIB=64 BLOB_MIB=8   data stored before the wipe, in blobs of BLOB_MIB (the last one may be smaller)
#   VICTIM=               node to wipe (1-based); default: one that does not host the embedded journal file
#   HEAL_TIMEOUT=600      seconds to wait for the healed node
#   STARTUP_TIMEOUT=240   seconds to wait for floe local to report the network ready
#   FLOE_MEMBER_JAVA_OPTS appended to every member's options (see bench/e2e.sh); FLOE_CLASSPATH as for ./floe
#   KEEP_DATA=1           keep the data folder (kept anyway when the script fails)
# Example:
#   FLOE_CLASSPATH="$(cat /tmp/floe/devcp.txt)" TOTAL_MIB=16 bench/repair.sh
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
probe="$root/bench/repair-probe.py"
nodes="${NODES:-4}"
shards="${SHARDS:-100}"
total_mib="${TOTAL_MIB:-64}"
blob_mib="${BLOB_MIB:-8}"
heal_timeout="${HEAL_TIMEOUT:-600}"
startup_timeout="${STARTUP_TIMEOUT:-240}"
member_opts="-Dfloe.gateway.max-body-size=256MiB${FLOE_MEMBER_JAVA_OPTS:+ $FLOE_MEMBER_JAVA_OPTS}"
mib=$((1024 * 1024))

for tool in curl python3 setsid; do
    command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/floe-repair.XXXXXX")"
data="$tmp/data"
mkdir -p "$data"
floe_pid=""
node_pid=""

# die, group_alive, stop_group
. "$(dirname "${BASH_SOURCE[0]}")/procs.sh"

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    [[ -z "$node_pid" ]] || stop_group "$node_pid" 30
    [[ -z "$floe_pid" ]] || kill -CONT "$floe_pid" 2>/dev/null || true
    [[ -z "$floe_pid" ]] || stop_group "$floe_pid" 45
    if [[ "$rc" != 0 || "${KEEP_DATA:-0}" == 1 ]]; then
        echo "# kept $tmp (member logs: $data/<member>/floe.log, floe local's output: $tmp/floe-local.out)" >&2
        rm -rf "$tmp/files"
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

# The pid of the member JVM whose configuration is $1 (one process: the member's java).
member_pid() {
    pgrep -f -- "--config $1\$" | head -n 1
}

now_ms() {
    date +%s%3N
}

block="$(free_block $((2 * nodes + 2)))"
api_port="$block"
node_port=$((block + 1))
artery_port=$((block + 1 + nodes))
api="http://127.0.0.1:$api_port"
echo "# machine: $(nproc) CPUs, $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM"
echo "# floe local: nodes=$nodes shards=$shards api=$api; storing $total_mib MiB in blobs of $blob_mib MiB"

FLOE_MEMBER_JAVA_OPTS="$member_opts" setsid "$root/floe" local --nodes "$nodes" --shards "$shards" --data "$data" \
    --api-port "$api_port" --node-port "$node_port" --artery-port "$artery_port" \
    >"$tmp/floe-local.out" 2>&1 </dev/null &
floe_pid=$!
await_floe_running "$floe_pid" "$tmp/floe-local.out" "$startup_timeout"

# --- store the data
mkdir -p "$tmp/files"
ids="$tmp/blob-ids"
: >"$ids"
left=$((total_mib * mib))
stored_start=$(now_ms)
while ((left > 0)); do
    size=$((left < blob_mib * mib ? left : blob_mib * mib))
    head -c "$size" /dev/urandom >"$tmp/files/blob"
    code="$(curl -sS -X PUT -T "$tmp/files/blob" -H 'Expect:' -H 'Content-Type: application/octet-stream' \
        --max-time 600 -o "$tmp/answer.json" -w '%{http_code}' "$api/v1/blobs?epochs=5")" || die "store failed"
    [[ "$code" == 200 ]] || die "store answered $code: $(head -c 500 "$tmp/answer.json")"
    echo "$(python3 "$probe" blob-id "$tmp/answer.json") $size" >>"$ids"
    left=$((left - size))
done
cp "$tmp/files/blob" "$tmp/files/last-blob"
echo "# stored $(wc -l <"$ids") blobs ($total_mib MiB) in $(( ($(now_ms) - stored_start) / 1000 )) s"

# --- the victim: given, or the first node whose JVM does not have the embedded journal open
victim="${VICTIM:-}"
if [[ -z "$victim" ]]; then
    for ((i = 1; i <= nodes; i++)); do
        pid="$(member_pid "$data/node-$i/member.conf")"
        if ! ls -l "/proc/$pid/fd" 2>/dev/null | grep -q "$data/journal/"; then
            victim=$i
            break
        fi
    done
fi
[[ -n "$victim" ]] || die "no node without the journal file found"
name="node-$victim"
conf="$data/$name/member.conf"
node_url="http://127.0.0.1:$((node_port + victim - 1))"
victim_shards="$(python3 "$probe" shards "$api" "$name")"

# Uploads past the quorum finish in the background: the victim holds every pair before it is wiped.
deadline=$((SECONDS + 120))
while true; do
    read -r present expected lost_bytes <<<"$(python3 "$probe" pairs "$api" "$name" "$ids")"
    ((present == expected)) && break
    ((SECONDS < deadline)) || die "$name holds only $present of $expected slivers before the wipe"
    sleep 1
done
echo "# $name holds $victim_shards shards: $expected slivers, $lost_bytes sliver bytes; stopping and wiping it"

# floe local restarts a member that exits, a second after: that would race the restart below (whichever binds the
# ports first runs, the other exits). Its supervisor (floe local's own JVM; the members are their own processes) is
# paused from here until the node has healed.
kill -STOP "$floe_pid"
pid="$(member_pid "$conf")"
kill -TERM "$pid"
deadline=$((SECONDS + 30))
while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.2
done
kill -0 "$pid" 2>/dev/null && { kill -KILL "$pid"; sleep 1; }
find "$data/$name" -mindepth 1 -maxdepth 1 ! -name protocol.key ! -name member.conf ! -name floe.log \
    -exec rm -rf {} +

# --- restart it (its own session, so cleanup can stop it with its launcher) and time the heal
t0=$(now_ms)
FLOE_JAVA_OPTS="-Xmx1g $member_opts" setsid "$root/floe" node --config "$conf" >>"$data/$name/floe.log" 2>&1 \
    </dev/null &
node_pid=$!
t_ready=""
deadline=$((SECONDS + heal_timeout))
while true; do
    kill -0 "$node_pid" 2>/dev/null || die "$name exited after its restart (see $data/$name/floe.log)"
    if [[ -z "$t_ready" ]] && python3 "$probe" ready "$node_url"; then
        t_ready=$(now_ms)
    fi
    if [[ -n "$t_ready" ]]; then
        read -r present expected _ <<<"$(python3 "$probe" pairs "$api" "$name" "$ids")"
        ((present == expected)) && break
    fi
    ((SECONDS < deadline)) || die "$name did not heal within $heal_timeout s (${present:-0} of $expected slivers)"
    sleep 0.5
done
t_healed=$(now_ms)
kill -CONT "$floe_pid"

# The counters settle once the last stores are counted: wait until two readings a second apart agree.
prev=""
for ((k = 0; k < 30; k++)); do
    counters="$(python3 "$probe" health "$node_url")"
    [[ "$counters" == "$prev" ]] && break
    prev="$counters"
    sleep 1
done
counter() {
    sed -n "s/.*\b$1=\([0-9]*\).*/\1/p" <<<"$counters"
}
rebuilt_slivers="$(counter sliversRebuilt)"
fetched="$(counter bytesFetched)"
rebuilt="$(counter bytesRebuilt)"
f=$(((shards - 1) / 3))
np=$((shards - 2 * f))

# Every blob still reads back; the last one is compared byte for byte.
while read -r id _; do
    curl -sS --max-time 600 -o "$tmp/files/read" "$api/v1/blobs/$id" || die "read of $id failed"
done <"$ids"
cmp -s "$tmp/files/read" "$tmp/files/last-blob" || die "the last blob read back different bytes"

awk -v nodes="$nodes" -v shards="$shards" -v total="$total_mib" -v name="$name" -v vs="$victim_shards" \
    -v slivers="$expected" -v lost="$lost_bytes" -v t0="$t0" -v tr="$t_ready" -v th="$t_healed" \
    -v rs="$rebuilt_slivers" -v fetched="$fetched" -v rebuilt="$rebuilt" -v np="$np" 'BEGIN {
    printf "repair (nodes=%d shards=%d, %d MiB stored; %s wiped: %d shards, %d slivers, %.1f MiB of sliver data)\n",
        nodes, shards, total, name, vs, slivers, lost / 1048576
    printf "  heal time          %.1f s from the restart (%.1f s to serve again, %.1f s rebuilding)\n",
        (th - t0) / 1000, (tr - t0) / 1000, (th - tr) / 1000
    printf "  slivers rebuilt    %d\n", rs
    printf "  bytes fetched      %.0f (%.1f MiB)\n", fetched, fetched / 1048576
    printf "  bytes rebuilt      %.0f (%.1f MiB)\n", rebuilt, rebuilt / 1048576
    printf "  fetched/rebuilt    %.3f\n", rebuilt ? fetched / rebuilt : 0
    printf "  classic RS repair  %.0f bytes (%.1f MiB: np=%d x the lost bytes), %.1fx what Floe fetched\n",
        np * rebuilt, np * rebuilt / 1048576, np, fetched ? np * rebuilt / fetched : 0
    printf "  rebuild rate       %.1f MiB/s of sliver data\n", (th > tr) ? rebuilt / 1048576 / ((th - tr) / 1000) : 0
}'
