#!/usr/bin/env bash
# Floe against Walrus's own encoder (@mysten/walrus-wasm, through encoding/src/test/oracle/oracle.mjs) on the same
# random blob: median wall time of computing the metadata (so the blob ID: every sliver encoded and hashed), and
# whether both give the same blob ID. Also times a 1-byte blob, where the fixed n x n hashing dominates.
# Both sides are single-shot timers with little warm-up (Floe: one call, wasm: none), not JMH; see
# BlobEncodingBenchmark for steady-state figures. Environment:
#   SIZE_MB=64        blob size in MiB
#   N=1000            shard count
#   REPEATS=3         timed calls per side (the median is printed)
#   SMALL_REPEATS=5   timed calls for the 1-byte blob
#   BENCH_JDK=...     run Floe on that JDK instead of the newest under /usr/lib/jvm (Temurin 25 when present)
#   JVM_ARGS="-Xms8g -XX:+AlwaysPreTouch"   extra flags for Floe's JVM. These two take the cost of first touching
#                     fresh heap pages (high here: about 1 GB of new garbage per 64 MiB call) out of the timed calls,
#                     as wasm's linear memory, once grown, is reused; pre-touching 8 GB adds ~30 s per JVM start.
#   THP=0             leave out transparent huge pages, which Floe's JVM otherwise gets as a node's does (./floe
#                     node|daemon|local, where the kernel's mode is "madvise"): 5-10% on the 64 MiB blob
#   SKIP_BUILD=1      use bench/target/benchmarks.jar as it is, even if sources are newer
#   BASE_JAR=path     also time that benchmarks.jar (e.g. one built at an earlier commit) right after this one, for
#                     a before/after ratio from one run on a shared machine
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
size_mb="${SIZE_MB:-64}"
n="${N:-1000}"
repeats="${REPEATS:-3}"
small_repeats="${SMALL_REPEATS:-5}"
jar="$root/bench/target/benchmarks.jar"
oracle_dir="$root/encoding/src/test/oracle"

# shellcheck source=bench/jdk.sh
source "$root/bench/jdk.sh"

jar_is_stale() {
    [[ ! -f "$jar" ]] && return 0
    [[ "${SKIP_BUILD:-0}" == 1 ]] && return 1
    [[ -n "$(find "$root/bench/src" "$root/encoding/src/main" -newer "$jar" -type f -print -quit)" ]]
}

# Prints the one EncodeTimer line for (n, file, repeats[, jar]).
floe_time() {
    "$java" "${jvm_args[@]}" -cp "${4:-$jar}" io.floe.bench.EncodeTimer "$1" "$2" "$3"
}

# Prints the wasm median ms for (n, file, repeats), to 0.1 ms like EncodeTimer.
wasm_time() {
    node "$oracle_dir/oracle.mjs" time-metadata "$1" "$2" "$3" | awk '{ printf "%.1f\n", $1 }'
}

field() {
    sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"
}

jdk="$(bench_jdk)"
java="$jdk/bin/java"
feature="$(feature_of "$jdk")"
read -r -a jvm_args <<<"$(vector_flags "$feature") $(node_flags) -Xmx8g"
read -r -a extra_args <<<"${JVM_ARGS:-}"
jvm_args+=("${extra_args[@]}")
command -v node >/dev/null || { echo "node is needed for the wasm side" >&2; exit 1; }

if jar_is_stale; then
    echo "# building $jar" >&2
    (cd "$root" && mvn -q -B -pl bench -am package -DskipTests -Dexec.skip=true)
fi
if [[ ! -d "$oracle_dir/node_modules" ]]; then
    echo "# installing the wasm oracle (npm ci)" >&2
    (cd "$oracle_dir" && npm ci --no-audit --no-fund)
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
blob="$tmp/blob.bin"
tiny="$tmp/tiny.bin"
head -c "$((size_mb * 1024 * 1024))" /dev/urandom >"$blob"
head -c 1 /dev/urandom >"$tiny"

echo "# n=$n blob=${size_mb} MiB repeats=$repeats; Floe on JDK $feature ($jdk) with ${jvm_args[*]}; node $(node --version)" >&2
floe_line="$(floe_time "$n" "$blob" "$repeats")"
echo "$floe_line"
[[ -n "${BASE_JAR:-}" ]] && base_line="$(floe_time "$n" "$blob" "$repeats" "$BASE_JAR")" && echo "base $base_line"
wasm_ms="$(wasm_time "$n" "$blob" "$repeats")"
echo "wasm n=$n bytes=$((size_mb * 1024 * 1024)) median_ms=$wasm_ms"
tiny_line="$(floe_time "$n" "$tiny" "$small_repeats")"
echo "$tiny_line"
[[ -n "${BASE_JAR:-}" ]] && base_tiny="$(floe_time "$n" "$tiny" "$small_repeats" "$BASE_JAR")" && echo "base $base_tiny"
tiny_wasm_ms="$(wasm_time "$n" "$tiny" "$small_repeats")"
echo "wasm n=$n bytes=1 median_ms=$tiny_wasm_ms"

# time-metadata prints only the time, so the IDs come from one more (untimed) wasm pass over both files.
printf '[{"n":%d,"file":"%s"},{"n":%d,"file":"%s"}]\n' "$n" "$blob" "$n" "$tiny" >"$tmp/requests.json"
mapfile -t wasm_ids < <(node "$oracle_dir/oracle.mjs" metadata "$tmp/requests.json" | cut -d' ' -f1)

floe_ms="$(field median_ms "$floe_line")"
verdict() {
    [[ "$(field blobId "$1")" == "$2" ]] && echo "match ($2)" || echo "DIFFER (floe $(field blobId "$1"), wasm $2)"
}
echo
echo "summary n=$n ${size_mb} MiB, kernel=$(field kernel "$floe_line"), hash=$(field hash "$floe_line"), median of $repeats:"
echo "  Floe  ${floe_ms} ms"
echo "  wasm  ${wasm_ms} ms"
awk -v f="$floe_ms" -v w="$wasm_ms" -v b="$((size_mb * 1024 * 1024))" 'BEGIN {
    printf "  speed-up (wasm / Floe) %.2fx; Floe %.1f MB/s, wasm %.1f MB/s\n", w / f, b / f / 1000, b / w / 1000 }'
echo "  blob IDs: $(verdict "$floe_line" "${wasm_ids[0]}")"
echo "1-byte blob at n=$n, median of $small_repeats: Floe $(field median_ms "$tiny_line") ms, wasm $tiny_wasm_ms ms;" \
    "blob IDs: $(verdict "$tiny_line" "${wasm_ids[1]}")"
if [[ -n "${BASE_JAR:-}" ]]; then
    awk -v f="$floe_ms" -v b="$(field median_ms "$base_line")" -v w="$wasm_ms" -v t="$(field median_ms "$tiny_line")" \
        -v bt="$(field median_ms "$base_tiny")" 'BEGIN {
        printf "base jar: %s ms (%.2fx wasm), 1 byte %s ms; this jar / base: %.2f, 1 byte %.2f\n", b, w / b, bt, f / b, t / bt }'
    echo "  base blob IDs: $(verdict "$base_line" "${wasm_ids[0]}"), $(verdict "$base_tiny" "${wasm_ids[1]}")"
fi
