"""What the public may read, in one place: the rule every open-data answer (JSON API, CKAN catalogue, CSV) follows.

- Index runs: those :func:`petakan.indices.views.visible_runs` shows an anonymous user (runs over published
  profiles). A run the public may not see is answered exactly like a run that does not exist.
- Profiles: only published values (:func:`petakan.profiles.services.public_profiles` and ``profiles_frame``
  with ``"published"``): a published profile as it is, a profile sent back for a correction as its last
  published version; drafts and never-published values never leave the platform this way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd
from django.contrib.auth.models import AnonymousUser
from django.db.models import Max, QuerySet
from django.db.models.functions import Coalesce

from petakan.indices import scores
from petakan.indices.models import Run, Unit
from petakan.indices.views import visible_runs
from petakan.lib.profile import frame_to_records
from petakan.profiles.services import profiles_frame, public_profiles, schema
from petakan.regions.models import Area

# the kinds of unit the open API serves (the population-weighted kecamatan mean stays an internal variant)
UNITS = (Unit.VILLAGE.value, Unit.DISTRICT.value, Unit.ZONE.value, Unit.REGENCY.value)


def public_runs() -> QuerySet[Run]:
    return visible_runs(AnonymousUser()).order_by("-created")


def public_run(run_id: int) -> Run | None:
    return public_runs().filter(pk=run_id).first()


@dataclass(frozen=True)
class ScoreRows:
    nodes: list[str]
    rows: list[dict[str, Any]]  # code, name, values {node: score or None}


def run_scores(run: Run, unit: str, node: str | None = None, *, prefix: str = "") -> ScoreRows:
    """The scores of every unit of a kind: all nodes (:func:`scores.table`) or one (:func:`scores.node_values`);
    with ``prefix``, only the units whose area code starts with it.

    Raises ``KeyError`` for a node the run's framework does not have.
    """
    if node is not None:
        if node not in scores.codes(run):
            raise KeyError(node)
        values = scores.node_values(run, unit, node)
        if prefix:
            values = {code: v for code, v in values.items() if code.startswith(prefix)}
        names = _area_names(list(values), prefix) if unit != Unit.ZONE else {}
        rows = [
            {"code": code, "name": names.get(code, code), "values": {node: value}}
            for code, value in sorted(values.items())
        ]
        return ScoreRows([node], rows)
    table = scores.table(run, unit, prefix=prefix)
    nodes = list(table.values.columns)
    matrix = table.values.to_numpy(dtype=float)
    # NaN ("data belum cukup") is not JSON: it becomes null
    cells = np.where(np.isnan(matrix), None, matrix).tolist()
    names = table.info["name"].tolist()
    rows = [
        {"code": str(code), "name": names[i] or str(code), "values": dict(zip(nodes, cells[i], strict=True))}
        for i, code in enumerate(table.values.index)
    ]
    return ScoreRows(nodes, rows)


def _area_names(codes: list[str], prefix: str = "") -> dict[str, str]:
    # by prefix rather than a list of codes: a national year has 84,000 of them, past SQLite's variable limit
    wanted = set(codes)
    rows = Area.objects.filter(code__startswith=prefix) if prefix else Area.objects.all()
    return {code: name for code, name in rows.values_list("code", "name") if code in wanted}


def published_years() -> list[int]:
    """Years with at least one published profile, newest first."""
    years = public_profiles().values_list("year", flat=True).distinct()
    return sorted(set(years), reverse=True)


def published_is_demo(year: int) -> bool:
    return public_profiles(year).filter(is_demo=True).exists()


def published_modified(year: int) -> datetime | None:
    """When the public values of ``year`` last changed: the latest publication (a returned profile's later edits
    do not count, the public does not see them)."""
    at = Coalesce("public_version__published_at", "changed_at")
    return public_profiles(year).aggregate(at=Max(at))["at"]


@dataclass(frozen=True)
class PublishedProfiles:
    year: int
    schema: str
    frame: pd.DataFrame  # villages × fields, published profiles only
    names: dict[str, str]
    demo: set[str]  # villages whose published profile is demo data

    @property
    def is_demo(self) -> bool:
        return bool(self.demo)


def published_profiles(year: int, village: str | None = None, area: str = "") -> PublishedProfiles:
    """The published profiles of ``year``: of one village if ``village`` is given (empty if it has none), of the
    villages whose code starts with ``area`` if that is given (one kecamatan or regency of a national year)."""
    prefix = village or area
    frame, _any_demo = profiles_frame(year, "published", prefix)
    if village is not None:
        frame = frame.loc[frame.index.intersection([village])]
    codes = [str(c) for c in frame.index]
    demo_rows = public_profiles(year).filter(is_demo=True)
    if prefix:
        demo_rows = demo_rows.filter(area__code__startswith=prefix)
    demo = set(demo_rows.values_list("area__code", flat=True)) & set(codes)
    return PublishedProfiles(year, schema().code, frame, _area_names(codes, prefix), demo)


def profile_records(published: PublishedProfiles) -> dict[str, dict[str, Any]]:
    """Village code → typed values (missing → None), JSON-ready."""
    return frame_to_records(schema(), published.frame)
