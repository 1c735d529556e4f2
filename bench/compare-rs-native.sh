#!/usr/bin/env bash
# Floe's 1-D Reed-Solomon next to reed-solomon-simd (Rust, its AVX2 engine) on one core, interleaved: for each of
# ROUNDS rounds and each table row, one native process (7 samples) then one JMH fork per JVM configuration (7
# iterations), so both sides see the same machine load. Both clocks are the benchmark thread's CPU time; figures
# are MB/s of source data (k x shard bytes) per CPU second, medians over all samples; the ratios are Floe / native.
# Needs the native harness built first: bench/native-rs/prepare.sh (see bench/README.md).
# Environment:
#   ROUNDS=3                  processes per row and side
#   CONFIGS="wide:|avx2:-XX:UseAVX=2|native-gfni512:@native-gfni512|native-avx2:@native-avx2"
#                             JVM configurations, name:flags[@kernel], separated by |; @kernel overrides KERNEL
#                             (native-<isa> runs Floe's native engine on that ISA: scalar, avx2, avx512, gfni512);
#                             a trailing #DIR runs that configuration with DIR's bench/jmh.sh and benchmarks.jar (another
#                             checkout, built first: before/after in one run, e.g. "before:@native-avx2#/tmp/base")
#   ROWS="encode:334-666:1024 ..."      override the rows (op:k-m:shardBytes)
#   KERNEL=vector             Floe kernel parameter (vector = the widest vector kernel the JVM offers)
#   NATIVE_RESULTS=copy       copy: the native side copies its result shards into its own buffers, as Walrus does and
#                             as Floe's ReedSolomon writes them into the caller's arrays; borrow: it leaves them in
#                             the crate's work buffer (the harness's only mode before 2026-12-07)
#   SKIP_BUILD=1              reuse bench/target/benchmarks.jar
#   RESULTS=/tmp/rs-native.x  only print the table of an earlier (or interrupted) run's raw results
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
native="$root/bench/native-rs/target/release/rsbench"
[[ -x "$native" ]] || { echo "build the native harness first: bench/native-rs/prepare.sh" >&2; exit 1; }
rounds="${ROUNDS:-3}"
IFS='|' read -r -a configs <<< "${CONFIGS:-wide:|avx2:-XX:UseAVX=2|native-gfni512:@native-gfni512|native-avx2:@native-avx2}"
rows=(${ROWS:-encode:334-666:1024 encode:334-666:4096 encode:334-666:65536 encode:667-333:1024 encode:667-333:4096
    encode:667-333:65536 decode:334-666:1024 decode:334-666:4096 decode:334-666:65536})
out="${RESULTS:-$(mktemp -d /tmp/rs-native.XXXXXX)}"
[[ -n "${RESULTS:-}" ]] && rounds=0
if [[ "${SKIP_BUILD:-0}" != 1 && -z "${RESULTS:-}" ]]; then
    (cd "$root" && mvn -q -o -B -pl bench -am package -DskipTests -Dexec.skip=true)
fi

for ((r = 1; r <= rounds; r++)); do
    for row in "${rows[@]}"; do
        IFS=: read -r op shape bytes <<< "$row"
        "$native" "$op" "${shape%-*}" "${shape#*-}" "$bytes" 7 500 "${NATIVE_RESULTS:-copy}" >> "$out/native-$op-$shape-$bytes"
        for cfg in "${configs[@]}"; do
            name="${cfg%%:*}" flags="${cfg#*:}" kernel="${KERNEL:-vector}" tree="$root"
            if [[ "$flags" == *#* ]]; then tree="${flags##*#}" flags="${flags%#*}"; fi
            if [[ "$flags" == *@* ]]; then kernel="${flags##*@}" flags="${flags%@*}"; fi
            SKIP_BUILD=1 JVM_ARGS="-XX:ActiveProcessorCount=1 $flags" "$tree/bench/jmh.sh" \
                "ReedSolomonBenchmark.$op\$" -p shape="$shape" -p shardBytes="$bytes" -p kernel="$kernel" \
                -f 1 -wi 3 -i 7 -rf json -rff "$out/floe-$name-$op-$shape-$bytes-$r.json" > "$out/log" 2>&1 \
                || { cat "$out/log" >&2; exit 1; }
        done
        echo "# round $r: $row" >&2
    done
done

python3 - "$out" "${rows[*]}" "${configs[*]}" <<'PY'
import glob, json, statistics, sys
out, rows, configs = sys.argv[1], sys.argv[2].split(), [c.split(':')[0] for c in sys.argv[3].split(' ') if ':' in c]
def floe(name, key):
    samples = []
    for f in glob.glob(f'{out}/floe-{name}-{key}-*.json'):
        text = open(f).read()
        if not text.strip():
            continue  # a fork interrupted before it wrote its results
        for result in json.loads(text):
            samples += [x for fork in result['secondaryMetrics']['mbPerThreadCpuSec']['rawData'] for x in fork]
    return statistics.median(samples)
head = '| 1-D RS | reed-solomon-simd (AVX2) |' + ''.join(f' Floe {c} | ratio |' for c in configs)
print(head); print('|---' * (2 + 2 * len(configs)) + '|')
for row in rows:
    op, shape, size = row.split(':'); key = f'{op}-{shape}-{size}'
    k, m = shape.split('-'); n = int(k) + int(m)
    label = f'{op} {k} -> {n}' if op == 'encode' else f'decode {k}-of-{n}'
    nat = statistics.median(float(x) for x in open(f'{out}/native-{key}'))
    cells = ''
    for c in configs:
        f = floe(c, key); cells += f' {f:,.0f} | {f / nat:.2f} |'
    print(f'| {label}, {int(size) // 1024} KiB | {nat:,.0f} |{cells}')
print(f'\n(raw results in {out})')
PY
