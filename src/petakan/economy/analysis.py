"""Shape the results of ``lib.economy.analyse_sectors`` for the page, the charts and the CSV download.

One row per BPS category, in the current language; NaN becomes None (shown as "–", written as an empty CSV cell,
``null`` in the chart JSON) so that an undefined ratio is never shown as a number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from petakan.economy.models import PdrbSeries
from petakan.economy.services import load_table
from petakan.lib import economy, pdrb

# Klassen settings used on the page; the method text on the page states them.
KLASSEN_GROWTH_BASIS: economy.GrowthBasis = "same_sector"
KLASSEN_SHARE_BASIS: economy.ShareBasis = "mean"

CSV_COLUMNS = (
    "region",
    "reference",
    "price_basis",
    "start",
    "end",
    "category",
    "name",
    "lq_start",
    "lq_end",
    "dlq",
    "lq_dlq_class",
    "growth_region",
    "growth_reference",
    "ss_reference_growth",
    "ss_industry_mix",
    "ss_competitive",
    "ss_total",
    "em_allocation",
    "klassen_quadrant",
    "klassen_key",
    "klassen_label",
    "share_region",
    "share_reference",
    "reading",
    "illustrative",
)


def current_language() -> economy.Language:
    """'en' or 'id': the two interface languages (settings.LANGUAGES)."""
    return "en" if (get_language() or "").startswith("en") else "id"


def _num(value: Any) -> float | None:
    value = float(value)
    return None if math.isnan(value) else value


@dataclass(frozen=True)
class SectorRow:
    code: str
    name: str
    lq_start: float | None
    lq_end: float | None
    dlq: float | None
    lq_dlq_label: str
    growth: float | None  # average annual growth of the sector in the region (fraction)
    reference_growth: float | None  # the same sector in the reference
    n: float | None  # shift-share components, juta rupiah
    m: float | None
    c: float | None
    total: float | None
    allocation: float | None
    klassen_key: str
    klassen_number: str
    klassen_label: str
    share: float | None  # mean share in the region's PDRB over start..end (fraction)
    reference_share: float | None
    reading: str


@dataclass(frozen=True)
class Analysis:
    region: PdrbSeries
    reference: PdrbSeries
    start: int
    end: int
    rows: list[SectorRow]
    totals: dict[str, float | None]
    language: economy.Language

    @property
    def illustrative(self) -> bool:
        return self.region.illustrative or self.reference.illustrative

    def leading(self) -> list[SectorRow]:
        """Rows by Klassen quadrant (I first) and then by LQ in the end year, highest first."""
        return sorted(self.rows, key=lambda r: (r.klassen_number, -(r.lq_end if r.lq_end is not None else -1)))

    def quadrant_groups(self) -> list[tuple[str, str, list[str]]]:
        """(Klassen number, label, sector names) for each quadrant that holds a sector, I first."""
        groups: dict[tuple[str, str], list[str]] = {}
        for r in self.leading():
            groups.setdefault((r.klassen_number, r.klassen_label), []).append(r.name)
        return [(number, label, names) for (number, label), names in groups.items()]

    def chart_data(self) -> dict[str, Any]:
        """Everything economy.js draws, with translated labels (handed over with json_script)."""
        rows = self.rows
        return {
            "language": self.language,
            "start": self.start,
            "end": self.end,
            "codes": [r.code for r in rows],
            "names": [r.name for r in rows],
            "lq_start": [r.lq_start for r in rows],
            "lq_end": [r.lq_end for r in rows],
            # shift-share in miliar rupiah (juta / 1000) to keep the axis readable
            "n": [_per_thousand(r.n) for r in rows],
            "m": [_per_thousand(r.m) for r in rows],
            "c": [_per_thousand(r.c) for r in rows],
            "klassen": [
                {
                    "code": r.code,
                    "name": r.name,
                    "x": _ratio(r.share, r.reference_share),
                    "y": _difference_pp(r.growth, r.reference_growth),
                    "quadrant": r.klassen_number,
                    "label": r.klassen_label,
                }
                for r in rows
            ],
            "text": {
                "lq_start": _("LQ %(year)s") % {"year": self.start},
                "lq_end": _("LQ %(year)s") % {"year": self.end},
                "lq_one": _("LQ = 1"),
                "n": _("Pertumbuhan %(reference)s (N)") % {"reference": self.reference.region_name},
                "m": _("Bauran industri (M)"),
                "c": _("Keunggulan kompetitif (C)"),
                "billion": _("miliar rupiah"),
                "klassen_x": _("Kontribusi relatif (pangsa di %(region)s ÷ pangsa di %(reference)s)")
                % {"region": self.region.region_name, "reference": self.reference.region_name},
                "klassen_x_short": _("Pangsa ÷ pangsa pembanding"),
                "klassen_y": _("Selisih laju pertumbuhan per tahun (poin persen)"),
                "quadrant": _("Kuadran"),
            },
        }


def _per_thousand(value: float | None) -> float | None:
    return None if value is None else value / 1000.0


def _ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0:
        return None
    return a / b


def _difference_pp(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else (a - b) * 100.0


class AnalysisError(ValueError):
    """The two series cannot be compared as asked; the message is translated and names what to change."""


def analyse(region: PdrbSeries, reference: PdrbSeries, start: int, end: int) -> Analysis:
    """Load both series, cut them to start..end and run :func:`lib.economy.analyse_sectors`."""
    language = current_language()
    region_table, reference_table = load_table(region), load_table(reference)
    window = [y for y in region_table.years if start <= y <= end and y in reference_table.years]
    if start not in window or end not in window:
        raise AnalysisError(_("Tahun %(start)s dan %(end)s harus ada di kedua seri.") % {"start": start, "end": end})
    region_values = region_table.values[:, [region_table.year_index(y) for y in window]]
    reference_values = reference_table.values[:, [reference_table.year_index(y) for y in window]]
    result = economy.analyse_sectors(
        region_values,
        reference_values,
        window,
        start,
        end,
        klassen_growth_basis=KLASSEN_GROWTH_BASIS,
        klassen_share_basis=KLASSEN_SHARE_BASIS,
    )
    names = [c.reading_name(language) for c in pdrb.CATEGORIES]
    readings = economy.sector_readings(
        names, result.lq_end, result.growth, result.reference_growth, reference.region_name, language
    )
    klassen = result.klassen
    labels = economy.DEFAULT_KLASSEN_SECTOR_LABELS
    numbers = klassen.quadrants.number_array(labels)
    klassen_labels = klassen.quadrants.label_array(labels, language)
    klassen_keys = klassen.quadrants.key_array()
    lq_dlq = result.lq_dlq.label_array(economy.DEFAULT_LQ_DLQ_LABELS, language)
    s = result.shift
    rows = [
        SectorRow(
            code=code,
            name=pdrb.CATEGORIES[i].name(language),
            lq_start=_num(result.lq_start[i]),
            lq_end=_num(result.lq_end[i]),
            dlq=_num(result.dlq[i]),
            lq_dlq_label=str(lq_dlq[i]),
            growth=_num(result.growth[i]),
            reference_growth=_num(result.reference_growth[i]),
            n=_num(s.reference_growth[i]),
            m=_num(s.industry_mix[i]),
            c=_num(s.competitive[i]),
            total=_num(s.total[i]),
            allocation=_num(s.allocation[i]),
            klassen_key=str(klassen_keys[i]),
            klassen_number=str(numbers[i]),
            klassen_label=str(klassen_labels[i]),
            share=_num(klassen.level[i]),
            reference_share=_num(klassen.reference_level[i]),
            reading=readings[i],
        )
        for i, code in enumerate(pdrb.CATEGORY_CODES)
    ]
    totals = {name: _num(np.asarray(value)) for name, value in s.totals().items()}
    return Analysis(region, reference, start, end, rows, totals, language)


def csv_rows(analysis: Analysis) -> list[list[object]]:
    """Rows for :data:`CSV_COLUMNS`: numbers unrounded with '.' as the decimal mark, so that they re-import."""

    def cell(value: float | None) -> object:
        return "" if value is None else round(value, 6)

    a = analysis
    head = [a.region.region_name, a.reference.region_name, a.region.price_basis, a.start, a.end]
    return [
        [
            *head,
            r.code,
            r.name,
            cell(r.lq_start),
            cell(r.lq_end),
            cell(r.dlq),
            r.lq_dlq_label,
            cell(r.growth),
            cell(r.reference_growth),
            cell(r.n),
            cell(r.m),
            cell(r.c),
            cell(r.total),
            cell(r.allocation),
            r.klassen_number,
            r.klassen_key,
            r.klassen_label,
            cell(r.share),
            cell(r.reference_share),
            r.reading,
            "true" if a.illustrative else "false",
        ]
        for r in a.rows
    ]
