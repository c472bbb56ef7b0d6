"""Demo realisation data (DATA CONTOH): what the demo masterplan's programmes did each year, with fixed seeds.

For every programme of the current period and every year it runs up to ``year`` (default: this year, within the
period): a status, the money spent per budget source (a plausible share of that year's planned budget lines), the
realised value of each programme indicator beside that year's target, evidence (text, an example link, a small
file) and a review state — earlier years accepted by the admin, the latest year submitted (a few returned or not
started), so that the monitoring pages and the evaluation document have something to show. A few RPJMD indicators
of the period get realised values for the years before ``year`` (statistics are published a year late).

Every row is ``is_demo=True`` where the model has the flag; a realisation's evidence text starts with
"DATA CONTOH". Each programme-year draws from its own ``random.Random`` seeded with the programme's name and the
year, so the values do not depend on which other programmes exist.

Idempotent and never destructive, as ``planning.demo``: a realisation that exists (the demo's or a user's) is left
as it is, with its spending, values and files; only missing ones are created. Yearly targets are written only on
measures of demo programmes whose ``targets`` are empty; a demo programme without any measure gets the
illustrative one of ``MEASURES`` (so that every year shows a target beside a realised value).
"""

from __future__ import annotations

import datetime
import random
import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from petakan.lib import monitoring as calc
from petakan.monitoring.models import (
    Evidence,
    IndicatorRealisation,
    MeasureRealisation,
    Realisation,
    RealisationSpend,
    RealisationStatus,
    ReviewState,
)
from petakan.planning.history import record
from petakan.planning.models import Indicator, Period, Programme, ProgrammeBudget, ProgrammeIndicator

SEED = "petakan-monitoring-demo-1"
DEMO = "DATA CONTOH"
EXAMPLE_LINK = "https://example.org/petakan/data-contoh/realisasi/{slug}-{year}"


# Illustrative indicators for the demo programmes that the planning demo left without any, so that the evaluation
# shows a target beside a realised value for every year: programme name -> (kind, name, unit, baseline, target, year)
MEASURES: dict[str, tuple[str, str, str, str, str, int]] = {
    "Pasar UMKM Daring dan Pembayaran Nontunai": (
        "output", "UMKM desa di etalase daring", "UMKM", "0", "300", 2025,
    ),
    "Bank Sampah Digital Desa Pesisir": (
        "output", "Desa pesisir dengan bank sampah tercatat digital", "desa", "0", "20", 2025,
    ),
    "Command Center Kendal": ("output", "Layanan OPD terhubung ke command center", "layanan", "2", "12", 2025),
    "Integrasi Basis Data Kesehatan": ("output", "Puskesmas terhubung ke data terpadu", "puskesmas", "0", "30", 2026),
    "Penuntasan Blank Spot Sinyal di Kecamatan Pegunungan": (
        "outcome", "Desa tanpa sinyal seluler", "desa", "40", "5", 2026,
    ),
}  # fmt: skip


@dataclass
class DemoSummary:
    realisations: int = 0
    spending: int = 0
    measures: int = 0
    files: int = 0
    indicators: int = 0
    targets_set: int = 0


def format_number(value: float, decimals: int = 1) -> str:
    """``value`` as an Indonesian decimal ("9,5"; whole numbers without decimals: "286")."""
    if abs(value - round(value)) < 1e-9:
        return str(round(value))
    return f"{value:.{decimals}f}".replace(".", ",")


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40]


def _moment(year: int, month: int, day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, 10, 0))


def demo_year(period: Period) -> int:
    """The last year with realisation data: this year, kept within the period."""
    return max(period.start_year, min(period.end_year, timezone.localdate().year))


def _yearly_targets(measure: ProgrammeIndicator, start: int) -> dict[str, str]:
    """Targets per year rising evenly from the baseline (0 when empty) to the end target in its year; empty when
    the end target is not a number."""
    end = calc.parse_value(measure.target)
    if end is None:
        return {}
    base = calc.parse_value(measure.baseline) or 0.0
    last = measure.target_year or start
    years = list(range(min(start, last), last + 1))
    return {str(y): format_number(base + (end - base) * (i + 1) / len(years)) for i, y in enumerate(years)}


@transaction.atomic
def load_demo(
    period: Period | None = None, year: int | None = None, analyst: Any = None, reviewer: Any = None
) -> DemoSummary:
    """Create the missing demo realisations of ``period`` (default: the current one) up to ``year``; ``analyst``
    is named as who entered them and ``reviewer`` as who reviewed the accepted ones (None: not recorded)."""
    period = period or Period.objects.filter(is_current=True).first()
    if period is None:
        raise ValueError("no current RPJMD period: run `petakan planning load-demo` first")
    year = year or demo_year(period)
    summary = DemoSummary()
    programmes = list(Programme.objects.filter(period=period).order_by("pk"))
    budget: dict[tuple[int, int], list[ProgrammeBudget]] = {}
    for line in ProgrammeBudget.objects.filter(programme__in=programmes).order_by("pk"):
        budget.setdefault((line.programme_id, line.year), []).append(line)
    with_measures = set(
        ProgrammeIndicator.objects.filter(programme__in=programmes).values_list("programme_id", flat=True)
    )
    ProgrammeIndicator.objects.bulk_create(
        [
            ProgrammeIndicator(programme=p, kind=k, name=n, unit=u, baseline=b, target=t, target_year=y)
            for p in programmes
            if p.is_demo and p.pk not in with_measures and p.name in MEASURES
            for k, n, u, b, t, y in [MEASURES[p.name]]
        ]
    )
    measures: dict[int, list[ProgrammeIndicator]] = {}
    for m in ProgrammeIndicator.objects.filter(programme__in=programmes).select_related("programme").order_by("pk"):
        measures.setdefault(m.programme_id, []).append(m)
        if not m.targets and m.programme.is_demo:
            m.targets = _yearly_targets(m, m.programme.start_year)
            if m.targets:
                m.save(update_fields=["targets"])
                summary.targets_set += 1
    existing = set(Realisation.objects.filter(programme__in=programmes).values_list("programme_id", "year"))
    for p in programmes:
        first, last = max(p.start_year, period.start_year), min(p.end_year, year)
        for y in range(first, last + 1):
            if (p.pk, y) in existing:
                continue  # a user's entry, or the demo's from an earlier load: left as it is
            _realisation(p, y, year, budget.get((p.pk, y), []), measures.get(p.pk, []), analyst, reviewer, summary)
    _indicators(period, year, analyst, summary)
    if summary.realisations or summary.indicators:
        record(analyst, period, "demo", {}, label=f"{period.name}: realisasi program ({DEMO})")
    return summary


def _realisation(
    p: Programme,
    y: int,
    latest: int,
    lines: list[ProgrammeBudget],
    measures: list[ProgrammeIndicator],
    analyst: Any,
    reviewer: Any,
    summary: DemoSummary,
) -> None:
    rng = random.Random(f"{SEED}:{p.name}:{y}")
    current = y == latest
    if current:
        # the running year: most programmes are under way, some have not started (they show as behind schedule)
        status = RealisationStatus.NOT_STARTED if rng.random() < 0.25 else RealisationStatus.RUNNING
        review = rng.choice([ReviewState.SUBMITTED, ReviewState.SUBMITTED, ReviewState.SUBMITTED, ReviewState.RETURNED])
        share = (0.25, 0.6)
    else:
        status = RealisationStatus.DONE if y == p.end_year else RealisationStatus.RUNNING
        if rng.random() < 0.08:
            status = RealisationStatus.STOPPED
        review = ReviewState.ACCEPTED
        share = (0.7, 0.98)
    entered = _moment(y, 12, 15) if not current else _moment(y, min(timezone.localdate().month, 11), 1)
    words = {
        RealisationStatus.NOT_STARTED: "kegiatan belum dimulai; menunggu pengadaan",
        RealisationStatus.RUNNING: "kegiatan berjalan sesuai rencana kerja OPD",
        RealisationStatus.DONE: "kegiatan selesai dan diserahterimakan",
        RealisationStatus.STOPPED: "kegiatan dihentikan karena pergeseran anggaran",
    }
    r = Realisation.objects.create(
        programme=p,
        year=y,
        status=status,
        evidence_text=f"{DEMO} — {p.opd}: {words[status]} ({y}).",
        evidence_link=EXAMPLE_LINK.format(slug=_slug(p.name), year=y) if rng.random() < 0.6 else "",
        review=review,
        review_note="Lengkapi foto kegiatan dan berita acara." if review == ReviewState.RETURNED else "",
        entered_by=analyst,
        entered_at=entered,
        reviewed_by=reviewer if review in (ReviewState.ACCEPTED, ReviewState.RETURNED) else None,
        reviewed_at=entered + datetime.timedelta(days=7) if review != ReviewState.SUBMITTED else None,
        is_demo=True,
    )
    summary.realisations += 1
    if status != RealisationStatus.NOT_STARTED:
        planned: dict[str, int] = {}
        for line in lines:
            planned[line.source] = planned.get(line.source, 0) + int(line.amount)
        spend = [
            RealisationSpend(realisation=r, source=s, amount=int(a * rng.uniform(*share) / 1_000_000) * 1_000_000)
            for s, a in sorted(planned.items())
        ]
        RealisationSpend.objects.bulk_create(spend)
        summary.spending += len(spend)
    values = []
    for m in measures:
        target = (m.targets or {}).get(str(y), "")
        goal = calc.parse_value(target)
        if goal is None:
            continue
        reached = 0.0 if status == RealisationStatus.NOT_STARTED else goal * rng.uniform(0.7, 1.1)
        values.append(
            MeasureRealisation(
                realisation=r, measure=m, target=target, value=format_number(round(reached, 1)), note=DEMO
            )
        )
    MeasureRealisation.objects.bulk_create(values)
    summary.measures += len(values)
    if not current and rng.random() < 0.5:
        content = f"{DEMO}\nprogram;tahun;status\n{p.name};{y};{status}\n".encode()
        Evidence.objects.create(
            realisation=r,
            name=f"rekap-{_slug(p.name)}-{y}.csv",
            content_type="text/csv",
            size=len(content),
            data=content,
            uploaded_by=analyst,
        )
        summary.files += 1


def _indicators(period: Period, year: int, analyst: Any, summary: DemoSummary) -> None:
    """Realised values of the period's RPJMD indicators with numeric targets, for the years before ``year``."""
    indicators = Indicator.objects.filter(sasaran__tujuan__misi__period=period) | Indicator.objects.filter(
        tujuan__misi__period=period
    )
    existing = set(IndicatorRealisation.objects.filter(indicator__in=indicators).values_list("indicator_id", "year"))
    rows = []
    for x in indicators.order_by("pk"):
        for key, target in sorted((x.targets or {}).items()):
            y = int(key)
            goal = calc.parse_value(target)
            if y >= year or goal is None or (x.pk, y) in existing:
                continue
            rng = random.Random(f"{SEED}:{x.name}:{y}")
            rows.append(
                IndicatorRealisation(
                    indicator=x,
                    year=y,
                    value=format_number(round(goal * rng.uniform(0.93, 1.07), 2), 2),
                    source=f"{DEMO} — {x.data_source or 'OPD'} {y}",
                    entered_by=analyst,
                    is_demo=True,
                )
            )
    IndicatorRealisation.objects.bulk_create(rows)
    summary.indicators += len(rows)
