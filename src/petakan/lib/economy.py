"""Regional sector analysis: LQ, DLQ, shift-share (classic and Esteban-Marquillas), Klassen typology,
village commodity LQ and plain-language readings.

Method and sources: shared/spec/methodology/regional-economics.md; the formulas follow the R package REAT
(Wieland 2019, ``locq``, ``shift``) and are pinned by its published examples in the tests.

Notation: region j (kabupaten/kota), reference R (province or nation), sector i, years 0 (start) and t (end).
E_ij value added of sector i in j (juta rupiah; any common unit works), E_j = Σ_i E_ij, E_iR, E_R likewise.

Array conventions — everything is vectorised over any leading axes (regions, scenarios …):

* a **series** is shaped ``(..., sectors, years)``; the sector axis is ``-2`` and the year axis ``-1``;
* a **cross-section** (one year) is shaped ``(..., sectors)``;
* the reference broadcasts against the region, so one reference ``(sectors, years)`` serves 514 regions
  ``(514, sectors, years)`` in a single call.

Undefined values are NaN, never a silent 0: a ratio with a zero denominator (a sector absent from the
reference, a growth rate from a zero start) is NaN, and a classification of a NaN is the key ``"undefined"``.

Interpretation labels are data: every classification returns *keys* named after its axes
(``"high_growth_high_share"`` …) and the caller maps keys to labels with a mapping whose default is documented
here, because sources number and name the quadrants differently.

No Django import here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

__all__ = [
    "ALLOCATION_KEYS",
    "DEFAULT_ALLOCATION_LABELS",
    "DEFAULT_KLASSEN_REGION_LABELS",
    "DEFAULT_KLASSEN_SECTOR_LABELS",
    "DEFAULT_LQ_DLQ_LABELS",
    "KLASSEN_REGION_KEYS",
    "KLASSEN_SECTOR_KEYS",
    "LQ_DLQ_KEYS",
    "UNDEFINED",
    "Classification",
    "Klassen",
    "LeadingCommodities",
    "QuadrantLabel",
    "SectorAnalysis",
    "ShiftShare",
    "allocation_type",
    "analyse_sectors",
    "average_growth",
    "commodity_location_quotient",
    "dynamic_location_quotient",
    "group_sum",
    "growth_ratio",
    "klassen_region",
    "klassen_sector",
    "leading_commodities",
    "location_quotient",
    "location_quotient_parts",
    "lq_dlq_class",
    "sector_reading",
    "sector_readings",
    "shift_share",
]

Averaging = Literal["compound", "arithmetic"]
GrowthBasis = Literal["same_sector", "total"]
ShareBasis = Literal["mean", "start", "end"]
Language = Literal["id", "en"]


def _ratio(numerator: np.ndarray | float, denominator: np.ndarray | float) -> np.ndarray:
    """numerator / denominator, NaN where the denominator is 0 (including 0/0)."""
    num = np.asarray(numerator, dtype=float)
    den = np.asarray(denominator, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = num / den
    return np.where(den == 0, np.nan, out)


# ----------------------------------------------------------------------------------------------------
# Location quotients
# ----------------------------------------------------------------------------------------------------


def location_quotient_parts(
    e_ij: np.ndarray | float, e_j: np.ndarray | float, e_i: np.ndarray | float, e: np.ndarray | float
) -> np.ndarray:
    """LQ_ij = (e_ij / e_i) / (e_j / e), REAT ``locq(e_ij, e_j, e_i, e)``; elementwise over arrays.

    e_ij sector i in region j, e_j region total, e_i sector i in the reference, e reference total.
    Equivalent to (e_ij / e_j) / (e_i / e). NaN where a denominator is zero.
    """
    return _ratio(_ratio(e_ij, e_i), _ratio(e_j, e))


def location_quotient(region: np.ndarray, reference: np.ndarray, *, sector_axis: int = -2) -> np.ndarray:
    """Static location quotient of every sector (and year), vectorised.

        LQ_ij = (E_ij / E_j) / (E_iR / E_R),   E_j = Σ_i E_ij,  E_R = Σ_i E_iR

    ``region`` and ``reference`` hold sector values (same unit) with the sectors on ``sector_axis`` (default
    -2: series shaped (..., sectors, years); pass -1 for one year shaped (..., sectors)). LQ > 1: sector more
    concentrated in the region than in the reference (*sektor basis*). NaN where the sector is absent from the
    reference or a total is zero; 0 where the sector is absent from the region.
    """
    region = np.asarray(region, dtype=float)
    reference = np.asarray(reference, dtype=float)
    share = _ratio(region, region.sum(axis=sector_axis, keepdims=True))
    reference_share = _ratio(reference, reference.sum(axis=sector_axis, keepdims=True))
    return _ratio(share, reference_share)


def _year_positions(years: Sequence[int], start: int, end: int) -> tuple[int, int]:
    years = list(years)
    problems = [f"{y} is not among the years {years[0]}–{years[-1]}" for y in (start, end) if y not in years]
    if problems:
        raise ValueError("; ".join(problems))
    if end <= start:
        raise ValueError(f"the end year ({end}) must come after the start year ({start})")
    return years.index(start), years.index(end)


def average_growth(
    values: np.ndarray, years: Sequence[int], start: int, end: int, *, averaging: Averaging = "compound"
) -> np.ndarray:
    """Average annual growth rate (fraction: 0.05 = 5 %/year) from ``start`` to ``end`` along the last axis.

    compound:   g = (E_end / E_start)^(1/t) − 1,  t = end − start (years)
    arithmetic: g = mean over consecutive years k of (E_k / E_(k−1) − 1); needs every year from start to end.

    Compound is the default because it makes DLQ = LQ_end / LQ_start exactly (spec §2) and does not depend on
    the path between the two years. A zero start value gives NaN (growth from nothing is undefined); a zero
    end value gives −1.
    """
    values = np.asarray(values, dtype=float)
    i0, i1 = _year_positions(years, start, end)
    t = end - start
    if averaging == "compound":
        ratio = _ratio(values[..., i1], values[..., i0])
        with np.errstate(invalid="ignore"):
            return np.power(ratio, 1.0 / t) - 1.0
    if averaging == "arithmetic":
        span = list(years)[i0 : i1 + 1]
        if span != list(range(start, end + 1)):
            missing = sorted(set(range(start, end + 1)) - set(span))
            raise ValueError(f"arithmetic mean growth needs every year from {start} to {end}; missing {missing}")
        window = values[..., i0 : i1 + 1]
        annual = _ratio(window[..., 1:], window[..., :-1]) - 1.0
        return annual.mean(axis=-1)
    raise ValueError(f"averaging must be 'compound' or 'arithmetic', got {averaging!r}")


def dynamic_location_quotient(
    region: np.ndarray,
    reference: np.ndarray,
    years: Sequence[int],
    start: int,
    end: int,
    *,
    averaging: Averaging = "compound",
) -> np.ndarray:
    """Dynamic location quotient per sector, series shaped (..., sectors, years) → (..., sectors).

        DLQ_ij = [(1 + g_ij) / (1 + g_j)]^t / [(1 + G_i) / (1 + G)]^t,   t = end − start

    g_ij, g_j: average annual growth of sector i and of the total in the region; G_i, G: the same in the
    reference (see :func:`average_growth`). DLQ > 1: the sector gains weight in the region faster than in the
    reference — it may (stay or) become basis. With compound growth DLQ = LQ_end / LQ_start.
    A sector absent in the start year gives NaN; one absent in the end year gives 0.
    """
    region = np.asarray(region, dtype=float)
    reference = np.asarray(reference, dtype=float)
    t = end - start
    g_ij = average_growth(region, years, start, end, averaging=averaging)
    g_j = average_growth(region.sum(axis=-2), years, start, end, averaging=averaging)[..., None]
    g_i_ref = average_growth(reference, years, start, end, averaging=averaging)
    g_ref = average_growth(reference.sum(axis=-2), years, start, end, averaging=averaging)[..., None]
    regional = _ratio(1.0 + g_ij, 1.0 + g_j) ** t
    referential = _ratio(1.0 + g_i_ref, 1.0 + g_ref) ** t
    return _ratio(regional, referential)


def growth_ratio(
    region_start: np.ndarray,
    region_end: np.ndarray,
    reference_start: np.ndarray,
    reference_end: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Growth-ratio model (Model Rasio Pertumbuhan), cross-sections shaped (..., sectors).

        RPs_i = (ΔE_ij / E_ij,0) / (ΔE_iR / E_iR,0)   sector growth in the region vs the same sector in R
        RPr_i = (ΔE_iR / E_iR,0) / (ΔE_R / E_R,0)     sector growth in R vs total growth of R

    Values > 1 are "positive" (nyata). NaN where a start value or a reference growth is zero.
    """
    e0, et = np.asarray(region_start, dtype=float), np.asarray(region_end, dtype=float)
    r0, rt = np.asarray(reference_start, dtype=float), np.asarray(reference_end, dtype=float)
    sector_ref_growth = _ratio(rt - r0, r0)
    total_ref_growth = _ratio(rt.sum(axis=-1) - r0.sum(axis=-1), r0.sum(axis=-1))[..., None]
    rps = _ratio(_ratio(et - e0, e0), sector_ref_growth)
    rpr = _ratio(sector_ref_growth, total_ref_growth)
    return rps, rpr


# ----------------------------------------------------------------------------------------------------
# Shift-share
# ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShiftShare:
    """Shift-share components per sector (same unit as the input; shape of the region cross-section).

    Classic (Dunn): ``total`` D = ``reference_growth`` N + ``industry_mix`` M + ``competitive`` C;
    ``net_shift`` = M + C. Esteban-Marquillas: ``homothetic`` E', ``net_competitive`` C', ``allocation`` A,
    with C = C' + A. ``specialised`` (E_ij,0 > E'_ij) and ``competitive_advantage`` (r_ij > r_iR) are the two
    signs that determine A's sign. Use :meth:`totals` for the region sums (REAT's ``shift`` output).
    """

    reference_growth: np.ndarray
    industry_mix: np.ndarray
    competitive: np.ndarray
    total: np.ndarray
    net_shift: np.ndarray
    homothetic: np.ndarray
    net_competitive: np.ndarray
    allocation: np.ndarray
    specialised: np.ndarray
    competitive_advantage: np.ndarray

    def totals(self) -> dict[str, np.ndarray]:
        """Sums over the sector axis (NaN propagates: an undefined sector makes the total undefined)."""
        names = (
            "reference_growth",
            "industry_mix",
            "competitive",
            "total",
            "net_shift",
            "net_competitive",
            "allocation",
        )
        return {name: getattr(self, name).sum(axis=-1) for name in names}


def shift_share(
    region_start: np.ndarray,
    region_end: np.ndarray,
    reference_start: np.ndarray,
    reference_end: np.ndarray,
) -> ShiftShare:
    """Classic (Dunn 1960) and Esteban-Marquillas (1972) shift-share; cross-sections shaped (..., sectors).

    r_R = E_R,t / E_R,0 − 1;  r_iR = E_iR,t / E_iR,0 − 1;  r_ij = E_ij,t / E_ij,0 − 1

        N_ij = E_ij,0 · r_R                        reference-area growth (Pertumbuhan Nasional/Provinsi)
        M_ij = E_ij,0 · (r_iR − r_R)               industry mix (Pertumbuhan Proporsional)
        C_ij = E_ij,0 · (r_ij − r_iR)              competitive effect (Pertumbuhan Pangsa Wilayah)
        D_ij = E_ij,t − E_ij,0 = N + M + C;  net shift = M + C

        E'_ij = E_j,0 · E_iR,0 / E_R,0             homothetic value: the region's total split like R
        C'_ij = E'_ij · (r_ij − r_iR)              net competitive effect
        A_ij  = (E_ij,0 − E'_ij) · (r_ij − r_iR)   allocation effect;  C = C' + A

    C is computed as E_ij,t − E_ij,0 · (1 + r_iR), which is the same and stays defined for a sector absent in
    the start year (then all its growth is competitive). C' and A need r_ij and are NaN there. A sector absent
    from the reference's start year makes M, C, C' and A NaN.
    """
    e0, et = np.asarray(region_start, dtype=float), np.asarray(region_end, dtype=float)
    r0, rt = np.asarray(reference_start, dtype=float), np.asarray(reference_end, dtype=float)
    ref_total0 = r0.sum(axis=-1, keepdims=True)
    r_total = _ratio(rt.sum(axis=-1, keepdims=True), ref_total0) - 1.0
    r_sector = _ratio(rt, r0) - 1.0
    n = e0 * r_total
    m = e0 * (r_sector - r_total)
    c = et - e0 * (1.0 + r_sector)
    homothetic = e0.sum(axis=-1, keepdims=True) * _ratio(r0, ref_total0)
    differential = _ratio(c, e0)  # r_ij − r_iR
    n, m, c, homothetic = np.broadcast_arrays(n, m, c, homothetic)
    return ShiftShare(
        reference_growth=n,
        industry_mix=m,
        competitive=c,
        total=et - e0,
        net_shift=m + c,
        homothetic=homothetic,
        net_competitive=homothetic * differential,
        allocation=(e0 - homothetic) * differential,
        specialised=e0 > homothetic,
        competitive_advantage=differential > 0,
    )


# ----------------------------------------------------------------------------------------------------
# Classifications (Klassen, LQ × DLQ, allocation type)
# ----------------------------------------------------------------------------------------------------

UNDEFINED = "undefined"


@dataclass(frozen=True)
class QuadrantLabel:
    """How one quadrant is shown: its number in the chosen source's numbering and its names."""

    number: str
    id: str
    en: str

    def text(self, language: Language) -> str:
        if language == "id":
            return self.id
        if language == "en":
            return self.en
        raise ValueError(f"language must be 'id' or 'en', got {language!r}")


UNDEFINED_LABEL = QuadrantLabel("–", "Tidak dapat ditentukan", "Cannot be determined")

KLASSEN_SECTOR_KEYS = (
    "high_growth_high_share",
    "low_growth_high_share",
    "high_growth_low_share",
    "low_growth_low_share",
)
# PSAP UGM (2006) / Sjafrizal (2008) names, numbered as in the spec's table (§5.1).
DEFAULT_KLASSEN_SECTOR_LABELS: Mapping[str, QuadrantLabel] = {
    "high_growth_high_share": QuadrantLabel("I", "Sektor maju dan tumbuh pesat", "Developed, fast-growing sector"),
    "low_growth_high_share": QuadrantLabel("II", "Sektor maju tapi tertekan", "Developed but depressed sector"),
    "high_growth_low_share": QuadrantLabel(
        "III", "Sektor potensial (masih dapat berkembang pesat)", "Potential sector (still developing)"
    ),
    "low_growth_low_share": QuadrantLabel("IV", "Sektor relatif tertinggal", "Relatively lagging sector"),
}

KLASSEN_REGION_KEYS = (
    "high_growth_high_income",
    "low_growth_high_income",
    "high_growth_low_income",
    "low_growth_low_income",
)
# Bappenas (Direktorat Pembangunan Wilayah) names, numbered as in the spec's table (§5.2); some sources swap
# the numbers of II and III, which is why the keys, not the numbers, identify a quadrant.
DEFAULT_KLASSEN_REGION_LABELS: Mapping[str, QuadrantLabel] = {
    "high_growth_high_income": QuadrantLabel(
        "I", "Daerah cepat maju dan cepat tumbuh", "Developed and fast-growing region"
    ),
    "low_growth_high_income": QuadrantLabel("II", "Daerah maju tapi tertekan", "Developed but depressed region"),
    "high_growth_low_income": QuadrantLabel("III", "Daerah berkembang cepat", "Fast-developing region"),
    "low_growth_low_income": QuadrantLabel("IV", "Daerah relatif tertinggal", "Relatively lagging region"),
}

LQ_DLQ_KEYS = ("high_lq_high_dlq", "high_lq_low_dlq", "low_lq_high_dlq", "low_lq_low_dlq")
# Kompasiana's reading (SLQ < 1 & DLQ > 1 = andalan); Kuncoro (2012) as cited elsewhere swaps andalan and
# prospektif, so pass your own mapping to follow that source.
DEFAULT_LQ_DLQ_LABELS: Mapping[str, QuadrantLabel] = {
    "high_lq_high_dlq": QuadrantLabel("I", "Unggulan", "Leading"),
    "high_lq_low_dlq": QuadrantLabel("II", "Prospektif", "Prospective"),
    "low_lq_high_dlq": QuadrantLabel("III", "Andalan", "Mainstay"),
    "low_lq_low_dlq": QuadrantLabel("IV", "Tertinggal", "Lagging"),
}

ALLOCATION_KEYS = (
    "specialised_competitive",
    "specialised_not_competitive",
    "not_specialised_competitive",
    "not_specialised_not_competitive",
)
DEFAULT_ALLOCATION_LABELS: Mapping[str, QuadrantLabel] = {
    "specialised_competitive": QuadrantLabel(
        "1", "Unggul kompetitif dan terspesialisasi", "Competitive advantage, specialised"
    ),
    "specialised_not_competitive": QuadrantLabel(
        "2", "Tidak unggul kompetitif, terspesialisasi", "Competitive disadvantage, specialised"
    ),
    "not_specialised_competitive": QuadrantLabel(
        "3", "Unggul kompetitif, belum terspesialisasi", "Competitive advantage, not specialised"
    ),
    "not_specialised_not_competitive": QuadrantLabel(
        "4", "Tidak unggul kompetitif, tidak terspesialisasi", "Competitive disadvantage, not specialised"
    ),
}


def check_labels(labels: Mapping[str, QuadrantLabel], keys: Sequence[str]) -> None:
    """Raise ValueError unless ``labels`` names exactly ``keys`` (none unlabelled, no stray key)."""
    missing = [k for k in keys if k not in labels]
    extra = [k for k in labels if k not in keys and k != UNDEFINED]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"missing {', '.join(missing)}")
        if extra:
            parts.append(f"unknown {', '.join(extra)}")
        raise ValueError(f"quadrant labels must name exactly {', '.join(keys)}: {'; '.join(parts)}")


@dataclass(frozen=True)
class Classification:
    """Quadrant of each element: ``codes`` index into ``keys``; −1 means undefined (a NaN on an axis)."""

    keys: tuple[str, ...]
    codes: np.ndarray

    def key_array(self) -> np.ndarray:
        """The quadrant key of each element ("undefined" where it cannot be determined)."""
        table = np.array([*self.keys, UNDEFINED], dtype=object)
        return table[self.codes]  # −1 picks the trailing UNDEFINED

    def label_array(self, labels: Mapping[str, QuadrantLabel], language: Language) -> np.ndarray:
        check_labels(labels, self.keys)
        texts = [labels[k].text(language) for k in self.keys]
        texts.append(labels.get(UNDEFINED, UNDEFINED_LABEL).text(language))
        return np.array(texts, dtype=object)[self.codes]

    def number_array(self, labels: Mapping[str, QuadrantLabel]) -> np.ndarray:
        check_labels(labels, self.keys)
        numbers = [labels[k].number for k in self.keys]
        numbers.append(labels.get(UNDEFINED, UNDEFINED_LABEL).number)
        return np.array(numbers, dtype=object)[self.codes]


def _quadrants(x_high: np.ndarray, y_high: np.ndarray, undefined: np.ndarray, keys: tuple[str, ...]) -> Classification:
    # keys order: (x high, y high), (x low, y high), (x high, y low), (x low, y low)
    codes = np.where(y_high, np.where(x_high, 0, 1), np.where(x_high, 2, 3)).astype(np.int8)
    codes = np.where(undefined, -1, codes).astype(np.int8)
    return Classification(keys, codes)


def _above(value: np.ndarray, reference: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(value > reference, undefined) — a tie is *not* above, so zero growth against zero growth is 'low'."""
    value, reference = np.broadcast_arrays(np.asarray(value, dtype=float), np.asarray(reference, dtype=float))
    return value > reference, np.isnan(value) | np.isnan(reference)


@dataclass(frozen=True)
class Klassen:
    """Klassen typology: quadrant per element and the four axis values it was decided on.

    Sector version: growth = sector growth in the region, reference_growth = its comparison growth,
    level = sector share in the region, reference_level = the sector's share in the reference.
    Region version: level = PDRB per capita.
    """

    quadrants: Classification
    growth: np.ndarray
    reference_growth: np.ndarray
    level: np.ndarray
    reference_level: np.ndarray


def klassen_sector(
    region: np.ndarray,
    reference: np.ndarray,
    years: Sequence[int],
    start: int,
    end: int,
    *,
    growth_basis: GrowthBasis = "same_sector",
    share_basis: ShareBasis = "mean",
    averaging: Averaging = "compound",
) -> Klassen:
    """Klassen typology of sectors, series shaped (..., sectors, years) → (..., sectors).

    growth axis: g_ij (average annual growth of sector i in the region, :func:`average_growth`) against
      ``growth_basis="same_sector"`` (default, Sjafrizal 2008): G_i, the same sector in the reference; or
      ``"total"`` (PSAP UGM 2006): G, the reference's total growth.
    share axis: s_ij = E_ij / E_j against s_iR = E_iR / E_R (s_ij > s_iR ⇔ LQ > 1), taken as the mean of
      the yearly shares over start..end (``share_basis="mean"``, the *kontribusi rata-rata*), or the start
      or end year.

    "High" means strictly greater than the reference value: ties count as low. Quadrant keys are
    :data:`KLASSEN_SECTOR_KEYS`; labels: :data:`DEFAULT_KLASSEN_SECTOR_LABELS`. NaN on an axis → undefined.
    """
    region = np.asarray(region, dtype=float)
    reference = np.asarray(reference, dtype=float)
    i0, i1 = _year_positions(years, start, end)
    growth = average_growth(region, years, start, end, averaging=averaging)
    if growth_basis == "same_sector":
        ref_growth = average_growth(reference, years, start, end, averaging=averaging)
    elif growth_basis == "total":
        ref_growth = average_growth(reference.sum(axis=-2), years, start, end, averaging=averaging)[..., None]
    else:
        raise ValueError(f"growth_basis must be 'same_sector' or 'total', got {growth_basis!r}")
    shares = _ratio(region, region.sum(axis=-2, keepdims=True))
    ref_shares = _ratio(reference, reference.sum(axis=-2, keepdims=True))
    if share_basis == "mean":
        share, ref_share = shares[..., i0 : i1 + 1].mean(axis=-1), ref_shares[..., i0 : i1 + 1].mean(axis=-1)
    elif share_basis in ("start", "end"):
        i = i0 if share_basis == "start" else i1
        share, ref_share = shares[..., i], ref_shares[..., i]
    else:
        raise ValueError(f"share_basis must be 'mean', 'start' or 'end', got {share_basis!r}")
    growth_high, growth_undefined = _above(growth, ref_growth)
    share_high, share_undefined = _above(share, ref_share)
    quadrants = _quadrants(growth_high, share_high, growth_undefined | share_undefined, KLASSEN_SECTOR_KEYS)
    shape = quadrants.codes.shape
    return Klassen(
        quadrants,
        np.broadcast_to(growth, shape),
        np.broadcast_to(ref_growth, shape),
        np.broadcast_to(share, shape),
        np.broadcast_to(ref_share, shape),
    )


def klassen_region(
    growth: np.ndarray,
    per_capita: np.ndarray,
    *,
    reference_growth: float | np.ndarray | Literal["mean_of_regions"],
    reference_per_capita: float | np.ndarray | Literal["mean_of_regions"],
) -> Klassen:
    """Klassen typology of regions (Bappenas): growth r_j against r and PDRB per capita y_j against y.

    ``growth`` and ``per_capita`` are shaped (..., regions). The reference ("rata-rata") must be chosen: the
    province's own values, or ``"mean_of_regions"`` = the unweighted mean over the last axis (the mean of
    the kabupaten/kota). Growth as a fraction per year; per capita in any unit common to both.
    Quadrant keys :data:`KLASSEN_REGION_KEYS`; labels :data:`DEFAULT_KLASSEN_REGION_LABELS`. Ties count as
    low; NaN → undefined.
    """
    growth = np.asarray(growth, dtype=float)
    per_capita = np.asarray(per_capita, dtype=float)

    def resolve(given: float | np.ndarray | str, values: np.ndarray, name: str) -> np.ndarray:
        if isinstance(given, str):
            if given != "mean_of_regions":
                raise ValueError(f"{name} must be a number, an array or 'mean_of_regions', got {given!r}")
            return values.mean(axis=-1, keepdims=True)
        return np.asarray(given, dtype=float)

    ref_growth = resolve(reference_growth, growth, "reference_growth")
    ref_level = resolve(reference_per_capita, per_capita, "reference_per_capita")
    growth_high, growth_undefined = _above(growth, ref_growth)
    level_high, level_undefined = _above(per_capita, ref_level)
    quadrants = _quadrants(growth_high, level_high, growth_undefined | level_undefined, KLASSEN_REGION_KEYS)
    shape = quadrants.codes.shape
    return Klassen(
        quadrants,
        np.broadcast_to(growth, shape),
        np.broadcast_to(ref_growth, shape),
        np.broadcast_to(per_capita, shape),
        np.broadcast_to(ref_level, shape),
    )


def lq_dlq_class(slq: np.ndarray, dlq: np.ndarray) -> Classification:
    """SLQ × DLQ matrix: keys :data:`LQ_DLQ_KEYS` by SLQ > 1 and DLQ > 1 (strictly; 1 counts as low).

    Default labels :data:`DEFAULT_LQ_DLQ_LABELS` (Unggulan / Prospektif / Andalan / Tertinggal).
    """
    dlq_high, dlq_undefined = _above(dlq, 1.0)
    slq_high, slq_undefined = _above(slq, 1.0)
    return _quadrants(dlq_high, slq_high, dlq_undefined | slq_undefined, LQ_DLQ_KEYS)


def allocation_type(shift: ShiftShare) -> Classification:
    """Esteban-Marquillas reading of each sector: specialised (E_ij,0 > E'_ij) × competitive (r_ij > r_iR).

    A = (E_ij,0 − E'_ij)(r_ij − r_iR) is therefore > 0 for specialised & competitive and for neither,
    < 0 for the two mixed cases. Keys :data:`ALLOCATION_KEYS`; undefined where A is NaN.
    """
    return _quadrants(shift.competitive_advantage, shift.specialised, np.isnan(shift.allocation), ALLOCATION_KEYS)


# ----------------------------------------------------------------------------------------------------
# Everything at once
# ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectorAnalysis:
    """All sector measures of :func:`analyse_sectors`; arrays shaped (..., sectors) unless stated."""

    years: tuple[int, ...]
    start: int
    end: int
    lq: np.ndarray  # (..., sectors, years)
    lq_start: np.ndarray
    lq_end: np.ndarray
    dlq: np.ndarray
    growth: np.ndarray  # average annual growth of each sector in the region
    reference_growth: np.ndarray  # the same sector in the reference
    shift: ShiftShare
    klassen: Klassen
    lq_dlq: Classification
    allocation: Classification


def analyse_sectors(
    region: np.ndarray,
    reference: np.ndarray,
    years: Sequence[int],
    start: int,
    end: int,
    *,
    averaging: Averaging = "compound",
    klassen_growth_basis: GrowthBasis = "same_sector",
    klassen_share_basis: ShareBasis = "mean",
) -> SectorAnalysis:
    """LQ for every year, DLQ, shift-share, Klassen and the LQ × DLQ class in one vectorised call.

    ``region`` (..., sectors, years) and ``reference`` (sectors, years) or any shape broadcasting to it; see
    the individual functions for the formulas. For all 514 regencies pass region shaped (514, 17, T).
    """
    region = np.asarray(region, dtype=float)
    reference = np.asarray(reference, dtype=float)
    i0, i1 = _year_positions(years, start, end)
    lq = location_quotient(region, reference)
    dlq = dynamic_location_quotient(region, reference, years, start, end, averaging=averaging)
    growth = average_growth(region, years, start, end, averaging=averaging)
    ref_growth = np.broadcast_to(average_growth(reference, years, start, end, averaging=averaging), growth.shape)
    shift = shift_share(region[..., i0], region[..., i1], reference[..., i0], reference[..., i1])
    klassen = klassen_sector(
        region,
        reference,
        years,
        start,
        end,
        growth_basis=klassen_growth_basis,
        share_basis=klassen_share_basis,
        averaging=averaging,
    )
    return SectorAnalysis(
        years=tuple(years),
        start=start,
        end=end,
        lq=lq,
        lq_start=lq[..., i0],
        lq_end=lq[..., i1],
        dlq=dlq,
        growth=growth,
        reference_growth=ref_growth,
        shift=shift,
        klassen=klassen,
        lq_dlq=lq_dlq_class(lq[..., i1], dlq),
        allocation=allocation_type(shift),
    )


# ----------------------------------------------------------------------------------------------------
# Village commodities
# ----------------------------------------------------------------------------------------------------


def _check_volumes(volumes: np.ndarray, name: str) -> None:
    bad = ~np.isfinite(volumes) | (volumes < 0)
    if bad.any():
        where = np.argwhere(bad)
        shown = ", ".join(f"({r}, {c})" for r, c in where[:10])
        more = f" and {len(where) - 10} more" if len(where) > 10 else ""
        raise ValueError(f"{name} must be finite and ≥ 0; bad at (unit, commodity) {shown}{more}")


def commodity_location_quotient(volumes: np.ndarray, *, weights: np.ndarray | None = None) -> np.ndarray:
    """LQ of each unit (village or kecamatan) × commodity against the sum of all units (the regency).

    Without weights (the classic LQ; volumes must share one unit, e.g. production value or tonnes):

        LQ_vk = (x_vk / x_v) / (X_k / X),   x_v = Σ_k x_vk,  X_k = Σ_v x_vk,  X = Σ_vk x_vk

    With ``weights`` w_v (e.g. area or population, when commodities are in different units):

        LQ_vk = (x_vk / X_k) / (w_v / W)

    ``volumes`` is shaped (units, commodities), finite and ≥ 0 (missing data must be resolved before — a
    ValueError names the positions). NaN where a unit or commodity total (or weight) is zero.
    """
    volumes = np.asarray(volumes, dtype=float)
    if volumes.ndim != 2:
        raise ValueError(f"volumes must be shaped (units, commodities), got {volumes.shape}")
    _check_volumes(volumes, "volumes")
    commodity_share = _ratio(volumes, volumes.sum(axis=0, keepdims=True))  # x_vk / X_k
    if weights is None:
        unit_share = _ratio(volumes.sum(axis=1, keepdims=True), volumes.sum())
    else:
        weights = np.asarray(weights, dtype=float)
        if weights.shape != (volumes.shape[0],):
            raise ValueError(f"weights must have one value per unit ({volumes.shape[0]}), got {weights.shape}")
        _check_volumes(weights[:, None], "weights")
        unit_share = _ratio(weights, weights.sum())[:, None]
    return _ratio(commodity_share, unit_share)


def group_sum(values: np.ndarray, groups: Sequence[str] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sum the rows of ``values`` (units, columns) per group label → (sorted unique groups, sums)."""
    values = np.asarray(values, dtype=float)
    labels, inverse = np.unique(np.asarray(groups), return_inverse=True)
    if len(inverse) != values.shape[0]:
        raise ValueError(f"groups has {len(inverse)} labels for {values.shape[0]} rows")
    order = np.argsort(inverse, kind="stable")
    starts = np.flatnonzero(np.r_[True, np.diff(inverse[order]) != 0])
    return labels, np.add.reduceat(values[order], starts, axis=0)


@dataclass(frozen=True)
class LeadingCommodities:
    """Leading commodities as parallel arrays, sorted by unit and then by descending LQ (rank 1 = highest)."""

    unit: np.ndarray
    commodity: np.ndarray
    lq: np.ndarray
    rank: np.ndarray

    def for_unit(self, unit: int) -> list[tuple[int, float]]:
        """(commodity index, LQ) of one unit, best first."""
        lo, hi = np.searchsorted(self.unit, [unit, unit + 1])
        return [(int(c), float(q)) for c, q in zip(self.commodity[lo:hi], self.lq[lo:hi], strict=True)]


def leading_commodities(lq: np.ndarray, *, threshold: float = 1.0, limit: int | None = None) -> LeadingCommodities:
    """Commodities with LQ > ``threshold`` per unit (row of ``lq``), best first, at most ``limit`` each."""
    lq = np.asarray(lq, dtype=float)
    keyed = np.where(lq > threshold, lq, -np.inf)  # NaN compares False and drops out
    order = np.argsort(-keyed, axis=1, kind="stable")
    ordered = np.take_along_axis(keyed, order, axis=1)
    ranks = np.broadcast_to(np.arange(1, lq.shape[1] + 1), lq.shape)
    keep = np.isfinite(ordered)
    if limit is not None:
        keep &= ranks <= limit
    units, positions = np.nonzero(keep)
    return LeadingCommodities(units, order[units, positions], ordered[units, positions], ranks[units, positions])


# ----------------------------------------------------------------------------------------------------
# Readings
# ----------------------------------------------------------------------------------------------------


def _format_lq(value: float, language: Language) -> str:
    # Two decimals near 1 so that 0.96 is not printed as "1.0" next to "not a basic sector".
    text = f"{value:.2f}" if 0.95 <= value < 1.05 else f"{value:.1f}"
    return text.replace(".", ",") if language == "id" else text


_PHRASES: dict[str, dict[str, str]] = {
    "id": {
        "basis": "sektor basis (LQ {lq})",
        "non_basis": "bukan sektor basis (LQ {lq})",
        "even": "sama terkonsentrasi dengan {ref} (LQ {lq})",
        "no_lq": "LQ tidak dapat dihitung",
        "basis_faster": "{lq} yang tumbuh lebih cepat dari {ref}",
        "basis_slower": "{lq}, tetapi tumbuh lebih lambat dari {ref}",
        "basis_same": "{lq} yang tumbuh sama cepat dengan {ref}",
        "non_faster": "{lq}, tetapi tumbuh lebih cepat dari {ref}",
        "non_slower": "{lq} dan tumbuh lebih lambat dari {ref}",
        "non_same": "{lq} dan tumbuh sama cepat dengan {ref}",
        "no_growth": "{lq}; pertumbuhannya tidak dapat dibandingkan",
    },
    "en": {
        "basis": "a basic sector (LQ {lq})",
        "non_basis": "not a basic sector (LQ {lq})",
        "even": "as concentrated as in {ref} (LQ {lq})",
        "no_lq": "LQ cannot be computed",
        "basis_faster": "{lq} growing faster than {ref}",
        "basis_slower": "{lq}, but growing more slowly than {ref}",
        "basis_same": "{lq} growing as fast as {ref}",
        "non_faster": "{lq}, but growing faster than {ref}",
        "non_slower": "{lq} and growing more slowly than {ref}",
        "non_same": "{lq} and growing as fast as {ref}",
        "no_growth": "{lq}; its growth cannot be compared",
    },
}


def sector_reading(
    name: str,
    lq: float,
    growth: float,
    reference_growth: float,
    reference_name: str,
    language: Language = "id",
) -> str:
    """One plain-language sentence about a sector, e.g.

    "Industri pengolahan: sektor basis (LQ 1,9) yang tumbuh lebih cepat dari Jawa Tengah" /
    "Manufacturing: a basic sector (LQ 1.9) growing faster than Jawa Tengah".

    Basis means LQ > 1 (1 exactly: as concentrated as the reference); "faster" compares the sector's growth in
    the region with the same sector's growth in the reference (the sign of the competitive effect C). NaN
    inputs are said to be not computable rather than guessed.
    """
    if language not in _PHRASES:
        raise ValueError(f"language must be 'id' or 'en', got {language!r}")
    p = _PHRASES[language]
    if math.isnan(lq):
        return f"{name}: {p['no_lq']}"
    lq_text = _format_lq(lq, language)
    if lq == 1.0:
        return f"{name}: {p['even'].format(ref=reference_name, lq=lq_text)}"
    kind = "basis" if lq > 1 else "non"
    head = p["basis" if lq > 1 else "non_basis"].format(lq=lq_text)
    if math.isnan(growth) or math.isnan(reference_growth):
        return f"{name}: {p['no_growth'].format(lq=head)}"
    if math.isclose(growth, reference_growth, rel_tol=1e-9, abs_tol=1e-12):
        pace = "same"
    else:
        pace = "faster" if growth > reference_growth else "slower"
    return f"{name}: {p[f'{kind}_{pace}'].format(lq=head, ref=reference_name)}"


def sector_readings(
    names: Sequence[str],
    lq: np.ndarray,
    growth: np.ndarray,
    reference_growth: np.ndarray,
    reference_name: str,
    language: Language = "id",
) -> list[str]:
    """:func:`sector_reading` for each sector of one region (1-D arrays aligned with ``names``)."""
    lq, growth, reference_growth = (np.asarray(a, dtype=float) for a in (lq, growth, reference_growth))
    return [
        sector_reading(n, float(q), float(g), float(r), reference_name, language)
        for n, q, g, r in zip(names, lq, growth, reference_growth, strict=True)
    ]
