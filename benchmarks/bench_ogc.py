"""Benchmark the OGC API – Features items of all 286 villages under 20 concurrent clients (gunicorn, 127.0.0.1).

Run: ``PETAKAN_DATA_DIR=../shared/data .venv/bin/python benchmarks/bench_ogc.py``

The same throwaway setup as ``bench_map_load.py`` (migrate, ``regions load-kendal``, demo profiles, a published
Smart City run; gunicorn 2 workers × 8 threads, DEBUG off), then 20 client threads (keep-alive, ``Accept-Encoding:
gzip`` like QGIS's network stack), each a bounded number of requests within a time limit:

- ``ogc.items desa``: ``/ogc/collections/desa/items?limit=1000`` (all 286 village outlines with their codes);
- ``ogc.items indeks``: the same for the published run's collection, each feature with every node's score;

each against the 100 ms p95 budget and with its ratio to ``/healthz`` (one ``SELECT 1`` through the middleware
stack) measured under the same load in the same run.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import tempfile
import time
from pathlib import Path

# the setup and load helpers of the map benchmark: same database, same server, same clients
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_map_load import environment, fetch, load, p, prepare, production_server, report

BUDGET_P95_S = 0.100


def run(port: int) -> None:
    status, body, _headers = fetch(port, "/ogc/collections", {"Accept-Encoding": "identity"})
    if status != 200:
        sys.exit(f"/ogc/collections: {status}")
    ids = [c["id"] for c in json.loads(body)["collections"]]
    run_collection = next(i for i in ids if i.startswith("indeks-") and i.endswith("-desa"))
    paths = {
        "desa": "/ogc/collections/desa/items?limit=1000",
        "indeks": f"/ogc/collections/{run_collection}/items?limit=1000",
    }
    for name, path in paths.items():
        status, body, _headers = fetch(port, path, {"Accept-Encoding": "identity"})
        found = json.loads(body)
        if status != 200 or found["numberReturned"] != 286:
            sys.exit(f"{path}: {status}, {found.get('numberReturned')} features")
        _s, zipped, zheaders = fetch(port, path)
        print(
            f"ogc.items {name}: 286 features, {len(body) / 1024:.0f} KB"
            f" ({len(zipped) / 1024:.0f} KB {zheaders.get('content-encoding', 'identity')})"
        )
        # every worker process encodes a collection once: warm both on 20 connections
        load(port, lambda _i, path=path: itertools.repeat(path, 3))
    baseline = load(port, lambda _i: itertools.repeat("/healthz"))
    for name, path in paths.items():
        measured = load(port, lambda _i, path=path: itertools.repeat(path))
        verdict = "MET" if p(measured, 95) <= BUDGET_P95_S else "OVER"
        report(f"ogc.items {name}", measured, baseline, "/healthz", f" (budget p95 {BUDGET_P95_S:.3f} s, {verdict})")


def main() -> None:
    data_dir = os.environ.get("PETAKAN_DATA_DIR")
    if not data_dir:
        sys.exit("PETAKAN_DATA_DIR is not set (the reference data folder, e.g. ../shared/data)")
    with tempfile.TemporaryDirectory(prefix="petakan-bench-ogc-") as tmp:
        folder = Path(tmp)
        env = environment(folder, str(Path(data_dir).resolve()))
        started = time.perf_counter()
        prepare(env)
        print(f"setup (migrate, load-kendal, demo profiles, index run): {time.perf_counter() - started:.1f} s")
        with production_server(env) as port:
            run(port)


if __name__ == "__main__":
    main()
