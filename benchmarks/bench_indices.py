"""Benchmark: computing and storing a Smart City index run (issue 5).

    python benchmarks/bench_indices.py              # Kendal, 286 villages, throwaway SQLite (budget 2 s)
    scripts/with-postgres.sh python benchmarks/bench_indices.py --national
                                                    # 83,762 generated profiles in PostgreSQL (budget 10 s),
                                                    # then the national run's pages (budget 0.3 s each)

Each line prints the measured time, its budget and the ratio to a baseline measured in the same run: the same
scores stored the straightforward way, one row per unit and node and one INSERT at a time (timed on a sample of
rows and scaled). The national line also gives the time of each phase: reading the profiles, computing (with the
sensitivity analysis) and storing. Each page line compares the page reading the summary stored with the run
against the same page built from the raw rows (the summary dropped first, so the page reads all 84,000 village
rows, as pages did before summaries).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

NATIONAL_BUDGET = 10.0  # seconds: read, compute and store a national run (issue 17)
PAGE_BUDGET = 0.3  # seconds: each page of a national run (issue 17)


def setup_django(national: bool) -> None:
    if national and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("--national needs PostgreSQL: run it through scripts/with-postgres.sh")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "petakan.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def baseline_per_row(run_id: int, rows: int, nodes: int, sample: int = 2000) -> float:
    """Seconds to store ``rows`` × ``nodes`` scores as one ORM row per unit and node, ``create`` at a time
    (timed on a sample and scaled): the straightforward long layout the vectors replace."""
    from django.db import connection, transaction

    table = "indices_score_baseline"
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {table} (id integer PRIMARY KEY, run_id integer, unit varchar(16),"
            " area_id integer, node varchar(60), level varchar(12), value double precision, raw double precision,"
            " rank integer)"
        )
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for i in range(sample):
            cursor.execute(
                f"INSERT INTO {table} (id, run_id, unit, area_id, node, level, value, raw, rank)"
                " VALUES (%s, %s, 'village', %s, %s, 'indicator', %s, %s, %s)",
                [i, run_id, i, f"n{i % nodes}", float(i), float(i), i],
            )
        transaction.set_rollback(True)
    return (time.perf_counter() - started) * rows * nodes / sample


def kendal(sensitivity_runs: int | None = None) -> None:
    """Kendal with the framework's default sensitivity sample (or ``sensitivity_runs``): compute + store time, and
    the widest 95 % bootstrap half-interval of the Sobol indices the sample gives (the default is chosen so that
    they are ≤ 0.05 within the 2 s budget)."""
    from django.core.management import call_command

    from petakan.indices.commands import compute_run
    from petakan.indices.models import UnitScores
    from petakan.profiles.services import load_demo

    with open(os.devnull, "w") as quiet:
        call_command("regions", "load-kendal", "--commit", stdout=quiet)
    load_demo(2026)
    compute_run("smart-city-v1", 2026, "published", sensitivity_runs=sensitivity_runs)  # warm-up: imports, caches
    phases: dict[str, float] = {}
    started = time.perf_counter()
    run = compute_run(
        "smart-city-v1",
        2026,
        "published",
        sensitivity_runs=sensitivity_runs,
        progress=lambda step, seconds: phases.__setitem__(step, seconds),
    )
    elapsed = time.perf_counter() - started
    rows = UnitScores.objects.filter(run=run).count()
    baseline = baseline_per_row(run.pk, rows, len(run.tree))
    widths = []
    for r in run.sensitivity.get("indices", []):
        for kind, label in (("first_order", "S1"), ("total", "ST")):
            low, high = r.get(f"{kind}_low"), r.get(f"{kind}_high")
            if low is not None and high is not None:
                widths.append(f"{r['assumption']} {label} ±{(high - low) / 2:.3f}")
    print(
        f"indices.compute_run Kendal {run.n_units} villages, {rows} rows × {len(run.tree)} nodes, with sensitivity "
        f"(N={run.sensitivity.get('n')}, {run.sensitivity.get('evaluations')} evaluations, "
        f"{run.sensitivity.get('bootstrap')} bootstrap): compute {phases['compute']:.2f} s + store "
        f"{phases['store']:.2f} s = {phases['compute'] + phases['store']:.2f} s (budget 2.0 s; read "
        f"{phases['read']:.2f} s, end to end {elapsed:.2f} s) | baseline row per node {baseline:.1f} s | "
        f"ratio {baseline / elapsed:.0f}x"
    )
    print("  95 % half-intervals (target ≤ 0.05): " + "; ".join(widths))


def seed_national() -> int:
    """Every village of the code list with a generated published profile for 2026 (not timed); returns their
    number."""
    import numpy as np
    from django.conf import settings

    from petakan.lib.profile import load_schema
    from petakan.profiles.models import Profile, Status
    from petakan.regions.importers import import_codes
    from petakan.regions.models import Area

    data = Path(settings.PETAKAN_DATA_DIR)
    started = time.perf_counter()
    import_codes(
        [
            data / f
            for f in (
                "indonesia_provinces.csv",
                "indonesia_regencies.csv",
                "indonesia_districts.csv",
                "indonesia_villages.csv",
            )
        ],
        commit=True,
    )
    villages = list(Area.objects.filter(level="village").values_list("pk", flat=True))
    schema = load_schema()
    rng = np.random.default_rng(7)
    n = len(villages)
    columns: dict[str, list] = {}
    for field in schema.fields:
        if field.type in ("integer", "decimal", "percent"):
            lo = float(field.min if field.min is not None else 0)
            hi = float(field.max if field.max is not None else 100)
            hi = min(hi, lo + 100) if field.type != "percent" else hi
            values = rng.uniform(lo, hi, n)
            columns[field.code] = (np.round(values) if field.type == "integer" else np.round(values, 1)).tolist()
        elif field.type == "boolean":
            columns[field.code] = (rng.random(n) < 0.5).tolist()
        elif field.type == "choice":
            options = [c.value for c in field.choices]
            columns[field.code] = [options[i] for i in rng.integers(0, len(options), n)]
    columns["pop_male"] = rng.integers(500, 5000, n).tolist()
    columns["pop_female"] = rng.integers(500, 5000, n).tolist()
    codes = list(columns)
    profiles = [
        Profile(
            area_id=pk,
            year=2026,
            schema=schema.code,
            status=Status.PUBLISHED,
            is_demo=True,
            values={code: columns[code][i] for code in codes},
        )
        for i, pk in enumerate(villages)
    ]
    Profile.objects.bulk_create(profiles, batch_size=2000)
    print(f"  setup: {n} villages and generated profiles stored in {time.perf_counter() - started:.0f} s (not timed)")
    return n


def national(sensitivity_runs: int) -> None:
    from petakan.indices.commands import compute_run
    from petakan.indices.models import UnitScores

    seed_national()
    phases: dict[str, float] = {}
    cpu = time.process_time()  # this process's CPU: on a shared machine, less noisy than the wall clock
    started = time.perf_counter()
    run = compute_run(
        "smart-city-v1",
        2026,
        "published",
        sensitivity_runs=sensitivity_runs,
        progress=lambda step, seconds: phases.__setitem__(step, seconds),
    )
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu
    print(
        "  phases: "
        + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in phases.items())
        + f" (this process used {cpu:.1f} s of CPU; the rest is PostgreSQL or waiting for a core)"
    )
    rows = UnitScores.objects.filter(run=run).count()
    baseline = baseline_per_row(run.pk, rows, len(run.tree))
    print(
        f"indices.compute_run national {run.n_units} villages, {rows} rows × {len(run.tree)} nodes, "
        f"sensitivity N={sensitivity_runs}: "
        f"{elapsed:.1f} s end to end (budget {NATIONAL_BUDGET:.0f} s, {_met(elapsed, NATIONAL_BUDGET)}) | "
        f"baseline row per node {baseline:.0f} s | ratio {baseline / elapsed:.0f}x"
    )
    national_pages(run.pk)


def _met(elapsed: float, budget: float) -> str:
    return "met" if elapsed <= budget else "NOT MET"


def national_pages(run_id: int, repeat: int = 3) -> None:
    """The pages that show a national run, reading the summary stored with the run (best of ``repeat`` warm
    requests), against the same page built from the raw rows: the summary dropped first, so that the page reads
    every village's row as it did before summaries (and stores the summary again)."""
    from django.test import Client

    from petakan.indices import summary
    from petakan.indices.models import Run

    client = Client(HTTP_HOST="localhost")
    for label, url in (
        ("run page, first page", f"/indeks/run/{run_id}/"),
        ("run page, page 500", f"/indeks/run/{run_id}/?hal=500"),
        ("run page, search 'sari'", f"/indeks/run/{run_id}/?cari=sari"),
        ("dashboard", f"/peta/dasbor/?run={run_id}"),
        ("rank shifts, run with itself", f"/indeks/bandingkan/?a={run_id}&b={run_id}"),
        ("methodology, audit and sensitivity", f"/indeks/run/{run_id}/metodologi/"),
    ):
        client.get(url)  # warm: the run's tree and the framework file are cached per process
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
        elapsed = min(times)
        line = (
            f"page {label} ({len(response.content) // 1024} KB): {elapsed * 1000:.0f} ms (budget "
            f"{PAGE_BUDGET * 1000:.0f} ms, {_met(elapsed, PAGE_BUDGET)}; median of {repeat} "
            f"{sorted(times)[len(times) // 2] * 1000:.0f} ms)"
        )
        if "metodologi" in url:  # reads the run's audit and Sobol indices, no village rows: no summary to drop
            print(line)
            continue
        summary.forget(Run.objects.get(pk=run_id))
        started = time.perf_counter()
        client.get(url)
        baseline = time.perf_counter() - started
        print(f"{line} | baseline from the raw rows {baseline * 1000:.0f} ms | ratio {baseline / elapsed:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--national", action="store_true")
    parser.add_argument(
        "--sensitivity-runs", type=int, default=None, help="N (national default 8; Kendal: the framework's default)"
    )
    args = parser.parse_args()
    setup_django(args.national)
    if args.national:
        national(args.sensitivity_runs if args.sensitivity_runs is not None else 8)
    else:
        kendal(args.sensitivity_runs)


if __name__ == "__main__":
    main()
