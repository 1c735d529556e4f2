#!/usr/bin/env bash
# Builds bench/target/benchmarks.jar and runs JMH on the newest JDK under /usr/lib/jvm (Temurin 25 when present: the
# vector kernel only pays there). Arguments go to JMH: a benchmark regex, -p kernel=vector, -prof gc, -f 5, ...
# Short defaults (-f 2 -wi 3 -i 5 -w 1s -r 1s) keep a full run to a few minutes; an argument given replaces its
# default. Environment:
#   BENCH_JDK=/usr/lib/jvm/java-17-openjdk-amd64   run on that JDK instead of the newest
#   JVM_ARGS=-XX:ActiveProcessorCount=1            extra flags for the forked JVMs (here: a single-threaded codec)
#   SKIP_BUILD=1                                   reuse the jar already built
# Give fork JVM flags through JVM_ARGS, not -jvmArgsAppend (the script sets that option itself).
# Examples:
#   bench/jmh.sh GfKernelBenchmark
#   BENCH_JDK=/usr/lib/jvm/java-17-openjdk-amd64 bench/jmh.sh GfKernelBenchmark.mulAdd
#   bench/jmh.sh ReedSolomonBenchmark.encode -p shape=334-666 -f 3
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"

# shellcheck source=bench/jdk.sh
source "$root/bench/jdk.sh"
jdk="$(bench_jdk)"
feature="$(feature_of "$jdk")"
jvm_args="$(vector_flags "$feature")"
jvm_args+="${JVM_ARGS:+ $JVM_ARGS}"

# JMH rejects an option given twice, so a default is added only when the caller did not give that option.
defaults=()
for pair in "-f 2" "-wi 3" "-i 5" "-w 1s" "-r 1s"; do
    option="${pair%% *}"
    given=0
    for arg in "$@"; do
        [[ "$arg" == "$option" ]] && given=1
    done
    (( given )) || defaults+=($pair)
done

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    (cd "$root" && mvn -q -B -pl bench -am package -DskipTests -Dexec.skip=true)
fi

echo "# JDK $feature at $jdk; fork JVM flags: $jvm_args" >&2
exec "$jdk/bin/java" -jar "$root/bench/target/benchmarks.jar" "${defaults[@]}" -jvmArgsAppend "$jvm_args" "$@"
