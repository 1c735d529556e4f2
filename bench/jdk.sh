# Sourced by the bench scripts: finds the JDK to measure on and the flags the vector kernel needs.
#   bench_jdk           BENCH_JDK if set, else the newest JDK under /usr/lib/jvm (Temurin 25 when present)
#   feature_of HOME     the JDK's feature version (17, 25, ...)
#   vector_flags FEAT   --add-modules for the Vector API, plus the JDK 24+ access flags
#   node_flags          the flags ./floe adds for its long-running commands (node, daemon, local) besides those:
#                       transparent huge pages where the kernel gives them on request; THP=0 leaves them out

feature_of() {
    local v
    v="$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
    echo "${v#1.}"
}

newest_jdk() {
    local best="" best_feature=0 home feature
    for home in /usr/lib/jvm/*; do
        [[ -x "$home/bin/java" ]] || continue
        feature="$(feature_of "$home")"
        if [[ "$feature" =~ ^[0-9]+$ ]] && (( feature > best_feature )); then
            best="$home"
            best_feature="$feature"
        fi
    done
    echo "$best"
}

bench_jdk() {
    local jdk="${BENCH_JDK:-$(newest_jdk)}"
    [[ -n "$jdk" && -x "$jdk/bin/java" ]] || { echo "no JDK found (set BENCH_JDK)" >&2; return 1; }
    echo "$jdk"
}

vector_flags() {
    local flags="--add-modules=jdk.incubator.vector"
    if (( $1 >= 24 )); then
        flags+=" --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"
    fi
    echo "$flags"
}

node_flags() {
    if [[ "${THP:-1}" != 0 ]] && grep -q '\[madvise\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
        echo "-XX:+UseTransparentHugePages"
    fi
}
