#!/bin/sh
# Builds Floe's native library (libfloers.so: the RS engine and the Blake2b hasher) into $2/native/linux-x86_64
# with gcc; called by Maven (exec-maven-plugin, process-classes) as: build.sh <source dir> <classes dir>
# <java home> [required]. Without gcc, or on another platform, it prints a warning and succeeds (Floe then runs its
# Java kernels and hashers), unless required is true (-Dfloe.native.required=true): then it fails the build.
src="$1"; out="$2/native/linux-x86_64"; jdk="$3"; required="${4:-false}"
# Warns, or with required=true (-Dfloe.native.required=true) fails the build, that the engine was not built.
not_built() {
    if [ "$required" = true ]; then
        echo "[ERROR] floe native RS engine: $1, and floe.native.required is true"; exit 1
    fi
    echo "[WARNING] floe native RS engine: $1; Floe will use its Java kernels"; exit 0
}
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    not_built "only built for linux-x86_64"
fi
if ! command -v gcc >/dev/null 2>&1; then
    not_built "gcc not found"
fi
mkdir -p "$out"
if ! gcc -O3 -std=gnu11 -Wall -Wextra -shared -fPIC -fvisibility=hidden -I"$jdk/include" -I"$jdk/include/linux" \
        -o "$out/libfloers.so" "$src"/rs_kernels.c "$src"/rs_simd.c "$src"/rs_codec.c "$src"/rs_symbols.c "$src"/rs_jni.c \
        "$src"/hash_scalar.c "$src"/hash_simd.c "$src"/hash_jni.c; then
    rm -f "$out/libfloers.so"; not_built "gcc failed"
fi
exit 0
