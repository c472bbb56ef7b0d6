"""Benchmark: saving one section of a village profile through the web form, and a regency-wide import with writes.

Run: ``PETAKAN_DATA_DIR=../shared/data .venv/bin/python benchmarks/bench_profile_save.py``.

A throw-away SQLite database (in a temporary folder) gets Kendal's 286 villages from kendal_desa_kelurahan.csv and
their seeded demo profiles (year 2026, seed 1) as drafts. Measurements:

- ``profiles.save_section``: a village account POSTs the population section (3 values changed each time, so every
  save validates the whole profile, writes the row with its version check and 3 history rows) through the Django
  test client; median of 50 saves (budget 200 ms). Baseline: a GET of the same form page, median of 50, measured
  in the same run; the ratio is save / GET (how much the save adds over merely showing the form).
- ``profiles.import``: an admin's regency-wide workbook (286 villages, one value changed per village) — dry run,
  then commit with 286 history rows, all or nothing (budget 5 s, best of 3). Baseline: the straightforward way of
  writing the same 286 changes, one ``save()`` and one history ``create()`` per village, without reading a file.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BUDGET_SAVE_S = 0.2
BUDGET_IMPORT_S = 5.0
SAVES = 50
YEAR = 2026


def setup_django() -> Path:
    raw = os.environ.get("PETAKAN_DATA_DIR")
    if not raw:
        sys.exit("PETAKAN_DATA_DIR is not set (the reference data folder, e.g. ../shared/data)")
    tmp = Path(tempfile.mkdtemp(prefix="petakan-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("PETAKAN_VAR_DIR", str(tmp))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "petakan.settings")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return Path(raw)


def load_villages(data_dir: Path) -> None:
    import pandas as pd

    from petakan.regions.models import Area, Kind, Level

    table = pd.read_csv(data_dir / "kendal_desa_kelurahan.csv", dtype=str)
    regency = Area.objects.create(code="33.24", name="Kendal", level=Level.REGENCY, kind=Kind.KABUPATEN)
    districts = {
        code: Area.objects.create(code=code, name=name, level=Level.DISTRICT, parent=regency)
        for code, name in table[["kecamatan_code", "kecamatan_name"]].drop_duplicates().itertuples(index=False)
    }
    Area.objects.bulk_create(
        Area(code=r.code, name=r.name, level=Level.VILLAGE, kind=r.type, parent=districts[r.kecamatan_code])
        for r in table.itertuples(index=False)
    )


def store_drafts(data_dir: Path) -> dict[str, dict[str, Any]]:
    from django.utils import timezone

    from petakan.lib.profile import frame_to_records, load_demo_inputs, load_schema
    from petakan.profiles.models import Profile
    from petakan.regions.models import Area

    frame = load_demo_inputs(data_dir).generate(year=YEAR, seed=1)
    records = {
        code: {k: v for k, v in values.items() if v is not None}
        for code, values in frame_to_records(load_schema(), frame).items()
    }
    ids = dict(Area.objects.filter(code__in=list(records)).values_list("code", "id"))
    Profile.objects.bulk_create(
        Profile(area_id=ids[c], year=YEAR, schema=load_schema().code, values=v, version=1, changed_at=timezone.now())
        for c, v in records.items()
    )
    return records


def median_seconds(fn: Callable[[int], Any], n: int) -> float:
    times = []
    for i in range(n):
        start = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_save() -> None:
    from django.test import Client

    from petakan.accounts.models import User
    from petakan.profiles.models import Profile
    from petakan.regions.models import Area

    village = Area.objects.get(code="33.24.01.2001")
    user = User.objects.create_user("bench-village", password="x" * 12, role="village", area=village)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    url = f"/profil/{village.code}/{YEAR}/ubah/population/"
    profile = Profile.objects.get(area=village, year=YEAR)

    def get(_: int) -> None:
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    def save(i: int) -> None:
        version = profile.version + i
        data = {
            "version": version,
            "pop_male": str(1600 + i),
            "pop_female": str(1500 + i),
            "households": str(880 + i),
            "poor_households": "200",
            "unemployed": "50",
        }
        response = client.post(url, data)
        assert response.status_code == 302, (response.status_code, response.content[:500])

    get(0)  # warm up templates and the schema cache
    baseline = median_seconds(get, SAVES)
    took = median_seconds(save, SAVES)
    profile.refresh_from_db()
    assert profile.version == 1 + SAVES and profile.values["pop_male"] == 1600 + SAVES - 1
    print(
        f"profiles.save_section 1 section × {SAVES} saves (median): {took:.3f} s (budget {BUDGET_SAVE_S} s)"
        f" | baseline GET of the same form {baseline:.3f} s | ratio {took / baseline:.1f}x"
    )


def bench_import(records: dict[str, dict[str, Any]]) -> None:
    from django.utils import timezone
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    from petakan.accounts.models import User
    from petakan.profiles import services
    from petakan.profiles.models import FieldChange, Profile
    from petakan.regions.models import Area

    admin = User.objects.create_user("bench-admin", password="x" * 12, role="admin")
    regency = Area.objects.get(code="33.24")
    best, best_baseline = float("inf"), float("inf")
    for round_ in range(3):
        out = io.BytesIO()
        services.write_scope_template(regency, YEAR, out, lang="id")
        wb = load_workbook(io.BytesIO(out.getvalue()))
        ws = wb["Profil"]
        column = next(get_column_letter(c.column) for c in ws[1] if c.value == "unemployed")
        for row in range(5, 5 + 286):
            ws[f"{column}{row}"] = 1000 + round_ * 300 + row
        edited = io.BytesIO()
        wb.save(edited)
        content = edited.getvalue()

        start = time.perf_counter()
        preview, n = services.import_now(content, user=admin, year=YEAR)
        best = min(best, time.perf_counter() - start)
        assert preview.ok and n == 286, (preview.problems[:3], n)

        # baseline: the same 286 new values, one save() and one history row per village
        start = time.perf_counter()
        for change in preview.changes:
            p = Profile.objects.get(area__code=change.code, year=YEAR)
            old = p.values.get(change.field)
            p.values[change.field] = int(change.new) + 1  # type: ignore[arg-type]
            p.version += 1
            p.save()
            FieldChange.objects.create(
                profile=p,
                field=change.field,
                old=old,
                new=p.values[change.field],
                by=admin,
                at=timezone.now(),
                via="import",
                version=p.version,
            )
        best_baseline = min(best_baseline, time.perf_counter() - start)
    print(
        f"profiles.import 286 villages (dry run + commit, 286 changes): {best:.2f} s (budget {BUDGET_IMPORT_S} s)"
        f" | baseline per-village save() without reading a file {best_baseline:.2f} s"
        f" | ratio {best / best_baseline:.1f}x"
    )


def main() -> None:
    data_dir = setup_django()
    load_villages(data_dir)
    records = store_drafts(data_dir)
    bench_save()
    bench_import(records)


if __name__ == "__main__":
    main()
