#!/usr/bin/env bash
# `floe blob-id` against Walrus's own encoder (@mysten/walrus-wasm) as whole processes, the way a user waits for
# them: the ./floe launcher (JVM start, class loading, cold JIT, the encode, exit) next to a `node` process running
# encoding/src/test/oracle/oracle.mjs `metadata` on the same random file. The two are run alternately, RUNS times
# each after one untimed run of each (page cache, the launcher's staleness check), and the medians, their ratio
# and whether the blob IDs agree are printed. Environment:
#   SIZE_MB=32        file size in MiB
#   N=1000            shard count
#   RUNS=7            timed runs per side
#   FLOE_JAVA_OPTS    passed on to the launcher (e.g. "-XX:AOTCache=none" or "-Xshare:off" to compare)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
size_mb="${SIZE_MB:-32}"
n="${N:-1000}"
runs="${RUNS:-7}"
oracle_dir="$root/encoding/src/test/oracle"
floe="$root/floe"

command -v node >/dev/null || { echo "node is needed for the wasm side" >&2; exit 1; }
if [[ ! -d "$oracle_dir/node_modules" ]]; then
    echo "# installing the wasm oracle (npm ci)" >&2
    (cd "$oracle_dir" && npm ci --no-audit --no-fund)
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
blob="$tmp/blob.bin"
head -c "$((size_mb * 1024 * 1024))" /dev/urandom >"$blob"
printf '[{"n":%d,"file":"%s"}]\n' "$n" "$blob" >"$tmp/request.json"

floe_run() {
    "$floe" blob-id "$blob" --n-shards "$n"
}
node_run() {
    node "$oracle_dir/oracle.mjs" metadata "$tmp/request.json" | cut -d' ' -f1
}

# Runs "$@" once, stdout to $tmp/out; prints the wall time in ms.
timed() {
    local start end
    start=$(date +%s%N)
    "$@" >"$tmp/out"
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
}

median() {
    sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Untimed first runs: a stale jar is rebuilt here, and both sides find the file in the page cache.
floe_id="$(floe_run)"
wasm_id="$(node_run)"

: >"$tmp/floe.ms"
: >"$tmp/node.ms"
for ((i = 0; i < runs; i++)); do
    timed floe_run >>"$tmp/floe.ms"
    timed node_run >>"$tmp/node.ms"
done
floe_ms="$(median <"$tmp/floe.ms")"
node_ms="$(median <"$tmp/node.ms")"

echo "# n=$n file=${size_mb} MiB, $runs runs each, alternating; node $(node --version); $(nproc) CPUs"
echo "floe blob-id  ms: $(tr '\n' ' ' <"$tmp/floe.ms")-> median $floe_ms"
echo "node (wasm)   ms: $(tr '\n' ' ' <"$tmp/node.ms")-> median $node_ms"
awk -v f="$floe_ms" -v w="$node_ms" 'BEGIN { printf "ratio node / floe: %.2fx\n", w / f }'
if [[ "$floe_id" == "$wasm_id" ]]; then
    echo "blob IDs: match ($floe_id)"
else
    echo "blob IDs: DIFFER (floe $floe_id, wasm $wasm_id)"
    exit 1
fi
