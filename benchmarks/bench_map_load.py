"""Benchmark the thematic map against a real server: the data endpoint under 20 concurrent clients, the size of the
village layer and of the map page's first load.

Run: ``PETAKAN_DATA_DIR=../shared/data .venv/bin/python benchmarks/bench_map_load.py``

The script prepares a throwaway SQLite database in a temporary folder (migrate, ``regions load-kendal``, demo
profiles, a Smart City run — the same commands as ``make demo``), starts gunicorn (2 workers × 8 threads, as in
production) on 127.0.0.1 with DEBUG off, and drives it with 20 client threads (``http.client``, keep-alive,
``Accept-Encoding: gzip`` like a browser), each making a bounded number of requests within a time limit.

Measurements, each printed as one line:

- ``maps.data``: p50/p95 of ``/peta/data.json`` over the dimensions, classifications and palettes a visitor clicks
  through, once earlier visitors have asked for each of them on 20 connections (so that both worker processes have
  seen them): anonymous repeats are answered by the fast path (petakan.maps.fastpath) in front of Django. Against
  ``/healthz`` (one ``SELECT 1`` through the whole middleware stack) under the same load;
- ``maps.data uncached``: every request a combination not asked before (the cache never hits): the cost of
  computing the classes, the straightforward implementation the cache saves;
- ``maps.data 304``: revalidation of a known ETag, what a returning browser does;
- ``maps.layer``: the gzipped village layers (regency view and high zoom) against the 400 KB budget;
- ``maps.first_load``: bytes transferred for the map page's first load (HTML, CSS, JS, the two layers and the
  values) against the 1.5 MB budget. The development server sends static files uncompressed, so this is an upper
  bound of what a compressing web server sends.
"""

from __future__ import annotations

import contextlib
import gzip
import http.client
import itertools
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

CLIENTS = 20
REQUESTS_PER_CLIENT = 150
TIME_LIMIT_S = 20.0
BUDGET_P95_S = 0.050
BUDGET_LAYER_BYTES = 400 * 1024
BUDGET_FIRST_LOAD_BYTES = 1.5 * 1024 * 1024
YEAR = 2026
ROOT = Path(__file__).resolve().parents[1]
PETAKAN = ROOT / ".venv" / "bin" / "petakan"
DIMENSIONS = ("sci", "gov", "brand", "econ", "living", "society", "env")
METHODS = ("quantile", "equal", "jenks")
PALETTES = ("YlGnBu", "YlOrRd", "viridis")


def environment(folder: Path, data_dir: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "PETAKAN_DATA_DIR": data_dir,
            "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
            "PETAKAN_VAR_DIR": str(folder),
            "DEBUG": "false",
            "SECRET_KEY": "benchmark-only-not-secret",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PETAKAN_TILE_URL": "",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def prepare(env: dict[str, str]) -> None:
    steps = [
        ["migrate", "--noinput", "-v0"],
        ["regions", "load-kendal", "--commit"],
        ["profiles", "load-demo", "--year", str(YEAR)],
        ["indices", "compute", "--year", str(YEAR), "--status", "published"],
    ]
    for step in steps:
        subprocess.run([str(PETAKAN), *step], env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(port: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            status, _body, _headers = fetch(port, "/healthz")
            if status == 200:
                return
        except OSError:
            time.sleep(0.3)
    sys.exit("the server did not start")


def fetch(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes, dict[str, str]]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "gzip", **(headers or {})})
        response = connection.getresponse()
        return response.status, response.read(), {k.lower(): v for k, v in response.getheaders()}
    finally:
        connection.close()


def load(port: int, paths: Callable[[int], Iterator[str]], headers: dict[str, str] | None = None) -> np.ndarray:
    """Latencies (s) of CLIENTS threads, each on its own keep-alive connection, REQUESTS_PER_CLIENT requests or
    TIME_LIMIT_S, whichever comes first. Any status other than 200/304 aborts the benchmark."""
    latencies: list[list[float]] = [[] for _ in range(CLIENTS)]
    failures: list[str] = []
    start_gate = threading.Barrier(CLIENTS)

    def client(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        own = latencies[index]
        start_gate.wait()
        deadline = time.monotonic() + TIME_LIMIT_S
        for path in itertools.islice(paths(index), REQUESTS_PER_CLIENT):
            if time.monotonic() > deadline:
                break
            started = time.perf_counter()
            connection.request("GET", path, headers={"Accept-Encoding": "gzip", **(headers or {})})
            response = connection.getresponse()
            response.read()
            own.append(time.perf_counter() - started)
            if response.status not in (200, 304):
                failures.append(f"{path}: {response.status}")
                return
        connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        sys.exit("requests failed: " + "; ".join(failures[:3]))
    return np.array([x for own in latencies for x in own])


def p(values: np.ndarray, q: float) -> float:
    return float(np.percentile(values, q))


def report(name: str, measured: np.ndarray, baseline: np.ndarray, baseline_name: str, budget: str = "") -> None:
    ratio = p(measured, 95) / p(baseline, 95)
    print(
        f"{name} {CLIENTS} clients, {len(measured)} requests: p50 {p(measured, 50):.4f} s, p95 {p(measured, 95):.4f} s"
        f"{budget} | baseline {baseline_name} p50 {p(baseline, 50):.4f} s, p95 {p(baseline, 95):.4f} s"
        f" | ratio {ratio:.2f}x"
    )


def first_load(port: int, run_id: int) -> tuple[int, list[tuple[str, int]]]:
    """Bytes transferred for the map page and everything it loads before the map is drawn."""
    status, html_body, headers = fetch(port, "/peta/")
    assert status == 200
    parts = [("/peta/ (HTML)", len(html_body))]
    html = gzip.decompress(html_body).decode() if headers.get("content-encoding") == "gzip" else html_body.decode()
    assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) + re.findall(r'<script src="([^"]+)"', html)
    wanted = [*assets, "/peta/village.geojson", "/peta/district.geojson", f"/peta/data.json?run={run_id}"]
    for path in wanted:
        status, body, _ = fetch(port, path)
        if status != 200:
            sys.exit(f"{path}: {status}")
        parts.append((path, len(body)))
    return sum(size for _, size in parts), parts


@contextlib.contextmanager
def production_server(env: dict[str, str]) -> Iterator[int]:
    """The README's production command (gunicorn, 2 workers × 8 threads, static files through WhiteNoise) on a free
    loopback port, ready to answer; stopped on leaving. Every load benchmark measures against this."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(PETAKAN.parent / "gunicorn"),
            "petakan.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "8",
            "--worker-class",
            "gthread",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    data_dir = os.environ.get("PETAKAN_DATA_DIR")
    if not data_dir:
        sys.exit("PETAKAN_DATA_DIR is not set (the reference data folder, e.g. ../shared/data)")
    with tempfile.TemporaryDirectory(prefix="petakan-bench-map-") as tmp:
        folder = Path(tmp)
        env = environment(folder, str(Path(data_dir).resolve()))
        started = time.perf_counter()
        prepare(env)
        print(f"setup (migrate, load-kendal, demo profiles, index run): {time.perf_counter() - started:.1f} s")
        with production_server(env) as port:
            run(port)


def page_facts(port: int) -> tuple[int, list[str]]:
    """The run the map page shows and the indicator codes it offers."""
    _status, body, headers = fetch(port, "/peta/")
    html = gzip.decompress(body).decode() if headers.get("content-encoding") == "gzip" else body.decode()
    run_id = re.search(r'"run": "(\d+)"', html)
    group = re.search(r'<optgroup label="Indikator">(.*?)</optgroup>', html, re.S)
    if run_id is None or group is None:
        sys.exit("the map page shows no run or no indicators")
    return int(run_id.group(1)), re.findall(r'<option value="([^"]+)"', group.group(1))


def run(port: int) -> None:
    run_id, indicators = page_facts(port)
    views = [
        f"/peta/data.json?run={run_id}&var={v}&cls={c}&pal={pal}"
        for v in DIMENSIONS
        for c in METHODS
        for pal in PALETTES
    ]
    for path in views:
        status, body, _ = fetch(port, path)
        if status != 200:
            sys.exit(f"{path}: {status} {body[:200]!r}")

    def cached(index: int) -> Iterator[str]:
        return itertools.cycle(views[index % len(views) :] + views[: index % len(views)])

    # What earlier visitors already asked for: every view on each of 20 connections, which the kernel spreads over
    # the worker processes (each keeps its own cache; a single connection would warm one worker only).
    load(port, lambda index: itertools.islice(cached(index), len(views)))

    def healthz(_index: int) -> Iterator[str]:
        return itertools.repeat("/healthz")

    # a new (indicator, classes, palette, level) combination for every request: the cache never hits
    combos = [
        f"/peta/data.json?run={run_id}&var={code}&k={k}&pal={pal}&level={level}&cls=jenks"
        for code in indicators
        for k in range(3, 10)
        for pal in PALETTES
        for level in ("village", "district")
    ]

    def uncached(index: int) -> Iterator[str]:
        return iter(combos[index::CLIENTS])

    baseline = load(port, healthz)
    measured = load(port, cached)
    budget = f" (budget p95 {BUDGET_P95_S:.3f} s{', MET' if p(measured, 95) <= BUDGET_P95_S else ', OVER'})"
    report("maps.data", measured, baseline, "/healthz", budget)

    _status, _body, headers = fetch(port, views[0])
    wrk_line(port, views[0], headers["etag"])

    revalidated = load(port, lambda _i: itertools.repeat(views[0]), {"If-None-Match": headers["etag"]})
    report("maps.data 304", revalidated, baseline, "/healthz")

    cold = load(port, uncached)
    print(
        f"maps.data uncached {CLIENTS} clients, {len(cold)} requests: p50 {p(cold, 50):.4f} s, "
        f"p95 {p(cold, 95):.4f} s | cached p95 {p(measured, 95):.4f} s | ratio {p(cold, 95) / p(measured, 95):.1f}x"
    )

    for key in ("village", "village-detail"):
        _status, body, headers = fetch(port, f"/peta/{key}.geojson")
        raw = len(gzip.decompress(body)) if headers.get("content-encoding") == "gzip" else len(body)
        print(
            f"maps.layer {key}: {len(body) / 1024:.0f} KB gzipped (budget {BUDGET_LAYER_BYTES / 1024:.0f} KB"
            f"{', MET' if len(body) <= BUDGET_LAYER_BYTES else ', OVER'}) | raw {raw / 1024:.0f} KB"
            f" | ratio {raw / len(body):.1f}x"
        )
    total, parts = first_load(port, run_id)
    detail = ", ".join(f"{path.rsplit('/', 1)[-1] or path} {size / 1024:.0f} KB" for path, size in parts)
    print(
        f"maps.first_load: {total / 1024:.0f} KB transferred (budget {BUDGET_FIRST_LOAD_BYTES / 1024:.0f} KB"
        f"{', MET' if total <= BUDGET_FIRST_LOAD_BYTES else ', OVER'}) | {detail}"
    )


WRK_SCRIPT = """
wrk.headers["Accept-Encoding"] = "gzip"
done = function(summary, latency, requests)
  io.write(string.format("WRK %d %f %f %f\\n", summary.requests, latency:percentile(50) / 1e6,
    latency:percentile(95) / 1e6, latency:percentile(99) / 1e6))
end
"""


WRK_SECONDS = 10


def url(port: int, target: str) -> str:
    return f"http://127.0.0.1:{port}{target}"


def wrk_line(port: int, path: str, etag: str) -> None:
    """The same endpoint under wrk (a C load generator, when installed): 20 connections for 10 s each, for the
    data, its revalidation (304) and /healthz. The Python client threads above share one interpreter lock, which
    adds their own waiting to what they measure."""
    wrk = shutil.which("wrk")
    if wrk is None:
        print("maps.data wrk: not measured (wrk is not installed; `make bench` installs it)")
        return
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    results = {}
    try:
        for name, target, headers in (
            ("data", path, []),
            ("data 304", path, ["-H", f"If-None-Match: {etag}"]),
            ("healthz", "/healthz", []),
        ):
            out = subprocess.run(
                [wrk, "-t2", f"-c{CLIENTS}", f"-d{WRK_SECONDS}s", "-s", script.name, *headers, url(port, target)],
                capture_output=True,
                text=True,
                timeout=60,
                check=True,
            ).stdout
            fields = next(line for line in out.splitlines() if line.startswith("WRK ")).split()
            results[name] = (int(fields[1]), float(fields[2]), float(fields[3]), float(fields[4]))
    finally:
        os.unlink(script.name)
    healthz = results["healthz"]
    for name in ("data", "data 304"):
        n, p50, p95, p99 = results[name]
        budget = (
            f" (budget p95 {BUDGET_P95_S:.3f} s, {'MET' if p95 <= BUDGET_P95_S else 'OVER'})" if name == "data" else ""
        )
        print(
            f"maps.{name} wrk {CLIENTS} connections, {n} requests, {n / WRK_SECONDS:.0f} req/s: p50 {p50:.4f} s, "
            f"p95 {p95:.4f} s, p99 {p99:.4f} s{budget} | baseline /healthz {healthz[0] / WRK_SECONDS:.0f} req/s, "
            f"p50 {healthz[1]:.4f} s, p95 {healthz[2]:.4f} s | ratio {p95 / healthz[2]:.2f}x"
        )


if __name__ == "__main__":
    main()
