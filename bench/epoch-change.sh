#!/usr/bin/env bash
# Epoch-change figures for a whole network on this machine (`./floe local`): measures the disk's sequential write
# speed in the data folder (dd, direct I/O), starts a network with short epochs, stores FLOE_BENCH_GIB of random
# blobs (BLOB_MIB each, PARALLEL at a time), then adds one node with `floe local add-node` staking three times as
# much as each genesis node (it takes 40 of 100 shards) and waits until it reports its sync done. From the members'
# logs it takes the start of the change (the ledger's "Epoch N started", the first step of EpochChangeSync), the
# new node's "Pulled shard ..." lines (shards and sliver bytes received) and its "reported its sync done", and prints
# FIGURE lines: seconds per GiB of slivers moved, MB/s of sync, the disk's MB/s, their ratio, shards moved.
# Exits non-zero only when a request fails or the change does not finish in time. It always stops every process it
# started. Environment:
#   FLOE_BENCH_GIB=0.2      blob data stored before the node joins, in GiB (1 for the closing note's figure)
#   BLOB_MIB=4 PARALLEL=3   size of each blob (the gateway refuses bodies over 10 MiB) and stores at a time
#   NODES=4 SHARDS=100 EPOCH_DURATION=30s   shape of the network
#   STAKE=3000000000000     FROST staked to the new node (3000 WAL; a genesis node has 1000), so that the new node
#                           is needed for the change's quorum and pulls its shards. With less (a fifth of the shards
#                           or fewer) the other nodes hold a quorum (3w >= 2n+1) and the change is done at once: the
#                           new node then rebuilds its shards by recovery, not by the pull this script measures, and
#                           the script stops saying so.
#   STORE_EPOCHS=50         epochs each blob is stored for (it must outlive the run: epochs are short)
#   DD_MIB=1024             size of the dd write
#   SYNC_TIMEOUT=1800 STARTUP_TIMEOUT=240   seconds to wait for the sync-done report and for the network
#   FLOE_MEMBER_JAVA_OPTS   appended to every member's options; FLOE_CLASSPATH as for ./floe
#   KEEP_DATA=1             keep the data folder (kept anyway when the script fails)
# Example:
#   FLOE_BENCH_GIB=1 bench/epoch-change.sh
set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "$0")/.." && pwd)"
gib="${FLOE_BENCH_GIB:-0.2}"
blob_mib="${BLOB_MIB:-4}"
parallel="${PARALLEL:-3}"
nodes="${NODES:-4}"
shards="${SHARDS:-100}"
epoch_duration="${EPOCH_DURATION:-30s}"
stake="${STAKE:-3000000000000}"
store_epochs="${STORE_EPOCHS:-50}"
dd_mib="${DD_MIB:-1024}"
sync_timeout="${SYNC_TIMEOUT:-1800}"
startup_timeout="${STARTUP_TIMEOUT:-240}"
member_opts="${FLOE_MEMBER_JAVA_OPTS:-}"
mib=$((1024 * 1024))

for tool in curl python3 setsid dd du; do
    command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/floe-epoch.XXXXXX")"
data="$tmp/data"
files="$tmp/files"
mkdir -p "$data" "$files"
floe_pid=""
add_pid=""

# die, group_alive, stop_group
. "$(dirname "${BASH_SOURCE[0]}")/procs.sh"

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    jobs -p | xargs -r kill 2>/dev/null || true
    # floe local stops the nodes added to its folder too; the added node is in add-node's group, stopped after.
    [[ -z "$floe_pid" ]] || stop_group "$floe_pid" 60
    [[ -z "$add_pid" ]] || stop_group "$add_pid" 30
    if [[ "$rc" != 0 || "${KEEP_DATA:-0}" == 1 ]]; then
        echo "# kept $tmp (member logs: $data/<member>/floe.log, floe local's output: $tmp/floe-local.out)" >&2
        rm -rf "$files" "$tmp/dd.bin"
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

# Milliseconds since midnight of a log line's HH:MM:SS.mmm time stamp.
log_ms() {
    awk -F'[:.]' '{ print (($1 * 60 + $2) * 60 + $3) * 1000 + $4 }' <<<"$1"
}

# The time stamp of the first line of the files $2... matching the extended regex $1 (empty when none).
first_stamp() {
    local re="$1"
    shift
    grep -hE "$re" "$@" 2>/dev/null | sort | head -n 1 | cut -d' ' -f1
}

# --- the disk: sequential write of DD_MIB in the data folder, before anything else runs here
dd_out="$(dd if=/dev/zero of="$tmp/dd.bin" bs=1M count="$dd_mib" oflag=direct 2>&1)" \
    || dd_out="$(dd if=/dev/zero of="$tmp/dd.bin" bs=1M count="$dd_mib" conv=fdatasync 2>&1)" \
    || die "dd failed: $dd_out"
rm -f "$tmp/dd.bin"
dd_line="$(tail -n 1 <<<"$dd_out")"
disk_mbps="$(awk -F', ' '{ split($1, b, " "); split($(NF - 1), s, " "); printf "%.1f", b[1] / s[1] / 1e6 }' \
    <<<"$dd_line")"
echo "# machine: $(nproc) CPUs, $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM;" \
    "data in $tmp ($(df -P "$tmp" | awk 'NR == 2 { print $1 }'))"
echo "# dd: $dd_line"

# --- the network
block="$(free_block $((2 * nodes + 6)))"
api="http://127.0.0.1:$block"
echo "# floe local: nodes=$nodes shards=$shards epoch-duration=$epoch_duration api=$api;" \
    "storing $gib GiB in blobs of $blob_mib MiB, $parallel at a time, for $store_epochs epochs"
FLOE_MEMBER_JAVA_OPTS="$member_opts" setsid "$root/floe" local --nodes "$nodes" --shards "$shards" \
    --data "$data" --api-port "$block" --node-port $((block + 1)) --artery-port $((block + 2 + nodes)) \
    --epoch-duration "$epoch_duration" >"$tmp/floe-local.out" 2>&1 </dev/null &
floe_pid=$!
await_floe_running "$floe_pid" "$tmp/floe-local.out" "$startup_timeout"

# --- the data: fresh random bytes per blob, so every store is a new blob
# store_one I BYTES: stores blob I; fails on anything but a newly created blob.
store_one() {
    local f="$files/blob-$1" code
    head -c "$2" /dev/urandom >"$f"
    code="$(curl -sS -X PUT -T "$f" -H 'Expect:' -H 'Content-Type: application/octet-stream' --max-time 600 \
        -o "$f.json" -w '%{http_code}' "$api/v1/blobs?epochs=$store_epochs")" || { echo "store $1 failed" >&2; return 1; }
    [[ "$code" == 200 ]] || { echo "store $1 answered $code: $(head -c 500 "$f.json")" >&2; return 1; }
    grep -q '"newlyCreated"' "$f.json" || { echo "store $1 was not new: $(head -c 500 "$f.json")" >&2; return 1; }
    rm -f "$f" "$f.json"
}

total_bytes="$(awk -v g="$gib" 'BEGIN { printf "%.0f", g * 1073741824 }')"
blob_bytes=$((blob_mib * mib))
count=$(((total_bytes + blob_bytes - 1) / blob_bytes))
running=0
stored_start=$SECONDS
for ((i = 0; i < count; i++)); do
    size=$((total_bytes - i * blob_bytes < blob_bytes ? total_bytes - i * blob_bytes : blob_bytes))
    store_one "$i" "$size" &
    if ((++running >= parallel)); then
        wait -n || die "a store failed"
        running=$((running - 1))
    fi
done
for ((; running > 0; running--)); do
    wait -n || die "a store failed"
done
store_secs=$((SECONDS - stored_start))
echo "# stored $count blobs ($total_bytes bytes) in $store_secs s" \
    "($(awk -v b="$total_bytes" -v s="$store_secs" 'BEGIN { printf "%.1f", b / 1e6 / (s ? s : 1) }') MB/s)"

# --- the new node: add-node returns once it is in the next committee; its JVM stays in add-node's group
FLOE_MEMBER_JAVA_OPTS="$member_opts" setsid "$root/floe" local add-node --data "$data" --stake "$stake" \
    >"$tmp/add-node.out" 2>&1 </dev/null &
add_pid=$!
wait "$add_pid" || { cat "$tmp/add-node.out" >&2; die "floe local add-node failed"; }
sed 's/^/# add-node: /' "$tmp/add-node.out"
name="$(sed -n 's/^started \(node-[0-9]*\) .*/\1/p' "$tmp/add-node.out" | head -n 1)"
[[ -n "$name" ]] || die "add-node did not say which node it started"
log="$data/$name/floe.log"
before_bytes="$(du -sb "$data/$name/slivers" 2>/dev/null | cut -f1)"

# The epoch that moves shards to it: the first committee selected since with shards moving.
deadline=$((SECONDS + sync_timeout))
epoch=""
until [[ -n "$epoch" ]]; do
    epoch="$(sed -n 's/.*Committee of epoch \([0-9]*\) selected: .*, \([1-9][0-9]*\) of [0-9]* shards move.*/\1/p' \
        "$data"/*/floe.log | sort -n | head -n 1)"
    ((SECONDS < deadline)) || die "no committee moving shards to $name was selected within $sync_timeout s"
    [[ -n "$epoch" ]] || sleep 1
done
echo "# epoch $epoch moves shards to $name; waiting for its sync-done report"
# The ledger counts the change done once the reports hold a quorum of shards; the new node's report may come after.
until grep -q "gained in epoch $epoch; reported its sync done" "$log"; do
    grep -qs '^Floe is running' "$tmp/floe-local.out" && kill -0 "$floe_pid" 2>/dev/null || die "floe local exited"
    if grep -qs "Epoch change to $epoch done" "$data"/*/floe.log && ! grep -q "Pulled shard" "$log" \
        && grep -q "epoch $((epoch + 1)): " "$log"; then
        echo "FIGURE epoch change: to $epoch done without $name's sync: 0 bytes pulled," \
            "its sliver store holds $(du -sb "$data/$name/slivers" | cut -f1) bytes"
        die "the change to epoch $epoch was done without $name (the other nodes hold a quorum of shards), so $name" \
            "rebuilds its shards by recovery instead of pulling them; use a larger STAKE (see the header)"
    fi
    ((SECONDS < deadline)) || die "$name did not report its sync done within $sync_timeout s (see $log)"
    sleep 1
done
after_bytes="$(du -sb "$data/$name/slivers" | cut -f1)"
deadline=$((SECONDS + 60))
until grep -qsE "Epoch change to $epoch done" "$data"/*/floe.log; do
    ((SECONDS < deadline)) || die "the ledger did not log the change to epoch $epoch done"
    sleep 1
done

# --- figures from the logs (one clock: every member runs on this machine)
t_start="$(first_stamp "Epoch $epoch started: writes go to its committee" "$data"/*/floe.log)"
[[ -n "$t_start" ]] || t_start="$(first_stamp "epoch $epoch: EpochChangeSync" "$log")"
t_report="$(first_stamp "gained in epoch $epoch; reported its sync done" "$log")"
t_done="$(first_stamp "Epoch change to $epoch done" "$data"/*/floe.log)"
pulled="$tmp/pulled"
sed -n "s/^\([0-9:.]*\) .*Pulled shard \([0-9]*\) [a-z]* slivers for epoch $epoch from node .* (\([0-9]*\) slivers, \([0-9]*\) bytes this run).*/\1 \2 \3 \4/p" \
    "$log" >"$pulled"
[[ -s "$pulled" ]] || die "$name logged no pulled shard for epoch $epoch"
t_pulled="$(sort "$pulled" | tail -n 1 | cut -d' ' -f1)"
announced="$(sed -n "s/.*Committee of epoch $epoch selected: .*, \([0-9]*\) of [0-9]* shards move.*/\1/p" \
    "$data"/*/floe.log | head -n 1)"
recovered="$(grep -c "recovering the shard blob by blob" "$log" || true)"

awk -v start="$(log_ms "$t_start")" -v pulled="$(log_ms "$t_pulled")" -v report="$(log_ms "$t_report")" \
    -v done_="$(log_ms "$t_done")" -v disk="$disk_mbps" -v before="${before_bytes:-0}" -v after="$after_bytes" \
    -v epoch="$epoch" -v name="$name" -v announced="${announced:-?}" -v recovered="$recovered" \
    -v gib="$gib" -v nodes="$nodes" -v shards="$shards" '
    function since(t) { return ((t < start ? t + 86400000 : t) - start) / 1000 }
    { shard[$2] = 1; slivers += $3; bytes += $4 }
    END {
        n = 0
        for (s in shard) n++
        secs = since(report)
        printf "epoch change to %d (nodes=%d+1 shards=%d, %s GiB of blobs stored; %s joined)\n", epoch, nodes, shards,
            gib, name
        printf "  change started %.1f s before the pulls ended, %.1f s before the sync-done report;" \
            " done %.1f s after it started\n", since(pulled), secs, since(done_)
        printf "FIGURE epoch change: %d shards moved (the ledger announced %s; %d fell back to recovery)\n", n,
            announced, recovered
        printf "FIGURE epoch change: %d slivers, %.0f bytes (%.3f GiB) of slivers moved;" \
            " sliver store grew by %.0f bytes on disk\n", slivers, bytes, bytes / 2^30, after - before
        printf "FIGURE epoch change: %.1f s from its start to the sync-done report (%.1f s pulling)\n", secs,
            since(pulled)
        printf "FIGURE epoch change: %.1f s per GiB of slivers moved\n", secs / (bytes / 2^30)
        printf "FIGURE epoch change: sync %.1f MB/s (pull alone %.1f MB/s); disk sequential write %.1f MB/s;" \
            " sync/disk %.3f\n", bytes / 1e6 / secs, bytes / 1e6 / since(pulled), disk, bytes / 1e6 / secs / disk
    }' "$pulled"
