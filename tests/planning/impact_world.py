"""A hand-made regency for the impact page: every Kendal village scored on two elements in runs of chosen years,
the programme's villages gaining ``effect`` points more than the others, zones from a fixed rule."""

from __future__ import annotations

import pandas as pd

from petakan.indices import scores
from petakan.indices.models import Run, UnitScores
from petakan.planning.models import Period, Programme
from petakan.regions.models import Area, Level
from tests.planning.conftest import make_programme, tree

ELEMENTS = ["gov_service", "gov_policy"]
ZONES = ("pesisir", "dataran", "pegunungan")


def villages() -> list[Area]:
    return list(Area.objects.filter(level=Level.VILLAGE, code__startswith="33.24.").order_by("code"))


def zone_of(index: int) -> str:
    return ZONES[index % 3]


def start(index: int) -> float:
    return 30.0 + (index * 7) % 40  # 30–69, spread so that every village has neighbours within 10 points


def reached_villages() -> list[Area]:
    return villages()[::25]  # 12 villages spread over the regency


def store_run(year: int, *, effect: float, step: int, reached: set[str], status: str = "published") -> Run:
    """A run of ``year``: village scores = start + ``step`` × (2 points) + ``effect`` × step for reached ones."""
    run = Run.objects.create(
        framework="smart-city-v1",
        framework_version="1",
        framework_hash="x",
        data_hash=f"d{year}{status}",
        year=year,
        profile_status=status,
        is_current=True,
        is_demo=True,
        tree=tree(),
    )
    rows = []
    for i, area in enumerate(villages()):
        value = start(i) + 2.0 * step + (effect * step if area.code in reached else 0.0)
        rows.append(
            scores.row(run, "village", {"sci": value, "gov": value, **dict.fromkeys(ELEMENTS, value)}, area=area)
        )
    UnitScores.objects.bulk_create(rows)
    return run


def zones_series() -> pd.Series:
    return pd.Series({a.code: zone_of(i) for i, a in enumerate(villages())})


def programme(period: Period, **fields) -> Programme:  # type: ignore[no-untyped-def]
    defaults = {
        "name": "Program layanan desa",
        "elements": ELEMENTS,
        "start_year": 2025,
        "end_year": 2026,
        "whole_regency": False,
        "villages": reached_villages(),
    }
    return make_programme(period, **{**defaults, **fields})
