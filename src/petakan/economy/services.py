"""Between the database and petakan.lib.pdrb / petakan.lib.economy: store a validated table, load it back, demo data.

Views and the ``economy`` command call these; every computation stays in lib.
"""

from __future__ import annotations

import csv
import hashlib
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from petakan import uploads
from petakan.economy.models import Origin, PdrbSeries, PdrbTotal, PdrbValue, PriceBasis
from petakan.lib import pdrb
from petakan.lib.uploads import Limits


def upload_limits() -> Limits:
    """A PDRB file's limits: size from ``PETAKAN_UPLOAD_LIMITS["pdrb"]``, rows and columns of a PDRB table."""
    return uploads.limits("pdrb", max_rows=pdrb.MAX_ROWS, max_columns=pdrb.MAX_COLUMNS)


if TYPE_CHECKING:
    from petakan.accounts.models import User

TOTALS_FILE = "kendal_jateng_pdrb_total_bps.csv"


@dataclass(frozen=True)
class DemoRegion:
    bps_code: str  # the code in TOTALS_FILE and in pdrb.ILLUSTRATIVE_SHARES
    name: str


# Kendal against its province. Short names, because the readings say "tumbuh lebih cepat dari Jawa Tengah".
DEMO_REGIONS = (DemoRegion("3324", "Kendal"), DemoRegion("3300", "Jawa Tengah"))


class SeriesExistsError(Exception):
    """A series for this region, price basis and kind exists and replacing it was not asked for."""

    def __init__(self, series: PdrbSeries) -> None:
        self.series = series
        super().__init__(f"a PDRB series {series} exists already")


class StoredSeriesIncompleteError(ValueError):
    """The database holds a series that is not a full 17 × years table (edited by hand, or a failed migration)."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def find_series(region_name: str, price_basis: str, illustrative: bool) -> PdrbSeries | None:
    return PdrbSeries.objects.filter(
        region_name=region_name, price_basis=price_basis, illustrative=illustrative
    ).first()


@transaction.atomic
def store_series(
    table: pdrb.PdrbTable,
    *,
    region_name: str,
    price_basis: str,
    source: str,
    origin: str,
    region_code: str = "",
    illustrative: bool = False,
    replace: bool = False,
    user: User | None = None,
    layout: str = "",
    number_format: str = "",
    file_name: str = "",
    file_sha256: str = "",
    published_totals: Mapping[int, float] | None = None,
) -> tuple[PdrbSeries, bool]:
    """Store a validated table, all or nothing → (series, whether an older series was replaced).

    ``illustrative`` is or-ed with the table's own flag: a table marked illustrative in its file cannot be stored
    as real data. Totals stored: the table's own total row where it has one, else ``published_totals``.
    Raises :class:`SeriesExistsError` when the series exists and ``replace`` is false.
    """
    if price_basis not in PriceBasis.values:
        raise ValueError(f"price_basis must be one of {', '.join(PriceBasis.values)}, got {price_basis!r}")
    illustrative = illustrative or table.illustrative
    existing = (
        PdrbSeries.objects.select_for_update()
        .filter(region_name=region_name, price_basis=price_basis, illustrative=illustrative)
        .first()
    )
    if existing is not None:
        if not replace:
            raise SeriesExistsError(existing)
        existing.delete()
    series = PdrbSeries.objects.create(
        region_name=region_name,
        region_code=region_code,
        price_basis=price_basis,
        source=source,
        illustrative=illustrative,
        year_notes={str(year): note for year, note in table.year_notes.items() if note},
        layout=layout,
        number_format=number_format,
        file_name=file_name,
        file_sha256=file_sha256,
        origin=origin,
        imported_by=user,
    )
    PdrbValue.objects.bulk_create(
        PdrbValue(series=series, category=code, year=year, value=value) for year, code, value in table.long_rows()
    )
    totals = _totals_to_store(table, published_totals)
    PdrbTotal.objects.bulk_create(PdrbTotal(series=series, year=year, value=value) for year, value in totals.items())
    return series, existing is not None


def _totals_to_store(table: pdrb.PdrbTable, published: Mapping[int, float] | None) -> dict[int, float]:
    if table.published_total is not None:
        return {
            year: float(value)
            for year, value in zip(table.years, table.published_total, strict=True)
            if not math.isnan(value)
        }
    if published is None:
        return {}
    return {year: float(published[year]) for year in table.years if year in published}


def load_table(series: PdrbSeries) -> pdrb.PdrbTable:
    """The stored series as a :class:`pdrb.PdrbTable` (17 × years, juta rupiah), in one query."""
    rows = list(series.cells.values_list("category", "year", "value"))
    years = sorted({year for _code, year, _value in rows})
    if not rows:
        raise StoredSeriesIncompleteError(f"series {series.pk} ({series}) has no values")
    codes = {code: i for i, code in enumerate(pdrb.CATEGORY_CODES)}
    where = {year: i for i, year in enumerate(years)}
    values = np.full((len(pdrb.CATEGORIES), len(years)), np.nan)
    try:
        c_idx = np.fromiter((codes[code] for code, _year, _value in rows), dtype=np.intp, count=len(rows))
    except KeyError as exc:
        raise StoredSeriesIncompleteError(f"series {series.pk} holds an unknown category {exc.args[0]!r}") from None
    y_idx = np.fromiter((where[year] for _code, year, _value in rows), dtype=np.intp, count=len(rows))
    values[c_idx, y_idx] = np.fromiter((value for *_key, value in rows), dtype=float, count=len(rows))
    if np.isnan(values).any():
        missing = [f"{pdrb.CATEGORY_CODES[c]} {years[y]}" for c, y in np.argwhere(np.isnan(values))[:5]]
        raise StoredSeriesIncompleteError(f"series {series.pk} ({series}) lacks values for {', '.join(missing)}")
    totals = dict(series.totals.values_list("year", "value"))
    published = np.array([totals.get(year, np.nan) for year in years]) if totals else None
    return pdrb.PdrbTable(
        years=tuple(years),
        values=values,
        published_total=published,
        year_notes={int(year): note for year, note in series.year_notes.items()},
        illustrative=series.illustrative,
        source=series.source,
    )


def series_years(series: PdrbSeries) -> list[int]:
    return sorted(set(series.cells.values_list("year", flat=True)))


def common_years(region: PdrbSeries, reference: PdrbSeries) -> list[int]:
    return sorted(set(series_years(region)) & set(series_years(reference)))


# ----------------------------------------------------------------------------------------------------------------
# Default choice on the analysis page: this installation's regency against its province
# ----------------------------------------------------------------------------------------------------------------


def _codes_of(kemendagri_code: str) -> set[str]:
    """A Kemendagri code and the BPS spellings of it: '33.24' → {'33.24', '3324'}; '33' → {'33', '3300'}."""
    digits = kemendagri_code.replace(".", "")
    codes = {kemendagri_code, digits}
    if len(digits) == 2:
        codes.add(digits + "00")  # BPS writes a province as a four-digit code
    return codes


def _preferred(candidates: Iterable[PdrbSeries], price_basis: str | None = None) -> PdrbSeries | None:
    """Prefer the given price basis (else ADHK 2010), then real data over illustrative, then the newest import."""

    def rank(s: PdrbSeries) -> tuple[bool, bool, bool, float]:
        wanted = price_basis or PriceBasis.ADHK2010
        return (
            s.price_basis != wanted,
            s.price_basis != PriceBasis.ADHK2010,
            s.illustrative,
            -s.imported_at.timestamp(),
        )

    ordered = sorted(candidates, key=rank)
    return ordered[0] if ordered else None


def default_pair(series: Sequence[PdrbSeries]) -> tuple[PdrbSeries, PdrbSeries] | None:
    """(regency series, province series) for PETAKAN_REGENCY_CODE, or None when either is not stored."""
    regency_code: str = settings.PETAKAN_REGENCY_CODE
    regency_codes = _codes_of(regency_code)
    from petakan.regions.models import Area

    bps = Area.objects.filter(code=regency_code).values_list("bps_code", flat=True).first()
    if bps:
        regency_codes.add(bps)
    province_codes = _codes_of(regency_code.split(".")[0])
    region = _preferred(s for s in series if s.region_code in regency_codes)
    if region is None:
        return None
    reference = _preferred((s for s in series if s.region_code in province_codes), region.price_basis)
    if reference is None:
        return None
    return region, reference


# ----------------------------------------------------------------------------------------------------------------
# Demo data
# ----------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoResult:
    series: PdrbSeries
    replaced: bool


def publication(path: Path, region_code: str, price_basis: str) -> str:
    """The BPS publication behind a region's totals in ``path`` (its ``bps_table`` column), named for readers:
    "BPS, [SERI 2010] PDRB Atas Dasar Harga Konstan (2010=100) … (WebAPI var 2194, baris PDRB), 2010–2023".
    The file itself is not named: SOURCES.md of the data directory says which file holds it."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [
            r for r in csv.DictReader(fh) if r["bps_region_code"] == region_code and r["price_basis"] == price_basis
        ]
    if not rows:
        return "BPS"
    tables = {r["bps_table"] for r in rows}
    years = sorted(int(r["year"]) for r in rows)
    text = next(iter(tables)) if len(tables) == 1 else "; ".join(sorted(tables))
    # "BPS WebAPI var 2194: <title>; turvar 1550 (PDRB)" → "<title> (WebAPI var 2194, baris PDRB)"
    match = re.match(r"BPS WebAPI var (\d+): (.+?);\s*turvar \d+ \(([^)]+)\)\s*(?:;\s*(.+))?$", text)
    if match:
        var, title, row, period = match.groups()
        title = re.sub(r"^(\[[^\]]+\]\s*)\d+\.\s*", r"\1", title)  # "[SERI 2010] 2. PDRB" → "[SERI 2010] PDRB"
        text = f"{title} (WebAPI var {var}, " + _("baris %(row)s") % {"row": row}
        text += f", {period.strip().lower()})" if period else ")"
    return f"BPS, {text}, {years[0]}–{years[-1]}"


def load_demo(data_dir: Path, price_basis: str = PriceBasis.ADHK2010) -> list[DemoResult]:
    """Store Kendal's and Jawa Tengah's real BPS totals split over the 17 categories with illustrative shares.

    Idempotent: a second run replaces the illustrative series it stored before (and never touches real ones).
    Raises FileNotFoundError / ValueError with the file and region named when the totals cannot be read.
    """
    path = Path(data_dir) / TOTALS_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{TOTALS_FILE} not found in {data_dir}")
    tables = []
    for region in DEMO_REGIONS:
        totals = pdrb.read_bps_totals(path, region.bps_code, price_basis)  # type: ignore[arg-type]
        table = pdrb.illustrative_split(
            totals,
            *pdrb.ILLUSTRATIVE_SHARES[region.bps_code],
            year_notes=pdrb.read_bps_status_notes(path, region.bps_code, price_basis),  # type: ignore[arg-type]
        )
        tables.append((region, table, totals))
    results = []
    with transaction.atomic():
        for region, table, totals in tables:
            source = _(
                "Total PDRB per tahun: %(publication)s. Pembagian ke 17 lapangan usaha: ILUSTRATIF (DATA CONTOH), "
                "bukan data sektor resmi BPS."
            ) % {"publication": publication(path, region.bps_code, price_basis)}
            series, replaced = store_series(
                table,
                region_name=region.name,
                region_code=region.bps_code,
                price_basis=price_basis,
                source=source,
                origin=Origin.DEMO,
                illustrative=True,
                replace=True,
                layout="generated",
                published_totals=totals,
            )
            results.append(DemoResult(series, replaced))
    return results
