"""Benchmark: ``petakan index run`` end to end on the national table (83,762 villages × 60 indicators × 4 levels).

Run: PETAKAN_DATA_DIR=../shared/data .venv/bin/python benchmarks/bench_index_run.py

The input is bench_index.py's national table (the real Kemendagri village codes, generated indicator values with
2 % missing, 60 → 12 → 4 → 1 tree, impute → treat → normalise → aggregate), written to a temporary folder as CSV
first (not timed). Timed: the real command as a user runs it, ``petakan index run --data … --meta … --config …
--out …`` in its own process (interpreter and Django start included): reading the two tables, the pipeline, the
audit and writing scores.csv, log.json and audit.json. Budget 5 s.

The baseline is the previous approach, in its own fresh process on the same files: Django's system checks (which
the command ran before its work; they import every URL module), the same reading and pipeline, the audit with its
statistics from np.nanmedian and np.unique per column, scores.csv through ``frame_for_export(table).to_csv``
(numpy formats every float, the csv module writes every cell) and the JSON through ``json.dumps(indent=1)`` (the
pure-Python encoder). Its files must hold the command's results; the script checks that before printing (below).

The command's audit computes only the correlations it reports (each node with its parent and with the top, children
with each other); the previous one computed the n×n Pearson and Spearman matrices of all 77 columns and wrote them
into audit.json (now ``--correlation-matrices``). So audit.json is compared by value: everything the previous one
held except the three matrix keys, floats within 1e-12; scores.csv and log.json byte for byte.

The phase split comes from a third fresh process that calls the functions the command calls, in the same order
("start" is the interpreter and Django start-up). It also times the audit with the matrices, as
``--correlation-matrices`` asks. The CPU time of the command is printed too: on a shared machine the wall time also
holds the waits for a core (and multi-threaded BLAS products, such as the n×n matrices, spin while they wait).
"""

from __future__ import annotations

import filecmp
import importlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_index import CONFIG, make_data, make_meta

BUDGET_S = 5.0
WITH_MATRICES = "audit with --correlation-matrices"


def data_dir() -> Path:
    raw = os.environ.get("PETAKAN_DATA_DIR")
    if not raw:
        sys.exit("PETAKAN_DATA_DIR is not set (the reference data folder, e.g. ../shared/data)")
    return Path(raw)


def write_inputs(folder: Path) -> tuple[Path, Path, Path, int]:
    villages = pd.read_csv(data_dir() / "indonesia_villages.csv", dtype=str)
    data = make_data(villages["code"].tolist(), villages["province_code"].tolist(), seed=20250601)
    paths = folder / "data.csv", folder / "meta.csv", folder / "config.yaml"
    data.to_csv(paths[0], index=False)
    make_meta().to_csv(paths[1], index=False)
    paths[2].write_text(yaml.safe_dump(CONFIG), encoding="utf-8")
    return *paths, len(data)


def run_command(paths: tuple[Path, Path, Path], out: Path) -> tuple[float, float]:
    """Wall-clock and CPU (user + system, all threads) seconds of ``petakan index run`` in a fresh process."""
    cmd = [sys.executable, "-m", "petakan", "index", "run", "--data", str(paths[0]), "--meta", str(paths[1])]
    cmd += ["--config", str(paths[2]), "--out", str(out)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def old_median_and_unique(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The previous statistics: np.nanmedian over the columns and np.unique of each column."""
    with np.errstate(all="ignore"):
        med = np.nanmedian(x, axis=0)
    return med, np.array([len(np.unique(c[~np.isnan(c)])) for c in x.T])


def phases(paths: tuple[Path, Path, Path], out: Path, previous: bool) -> dict[str, float]:
    """The command's work in its order, timed per phase; ``previous``: the previous approach's functions."""
    from petakan.lib.cells import frame_for_export
    from petakan.lib.index import build, jsonable, read_inputs
    from petakan.lib.writers import dumps_indented, write_frame_csv

    audit_module = importlib.import_module("petakan.lib.index.audit")  # the package re-exports audit(), a function
    out.mkdir(parents=True, exist_ok=True)
    times: dict[str, float] = {}

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        t = time.perf_counter()
        result = fn()
        times[name] = time.perf_counter() - t
        return result

    def write_json(path: Path, obj: Any) -> None:
        if previous:
            text = json.dumps(jsonable(obj), indent=1, ensure_ascii=False, allow_nan=False)
        else:
            text = dumps_indented(jsonable(obj), indent=1)
        path.write_text(text, encoding="utf-8")

    def write_scores() -> None:
        table = run.results_table()
        if previous:
            frame_for_export(table).to_csv(out / "scores.csv", index=False)
        else:
            write_frame_csv(table, out / "scores.csv")

    data, meta = timed("read", lambda: read_inputs(paths[0], paths[1]))
    config = yaml.safe_load(paths[2].read_text(encoding="utf-8"))
    run = timed("pipeline", lambda: build(data, meta, config))
    timed("scores.csv", write_scores)
    timed("log.json", lambda: write_json(out / "log.json", run.log))  # includes the data hash, computed once
    current = audit_module.median_and_unique
    if previous:
        audit_module.median_and_unique = old_median_and_unique
    try:
        audit = timed("audit", lambda: run.audit(correlation_matrices=previous))
    finally:
        audit_module.median_and_unique = current
    timed("audit.json", lambda: write_json(out / "audit.json", audit))
    if not previous:
        timed(WITH_MATRICES, lambda: run.audit(correlation_matrices=True))
    return times


def same_audit(previous: Path, now: Path) -> None:
    """The command's audit holds the previous audit's values, except the n×n matrices (floats within 1e-12)."""
    old = json.loads(previous.read_text(encoding="utf-8"))
    new = json.loads(now.read_text(encoding="utf-8"))
    for key in ("codes", "pearson", "spearman"):
        old["correlations"].pop(key)

    def walk(a: Any, b: Any, where: str) -> None:
        if isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys():
            for k in a:
                walk(a[k], b[k], f"{where}/{k}")
        elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
            for i, (x, y) in enumerate(zip(a, b, strict=True)):
                walk(x, y, f"{where}[{i}]")
        elif isinstance(a, float) and isinstance(b, float):
            if abs(a - b) > 1e-12:
                sys.exit(f"audit.json{where}: {b!r} against the previous {a!r}")
        elif a != b:
            sys.exit(f"audit.json{where}: {b!r} against the previous {a!r}")

    walk(old, new, "")


def split(times: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.2f}" for k, v in times.items())


def child(mode: str, paths: tuple[Path, Path, Path], out: Path) -> None:
    """In a fresh process (as the command runs): Django set up, then the phases; prints them as JSON."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "petakan.settings")
    django.setup()
    times: dict[str, float] = {}
    if mode == "previous":
        from django.core import checks

        t = time.perf_counter()
        checks.run_checks()  # what BaseCommand.execute ran before the command's own work
        times["system checks"] = time.perf_counter() - t
    times.update(phases(paths, out, previous=mode == "previous"))
    print(json.dumps(times))


def run_child(mode: str, paths: tuple[Path, Path, Path], out: Path) -> tuple[float, dict[str, float]]:
    cmd = [sys.executable, __file__, "--child", mode, *map(str, paths), str(out)]
    t = time.perf_counter()
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - t
    times = json.loads(done.stdout.strip().splitlines()[-1])
    extra = times.get(WITH_MATRICES, 0.0)
    times = {"start": wall - sum(times.values()), **times}
    return wall - extra, times


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench_index_run_") as tmp:
        folder = Path(tmp)
        *paths_list, n = write_inputs(folder)
        paths = (paths_list[0], paths_list[1], paths_list[2])
        # interleaved, best of three, each in a fresh process: the machine may be shared, and every side should
        # see the same conditions
        t_cmd, cpu_cmd, t_base, t_now = float("inf"), float("inf"), float("inf"), float("inf")
        new_phases: dict[str, float] = {}
        old_phases: dict[str, float] = {}
        for _ in range(3):
            wall, cpu = run_command(paths, folder / "command")
            t_cmd, cpu_cmd = min(t_cmd, wall), min(cpu_cmd, cpu)
            wall, ph = run_child("previous", paths, folder / "previous")
            if wall < t_base:
                t_base, old_phases = wall, ph
            wall, ph = run_child("now", paths, folder / "now")
            if wall < t_now:
                t_now, new_phases = wall, ph
        both = ("previous", "now")
        for name, others in (("scores.csv", both), ("log.json", both), ("audit.json", ("now",))):
            for other in others:
                if not filecmp.cmp(folder / "command" / name, folder / other / name, shallow=False):
                    sys.exit(f"{name}: the command's file differs from the {other} approach's")
        same_audit(folder / "previous" / "audit.json", folder / "command" / "audit.json")
    matrices = new_phases[WITH_MATRICES]
    print(
        f"index.run_command {n} units × 60 indicators × 4 levels, `petakan index run` end to end in its own "
        f"process: {t_cmd:.2f} s (budget {BUDGET_S} s) | baseline previous approach, own process {t_base:.2f} s "
        f"| ratio {t_base / t_cmd:.1f}x (scores.csv and log.json byte for byte, audit.json the same values)"
    )
    print(
        f"index.run_command CPU time of the command (user + system, all threads): {cpu_cmd:.2f} s "
        f"(on a shared machine the wall time also holds the waits for a core; load {os.getloadavg()[0]:.1f})"
    )
    print(f"index.run_command phases now, {t_now:.2f} s (s): {split(new_phases)}")
    print(f"index.run_command phases previous, {t_base:.2f} s (s): {split(old_phases)}")
    print(
        f"index.run_command the audit with --correlation-matrices (every pair, n×n): {matrices:.2f} s "
        f"instead of {new_phases['audit']:.2f} s"
    )


if __name__ == "__main__":
    if len(sys.argv) == 7 and sys.argv[1] == "--child":
        child(sys.argv[2], (Path(sys.argv[3]), Path(sys.argv[4]), Path(sys.argv[5])), Path(sys.argv[6]))
    else:
        main()
