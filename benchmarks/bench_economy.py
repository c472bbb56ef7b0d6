"""Benchmark: sector analysis of all 514 regencies × 17 sectors × 14 years, and village commodity LQ.

Run: PETAKAN_DATA_DIR=../shared/data .venv/bin/python benchmarks/bench_economy.py

Sector values are generated (no sector PDRB exists for any regency in the data), seeded by each real
Kemendagri regency code, so every run analyses the same 514 × 17 × 14 array. The reference is the sum of all
regencies (the nation). The baseline is the straightforward implementation: a loop over regions, each one a
pandas sectors × years frame. Both must give the same numbers; the script checks that before timing.
"""

from __future__ import annotations

import csv
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from petakan.lib.economy import (
    analyse_sectors,
    commodity_location_quotient,
    group_sum,
    klassen_region,
    leading_commodities,
)

YEARS = list(range(2010, 2024))
START, END = 2010, 2023
N_SECTORS = 17
N_COMMODITIES = 40
BUDGET_S = 1.0


def data_dir() -> Path:
    raw = os.environ.get("PETAKAN_DATA_DIR")
    if not raw:
        sys.exit("PETAKAN_DATA_DIR is not set (the reference data folder, e.g. ../shared/data)")
    return Path(raw)


def regency_values(path: Path) -> tuple[list[str], np.ndarray]:
    """(codes, values shaped (514, 17, 14)) in juta rupiah, each regency generated from its own code."""
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    codes = [r["code"] for r in rows]
    values = np.empty((len(codes), N_SECTORS, len(YEARS)))
    t = np.arange(len(YEARS))
    for r, row in enumerate(rows):
        rng = np.random.default_rng(int(row["code"].replace(".", "")))
        shares = rng.dirichlet(np.full(N_SECTORS, 1.5))
        if row["type"] == "kota":
            shares[0] *= 0.1  # cities have little agriculture ...
            shares[1] = 0.0  # ... and no mining: a sector absent throughout
            shares /= shares.sum()
        level = rng.lognormal(np.log(15e6), 0.8)
        growth = rng.normal(0.05, 0.02, N_SECTORS)
        values[r] = level * shares[:, None] * (1 + growth[:, None]) ** t[None, :]
    return codes, values


def baseline_analyse(region: np.ndarray, reference: np.ndarray) -> dict[str, np.ndarray]:
    """Straightforward per-region pandas implementation of LQ, DLQ, shift-share and Klassen (sector)."""
    ref = pd.DataFrame(reference, columns=YEARS)
    ref_share = ref / ref.sum()
    t = END - START
    ref_g_sector = (ref[END] / ref[START]) ** (1 / t) - 1
    ref_g_total = (ref[END].sum() / ref[START].sum()) ** (1 / t) - 1
    r_sector = ref[END] / ref[START] - 1
    out: dict[str, list[np.ndarray]] = {"lq": [], "dlq": [], "competitive": [], "allocation": [], "klassen": []}
    for r in range(region.shape[0]):
        df = pd.DataFrame(region[r], columns=YEARS)
        share = df / df.sum()
        lq = share / ref_share
        g = (df[END] / df[START].replace(0, np.nan)) ** (1 / t) - 1
        g_total = (df[END].sum() / df[START].sum()) ** (1 / t) - 1
        dlq = ((1 + g) / (1 + g_total)) ** t / (((1 + ref_g_sector) / (1 + ref_g_total)) ** t)
        e0, e1 = df[START], df[END]
        competitive = e1 - e0 * (1 + r_sector)
        homothetic = e0.sum() * ref[START] / ref[START].sum()
        differential = competitive / e0.replace(0, np.nan)
        allocation = (e0 - homothetic) * differential
        mean_share = share.loc[:, START:END].mean(axis=1)
        mean_ref_share = ref_share.loc[:, START:END].mean(axis=1)
        quadrant = pd.Series(-1, index=df.index)
        defined = g.notna() & mean_share.notna()
        high_g, high_s = g > ref_g_sector, mean_share > mean_ref_share
        quadrant[defined & high_g & high_s] = 0
        quadrant[defined & ~high_g & high_s] = 1
        quadrant[defined & high_g & ~high_s] = 2
        quadrant[defined & ~high_g & ~high_s] = 3
        out["lq"].append(lq.to_numpy())
        out["dlq"].append(dlq.to_numpy())
        out["competitive"].append(competitive.to_numpy())
        out["allocation"].append(allocation.to_numpy())
        out["klassen"].append(quadrant.to_numpy())
    return {k: np.array(v) for k, v in out.items()}


def baseline_commodities(volumes: np.ndarray, groups: np.ndarray) -> list[list[int]]:
    """Straightforward loop per village: LQ row by row, then sort its commodities."""
    column_total = volumes.sum(axis=0)
    grand = volumes.sum()
    leading = []
    for v in range(volumes.shape[0]):
        row_total = volumes[v].sum()
        lq = [
            (volumes[v, k] / row_total) / (column_total[k] / grand) if row_total else np.nan
            for k in range(volumes.shape[1])
        ]
        leading.append(sorted((k for k in range(len(lq)) if lq[k] > 1), key=lambda k, lq=lq: -lq[k]))
    kecamatan: dict[str, np.ndarray] = {}
    for v, g in enumerate(groups):
        kecamatan[g] = kecamatan.get(g, 0) + volumes[v]
    sums = np.array(list(kecamatan.values()))
    commodity_location_quotient(sums)
    return leading


def best_of(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def report(name: str, size: str, fast: float, slow: float, baseline: str) -> None:
    print(
        f"{name} {size}: {fast:.3f} s (budget {BUDGET_S:.1f} s) | baseline {baseline} {slow:.2f} s | "
        f"ratio {slow / fast:.0f}x"
    )


def main() -> None:
    root = data_dir()
    codes, region = regency_values(root / "indonesia_regencies.csv")
    reference = region.sum(axis=0)

    result = analyse_sectors(region, reference, YEARS, START, END)
    base = baseline_analyse(region, reference)
    np.testing.assert_allclose(result.lq, base["lq"], rtol=1e-10, equal_nan=True)
    np.testing.assert_allclose(result.dlq, base["dlq"], rtol=1e-9, equal_nan=True)
    np.testing.assert_allclose(result.shift.competitive, base["competitive"], rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(result.shift.allocation, base["allocation"], rtol=1e-9, atol=1e-6, equal_nan=True)
    np.testing.assert_array_equal(result.klassen.quadrants.codes, base["klassen"])

    fast = best_of(lambda: analyse_sectors(region, reference, YEARS, START, END), repeat=5)
    slow = best_of(lambda: baseline_analyse(region, reference), repeat=1)
    size = f"{len(codes)} regencies × {N_SECTORS} sectors × {len(YEARS)} years"
    report("economy.analyse_sectors", size, fast, slow, "per-region pandas loop")

    # Region Klassen of all regencies: growth and PDRB per capita (real 2024 populations) against their mean.
    population = {}
    with (root / "indonesia_province_regency_area_population.csv").open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            population[row["code"]] = float(row["pop_total_dukcapil_2024s2"])
    pop = np.array([population[c] for c in codes])
    totals = region.sum(axis=1)
    growth = (totals[:, -1] / totals[:, 0]) ** (1 / (END - START)) - 1
    per_capita = totals[:, -1] / pop
    t0 = time.perf_counter()
    klassen = klassen_region(
        growth, per_capita, reference_growth="mean_of_regions", reference_per_capita="mean_of_regions"
    )
    region_time = time.perf_counter() - t0
    counts = np.bincount(klassen.quadrants.codes, minlength=4)
    print(f"economy.klassen_region {len(codes)} regencies: {region_time:.4f} s | quadrants I–IV {counts.tolist()}")

    # Village commodity LQ for every village in Indonesia, 40 commodities, leading list and kecamatan LQ.
    with (root / "indonesia_villages.csv").open(newline="", encoding="utf-8") as fh:
        kecamatan = np.array([row["district_code"] for row in csv.DictReader(fh)])
    rng = np.random.default_rng(83762)
    volumes = rng.gamma(0.6, 50.0, size=(len(kecamatan), N_COMMODITIES)) * (
        rng.random((len(kecamatan), N_COMMODITIES)) < 0.4
    )

    def commodities() -> None:
        lq = commodity_location_quotient(volumes)
        leading_commodities(lq)
        _, sums = group_sum(volumes, kecamatan)
        commodity_location_quotient(sums)

    lq = commodity_location_quotient(volumes)
    fast_leading = leading_commodities(lq)
    slow_leading = baseline_commodities(volumes[:2000], kecamatan[:2000])
    check = leading_commodities(commodity_location_quotient(volumes[:2000]))
    assert [[c for c, _ in check.for_unit(v)] for v in range(2000)] == slow_leading
    assert fast_leading.unit.size > 0
    fast = best_of(commodities, repeat=3)
    slow = best_of(lambda: baseline_commodities(volumes, kecamatan), repeat=1)
    report(
        "economy.commodity_lq",
        f"{len(kecamatan)} villages × {N_COMMODITIES} commodities (+ kecamatan)",
        fast,
        slow,
        "per-village Python loop",
    )


if __name__ == "__main__":
    main()
