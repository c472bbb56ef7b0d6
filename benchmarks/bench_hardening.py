"""Benchmark: every reader refuses each file of the malformed-file corpus in well under 5 s.

Run: ``PETAKAN_DATA_DIR=../shared/data .venv/bin/python benchmarks/bench_hardening.py``.

The corpus is the one the hardening tests build (``tests/hardening/corpus.py``): a cell at row 1,048,576, 300,000
one-cell rows, a 50 MB cell, a 200,000-character cell, a PNG named .xlsx, a truncated zip, a zip bomb, 100,000
levels of JSON nesting, and the CSV equivalents. Each is fed to the library reader behind the importers (profile
workbook, IDM table, PDRB table, boundary file), which calls the shared guard (``petakan.lib.uploads``) first.
The baseline, measured in the same run, is reading the valid regency profile template (286 Kendal villages × all
fields) with the same reader; the ratio says how a refusal compares with an ordinary import. Budget: 5 s per file.
Peak memory of each read (tracemalloc) is printed too; the tests assert it stays under 300 MB.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for the corpus, shared with the tests

from petakan.lib import geofiles
from petakan.lib.idm import IdmInputError, read_table
from petakan.lib.pdrb import read_pdrb
from petakan.lib.profile import load_demo_inputs, load_schema, read_workbook, template_rows
from petakan.lib.profile import write_template as write_profile_template
from petakan.lib.uploads import Limits
from tests.hardening import corpus

BUDGET_S = 5.0
MB = 1024 * 1024


def data_dir() -> Path:
    raw = os.environ.get("PETAKAN_DATA_DIR")
    if not raw:
        sys.exit("PETAKAN_DATA_DIR is not set (the reference data folder, e.g. ../shared/data)")
    return Path(raw)


def timed(run: Callable[[], object]) -> tuple[float, int]:
    """(seconds, peak bytes) of one run; time without tracemalloc (it slows Python down), memory with it."""
    start = time.perf_counter()
    run()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak


def main() -> None:
    schema = load_schema()
    inputs = load_demo_inputs(data_dir())
    codes = set(inputs.villages["code"])
    buffer = io.BytesIO()
    write_profile_template(schema, template_rows(schema, None, inputs.villages), buffer, lang="id", year=2026)
    template = buffer.getvalue()

    def profile(data: bytes) -> Callable[[], object]:
        return lambda: read_workbook(schema, data, allowed_codes=codes, known_codes=codes)

    folder = Path(tempfile.mkdtemp(prefix="petakan-bench-"))

    def on_disk(name: str, data: bytes) -> Path:
        path = folder / f"{len(list(folder.iterdir()))}-{name}"
        path.write_bytes(data)
        return path

    # The limits the web and command line give the IDM reader for Kendal (petakan.idm.services.upload_limits).
    idm_limits = Limits(kind="idm", max_bytes=5 * MB, max_rows=1 + len(codes) * 15 + 100, max_columns=80)

    def idm(path: Path) -> Callable[[], object]:
        def run() -> object:
            try:
                return read_table(path, limits=idm_limits)
            except IdmInputError as exc:
                return exc.problems

        return run

    def boundaries(path: Path) -> Callable[[], object]:
        def run() -> object:
            try:
                return geofiles.read(path)
            except geofiles.GeoFileError as exc:
                return exc.problems

        return run

    base_s, base_peak = min((timed(profile(template)) for _ in range(3)), key=lambda t: t[0])
    print(
        f"baseline: profile template {len(codes)} villages × {len(schema.fields)} fields "
        f"({len(template) / 1024:.0f} KB) read in {base_s:.3f} s, peak {base_peak / MB:.0f} MB"
    )
    workbooks = {
        "far-away cell": corpus.far_away_cell(),
        "300,000 rows": corpus.many_rows(),
        "50 MB cell": corpus.huge_cell(),
        "200,000-character cell": corpus.long_cell(),
        "PNG named .xlsx": corpus.png_named_xlsx(),
        "truncated zip": corpus.truncated_zip(),
        "zip bomb": corpus.zip_bomb(),
    }
    cases: list[tuple[str, Callable[[], object]]] = []
    for name, data in workbooks.items():
        cases.append((f"profile xlsx, {name}", profile(data)))
        cases.append((f"IDM xlsx, {name}", idm(on_disk("skor.xlsx", data))))
        cases.append((f"PDRB xlsx, {name}", lambda data=data: read_pdrb(data, file_format="xlsx")))
    csvs = {
        "300,000 rows": corpus.csv_many_rows(),
        "50 MB cell": corpus.csv_huge_cell(),
        "200,000-character cell": corpus.csv_long_cell(),
    }
    for name, data in csvs.items():
        cases.append((f"IDM csv, {name}", idm(on_disk("skor.csv", data))))
        cases.append((f"PDRB csv, {name}", lambda data=data: read_pdrb(data, file_format="csv")))
    cases.append(("boundaries, 100,000 levels of JSON", boundaries(on_disk("batas.geojson", corpus.deep_json()))))
    cases.append(("boundaries, zip bomb", boundaries(on_disk("batas.zip", corpus.zip_bomb("kec.shp")))))
    worst = 0.0
    for name, run in cases:
        seconds, peak = timed(run)
        worst = max(worst, seconds)
        print(
            f"{name}: {seconds:.3f} s (budget {BUDGET_S} s) | ratio to baseline {seconds / base_s:.2f}x "
            f"| peak {peak / MB:.1f} MB"
        )
    print(f"slowest refusal {worst:.3f} s (budget {BUDGET_S} s) | ratio to baseline {worst / base_s:.2f}x")
    if worst > BUDGET_S:
        raise SystemExit(f"over budget: {worst:.3f} s > {BUDGET_S} s")


if __name__ == "__main__":
    main()
