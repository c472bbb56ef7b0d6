"""Benchmark: reading the public values of every profile while some are back with their villages (issue 13).

    python benchmarks/bench_public_profiles.py                      # 5,000 profiles, throwaway SQLite
    scripts/with-postgres.sh python benchmarks/bench_public_profiles.py --villages 83762   # national, PostgreSQL

A published profile returned for a correction stays public as its last published version, so the public read
(``profiles_frame(year, "published")``: the index, open data, maps) picks, per profile, either the row's values or
its published version's. Measured: that read with 5 % of the profiles returned after publication, against a
baseline in the same run: the read of every profile's current values (``"all"``), which needs no such choice.
Budget: at most 1.5 × the baseline.
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
BUDGET_RATIO = 1.5
YEAR = 2026
RETURNED_SHARE = 0.05


def setup_django() -> None:
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "petakan.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def store(n: int) -> None:
    """``n`` villages under one kecamatan, each with a published profile of ``YEAR``; 5 % returned for correction."""
    import numpy as np
    from django.utils import timezone

    from petakan.lib.profile import load_schema
    from petakan.profiles.models import Profile, PublishedVersion, Status
    from petakan.regions.models import Area, Level

    schema = load_schema()
    regency = Area.objects.create(code="99.01", name="Bench", level=Level.REGENCY)
    district = Area.objects.create(code="99.01.01", name="Bench", level=Level.DISTRICT, parent=regency)
    Area.objects.bulk_create(
        [
            Area(code=f"99.01.01.{i:05d}", name=f"Desa {i}", level=Level.VILLAGE, kind="desa", parent=district)
            for i in range(n)
        ],
        batch_size=2000,
    )
    villages = list(Area.objects.filter(level=Level.VILLAGE).order_by("code").values_list("pk", flat=True))
    rng = np.random.default_rng(13)
    numeric = [f.code for f in schema.fields if f.type in ("integer", "decimal", "percent") and f.is_entered]
    matrix = rng.integers(0, 1000, (n, len(numeric))).tolist()
    now = timezone.now()
    Profile.objects.bulk_create(
        [
            Profile(
                area_id=pk,
                year=YEAR,
                schema=schema.code,
                status=Status.PUBLISHED,
                version=1,
                values=dict(zip(numeric, matrix[i], strict=True)),
                changed_at=now,
            )
            for i, pk in enumerate(villages)
        ],
        batch_size=2000,
    )
    returned = list(Profile.objects.order_by("?")[: int(n * RETURNED_SHARE)])
    versions = PublishedVersion.objects.bulk_create(
        [PublishedVersion(profile=p, version=1, values=p.values, published_at=now) for p in returned], batch_size=2000
    )
    for p, v in zip(returned, versions, strict=True):
        p.status, p.public_version, p.version = Status.RETURNED, v, 2
        p.values = {**p.values, numeric[0]: -1}  # the correction under way: never public
    Profile.objects.bulk_update(returned, ["status", "public_version", "version", "values"], batch_size=2000)


def best_of(repeat: int, work) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--villages", type=int, default=5_000)
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    from petakan.lib.profile import load_schema
    from petakan.profiles.services import profiles_frame

    started = time.perf_counter()
    store(args.villages)
    print(f"  setup: {args.villages} profiles stored in {time.perf_counter() - started:.0f} s (not timed)")
    public_s, (public, _demo) = best_of(3, lambda: profiles_frame(YEAR, "published"))
    all_s, (current, _demo) = best_of(3, lambda: profiles_frame(YEAR, "all"))
    first = next(f.code for f in load_schema().fields if f.type in ("integer", "decimal", "percent") and f.is_entered)
    assert len(public) == len(current) == args.villages
    assert not (public[first] == -1).any() and (current[first] == -1).sum() == int(args.villages * RETURNED_SHARE)
    ratio = public_s / all_s
    verdict = "ok" if ratio <= BUDGET_RATIO else "OVER BUDGET"
    print(
        f"profiles_frame published ({connection.vendor}, {args.villages} profiles, {RETURNED_SHARE:.0%} returned "
        f"after publication): {public_s:.2f} s; baseline (current values, no published-version choice) "
        f"{all_s:.2f} s; ratio {ratio:.2f} (budget ≤ {BUDGET_RATIO}) {verdict}"
    )


if __name__ == "__main__":
    main()
