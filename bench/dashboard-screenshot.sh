#!/usr/bin/env bash
# Writes a PNG of the gateway's live dashboard (GET /dashboard), as headless Chromium renders it, so a person can look
# at it without running a network (docs/dashboard.png is one). Either takes a running gateway's URL, or starts a
# `floe local` network of its own, stores a few blobs and reads them (so the counters, rates and shard map show
# something), takes the picture and stops what it started. Environment:
#   OUT=docs/dashboard.png   where the PNG goes
#   URL=http://127.0.0.1:31415   a running gateway: no network is started, nothing is stored
#   NODES=4 SHARDS=20        shape of the network it starts
#   BLOBS=12                 blobs stored (random sizes, 10 KiB to 1 MiB) and read back before the picture
#   FLOE_CLASSPATH           run floe local from this class path instead of cli/target/floe.jar (see ./floe)
#   FLOE_CHROMIUM=/usr/bin/chromium   the browser (Debian's chromium package)
#   STARTUP_TIMEOUT=240      seconds to wait for floe local to report the network ready
# The browser is driven by playwright-core from multi-jvm-tests/src/test/browser (installed there with npm ci when
# missing). Exits non-zero when the network, a store or the picture fails; always stops the network it started.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(realpath -m "${OUT:-$root/docs/dashboard.png}")"
nodes="${NODES:-4}"
shards="${SHARDS:-20}"
blobs="${BLOBS:-12}"
startup_timeout="${STARTUP_TIMEOUT:-240}"
browser_dir="$root/multi-jvm-tests/src/test/browser"

for tool in curl node setsid; do
    command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done
[[ -x "${FLOE_CHROMIUM:-/usr/bin/chromium}" ]] || {
    echo "${FLOE_CHROMIUM:-/usr/bin/chromium} is missing: install Debian's chromium package" >&2; exit 1; }
if [[ ! -d "$browser_dir/node_modules/playwright-core" ]]; then
    (cd "$browser_dir" && npm ci --no-audit --no-fund >&2)
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/floe-dashboard.XXXXXX")"
floe_pid=""

stop_network() {
    [[ -n "$floe_pid" ]] || return 0
    # SIGTERM to floe local alone: its shutdown hook stops the members; then whatever is left of its group.
    kill -TERM "$floe_pid" 2>/dev/null || true
    for _ in $(seq 1 90); do
        kill -0 "$floe_pid" 2>/dev/null || break
        sleep 0.5
    done
    kill -KILL -- "-$floe_pid" 2>/dev/null || true
    wait "$floe_pid" 2>/dev/null || true
    floe_pid=""
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_network
    if [[ "$rc" != 0 ]]; then
        echo "# kept $tmp (floe local's output: $tmp/floe-local.out, member logs under $tmp/data)" >&2
    else
        rm -rf "$tmp"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

die() {
    echo "error: $*" >&2
    exit 1
}

start_network() {
    # The launcher builds cli/target/floe.jar first when the sources are newer: outside the start-up timeout.
    "$root/floe" --version >/dev/null || die "./floe --version failed (building floe?)"
    . "$root/bench/ports.sh"
    local block
    # API, node ports, artery ports and management ports in one free block.
    block="$(free_block $((3 * nodes + 3)))"
    url="http://127.0.0.1:$block"
    : >"$tmp/floe-local.out"
    setsid "$root/floe" local --nodes "$nodes" --shards "$shards" --data "$tmp/data" --api-port "$block" \
        --node-port "$((block + 1))" --artery-port "$((block + 1 + nodes))" \
        --management-port "$((block + 2 + 2 * nodes))" >"$tmp/floe-local.out" 2>&1 </dev/null &
    floe_pid=$!
    local start=$SECONDS
    until grep -q '^Floe is running' "$tmp/floe-local.out"; do
        kill -0 "$floe_pid" 2>/dev/null || { cat "$tmp/floe-local.out" >&2; die "floe local exited during start-up"; }
        ((SECONDS - start < startup_timeout)) || { cat "$tmp/floe-local.out" >&2; die "floe local did not start"; }
        sleep 1
    done
    echo "# network of $nodes nodes, $shards shards ready at $url after $((SECONDS - start)) s" >&2
}

# Stores $blobs blobs of random sizes and reads each back, so the totals and the rates show traffic.
store_and_read() {
    local i size id
    for i in $(seq 1 "$blobs"); do
        size=$((10240 + RANDOM * 32))
        head -c "$size" /dev/urandom >"$tmp/blob"
        id="$(curl -sS --fail -X PUT -T "$tmp/blob" -H 'Expect:' "$url/v1/blobs?epochs=2" \
            | sed -n 's/.*"blobId":"\([^"]*\)".*/\1/p')"
        [[ -n "$id" ]] || die "store $i did not answer a blob ID"
        curl -sS --fail -o /dev/null "$url/v1/blobs/$id" || die "read of $id failed"
    done
    echo "# stored and read $blobs blobs" >&2
}

if [[ -n "${URL:-}" ]]; then
    url="${URL%/}"
else
    start_network
    store_and_read
fi
mkdir -p "$(dirname "$out")"
(cd "$browser_dir" && node dashboard.mjs screenshot "$url/dashboard" "$out" 60000) >/dev/null
echo "# wrote $out" >&2
