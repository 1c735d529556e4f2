#!/usr/bin/env bash
# Bounded memory, shown end to end: starts `floe local` with every member at a small heap (HEAP, default -Xmx512m),
# stores files of SIZES_GIB GiB with `floe store` (the CLI: blob IDs computed on the file, chunked by the CLI when a
# file is larger than one RS2 blob), reads each back with `floe read --out` and compares it byte for byte, and
# prints each member's peak heap from its GC log (`-Xlog:gc`: the largest occupancy before a collection and the
# largest live heap after a full one) with
# MB/s of both. Exits 0 when every round trip succeeded and matched, non-zero otherwise; it always stops the network.
# Files are made of random bytes in the data folder, and the nodes keep about 4.5x each file's size (n = 100):
# a 4 GiB round trip needs about 30 GB of free disk.
# Environment:
#   NODES=4 SHARDS=100   shape of the network
#   SIZES_GIB="1 4"      sizes to round-trip, in GiB (fractions such as 0.25 are fine)
#   HEAP=512m            -Xmx of every member
#   FLOE_MEMBER_JAVA_OPTS   more member options; FLOE_CLASSPATH as for ./floe
#   KEEP_DATA=1          keep the data folder (kept anyway when the script fails)
#   STARTUP_TIMEOUT=240  seconds to wait for floe local to report the network ready
# Example:
#   SIZES_GIB=1 bench/memory.sh
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
nodes="${NODES:-4}"
shards="${SHARDS:-100}"
read -r -a sizes_gib <<<"${SIZES_GIB:-1 4}"
heap="${HEAP:-512m}"
startup_timeout="${STARTUP_TIMEOUT:-240}"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/floe-memory.XXXXXX")"
data="$tmp/data"
gc="$tmp/gc"
mkdir -p "$data" "$gc"
member_opts="-Xmx$heap -Xlog:gc:file=$gc/gc-%p.log${FLOE_MEMBER_JAVA_OPTS:+ $FLOE_MEMBER_JAVA_OPTS}"
floe_pid=""

# die, group_alive, stop_group
. "$(dirname "${BASH_SOURCE[0]}")/procs.sh"
# free_block N
. "$(dirname "${BASH_SOURCE[0]}")/ports.sh"

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    [[ -z "$floe_pid" ]] || stop_group "$floe_pid" 45
    if [[ "$rc" != 0 || "${KEEP_DATA:-0}" == 1 ]]; then
        rm -f "$tmp"/file-* 2>/dev/null || true
        echo "# kept $tmp (member logs: $data/<member>/floe.log, GC logs: $gc)" >&2
    else
        rm -rf "$tmp"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

block="$(free_block $((2 * nodes + 2)))"
api="http://127.0.0.1:$block"
management="$(free_block $((nodes + 1)))"
echo "# machine: $(nproc) CPUs, $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg); free disk $(df -h --output=avail "$tmp" | tail -n 1 | tr -d ' ')"
echo "# floe local: nodes=$nodes shards=$shards api=$api; member options: $member_opts"
FLOE_MEMBER_JAVA_OPTS="$member_opts" setsid "$root/floe" local --nodes "$nodes" --shards "$shards" --data "$data" \
    --api-port "$block" --node-port "$((block + 1))" --artery-port "$((block + 1 + nodes))" \
    --management-port "$management" >"$tmp/floe-local.out" 2>&1 </dev/null &
floe_pid=$!
await_floe_running "$floe_pid" "$tmp/floe-local.out" "$startup_timeout"

export FLOE_WALLET="$tmp/wallet.json" FLOE_GATEWAY="$api"
for _ in 1 2 3 4 5 6 7 8 9 10; do
    "$root/floe" get-wal --amount 10000000000 >/dev/null || die "the faucet refused"
done

# member_of PID: the member a JVM runs (the folder of its --config under the data folder).
member_of() {
    tr '\0' '\n' <"/proc/$1/cmdline" 2>/dev/null | sed -n "s#^$data/\([^/]*\)/.*#\1#p" | head -n 1
}
declare -A member_pid
for pid in $(pgrep -f -- "$data/" || true); do
    name="$(member_of "$pid")"
    [[ -z "$name" ]] || member_pid[$name]="$pid"
done

# peak_mib PID: from that JVM's GC log ("123M->45M(512M)"), the largest heap occupancy before a collection (how full
# the heap got, garbage included) and the largest live heap after a full collection (what it really held; the
# start-up's metadata-threshold collections are left out).
peak_mib() {
    local log="$gc/gc-$1.log"
    [[ -f "$log" ]] || { echo "?"; return; }
    local before live
    before="$(grep -o '[0-9]*M->[0-9]*M' "$log" | awk -F'M->' '{ if ($1 > m) m = $1 } END { print m + 0 }')"
    live="$(grep 'Pause Full' "$log" | grep -v 'Metadata GC Threshold' | grep -o '[0-9]*M->[0-9]*M' \
        | awk -F'->' '{ v = $2 + 0; if (v > m) m = v } END { print m + 0 }')"
    echo "${before}MiB (live after full GC ${live}MiB)"
}

mbps() {
    awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / s / 1e6 }'
}

for size in "${sizes_gib[@]}"; do
    bytes="$(awk -v g="$size" 'BEGIN { printf "%.0f", g * 1073741824 }')"
    file="$tmp/file-$size"
    head -c "$bytes" /dev/urandom >"$file"
    start_ns="$(date +%s%N)"
    out="$("$root/floe" store "$file" --epochs 1 --json)" || die "floe store of $size GiB failed: $out"
    store_s="$(awk -v a="$start_ns" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')"
    id="$(python3 -c 'import json, sys
r = json.loads(sys.argv[1])[0]["blobStoreResult"]
n = r.get("newlyCreated")
print(n["blobObject"]["blobId"] if n else r["alreadyCertified"]["blobId"])' "$out")"
    start_ns="$(date +%s%N)"
    "$root/floe" read "$id" --out "$file.back" >/dev/null || die "floe read of $id failed"
    read_s="$(awk -v a="$start_ns" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')"
    cmp -s "$file" "$file.back" || die "$size GiB blob $id read back different bytes"
    echo "${size}GiB blobId=$id store_s=$store_s store_MBps=$(mbps "$bytes" "$store_s")" \
        "read_s=$read_s read_MBps=$(mbps "$bytes" "$read_s") equal=yes"
    peaks=""
    for name in $(printf '%s\n' "${!member_pid[@]}" | sort); do
        peaks+=" $name=$(peak_mib "${member_pid[$name]}");"
    done
    echo "${size}GiB peak heap so far (of -Xmx$heap):$peaks"
    rm -f "$file" "$file.back"
done
