#!/usr/bin/env python3
"""Concurrent store load for bench/concurrency.sh (standard library only).

  concurrency-load.py API CLIENTS SECONDS MIN_BYTES MAX_BYTES WARMUP SEED

CLIENTS threads each keep one store in flight (PUT API/v1/blobs?epochs=1, fresh random bytes of a size drawn
uniformly from MIN_BYTES..MAX_BYTES, one keep-alive connection per thread) for SECONDS after WARMUP untimed stores
in total. Prints one summary line, "stores=.. failures=.. seconds=.. stores_per_s=.. p50_ms=.. p90_ms=.. p99_ms=..
max_ms=.. mib_per_s=..", then reads back a few of the stored blobs and checks them byte for byte. Exits non-zero when
a read-back differs; failed stores are counted, not fatal (the first few are printed on stderr).
"""
import http.client
import json
import os
import random
import sys
import threading
import time
import urllib.parse

TIMEOUT = 120
READ_BACK = 16


class Client:
    """One keep-alive connection; reconnects after an error."""

    def __init__(self, api):
        self.url = urllib.parse.urlparse(api)
        self.conn = None

    def request(self, method, path, body=None, headers=None):
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.url.hostname, self.url.port, timeout=TIMEOUT)
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                r = self.conn.getresponse()
                return r.status, r.read()
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if attempt == 1 or method != "GET":
                    raise

    def store(self, data):
        status, body = self.request("PUT", "/v1/blobs?epochs=1", data,
                                    {"Content-Type": "application/octet-stream"})
        if status != 200:
            raise RuntimeError("PUT answered %d: %s" % (status, body[:300]))
        answer = json.loads(body)
        created = answer.get("newlyCreated")
        if not created:
            raise RuntimeError("fresh bytes answered %s" % list(answer))
        return created["blobObject"]["blobId"]


def percentile(sorted_ms, q):
    """Nearest rank, as bench/e2e.sh computes it."""
    if not sorted_ms:
        return 0.0
    rank = max(1, (q * len(sorted_ms) + 99) // 100)
    return sorted_ms[int(rank) - 1]


def main():
    api, clients, seconds, lo, hi, warmup, seed = sys.argv[1:8]
    clients, seconds, lo, hi, warmup = int(clients), float(seconds), int(lo), int(hi), int(warmup)
    rng = random.Random(int(seed))
    lock = threading.Lock()
    latencies, stored, failures = [], [], []
    warm_left = [warmup]
    timed = {"start": None, "end": None, "bytes": 0}
    started = threading.Barrier(clients)

    def take_warmup():
        with lock:
            if warm_left[0] > 0:
                warm_left[0] -= 1
                return True
            return False

    def worker(index):
        client = Client(api)
        local = random.Random(rng.random() + index)
        while take_warmup():
            try:
                client.store(os.urandom(local.randint(lo, hi)))
            except Exception as e:  # a failed warm-up store is not counted
                print("warm-up store failed: %s" % e, file=sys.stderr)
        started.wait()
        with lock:
            if timed["start"] is None:
                timed["start"] = time.monotonic()
                timed["end"] = timed["start"] + seconds
        while time.monotonic() < timed["end"]:
            data = os.urandom(local.randint(lo, hi))
            t0 = time.monotonic()
            try:
                blob_id = client.store(data)
            except Exception as e:
                with lock:
                    failures.append(str(e))
                    if len(failures) <= 5:
                        print("store failed: %s" % e, file=sys.stderr)
                continue
            ms = (time.monotonic() - t0) * 1000
            with lock:
                latencies.append(ms)
                timed["bytes"] += len(data)
                if len(stored) < READ_BACK:
                    stored.append((blob_id, data))

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = max(time.monotonic() - timed["start"], 1e-3)
    ms = sorted(latencies)
    print("stores=%d failures=%d seconds=%.1f stores_per_s=%.1f p50_ms=%.0f p90_ms=%.0f p99_ms=%.0f max_ms=%.0f "
          "mib_per_s=%.2f" % (len(ms), len(failures), elapsed, len(ms) / elapsed, percentile(ms, 50),
                              percentile(ms, 90), percentile(ms, 99), ms[-1] if ms else 0,
                              timed["bytes"] / elapsed / 1048576))
    reader = Client(api)
    for blob_id, data in stored:
        status, body = reader.request("GET", "/v1/blobs/" + blob_id)
        if status != 200 or body != data:
            sys.exit("blob %s read back %d with %s bytes" % (blob_id, status, "equal" if body == data else "other"))
    print("read back %d blobs: equal" % len(stored))


if __name__ == "__main__":
    main()
