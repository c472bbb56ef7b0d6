"""Benchmark the public pages a visitor opens first against a real server: the village layer, a village page and the
home page under 20 concurrent clients.

Run: ``PETAKAN_DATA_DIR=../shared/data .venv/bin/python benchmarks/bench_pages_load.py``

Same setup as bench_map_load.py (a throwaway SQLite database with Kendal, demo profiles and a published Smart City
run; gunicorn 2 workers × 8 threads with DEBUG off, as the README's production command) and the same load: 20
connections on 127.0.0.1 driven by ``wrk`` for WRK_SECONDS each (``make bench`` installs it), or else by the bounded
Python client of bench_map_load.py (20 threads, at most 150 requests each, 20 s). Browsers' headers: Accept-Encoding
``gzip, deflate, br``; no cookies, as a first visit.

Measurements, each against the budget of issue 19 and as a ratio to ``/healthz`` (one ``SELECT 1`` through the whole
middleware stack) measured under the same load in the same run:

- ``pages.layer``: ``/api/v1/areas/33.24/villages.geojson`` (all 286 villages, brotli): ≥ 500 req/s, p95 ≤ 50 ms.
  Also, for information, the same through Django (a session cookie makes the fast path step aside), i.e. what a
  logged-in visitor gets;
- ``pages.village``: ``/wilayah/<desa>/`` for one village of each kecamatan in turn, after each was visited once
  (each worker process renders a village's public sections once per version of its data): p95 ≤ 150 ms. The first
  visits are reported too (``cold``), once per village and worker;
- ``pages.home``: ``/``: p95 ≤ 150 ms.

The CPU may be shared with other work; the ratio to /healthz, measured alongside, is the steadier number.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

# a sibling script (run as a script, its folder is on sys.path)
from bench_map_load import (
    CLIENTS,
    environment,
    fetch,
    load,
    prepare,
    production_server,
    url,
)

WRK_SECONDS = 10
BUDGET_LAYER_RPS = 500
BUDGET_LAYER_P95_S = 0.050
BUDGET_PAGE_P95_S = 0.150
BROWSER = {"Accept-Encoding": "gzip, deflate, br"}

WRK_SCRIPT = """
paths = {%(paths)s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("WRK %%d %%d %%f %%f %%f\\n", summary.requests, summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.write + summary.errors.timeout, latency:percentile(50) / 1e6,
    latency:percentile(95) / 1e6, latency:percentile(99) / 1e6))
end
"""


class Result:
    """Requests, errors, req/s and latency percentiles (s) of one load."""

    def __init__(self, requests: int, errors: int, seconds: float, p50: float, p95: float, p99: float) -> None:
        self.requests, self.errors, self.rps = requests, errors, requests / seconds
        self.p50, self.p95, self.p99 = p50, p95, p99


def drive(port: int, paths: list[str], headers: dict[str, str]) -> Result:
    """``paths`` in turn on CLIENTS connections: wrk when installed, else the bounded Python client."""
    wrk = shutil.which("wrk")
    if wrk is None:
        started = time.perf_counter()
        latencies: np.ndarray = load(port, lambda i: _cycle(paths, i), headers)
        seconds = time.perf_counter() - started
        return Result(
            len(latencies),
            0,
            seconds,
            *(float(np.percentile(latencies, q)) for q in (50, 95, 99)),
        )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % {"paths": ", ".join(f'"{p}"' for p in paths)})
    try:
        extra = [arg for name, value in headers.items() for arg in ("-H", f"{name}: {value}")]
        out = subprocess.run(
            [wrk, "-t2", f"-c{CLIENTS}", f"-d{WRK_SECONDS}s", "--latency", "-s", script.name, *extra, url(port, "/")],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    fields = next(line for line in out.splitlines() if line.startswith("WRK ")).split()
    return Result(int(fields[1]), int(fields[2]), WRK_SECONDS, float(fields[3]), float(fields[4]), float(fields[5]))


def _cycle(paths: list[str], index: int) -> Iterator[str]:
    while True:
        yield from paths[index % len(paths) :] + paths[: index % len(paths)]


def line(name: str, measured: Result, baseline: Result, budget: str) -> str:
    tool = "wrk" if shutil.which("wrk") else "python client"
    errors = f", {measured.errors} errors" if measured.errors else ""
    return (
        f"{name} ({tool}, {CLIENTS} connections): {measured.requests} requests{errors}, {measured.rps:.0f} req/s, "
        f"p50 {measured.p50:.4f} s, p95 {measured.p95:.4f} s, p99 {measured.p99:.4f} s{budget}"
        f" | baseline /healthz {baseline.rps:.0f} req/s, p95 {baseline.p95:.4f} s"
        f" | ratio p95 {measured.p95 / baseline.p95:.2f}x"
    )


def verdict(ok: bool) -> str:
    return "MET" if ok else "OVER"


def run(port: int) -> None:
    # one village of each kecamatan, from the regency's layer (the codes a visitor clicks on the home map)
    _status, body, headers = fetch(port, "/api/v1/areas/33.24/villages.geojson", {"Accept-Encoding": "identity"})
    villages: dict[str, str] = {}
    for feature in json.loads(body)["features"]:
        villages.setdefault(feature["properties"]["district_code"], feature["properties"]["code"])
    pages = [f"/wilayah/{code}/" for code in sorted(villages.values())]

    cold: list[float] = []
    for _round in range(2):  # both worker processes (the kernel spreads new connections over them)
        for path in pages:
            started = time.perf_counter()
            status, _body, _headers = fetch(port, path, BROWSER)
            cold.append(time.perf_counter() - started)
            if status != 200:
                sys.exit(f"{path}: {status}")
    # and the layer and home page once per worker, through several connections
    warm = ["/api/v1/areas/33.24/villages.geojson", "/", *pages]
    load(port, lambda i: iter(warm[i % len(warm) :] + warm[: i % len(warm)]), BROWSER)

    baseline = drive(port, ["/healthz"], BROWSER)
    layer = drive(port, ["/api/v1/areas/33.24/villages.geojson"], BROWSER)
    ok = layer.rps >= BUDGET_LAYER_RPS and layer.p95 <= BUDGET_LAYER_P95_S and not layer.errors
    print(
        line(
            "pages.layer",
            layer,
            baseline,
            f" (budget ≥ {BUDGET_LAYER_RPS} req/s and p95 ≤ {BUDGET_LAYER_P95_S:.3f} s, {verdict(ok)})",
        )
    )
    through = drive(port, ["/api/v1/areas/33.24/villages.geojson"], {**BROWSER, "Cookie": "sessionid=none"})
    print(line("pages.layer through Django (session cookie, no replay)", through, baseline, ""))
    village = drive(port, pages, BROWSER)
    ok = village.p95 <= BUDGET_PAGE_P95_S and not village.errors
    print(line("pages.village", village, baseline, f" (budget p95 ≤ {BUDGET_PAGE_P95_S:.3f} s, {verdict(ok)})"))
    print(
        f"pages.village cold (first visit per village and worker, one at a time): "
        f"median {np.median(cold):.4f} s, max {max(cold):.4f} s over {len(cold)} requests"
    )
    home = drive(port, ["/"], BROWSER)
    ok = home.p95 <= BUDGET_PAGE_P95_S and not home.errors
    print(line("pages.home", home, baseline, f" (budget p95 ≤ {BUDGET_PAGE_P95_S:.3f} s, {verdict(ok)})"))
    _status, body, headers = fetch(port, "/api/v1/areas/33.24/villages.geojson", BROWSER)
    print(f"pages.layer size: {len(body) / 1024:.0f} KB ({headers.get('content-encoding', 'identity')})")


def main() -> None:
    data_dir = os.environ.get("PETAKAN_DATA_DIR")
    if not data_dir:
        sys.exit("PETAKAN_DATA_DIR is not set (the reference data folder, e.g. ../shared/data)")
    with tempfile.TemporaryDirectory(prefix="petakan-bench-pages-") as tmp:
        folder = Path(tmp)
        env = environment(folder, str(Path(data_dir).resolve()))
        started = time.perf_counter()
        prepare(env)
        print(f"setup (migrate, load-kendal, demo profiles, index run): {time.perf_counter() - started:.1f} s")
        with production_server(env) as port:
            run(port)


if __name__ == "__main__":
    main()
