#!/usr/bin/env python3
"""Probes for bench/repair.sh, over the gateway's and one storage node's HTTP APIs (standard library only).

  repair-probe.py blob-id ANSWER.json          the blob ID of a store answer (fails on anything but newlyCreated)
  repair-probe.py pairs GATEWAY NODE IDS_FILE  "present total bytes": how many of the node's slivers of those blobs
                                               it stores, of how many, and the sliver bytes it should hold
  repair-probe.py health NODE_URL              the node's recovery counters as "key=value ..." (empty if down)
  repair-probe.py ready NODE_URL               exit 0 when the node answers /v1/health holding every owned shard
  repair-probe.py shards GATEWAY NODE          how many shards the committee gives the node

A node stores, for each blob, the pair (primary and secondary sliver) whose index is (shard - rotation) mod n on
each of its shards, rotation being the blob ID read as a big-endian number modulo n (Floe's BlobId.rotation).
"""
import base64
import concurrent.futures
import json
import sys
import urllib.error
import urllib.request

TIMEOUT = 10


def get_json(url):
    with urllib.request.urlopen(url, timeout=TIMEOUT) as r:
        return json.load(r)


def committee_node(gateway, node):
    for m in get_json(gateway + "/status")["nodes"]:
        if m["id"] == node:
            return m
    sys.exit("no node %s in the committee" % node)


def blob_bytes(blob_id):
    return base64.urlsafe_b64decode(blob_id + "=" * (-len(blob_id) % 4))


def sliver_sizes(length, n):
    """(primary, secondary) sliver data bytes of a blob of `length` bytes on n shards (EncodingConfig)."""
    f = (n - 1) // 3
    np_, ns = n - 2 * f, n - f
    size = max(-(-max(length, 1) // (np_ * ns)), 1)
    size += size & 1
    return ns * size, np_ * size


def stored(url):
    try:
        return str(get_json(url)["success"]["data"]).lower() == "stored"
    except (urllib.error.URLError, OSError, ValueError, KeyError):
        return False


def pairs(gateway, node, ids_file):
    status = get_json(gateway + "/status")
    n = status["nShards"]
    info = next((m for m in status["nodes"] if m["id"] == node), None) or sys.exit("no node " + node)
    checks, expected_bytes = [], 0
    for line in open(ids_file):
        blob_id, length = line.split()
        rotation = int.from_bytes(blob_bytes(blob_id), "big") % n
        primary, secondary = sliver_sizes(int(length), n)
        for shard in info["shards"]:
            pair = (shard - rotation) % n
            for kind in ("primary", "secondary"):
                checks.append("%s/v1/blobs/%s/slivers/%d/%s/status" % (info["url"], blob_id, pair, kind))
            expected_bytes += primary + secondary
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        present = sum(pool.map(stored, checks))
    print(present, len(checks), expected_bytes)


def health(node_url):
    try:
        data = get_json(node_url + "/v1/health")["success"]["data"]
    except (urllib.error.URLError, OSError, ValueError, KeyError):
        return
    print(" ".join("%s=%s" % kv for kv in data.get("recovery", {}).items()))


def ready(node_url):
    try:
        data = get_json(node_url + "/v1/health")["success"]["data"]
    except (urllib.error.URLError, OSError, ValueError, KeyError):
        sys.exit(1)
    owned, held = set(data.get("shardsOwned", [])), set(data.get("shardsHeld", []))
    sys.exit(0 if owned and owned <= held else 1)


def main():
    cmd = sys.argv[1]
    if cmd == "blob-id":
        answer = json.load(open(sys.argv[2]))
        created = answer.get("newlyCreated")
        if not created:
            sys.exit("not a new blob: %s" % json.dumps(answer)[:300])
        print(created["blobObject"]["blobId"])
    elif cmd == "pairs":
        pairs(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "health":
        health(sys.argv[2])
    elif cmd == "ready":
        ready(sys.argv[2])
    elif cmd == "shards":
        print(len(committee_node(sys.argv[2], sys.argv[3])["shards"]))
    else:
        sys.exit("unknown probe " + cmd)


if __name__ == "__main__":
    main()
