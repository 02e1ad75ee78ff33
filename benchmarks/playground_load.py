"""Load test of `actlab serve` on loopback: N pages train at once for a fixed time while each
also asks for an activation panel every half second. Prints one JSON object: snapshots per
second per page, request/reply latency p50/p99, the server's peak resident memory, and every
connection that failed or was dropped. Needs the websocket-client package (the e2e venv has it).

Usage: playground_load.py URL SERVER_PID [--clients 20] [--seconds 60]"""
import argparse
import json
import statistics
import threading
import time

import websocket


def page(url, seconds, result):
    ws = websocket.create_connection(url, timeout=30)
    train = {"type": "train", "config": {"task": "circles", "epochs": 5000, "batchSize": 16,
                                          "hidden": [{"units": 8, "activation": {"name": "relu"}},
                                                     {"units": 8, "activation": {"name": "tanh"}}]}}
    ws.send(json.dumps(train))
    start = time.time()
    snapshots, latencies, errors, pending, next_ping = 0, [], [], None, start + 0.5
    first_snapshot, share = None, 0.0
    ws.settimeout(0.05)
    while time.time() - start < seconds:
        now = time.time()
        if pending is None and now >= next_ping:
            ws.send(json.dumps({"type": "activation", "activation": {"name": "gelu"}}))
            pending, next_ping = now, now + 0.5
        try:
            message = json.loads(ws.recv())
        except websocket.WebSocketTimeoutException:
            continue
        kind = message["type"]
        if kind == "snapshot":
            snapshots += 1
            share = message["snapshot"]["snapshotShare"]
            first_snapshot = first_snapshot or time.time()
            if message["snapshot"]["state"] in ("finished", "stopped"):
                ws.send(json.dumps(train))  # keep the page busy for the whole run
        elif kind == "activation" and pending is not None:
            latencies.append((time.time() - pending) * 1000)
            pending = None
        elif kind in ("error", "busy"):
            errors.append(message.get("message"))
    elapsed = time.time() - (first_snapshot or start)
    ws.close()
    result.update(share=share, snapshots=snapshots, rate=snapshots / elapsed if elapsed > 0 else 0, latencies=latencies, errors=errors)


def resident_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("pid", type=int)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    ws_url = args.url.replace("http://", "ws://").rstrip("/") + "/ws"
    results = [dict() for _ in range(args.clients)]
    failures = []

    def run(i):
        try:
            page(ws_url, args.seconds, results[i])
        except Exception as e:  # a dropped or refused connection is what this test looks for
            failures.append(f"page {i}: {type(e).__name__}: {e}")

    threads = [threading.Thread(target=run, args=(i,)) for i in range(args.clients)]
    before = resident_kib(args.pid)
    for t in threads:
        t.start()
    peak = before
    while any(t.is_alive() for t in threads):
        peak = max(peak, resident_kib(args.pid))
        time.sleep(0.25)
    done = [r for r in results if "rate" in r]
    latencies = sorted(l for r in done for l in r["latencies"])
    quantile = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else None
    print(json.dumps({
        "clients": args.clients,
        "seconds": args.seconds,
        "pages_completed": len(done),
        "snapshots_total": sum(r["snapshots"] for r in done),
        "snapshots_per_second_per_page": {
            "min": round(min(r["rate"] for r in done), 2) if done else None,
            "median": round(statistics.median(r["rate"] for r in done), 2) if done else None,
        },
        "snapshot_share_of_training_time_median": round(statistics.median(r["share"] for r in done), 4) if done else None,
        "reply_latency_ms": {"count": len(latencies), "p50": quantile(0.5) and round(quantile(0.5), 2),
                             "p99": quantile(0.99) and round(quantile(0.99), 2)},
        "server_rss_mib": {"before": round(before / 1024, 1), "peak": round(peak / 1024, 1)},
        "server_alive": resident_kib(args.pid) > 0,
        "errors": sorted({e for r in done for e in r["errors"]}),
        "failed_connections": failures,
    }, indent=2))


if __name__ == "__main__":
    main()
