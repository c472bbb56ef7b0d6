"""Did a programme move the needle? The data side of the programme's impact page (issue 20, item 3).

Which runs: public runs (current, over published profiles, the Smart City framework) by default, so that the page
tells everyone, the public included, the same thing; roles that may read unpublished results
(``analysis.view_unpublished``) may ask for the current runs over all profiles, drafts included, instead.

The run *before* is the one of the latest year up to and including the programme's start year; the run *after* is
the one of the latest year after the start year. A programme that has not yet been measured after its start gets
no estimate, only a sentence saying so — comparing two runs that both precede the programme would measure
something else.

Reached villages: the programme's target villages and all villages of its target kecamatan; a programme for the
whole regency leaves nobody to compare with and gets a sentence instead.

Scores: per village, the mean of the programme's elements' scores (0–100) in each run; a village needs every
element in both runs. Zones: the profiles' ``geo_zone`` of the year before (pesisir / dataran / pegunungan); when
the profiles give none, every village is in one zone and the page says so. The estimate itself is
:func:`petakan.lib.did.estimate`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from django.conf import settings

from petakan.indices import scores
from petakan.indices.models import Run, Unit
from petakan.lib import did
from petakan.maps import sources
from petakan.planning.models import Programme
from petakan.regions.models import Area, Level

FRAMEWORK = "smart-city-v1"


@dataclass
class VillageRow:
    code: str
    name: str
    district: str
    zone: str
    before: float | None
    after: float | None
    matches: int = 0  # reached: its comparison villages; comparison: how many reached villages it serves
    weight: float = 0.0

    @property
    def change(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before


@dataclass
class Impact:
    """What the page shows. ``estimate`` is None when there was nothing to estimate (``reason_*`` say why)."""

    programme: Programme
    before: Run | None = None
    after: Run | None = None
    elements: list[str] = field(default_factory=list)
    estimate: did.Estimate | None = None
    reached: list[VillageRow] = field(default_factory=list)
    comparison: list[VillageRow] = field(default_factory=list)
    zones_known: bool = True
    reason_id: str = ""
    reason_en: str = ""

    def reason(self, language: str) -> str:
        if self.estimate is not None and not self.estimate.has_estimate:
            return self.estimate.reason(language)
        return self.reason_en if language.startswith("en") else self.reason_id

    @property
    def is_demo(self) -> bool:
        return bool(self.programme.is_demo or any(r is not None and r.is_demo for r in (self.before, self.after)))

    def chart(self) -> dict[str, Any] | None:
        """Before/after means of both groups for the chart (None without an estimate)."""
        e = self.estimate
        if e is None or not e.has_estimate or self.before is None or self.after is None:
            return None
        return {
            "years": [self.before.year, self.after.year],
            "reached": [round(e.reached_before or 0, 2), round(e.reached_after or 0, 2)],
            "comparison": [round(e.comparison_before or 0, 2), round(e.comparison_after or 0, 2)],
        }


def public_runs(profile_status: str = "published") -> list[Run]:
    """Current Smart City runs over published profiles (or over all profiles with ``profile_status="all"``), one per
    year, oldest first (heavy fields left out). The caller decides whether the user may read the latter."""
    runs = (
        Run.objects.filter(framework=FRAMEWORK, is_current=True, profile_status=profile_status)
        .defer("log", "audit", "sensitivity")
        .order_by("year")
    )
    return list(runs)


def runs_around(
    start_year: int, runs: list[Run] | None = None, profile_status: str = "published"
) -> tuple[Run | None, Run | None]:
    """The run before (latest year ≤ ``start_year``) and the run after (latest year > ``start_year``)."""
    runs = public_runs(profile_status) if runs is None else runs
    before = [r for r in runs if r.year <= start_year]
    after = [r for r in runs if r.year > start_year]
    return (before[-1] if before else None), (after[-1] if after else None)


def reached_villages(programme: Programme) -> set[str]:
    """Codes of the villages a programme reached: its target villages and every village of its target kecamatan."""
    codes = set(programme.villages.values_list("code", flat=True))
    districts = programme.districts.values_list("pk", flat=True)
    codes |= set(Area.objects.filter(parent__in=districts, level=Level.VILLAGE).values_list("code", flat=True))
    return codes


def _element_means(run: Run, elements: list[str], prefix: str) -> pd.Series:
    table = scores.table(run, Unit.VILLAGE, prefix=prefix).values
    return table[elements].mean(axis=1, skipna=False)


def _number(value: float) -> float | None:
    return None if value is None or not np.isfinite(value) else float(value)


def impact(programme: Programme, *, profile_status: str = "published", caliper: float = did.CALIPER) -> Impact:
    """The difference-in-differences of ``programme``'s elements in its villages, with the rows the page lists."""
    result = Impact(programme)
    if programme.whole_regency:
        result.reason_id = (
            "Program ini menjangkau seluruh kabupaten: tidak ada desa yang tidak dijangkau untuk dibandingkan."
        )
        result.reason_en = "This programme reaches the whole regency: no village is left out to compare with."
        return result
    reached_codes = reached_villages(programme)
    if not programme.elements or not reached_codes:
        result.reason_id = "Program ini tidak menyebut elemen dan desa sasaran, jadi tidak ada yang bisa diukur."
        result.reason_en = "This programme names no elements and target villages, so there is nothing to measure."
        return result
    before, after = runs_around(programme.start_year, profile_status=profile_status)
    result.before, result.after = before, after
    if before is None or after is None:
        result.reason_id = (
            "Belum ada dua hasil indeks yang mengapit program ini (satu sampai tahun mulainya, satu sesudahnya): "
            "perubahan belum dapat diukur."
        )
        result.reason_en = (
            "There are not yet two index runs around this programme (one up to its start year, one after it): "
            "no change can be measured yet."
        )
        return result
    elements = [c for c in programme.elements if c in set(scores.codes(before)) & set(scores.codes(after))]
    result.elements = elements
    if not elements:
        result.reason_id = "Elemen program ini tidak diukur dalam kedua hasil indeks."
        result.reason_en = "This programme's elements are not measured in both index runs."
        return result
    prefix = settings.PETAKAN_REGENCY_CODE + "."
    frame = pd.DataFrame(
        {"before": _element_means(before, elements, prefix), "after": _element_means(after, elements, prefix)}
    )
    zones = sources.village_zones(before.year, profile_status)
    result.zones_known = zones is not None
    zone_of = zones.reindex(frame.index).fillna("").astype(str) if zones is not None else None
    villages = [
        did.Village(
            code=str(code),
            before=float(row.before),
            after=float(row.after),
            reached=code in reached_codes,
            zone=zone_of[code] if zone_of is not None else "",
        )
        for code, row in frame.iterrows()
    ]
    estimate = did.estimate(villages, caliper=caliper)
    result.estimate = estimate
    names = {
        a.code: (a.name, a.parent.name if a.parent else "")
        for a in Area.objects.filter(code__in=reached_codes | set(estimate.comparison_weights)).select_related("parent")
    }
    by_code = {v.code: v for v in villages}

    def row(code: str, matches: int, weight: float = 0.0) -> VillageRow:
        v = by_code.get(code)
        name, district = names.get(code, (code, ""))
        return VillageRow(
            code,
            name,
            district,
            v.zone if v else "",
            _number(v.before) if v else None,
            _number(v.after) if v else None,
            matches,
            weight,
        )

    result.reached = sorted(
        (row(c, len(estimate.pairs.get(c, ()))) for c in reached_codes), key=lambda r: (r.district, r.name)
    )
    served = {c: sum(c in m for m in estimate.pairs.values()) for c in estimate.comparison_weights}
    result.comparison = sorted(
        (row(c, served[c], w) for c, w in estimate.comparison_weights.items()), key=lambda r: (r.district, r.name)
    )
    return result
