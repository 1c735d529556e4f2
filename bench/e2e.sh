#!/usr/bin/env bash
# End-to-end figures for a whole network on this machine (`./floe local`): store and read MB/s for 1 MiB and 64 MiB
# blobs through the gateway API, with a plain-HTTP download of the same file (python3 -m http.server on 127.0.0.1)
# as the read baseline, and p50/p99 latency of 1 KiB stores and reads. Every store sends fresh random bytes, so each
# one is a new blob (newlyCreated), never an already certified one. Times are curl's time_total of one request:
# client, gateway, encoding and all storage nodes, over loopback. The script prints figures and PASS/MISS against
# the issue's targets and exits 0 whatever they are; it exits non-zero only when a request fails.
# It always stops the network and the static server on exit. Environment:
#   NODES=4 SHARDS=100   shape of the network
#   SIZES_MIB="1 64"     large sizes to time (the read/plain target is checked when 64 is among them)
#   REPEATS=3            timed stores and reads per large size (each line printed, the median summarised)
#   SMALL_COUNT=100      timed 1 KiB stores, then as many timed reads
#   WARMUP=300           untimed 1 KiB stores and reads first (plus one untimed 1 MiB store and read). A fresh
#                        network's JVMs are still compiling for its first few hundred stores (the JIT took a
#                        third of the CPU through them): 1 KiB stores went from ~170 ms to ~75 ms p50 in 500
#                        stores, ~65 ms in 1 200
#   API_PORT NODE_PORT ARTERY_PORT PLAIN_PORT   fixed ports (default: a free block found at random, below the
#                        ephemeral range); node i uses NODE_PORT+i, member i ARTERY_PORT+i (NODES+1 members)
#   FLOE_MEMBER_JAVA_OPTS   appended to -Dfloe.gateway.max-body-size=256MiB (a later -D wins; an -Xmx here
#                        replaces the defaults, 1g per node and 3g for the gateway)
#   FLOE_CLASSPATH       run from this class path instead of cli/target/floe.jar (see ./floe); without it the
#                        launcher builds the jar first when the sources are newer
#   KEEP_DATA=1          keep the data folder (member logs under <data>/<member>/floe.log); it is kept anyway
#                        when the script fails
#   STARTUP_TIMEOUT=240  seconds to wait for floe local to report the network ready
#   TLS=1                start the network with --tls (HTTPS node APIs pinned by the ledger, mutual TLS on Artery)
#   CASSANDRA=1          keep the journal in a real Cassandra node floe local starts (--cassandra, on free ports);
#                        the embedded H2 journal otherwise
#   CODEC=0              skip the codec's in-process figures (by default the script first times, in one JVM on
#                        this machine, encode + metadata and decode from the systematic slivers of each size at the
#                        same shard count, io.floe.bench.CodecCeiling, and reports the network's ratios to them)
#   MANAGEMENT_PORT      first Pekko Management port (default: a free block)
# Example:
#   FLOE_CLASSPATH="$(cat /tmp/floe/devcp.txt)" bench/e2e.sh
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
nodes="${NODES:-4}"
shards="${SHARDS:-100}"
read -r -a sizes_mib <<<"${SIZES_MIB:-1 64}"
repeats="${REPEATS:-3}"
small_count="${SMALL_COUNT:-100}"
warmup="${WARMUP:-300}"
startup_timeout="${STARTUP_TIMEOUT:-240}"
member_opts="-Dfloe.gateway.max-body-size=256MiB${FLOE_MEMBER_JAVA_OPTS:+ $FLOE_MEMBER_JAVA_OPTS}"
request_timeout=600
mib=$((1024 * 1024))

for tool in curl python3 setsid cmp; do
    command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/floe-e2e.XXXXXX")"
data="$tmp/data"
files="$tmp/files"
mkdir -p "$data" "$files"
floe_pid=""
plain_pid=""

# die, group_alive, stop_group, await_floe_running.
. "$(dirname "${BASH_SOURCE[0]}")/procs.sh"

stop_network() {
    [[ -n "$floe_pid" ]] || return 0
    # SIGTERM to floe local alone: its shutdown hook stops the members gracefully (each gets 15 s).
    stop_group "$floe_pid" 45
    # Members are floe local's children, so they were in its group; check by their --config path anyway.
    local left
    left="$(pgrep -f -- "--config $data/" || true)"
    if [[ -n "$left" ]]; then
        echo "# member JVMs still running (pids $(echo $left)); killing them" >&2
        # shellcheck disable=SC2086
        kill -KILL $left 2>/dev/null || true
    fi
    floe_pid=""
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n "$plain_pid" ]]; then
        kill -TERM "$plain_pid" 2>/dev/null || true
        wait "$plain_pid" 2>/dev/null || true
    fi
    stop_network
    if [[ "$rc" != 0 || "${KEEP_DATA:-0}" == 1 ]]; then
        echo "# kept $tmp (member logs: $data/<member>/floe.log, floe local's output: $tmp/floe-local.out)" >&2
        rm -rf "$files"
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

# --- ports: one block holds the API, the node ports, the artery ports and the static server, unless given.
block="$(free_block $((2 * nodes + 3)))"
api_port="${API_PORT:-$block}"
node_port="${NODE_PORT:-$((block + 1))}"
artery_port="${ARTERY_PORT:-$((block + 1 + nodes))}"
plain_port="${PLAIN_PORT:-$((block + 2 + 2 * nodes))}"
# Pekko Management (/metrics, /ready): one port per member, in a block of its own.
management_port="${MANAGEMENT_PORT:-$(free_block $((nodes + 1)))}"
tls_flag=()
[[ "${TLS:-0}" == 1 ]] && tls_flag=(--tls)
cassandra_flag=()
if [[ "${CASSANDRA:-0}" == 1 ]]; then
    cassandra_ports="$(free_block 2)"
    cassandra_flag=(--cassandra --cassandra-port "$cassandra_ports" --cassandra-storage-port "$((cassandra_ports + 1))")
fi
api="http://127.0.0.1:$api_port"
plain="http://127.0.0.1:$plain_port"

# --- machine and parameters
launch="$(FLOE_LAUNCHER_DEBUG=1 FLOE_MEMBER_JAVA_OPTS="$member_opts" "$root/floe" --version 2>&1)" \
    || die "./floe --version failed: $launch"
java_bin="$(sed -n 's/^floe: \([^ ]*\) .*/\1/p' <<<"$launch" | head -n 1)"
echo "# machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)," \
    "$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr)"
echo "# java: $java_bin ($("$java_bin" -version 2>&1 | head -n 1)); $(grep -v '^floe: ' <<<"$launch" | head -n 1)"
echo "# floe local: nodes=$nodes shards=$shards api=$api node-port=$node_port artery-port=$artery_port" \
    "management-port=$management_port tls=${TLS:-0} journal=$(if [[ "${CASSANDRA:-0}" == 1 ]]; then
        echo "cassandra:$cassandra_ports"; else echo embedded; fi)" \
    "code=$(if [[ -n "${FLOE_CLASSPATH:-}" ]]; then echo FLOE_CLASSPATH; else echo cli/target/floe.jar; fi)"
echo "# member JVM options: $member_opts (without -Xmx: nodes -Xmx1g, gateway -Xmx3g)"
echo "# runs: ${sizes_mib[*]} MiB x $repeats each (store, read, plain download); 1 KiB x $small_count" \
    "after $warmup warm-up; plain server $plain; curl $(curl --version | head -n 1 | cut -d' ' -f2)"

# --- the codec's ceiling: in one JVM, before the network starts, so nothing else runs on the cores
declare -A codec_encode codec_decode
if [[ "${CODEC:-1}" == 1 ]]; then
    # shellcheck source=bench/jdk.sh
    source "$root/bench/jdk.sh"
    bench_java="$(bench_jdk)"
    if [[ ! -f "$root/bench/target/benchmarks.jar" || -n "$(find "$root/encoding/src" "$root/bench/src" -newer \
            "$root/bench/target/benchmarks.jar" -type f -print -quit)" ]]; then
        (cd "$root" && mvn -q -B -pl bench -am package -DskipTests -Dexec.skip=true) || die "building bench failed"
    fi
    codec_sizes=(1024)
    for size_mib in "${sizes_mib[@]}"; do
        codec_sizes+=($((size_mib * mib)))
    done
    # shellcheck disable=SC2046
    "$bench_java/bin/java" $(vector_flags "$(feature_of "$bench_java")") -Xmx8g \
        -cp "$root/bench/target/benchmarks.jar" io.floe.bench.CodecCeiling "$shards" 5 "${codec_sizes[@]}" \
        2>/dev/null >"$tmp/codec.out" || die "the codec benchmark failed"
    while read -r line; do
        read -r _ _ bytes_kv _ enc_kv _ dec_kv _ <<<"$line"
        codec_encode[${bytes_kv#bytes=}]="${enc_kv#encode_MBps=}"
        codec_decode[${bytes_kv#bytes=}]="${dec_kv#decode_MBps=}"
        echo "# $line"
    done <"$tmp/codec.out"
fi

# --- start the network in its own session, so one signal to its group reaches every member
FLOE_MEMBER_JAVA_OPTS="$member_opts" setsid "$root/floe" local --nodes "$nodes" --shards "$shards" --data "$data" \
    --api-port "$api_port" --node-port "$node_port" --artery-port "$artery_port" \
    --management-port "$management_port" "${tls_flag[@]}" "${cassandra_flag[@]}" \
    >"$tmp/floe-local.out" 2>&1 </dev/null &
floe_pid=$!
# floe local prints "Floe is running" once the gateway answers and every node holds its shards.
await_floe_running "$floe_pid" "$tmp/floe-local.out" "$startup_timeout"

(cd "$files" && exec python3 -m http.server --bind 127.0.0.1 "$plain_port" >"$tmp/plain.log" 2>&1) &
plain_pid=$!
start=$SECONDS
until curl -s -o /dev/null --max-time 2 "$plain/"; do
    ((SECONDS - start < 30)) || die "the static server on $plain did not start (see $tmp/plain.log)"
    sleep 0.2
done
echo

# --- requests. Each prints curl's time_total in seconds; the response body goes to a file.
last_body="$tmp/last-body"

# store FILE: stores it for one epoch; prints "seconds blobId".
store() {
    local out code secs id
    out="$(curl -sS -X PUT -T "$1" -H 'Expect:' -H 'Content-Type: application/octet-stream' \
        --max-time "$request_timeout" -o "$last_body" -w '%{http_code} %{time_total}' "$api/v1/blobs?epochs=1")" \
        || die "PUT of $(basename "$1") failed: $out"
    read -r code secs <<<"$out"
    [[ "$code" == 200 ]] || die "PUT of $(basename "$1") answered $code: $(head -c 2000 "$last_body")"
    id="$(python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
n = r.get("newlyCreated")
print(n["blobObject"]["blobId"] if n else "already:" + r["alreadyCertified"]["blobId"])' "$last_body")"
    [[ "$id" != already:* ]] || die "PUT of fresh random bytes answered alreadyCertified (${id#already:})"
    echo "$secs $id"
}

# fetch URL OUT: GETs URL into OUT (/dev/null for timed reads); prints seconds.
fetch() {
    local out code secs
    out="$(curl -sS --max-time "$request_timeout" -o "$2" -w '%{http_code} %{time_total}' "$1")" \
        || die "GET $1 failed: $out"
    read -r code secs <<<"$out"
    [[ "$code" == 200 ]] || die "GET $1 answered $code"
    echo "$secs"
}

random_file() {
    head -c "$2" /dev/urandom >"$1"
}

mbps() {
    awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f\n", b / s / 1e6 }'
}

# median of the numbers on stdin (the mean of the middle two for an even count)
median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# nearest-rank percentile Q (0..100) of the numbers on stdin
percentile() {
    sort -g | awk -v q="$1" '{ v[NR] = $1 } END { r = int((q * NR + 99) / 100); if (r < 1) r = 1; print v[r] }'
}

verdict() {
    awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = (op == "<=") ? v <= t : v >= t; print ok ? "PASS" : "MISS" }'
}

# --- warm-up, not counted
for ((i = 0; i < warmup; i++)); do
    random_file "$files/warm-$i" 1024
    out="$(store "$files/warm-$i")"
    id="${out#* }"
    fetch "$api/v1/blobs/$id" /dev/null >/dev/null
done
random_file "$files/warm-1m" "$mib"
out="$(store "$files/warm-1m")"
id="${out#* }"
fetch "$api/v1/blobs/$id" /dev/null >/dev/null
echo "# warm-up: $warmup x 1 KiB and 1 x 1 MiB stored and read"

# metric_totals: summed over every member's /metrics, the sums and counts of the gateway's store phases and of the
# journal's writes ("series value" lines), so the 1 KiB stores' time can be told step by step.
metric_totals() {
    local i
    for ((i = 0; i <= nodes; i++)); do
        curl -s --max-time 5 "http://127.0.0.1:$((management_port + i))/metrics" || true
    done | awk '/^floe_(gateway_store_phase|journal_write)_seconds_(sum|count)/ { v[$1] += $2 }
        END { for (k in v) print k, v[k] }'
}

# phase_report BEFORE AFTER STORES: the mean of each series between the two snapshots, and how often per store.
phase_report() {
    awk -v stores="$3" 'NR == FNR { b[$1] = $2; next } { d[$1] = $2 - b[$1] } END {
        for (k in d) if (k ~ /_seconds_sum/) {
            c = k; sub(/_seconds_sum/, "_seconds_count", c); name = k; sub(/_seconds_sum/, "", name)
            if (d[c] > 0) printf "  %s mean_ms=%.2f per_store=%.2f\n", name, 1000 * d[k] / d[c], d[c] / stores
        } }' "$1" "$2" | sort
}

# --- 1 KiB latency: all stores, then all reads
metric_totals >"$tmp/metrics-before"
small_ids=()
: >"$tmp/small-store.ms"
for ((i = 0; i < small_count; i++)); do
    random_file "$files/small-$i" 1024
    out="$(store "$files/small-$i")"
    read -r secs id <<<"$out"
    small_ids+=("$id")
    awk -v s="$secs" 'BEGIN { printf "%.3f\n", s * 1000 }' >>"$tmp/small-store.ms"
done
: >"$tmp/small-read.ms"
for ((i = 0; i < small_count; i++)); do
    copy="$files/small-$i.read"
    secs="$(fetch "$api/v1/blobs/${small_ids[$i]}" "$copy")"
    ((i > 0)) || cmp -s "$copy" "$files/small-$i" || die "1 KiB blob ${small_ids[0]} read back different bytes"
    rm -f "$copy"
    awk -v s="$secs" 'BEGIN { printf "%.3f\n", s * 1000 }' >>"$tmp/small-read.ms"
done
small_summary() {
    echo "1KiB $1 n=$small_count p50_ms=$(percentile 50 <"$2") p99_ms=$(percentile 99 <"$2")" \
        "min_ms=$(sort -g "$2" | head -n 1) max_ms=$(sort -g "$2" | tail -n 1)"
}
small_summary store "$tmp/small-store.ms"
metric_totals >"$tmp/metrics-after"
echo "1KiB store phases (gateway: encode, register, upload per node, confirmations, certify; journal batch writes):"
phase_report "$tmp/metrics-before" "$tmp/metrics-after" "$small_count"
small_summary read "$tmp/small-read.ms"
echo

# --- 1 MiB and 64 MiB throughput: REPEATS stores, then a read and a plain download of each stored file
declare -A median_read median_plain median_store
for size_mib in "${sizes_mib[@]}"; do
    bytes=$((size_mib * mib))
    ids=()
    : >"$tmp/store.mbps"
    : >"$tmp/read.mbps"
    : >"$tmp/plain.mbps"
    for ((r = 0; r < repeats; r++)); do
        f="$files/big-$size_mib-$r"
        random_file "$f" "$bytes"
        out="$(store "$f")"
        read -r secs id <<<"$out"
        ids+=("$id")
        echo "${size_mib}MiB store #$r seconds=$secs MB/s=$(mbps "$bytes" "$secs") blobId=$id"
        mbps "$bytes" "$secs" >>"$tmp/store.mbps"
    done
    # Verified once per size, untimed, before the timed reads.
    fetch "$api/v1/blobs/${ids[0]}" "$tmp/readback" >/dev/null
    cmp -s "$tmp/readback" "$files/big-$size_mib-0" || die "${size_mib} MiB blob ${ids[0]} read back different bytes"
    rm -f "$tmp/readback"
    echo "${size_mib}MiB read-back of ${ids[0]} equals the stored bytes"
    for ((r = 0; r < repeats; r++)); do
        secs="$(fetch "$api/v1/blobs/${ids[$r]}" /dev/null)"
        echo "${size_mib}MiB read  #$r seconds=$secs MB/s=$(mbps "$bytes" "$secs")"
        mbps "$bytes" "$secs" >>"$tmp/read.mbps"
        secs="$(fetch "$plain/big-$size_mib-$r" /dev/null)"
        echo "${size_mib}MiB plain #$r seconds=$secs MB/s=$(mbps "$bytes" "$secs")"
        mbps "$bytes" "$secs" >>"$tmp/plain.mbps"
    done
    median_store[$size_mib]="$(median <"$tmp/store.mbps")"
    median_read[$size_mib]="$(median <"$tmp/read.mbps")"
    median_plain[$size_mib]="$(median <"$tmp/plain.mbps")"
    rm -f "$files"/big-"$size_mib"-*
    echo
done

# --- summary against the targets
store_p50="$(percentile 50 <"$tmp/small-store.ms")"
read_p50="$(percentile 50 <"$tmp/small-read.ms")"
echo "summary (nodes=$nodes shards=$shards; MB = 10^6 bytes; median of $repeats):"
for size_mib in "${sizes_mib[@]}"; do
    printf '  %2d MiB  store %8s MB/s  read %8s MB/s  plain download %8s MB/s  read/plain %sx\n' "$size_mib" \
        "${median_store[$size_mib]}" "${median_read[$size_mib]}" "${median_plain[$size_mib]}" \
        "$(awk -v r="${median_read[$size_mib]}" -v p="${median_plain[$size_mib]}" 'BEGIN { printf "%.2f", r / p }')"
done
for size_mib in "${sizes_mib[@]}"; do
    bytes=$((size_mib * mib))
    [[ -n "${codec_encode[$bytes]:-}" ]] || continue
    printf '  %2d MiB  codec in process: encode %s MB/s, decode %s MB/s; network store/encode %sx, read/decode %sx\n' \
        "$size_mib" "${codec_encode[$bytes]}" "${codec_decode[$bytes]}" \
        "$(awk -v a="${median_store[$size_mib]}" -v b="${codec_encode[$bytes]}" 'BEGIN { printf "%.2f", a / b }')" \
        "$(awk -v a="${median_read[$size_mib]}" -v b="${codec_decode[$bytes]}" 'BEGIN { printf "%.2f", a / b }')"
done
printf '   1 KiB  store p50 %s ms p99 %s ms; read p50 %s ms p99 %s ms (n=%d)\n' "$store_p50" \
    "$(percentile 99 <"$tmp/small-store.ms")" "$read_p50" "$(percentile 99 <"$tmp/small-read.ms")" "$small_count"
echo "targets:"
echo "  $(verdict "$store_p50" '<=' 30) 1 KiB store p50 $store_p50 ms <= 30 ms"
echo "  $(verdict "$read_p50" '<=' 5) 1 KiB read p50 $read_p50 ms <= 5 ms"
if [[ -n "${median_read[64]:-}" && -n "${codec_encode[$((64 * mib))]:-}" ]]; then
    ratio="$(awk -v a="${median_store[64]}" -v b="${codec_encode[$((64 * mib))]}" 'BEGIN { printf "%.2f", a / b }')"
    echo "  $(verdict "$ratio" '>=' 0.5) 64 MiB store ${median_store[64]} MB/s >= 0.5x in-process encode" \
        "${codec_encode[$((64 * mib))]} MB/s (${ratio}x)"
    ratio="$(awk -v a="${median_read[64]}" -v b="${codec_decode[$((64 * mib))]}" 'BEGIN { printf "%.2f", a / b }')"
    echo "  $(verdict "$ratio" '>=' 0.8) 64 MiB read ${median_read[64]} MB/s >= 0.8x in-process decode" \
        "${codec_decode[$((64 * mib))]} MB/s (${ratio}x)"
fi
if [[ -n "${median_read[64]:-}" ]]; then
    ratio="$(awk -v r="${median_read[64]}" -v p="${median_plain[64]}" 'BEGIN { printf "%.2f", r / p }')"
    echo "  $(verdict "$ratio" '>=' 0.8) 64 MiB read ${median_read[64]} MB/s >= 0.8x plain download" \
        "${median_plain[64]} MB/s (${ratio}x)"
fi
