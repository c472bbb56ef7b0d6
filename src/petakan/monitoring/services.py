"""Glue between the monitoring rows and :mod:`petakan.lib.monitoring`: load a period's programmes with their budget,
indicators and realisations in a handful of queries, and hand back what the progress pages show.

The progress pages count every realisation entered, accepted or not; each page says how many still wait for the
admin's review, so the council never mistakes a draft for a reviewed figure.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from petakan.lib import monitoring as calc
from petakan.monitoring.models import (
    IndicatorRealisation,
    MeasureRealisation,
    Realisation,
    RealisationStatus,
    ReviewState,
)
from petakan.planning.models import (
    BudgetSource,
    Indicator,
    Period,
    Programme,
    ProgrammeBudget,
    ProgrammeIndicator,
    Sasaran,
)


def reason_texts(codes: list[str]) -> list[str]:
    """The behind-schedule rule codes of lib.monitoring in words, for the progress pages and the evaluation."""
    names = {
        "not_started": _("Tahun berjalan tetapi belum dimulai (atau realisasi belum diisi)"),
        "low_absorption": _("Serapan anggaran di bawah separuh waktu yang sudah berjalan"),
        "indicator_behind": _("Ada indikator di bawah target tahun ini"),
    }
    return [names.get(c, c) for c in codes]


def elapsed_share(year: int, today: datetime.date | None = None) -> float:
    """Share of ``year`` gone by on ``today`` (0 before it starts, 1 once it is over)."""
    today = today or timezone.localdate()
    if today.year < year:
        return 0.0
    if today.year > year:
        return 1.0
    start = datetime.date(year, 1, 1)
    days = (datetime.date(year + 1, 1, 1) - start).days
    return ((today - start).days + 1) / days


def measure_target(m: ProgrammeIndicator, year: int) -> str:
    return calc.target_for_year(m.targets, m.target, m.target_year, year)


def realisation_snapshot(r: Realisation) -> dict[str, Any]:
    """The realisation as history compares it: its own fields, and its rows written out as text."""
    sources = dict(BudgetSource.choices)
    return {
        "status": r.status,
        "evidence_text": r.evidence_text,
        "evidence_link": r.evidence_link,
        "review": r.review,
        "review_note": r.review_note,
        "spending": "; ".join(
            f"{sources.get(s.source, s.source)}: {int(s.amount):,}".replace(",", ".") for s in r.spending.all()
        ),
        "values": "; ".join(
            f"{v.measure.name}: {v.value or '—'} (target {v.target or '—'})"
            for v in r.measures.select_related("measure")
        ),
        "files": ", ".join(f.name for f in r.files.only("name")),
    }


# ------------------------------------------------------------------------------------------------ loading


@dataclass
class MeasureYear:
    measure: ProgrammeIndicator
    year: int
    target: str
    value: str
    result: str  # calc.MET / BEHIND / NO_VALUE / NO_TARGET


@dataclass
class YearRow:
    """One programme in one year: its realisation (if entered), money planned and spent, indicator results."""

    year: int
    realisation: Realisation | None
    planned: float
    spent: float
    measures: list[MeasureYear]
    reasons: list[str] = field(default_factory=list)

    @property
    def pct(self) -> float | None:
        return calc.Absorption(self.planned, self.spent).pct

    @property
    def status(self) -> str | None:
        return self.realisation.status if self.realisation else None


@dataclass
class ProgrammeProgress:
    programme: Programme
    planned: list[calc.Money]
    spent: list[calc.Money]
    years: list[YearRow]
    is_demo: bool

    def absorption(self, years: Iterable[int] | None = None, source: str | None = None) -> calc.Absorption:
        return calc.absorption(self.planned, self.spent, years, source)

    def row(self, year: int) -> YearRow | None:
        return next((r for r in self.years if r.year == year), None)

    def sources(self) -> list[str]:
        used = {m.source for m in self.planned} | {m.source for m in self.spent}
        return [s for s, _label in BudgetSource.choices if s in used]


def programmes_with_monitoring(qs: QuerySet[Programme]) -> QuerySet[Programme]:
    return qs.prefetch_related(
        Prefetch("budget_lines", queryset=ProgrammeBudget.objects.order_by("year"), to_attr="budget_list"),
        Prefetch("measures", queryset=ProgrammeIndicator.objects.order_by("kind", "pk"), to_attr="measure_list"),
        Prefetch(
            "realisations",
            queryset=Realisation.objects.prefetch_related("spending", "measures"),
            to_attr="realisation_list",
        ),
        "sasaran",
    )


def progress(p: Programme, today: datetime.date | None = None) -> ProgrammeProgress:
    """A programme (prefetched by :func:`programmes_with_monitoring`) year by year, with behind-schedule reasons for
    every year of the programme up to ``today``'s year."""
    today = today or timezone.localdate()
    planned = [calc.Money(b.year, b.source, float(b.amount)) for b in p.budget_list]
    by_year = {r.year: r for r in p.realisation_list}
    spent = [calc.Money(r.year, s.source, float(s.amount)) for r in p.realisation_list for s in r.spending.all()]
    years = sorted(set(range(p.start_year, p.end_year + 1)) | set(by_year))
    rows = []
    for year in years:
        r = by_year.get(year)
        values = {v.measure_id: v for v in r.measures.all()} if r else {}
        measures = []
        for m in p.measure_list:
            v = values.get(m.pk)
            target = (v.target if v and v.target else "") or measure_target(m, year)
            value = v.value if v else ""
            lower = calc.lower_is_better(m.baseline, m.target)
            measures.append(MeasureYear(m, year, target, value, calc.compare(target, value, lower_better=lower)))
        a = calc.absorption(planned, spent, [year])
        row = YearRow(year, r, a.planned, a.spent, measures)
        if year <= today.year:
            row.reasons = calc.behind_reasons(
                calc.ProgrammeYear(
                    start_year=p.start_year,
                    end_year=p.end_year,
                    year=year,
                    status=row.status,
                    planned=a.planned,
                    spent=a.spent,
                    measures=tuple(x.result for x in measures),
                    elapsed=elapsed_share(year, today),
                )
            )
        rows.append(row)
    is_demo = p.is_demo or any(r.is_demo for r in p.realisation_list)
    return ProgrammeProgress(p, planned, spent, rows, is_demo)


def chart_data(pp: ProgrammeProgress) -> dict[str, Any]:
    """For the programme's chart: per indicator, target and realised numbers per year (None where not a number),
    and planned vs spent rupiah per year."""
    years = [r.year for r in pp.years]
    indicators = []
    for i, m in enumerate(pp.programme.measure_list):
        targets = [calc.parse_value(r.measures[i].target) for r in pp.years]
        values = [calc.parse_value(r.measures[i].value) for r in pp.years]
        if any(x is not None for x in targets + values):
            indicators.append({"name": m.name, "unit": m.unit, "targets": targets, "values": values})
    return {
        "years": years,
        "indicators": indicators,
        "planned": [r.planned for r in pp.years],
        "spent": [r.spent for r in pp.years],
    }


# ------------------------------------------------------------------------------------------------ summaries


@dataclass
class Summary:
    period: Period
    year: int
    programmes: list[ProgrammeProgress]
    by_status: list[tuple[str, str, int]]
    period_absorption: calc.Absorption
    year_absorption: calc.Absorption
    measures_met: int
    measures_behind: int
    measures_missing: int
    behind: list[tuple[ProgrammeProgress, list[str]]]
    waiting_review: int
    is_demo: bool


NOT_ENTERED = "not_entered"


def summarise(programmes: list[ProgrammeProgress], period: Period, year: int) -> Summary:
    """The regency summary of ``year``: programmes running that year by realisation status (not entered counted
    apart), absorption over the period's years up to ``year`` and of ``year`` alone, the indicators on/behind their
    year's target, and the programmes behind schedule."""
    active = [pp for pp in programmes if pp.programme.start_year <= year <= pp.programme.end_year]
    counts = {s: 0 for s, _label in RealisationStatus.choices}
    counts[NOT_ENTERED] = 0
    met = behind_n = missing = 0
    for pp in active:
        row = pp.row(year)
        counts[row.status if row and row.status else NOT_ENTERED] += 1
        for m in row.measures if row else []:
            met += m.result == calc.MET
            behind_n += m.result == calc.BEHIND
            missing += m.result == calc.NO_VALUE
    labels = dict(RealisationStatus.choices)
    by_status = [(s, str(labels.get(s, "")), n) for s, n in counts.items()]
    years = range(period.start_year, year + 1)
    planned = [m for pp in programmes for m in pp.planned]
    spent = [m for pp in programmes for m in pp.spent]
    behind = [(pp, row.reasons) for pp in active if (row := pp.row(year)) and row.reasons]
    waiting = sum(
        1
        for pp in programmes
        for r in pp.programme.realisation_list
        if r.year <= year and r.review != ReviewState.ACCEPTED
    )
    return Summary(
        period=period,
        year=year,
        programmes=active,
        by_status=by_status,
        period_absorption=calc.absorption(planned, spent, years),
        year_absorption=calc.absorption(planned, spent, [year]),
        measures_met=met,
        measures_behind=behind_n,
        measures_missing=missing,
        behind=behind,
        waiting_review=waiting,
        is_demo=period.is_demo or any(pp.is_demo for pp in active),
    )


def period_progress(period: Period, programmes: QuerySet[Programme], today: datetime.date | None = None) -> list:
    return [progress(p, today) for p in programmes_with_monitoring(programmes.filter(period=period))]


@dataclass
class IndicatorRow:
    indicator: Indicator
    cells: list[tuple[int, str, str, str]]  # year, target, realised, result


def sasaran_indicators(sasaran: Sasaran, years: list[int]) -> list[IndicatorRow]:
    """The sasaran's RPJMD indicators: target and realised value per year with the comparison."""
    indicators = list(
        sasaran.indicators.prefetch_related(Prefetch("realisations", queryset=IndicatorRealisation.objects.all()))
    )
    rows = []
    for ind in indicators:
        values = {r.year: r.value for r in ind.realisations.all()}
        lower = calc.lower_is_better(ind.baseline, ind.end_target or (list(ind.targets.values()) or [""])[-1])
        cells = []
        for y in years:
            target = str(ind.targets.get(str(y), "") or "")
            value = values.get(y, "")
            cells.append((y, target, value, calc.compare(target, value, lower_better=lower)))
        rows.append(IndicatorRow(ind, cells))
    return rows


def measure_rows(programme: Programme, realisation: Realisation | None, year: int) -> list[dict[str, Any]]:
    """The realisation form's indicator rows: each programme indicator with the year's target (the stored one when
    already entered, else from the plan) and the realised value entered so far."""
    stored: dict[int, MeasureRealisation] = (
        {v.measure_id: v for v in realisation.measures.all()} if realisation and realisation.pk else {}
    )
    rows = []
    for m in programme.measures.order_by("kind", "pk"):
        v = stored.get(m.pk)
        rows.append(
            {
                "measure": m,
                "target": v.target if v else measure_target(m, year),
                "value": v.value if v else "",
                "note": v.note if v else "",
            }
        )
    return rows
