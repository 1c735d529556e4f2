#!/usr/bin/env bash
# Prepares an offline build of reed-solomon-simd 3.1 for the harness in this folder: clones the crate and its three
# small dependencies at the versions its Cargo.toml asks for, points it at them with path dependencies, drops its
# README-to-rustdoc build script (a fourth, build-only dependency) and the cpufeatures target dependencies on libc
# (aarch64 only), then builds the harness. Sources come from GitHub or from local mirrors:
#   RSS_REPO, FIXEDBITSET_REPO, ONCE_CELL_REPO, RUSTCRYPTO_UTILS_REPO   (git URLs or paths of bare repos)
# Everything lands under /tmp (rss, rsdeps); the binary is native-rs/target/release/rsbench.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
gh=https://github.com
rss_repo="${RSS_REPO:-$gh/AndersTrier/reed-solomon-simd}"
fbs_repo="${FIXEDBITSET_REPO:-$gh/petgraph/fixedbitset}"
oc_repo="${ONCE_CELL_REPO:-$gh/matklad/once_cell}"
utils_repo="${RUSTCRYPTO_UTILS_REPO:-$gh/RustCrypto/utils}"

rm -rf /tmp/rss /tmp/rsdeps && mkdir -p /tmp/rsdeps
git clone -q "$rss_repo" /tmp/rss
git clone -q -b v0.4.2 "$fbs_repo" /tmp/rsdeps/fixedbitset
git clone -q -b v1.21.3 "$oc_repo" /tmp/rsdeps/once_cell
git clone -q "$utils_repo" /tmp/rsdeps/utils
git -C /tmp/rsdeps/utils checkout -q "$(git -C /tmp/rsdeps/utils log --format=%H -1 --grep='cpufeatures: release v0.2.17')"
cp -r /tmp/rsdeps/utils/cpufeatures /tmp/rsdeps/cpufeatures

python3 - <<'PY'
import re
p = '/tmp/rsdeps/cpufeatures/Cargo.toml'; s = open(p).read(); open(p, 'w').write(s[:s.index('[target.')])
p = '/tmp/rss/Cargo.toml'; s = open(p).read()
for name, ver in (('fixedbitset', '0.4.0'), ('once_cell', '1.21.3')):
    s = s.replace(f'{name} = {{ version = "{ver}"', f'{name} = {{ path = "/tmp/rsdeps/{name}", version = "{ver}"')
s = s.replace('cpufeatures = "0.2.17"', 'cpufeatures = { path = "/tmp/rsdeps/cpufeatures", version = "0.2.17" }')
s = re.sub(r'\[build-dependencies\].*?(?=\[features\])', '', s, flags=re.S)
s = re.sub(r'\n\[\[bench\]\][^\[]*', '\n', s)
open(p, 'w').write(s)
p = '/tmp/rss/src/lib.rs'; s = open(p).read()
open(p, 'w').write(s.replace('#![doc = include_str!(concat!(env!("OUT_DIR"), "/README-rustdocified.md"))]', '//! reed-solomon-simd, built for bench/native-rs'))
PY
rm -f /tmp/rss/build.rs
(cd "$here" && cargo build --release --offline -q)
echo "$here/target/release/rsbench"
