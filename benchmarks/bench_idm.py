"""Benchmark IDM scoring at national scale: 83,762 village-years (every Kemendagri village code) × 50 items.

Run: ``PETAKAN_DATA_DIR=../shared/data .venv/bin/python benchmarks/bench_idm.py``. Scores are random integers
0–5 (seeded). Two measurements, each against a straightforward implementation measured in the same run:

- ``idm.score``: the vectorised exact scoring (indices, IDM, status) vs a per-row Python loop;
- ``idm.parse_scores``: validating the whole table (codes against the national list, years, duplicates, every
  score cell) vs a per-row, per-cell Python loop.

The results of each pair are compared before timings are printed (a fast wrong answer is no result).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from petakan.lib.idm import as_raw_table, load_edition, parse_scores, read_known_codes, score_matrix

BUDGET_SECONDS = 1.0
YEAR = 2023


def best_of(repeats: int, work: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def baseline_score(frame: pd.DataFrame, item_codes: list[str]) -> pd.DataFrame:
    """The obvious implementation: a Python loop over the rows, sums and an if-chain on floats."""
    iks_at = [i for i, c in enumerate(item_codes) if c.startswith("iks_")]
    ike_at = [i for i, c in enumerate(item_codes) if c.startswith("ike_")]
    ikl_at = [i for i, c in enumerate(item_codes) if c.startswith("ikl_")]
    records = []
    for row in frame.itertuples(index=False):
        iks = sum(row[i] for i in iks_at) / 175
        ike = sum(row[i] for i in ike_at) / 60
        ikl = sum(row[i] for i in ikl_at) / 15
        idm = (iks + ike + ikl) / 3
        if idm > 0.815:
            status = "Mandiri"
        elif idm > 0.707:
            status = "Maju"
        elif idm > 0.599:
            status = "Berkembang"
        elif idm > 0.491:
            status = "Tertinggal"
        else:
            status = "Sangat Tertinggal"
        records.append((iks, ike, ikl, idm, status))
    return pd.DataFrame(records, columns=["iks", "ike", "ikl", "idm", "status"])


def baseline_validate(frame: pd.DataFrame, item_codes: list[str], known: frozenset[str]) -> np.ndarray:
    """The obvious validator: loop over rows and cells, collect problems, build the matrix."""
    seen: set[tuple[str, int]] = set()
    problems: list[str] = []
    matrix = np.zeros((len(frame), len(item_codes)), dtype=np.int64)
    for i, record in enumerate(frame.to_dict("records")):
        code, year = str(record["code"]).strip(), int(record["year"])
        if code not in known:
            problems.append(f"row {i + 2}: unknown code {code}")
        if (code, year) in seen:
            problems.append(f"row {i + 2}: duplicate")
        seen.add((code, year))
        for j, item in enumerate(item_codes):
            value = float(str(record[item]).strip())
            if value != int(value) or not 0 <= value <= 5:
                problems.append(f"row {i + 2}, {item}: {value}")
            matrix[i, j] = int(value)
    if problems:
        raise ValueError(problems[:5])
    return matrix


def main() -> int:
    data_dir = os.environ.get("PETAKAN_DATA_DIR")
    if not data_dir:
        print("PETAKAN_DATA_DIR is not set", file=sys.stderr)
        return 2
    known = read_known_codes(Path(data_dir) / "indonesia_villages.csv")
    codes = np.array(sorted(known), dtype=object)
    edition = load_edition()
    item_codes = list(edition.item_codes)
    rng = np.random.default_rng(2024)
    scores = rng.integers(0, 6, size=(len(codes), len(item_codes)), dtype=np.int64)
    n = len(codes)

    # Scoring.
    seconds, result = best_of(5, lambda: score_matrix(edition, scores))
    frame = pd.DataFrame(scores, columns=item_codes)
    start = time.perf_counter()
    expected = baseline_score(frame, item_codes)
    baseline_seconds = time.perf_counter() - start
    if not (
        np.allclose(result.idm, expected["idm"].to_numpy(), atol=1e-12)
        and (result.status_names("id") == expected["status"].to_numpy()).all()
    ):
        print("idm.score: vectorised result differs from the baseline", file=sys.stderr)
        return 1
    print(
        f"idm.score {n} village-years: {seconds:.3f} s (budget {BUDGET_SECONDS:.1f} s) | "
        f"baseline per-row Python loop {baseline_seconds:.2f} s | ratio {baseline_seconds / seconds:.0f}x"
    )

    # Validation of the whole input table (as read from a file: strings).
    table_frame = pd.DataFrame(scores.astype(str), columns=item_codes)
    table_frame.insert(0, "year", str(YEAR))
    table_frame.insert(0, "code", codes)
    table = as_raw_table(table_frame, "bench.csv")
    parse_seconds, parsed = best_of(3, lambda: parse_scores(table, edition, known))
    start = time.perf_counter()
    checked = baseline_validate(table_frame, item_codes, known)
    baseline_parse_seconds = time.perf_counter() - start
    if not np.array_equal(parsed.scores, checked):
        print("idm.parse_scores: result differs from the baseline", file=sys.stderr)
        return 1
    print(
        f"idm.parse_scores {n} rows x {len(item_codes) + 2} columns: {parse_seconds:.3f} s | "
        f"baseline per-cell Python loop {baseline_parse_seconds:.1f} s | "
        f"ratio {baseline_parse_seconds / parse_seconds:.0f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
