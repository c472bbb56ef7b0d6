"""Benchmark the Excel import of a regency-wide profile workbook: 286 Kendal villages × 120 fields.

Run: ``PETAKAN_DATA_DIR=../shared/data .venv/bin/python benchmarks/bench_profile_xlsx.py``.

The workbook is the template of the seeded demo profiles (year 2024, seed 1). Measurements (best of 3):

- ``profile.import``: the whole import as the web layer runs it — size check, openpyxl parse, every cell
  coerced and validated, cross-field rules, and the diff against the stored profiles (budget 5 s);
- baseline: openpyxl reading the same file and touching every cell value, without any validation; the ratio
  is the cost of the import relative to that bare read (the validation overhead);
- ``profile.write_template``: writing the same workbook, for information.

The script checks that the round trip is exact before timing.
"""

from __future__ import annotations

import io
import os
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook

from petakan.lib.profile import diff, frame_to_records, load_demo_inputs, load_schema, read_workbook, template_rows
from petakan.lib.profile import write_template as write_profile_template

BUDGET_IMPORT_S = 5.0
BUDGET_WRITE_S = 5.0
REPEATS = 3


def data_dir() -> Path:
    raw = os.environ.get("PETAKAN_DATA_DIR")
    if not raw:
        sys.exit("PETAKAN_DATA_DIR is not set (the reference data folder, e.g. ../shared/data)")
    return Path(raw)


def best_of(run: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    schema = load_schema()
    inputs = load_demo_inputs(data_dir())
    profiles = inputs.generate(year=2024, seed=1)
    stored = frame_to_records(schema, profiles)
    rows = template_rows(schema, profiles, inputs.villages)
    codes = set(inputs.villages["code"])

    def write() -> bytes:
        buffer = io.BytesIO()
        write_profile_template(schema, rows, buffer, lang="id", year=2024)
        return buffer.getvalue()

    data = write()

    def import_workbook() -> int:
        result = read_workbook(schema, data, allowed_codes=codes, known_codes=codes)
        if not result.ok:
            raise SystemExit(f"unexpected problems: {[p.describe() for p in result.problems[:3]]}")
        return len(diff(stored, result.rows))

    def bare_read() -> int:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(data), data_only=False)
        n = 0
        for row in wb["Profil"].iter_rows(min_row=5):
            for cell in row:
                n += cell.value is not None
        wb.close()
        return n

    if import_workbook() != 0:
        raise SystemExit("the round trip is not exact: the import of the written workbook reports changes")

    n_villages, n_fields = len(rows), len(schema.fields)
    t_import = best_of(import_workbook)
    t_bare = best_of(bare_read)
    t_write = best_of(write)
    size_kb = len(data) / 1024
    print(
        f"profile.import {n_villages} villages × {n_fields} fields ({size_kb:.0f} KB): {t_import:.3f} s "
        f"(budget {BUDGET_IMPORT_S} s) | baseline openpyxl read without validation {t_bare:.3f} s "
        f"| ratio {t_import / t_bare:.2f}x"
    )
    print(
        f"profile.write_template {n_villages} villages × {n_fields} fields: {t_write:.3f} s (budget {BUDGET_WRITE_S} s)"
    )


if __name__ == "__main__":
    main()
