#!/bin/sh
# Builds Floe's native RS engine (libfloers.so) into $2/native/linux-x86_64 with gcc; called by Maven
# (exec-maven-plugin, process-classes) as: build.sh <source dir> <classes dir> <java home>. Without gcc, or on
# another platform, it prints a warning and succeeds: Floe then runs its Java kernels.
src="$1"; out="$2/native/linux-x86_64"; jdk="$3"
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "[WARNING] floe native RS engine: only built for linux-x86_64; Floe will use its Java kernels"; exit 0
fi
if ! command -v gcc >/dev/null 2>&1; then
    echo "[WARNING] floe native RS engine: gcc not found; Floe will use its Java kernels"; exit 0
fi
mkdir -p "$out"
if ! gcc -O3 -std=gnu11 -Wall -Wextra -shared -fPIC -fvisibility=hidden -I"$jdk/include" -I"$jdk/include/linux" \
        -o "$out/libfloers.so" "$src"/rs_kernels.c "$src"/rs_simd.c "$src"/rs_codec.c "$src"/rs_jni.c; then
    echo "[WARNING] floe native RS engine: gcc failed; Floe will use its Java kernels"; rm -f "$out/libfloers.so"
fi
exit 0
