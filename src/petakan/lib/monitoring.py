"""Monitoring arithmetic: targets read as numbers, target vs realisation, budget absorption, behind-schedule rules.

Plans keep targets and realised values as text ("40", "40,5", "40 %", "1.250", "WTP"). This module turns them into
numbers where that is honest and compares them; a qualitative target ("WTP", "A") is *met* only when the realised
value is the same word (case and spaces ignored) and *not met* otherwise — never ranked.

Budget absorption (*serapan anggaran*) in percent: ``100 × spent / planned`` over the same set of years, where
``planned`` is the sum of the programme's budget lines (rupiah) of those years and ``spent`` the sum of the money
realised in those years, every source together or one source at a time. A multi-year programme is summed over the
years considered, never averaged per year. No planned money → no percentage (``None``), never 0 % or 100 %.

Behind schedule (*tertinggal jadwal*) for a year within the programme's years, any of:

* ``not_started``: no realisation entered for the year, or its status is "not started";
* ``low_absorption``: absorption of the year below ``LOW_ABSORPTION_SHARE`` × the share of the year elapsed
  (e.g. with 0.5, a programme three-quarters through its year that has spent less than 37.5 % of that year's budget);
  a year already over counts as fully elapsed;
* ``indicator_behind``: an indicator's realised value of the year is below that year's target (or, qualitative,
  not the target's word).

No Django here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

__all__ = [
    "BEHIND",
    "LOW_ABSORPTION_SHARE",
    "MET",
    "NO_TARGET",
    "NO_VALUE",
    "Absorption",
    "Money",
    "ProgrammeYear",
    "absorption",
    "behind_reasons",
    "compare",
    "lower_is_better",
    "parse_value",
    "target_for_year",
]

# share of the elapsed time of a year below which a year's absorption counts as behind schedule
LOW_ABSORPTION_SHARE = 0.5

MET = "met"
BEHIND = "behind"
NO_VALUE = "no_value"  # a target but nothing realised entered
NO_TARGET = "no_target"  # nothing to compare with

_NUMBER = re.compile(r"^[+-]?\d[\d.,]*$")
_THOUSANDS_DOTS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
_THOUSANDS_COMMAS = re.compile(r"^[+-]?\d{1,3}(,\d{3}){2,}$")


def parse_value(text: str | float | int | None) -> float | None:
    """A target or realised value as a number, or None when it is qualitative or empty.

    Accepted: ``40``, ``40,5`` (Indonesian decimal comma), ``40.5``, ``40 %``/``40%``, ``1.250`` and ``1.250.000``
    (Indonesian thousands dots: a single dot followed by exactly three digits is read as thousands, as written in
    RPJMD tables), ``1.250,5``, ``1,250.5`` and ``1,250,000``. A trailing unit word after the number is not read
    (``12 unit`` → None): units belong in the indicator's unit field.
    """
    if text is None:
        return None
    if isinstance(text, int | float) and not isinstance(text, bool):
        return float(text)
    s = str(text).strip().replace("\u00a0", " ")
    if s.endswith("%"):
        s = s[:-1].strip()
    s = s.replace(" ", "")
    if not s or not _NUMBER.match(s):
        return None
    if "," in s and "." in s:
        # the separator written last is the decimal one
        s = s.replace(".", "").replace(",", ".") if s.rfind(",") > s.rfind(".") else s.replace(",", "")
    elif "," in s:
        s = s.replace(",", "") if _THOUSANDS_COMMAS.match(s) else s.replace(",", ".")
    elif _THOUSANDS_DOTS.match(s):
        s = s.replace(".", "")
    try:
        return float(s)
    except ValueError:
        return None


def _word(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def lower_is_better(baseline: str | None, target: str | None) -> bool:
    """True when the plan aims *down*: both numeric and the target below the starting value (poverty, stunting)."""
    b, t = parse_value(baseline), parse_value(target)
    return b is not None and t is not None and t < b


def compare(target: str | None, value: str | None, *, lower_better: bool = False) -> str:
    """``MET``, ``BEHIND``, ``NO_VALUE`` or ``NO_TARGET`` for a realised ``value`` against ``target``.

    Numbers: met when value ≥ target (≤ when ``lower_better``). Otherwise both are words: met only when equal
    (case and spacing ignored); a number against a word is not met.
    """
    if target is None or not str(target).strip():
        return NO_TARGET
    if value is None or not str(value).strip():
        return NO_VALUE
    t, v = parse_value(target), parse_value(value)
    if t is not None and v is not None:
        ok = v <= t if lower_better else v >= t
        return MET if ok else BEHIND
    return MET if _word(target) == _word(value) else BEHIND


def target_for_year(targets: Mapping[str, object] | None, target: str, target_year: int | None, year: int) -> str:
    """The target of ``year``: ``targets[str(year)]`` when set, else the end ``target`` when ``target_year`` is
    ``year``, else empty."""
    value = (targets or {}).get(str(year))
    if value is not None and str(value).strip():
        return str(value).strip()
    if target_year == year and target:
        return target
    return ""


@dataclass(frozen=True)
class Money:
    """An amount in rupiah of one year and source (a budget line, or money spent)."""

    year: int
    source: str
    amount: float


@dataclass(frozen=True)
class Absorption:
    """Planned and spent rupiah over some years (and sources); ``pct`` = 100 × spent / planned, None if nothing
    was planned."""

    planned: float
    spent: float

    @property
    def pct(self) -> float | None:
        return 100.0 * self.spent / self.planned if self.planned > 0 else None


def absorption(
    planned: Iterable[Money],
    spent: Iterable[Money],
    years: Iterable[int] | None = None,
    source: str | None = None,
) -> Absorption:
    """Sum the planned and spent money of ``years`` (all when None) and ``source`` (all when None)."""
    wanted = set(years) if years is not None else None

    def total(rows: Iterable[Money]) -> float:
        return float(
            sum(
                r.amount
                for r in rows
                if (wanted is None or r.year in wanted) and (source is None or r.source == source)
            )
        )

    return Absorption(planned=total(planned), spent=total(spent))


@dataclass(frozen=True)
class ProgrammeYear:
    """What the behind-schedule rules need about one programme in one year.

    ``status`` is the realisation's status (None when nothing was entered); ``measures`` the results of
    :func:`compare` for its indicators that year; ``elapsed`` the share of the year gone by (0–1).
    """

    start_year: int
    end_year: int
    year: int
    status: str | None
    planned: float
    spent: float
    measures: tuple[str, ...] = field(default_factory=tuple)
    elapsed: float = 1.0


def behind_reasons(py: ProgrammeYear, low_share: float = LOW_ABSORPTION_SHARE) -> list[str]:
    """The rule codes (see module doc) that put the programme behind schedule in ``py.year``; empty when on track
    or when the year is outside the programme's years. A stopped or finished programme is not "not started"."""
    if not py.start_year <= py.year <= py.end_year:
        return []
    reasons = []
    if py.status in (None, "not_started"):
        reasons.append("not_started")
    if py.planned > 0 and py.status != "stopped":
        pct = py.spent / py.planned
        if pct < low_share * max(0.0, min(1.0, py.elapsed)):
            reasons.append("low_absorption")
    if BEHIND in py.measures:
        reasons.append("indicator_behind")
    return reasons
