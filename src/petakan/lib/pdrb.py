"""PDRB tables by lapangan usaha: the 17 BPS categories, parsing, validation and an illustrative demo split.

PDRB (Produk Domestik Regional Bruto, GRDP) by *lapangan usaha* is published by BPS in the 2010-base series
(KBLI 2009 / SNA 2008) as 17 categories that group the 21 KBLI sections A–U (M+N and R+S+T+U merged).
Values are in **juta rupiah** (million IDR), at constant 2010 prices (ADHK) or current prices (ADHB).

Two input layouts are read, from CSV or XLSX:

* **BPS layout** — categories as rows, years as columns, as BPS static tables print them. Title rows
  above the header row, sub-category rows ("1. Pertanian, Peternakan, …", "a. Tanaman Pangan") and
  "Sumber:" notes are skipped and listed in the report; a "PDRB" / "Produk Domestik Regional Bruto" row is
  read as the published total.
* **Long layout** — a header ``year,category,value`` (``tahun,kategori,nilai`` also accepted), one row per
  year × category; category ``PDRB`` gives the published total.

Numbers may be written the Indonesian way ("1.234.567,89") or the English way ("1,234,567.89",
"1234567.89"). With ``number_format="auto"`` the convention is inferred from the cells that are unambiguous
and applied to the whole file; a file that mixes both, or whose only separators are ambiguous ("1.234"), is an
error, never a guess. BPS symbols: "-" means *nihil* (zero, BPS convention); "", "...", "…", "x", "NA" mean
not available and are reported.

Every problem of an input is collected into a :class:`PdrbReport` (structured :class:`PdrbIssue` items
naming row, column, cell, category and year) before anything fails; :meth:`PdrbReport.raise_for_errors`
raises :class:`PdrbValidationError` carrying all of them.

This module imports no Django; openpyxl is imported only when an XLSX file is read.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO, Literal

import numpy as np

from petakan.lib import uploads
from petakan.lib.cells import csv_writer
from petakan.lib.uploads import Limits, UploadError

__all__ = [
    "CATEGORIES",
    "CATEGORY_CODES",
    "ILLUSTRATIVE_SHARES",
    "PRICE_BASES",
    "Category",
    "PdrbImport",
    "PdrbIssue",
    "PdrbReport",
    "PdrbTable",
    "PdrbValidationError",
    "category_by_code",
    "illustrative_split",
    "match_category",
    "parse_number",
    "parse_pdrb_grid",
    "read_bps_status_notes",
    "read_bps_totals",
    "read_pdrb",
    "write_long_csv",
]

PriceBasis = Literal["ADHK2010", "ADHB"]
PRICE_BASES: tuple[str, ...] = ("ADHK2010", "ADHB")
Layout = Literal["auto", "bps", "long"]
NumberFormat = Literal["auto", "id", "en"]
Severity = Literal["error", "warning"]


# ----------------------------------------------------------------------------------------------------
# The 17 categories
# ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Category:
    """One BPS PDRB category (lapangan usaha) of the 2010-base series.

    ``code`` is written as BPS groups it: a single KBLI section letter, or the merged sections joined by
    commas ("M,N", "R,S,T,U"). ``aliases`` are further names seen in BPS tables (older wordings, English).
    """

    code: str
    name_id: str
    name_en: str
    aliases: tuple[str, ...] = ()

    def name(self, language: str) -> str:
        """The official name in ``language`` ("id" or "en")."""
        return _pick_language(self.name_id, self.name_en, language)

    def reading_name(self, language: str) -> str:
        """The name in sentence case, for running text ("Industri pengolahan")."""
        text = self.name(language)
        return text[:1].upper() + text[1:].lower()


CATEGORIES: tuple[Category, ...] = (
    Category(
        "A",
        "Pertanian, Kehutanan, dan Perikanan",
        "Agriculture, Forestry and Fishing",
        ("Pertanian, Kehutanan & Perikanan",),
    ),
    Category("B", "Pertambangan dan Penggalian", "Mining and Quarrying"),
    Category("C", "Industri Pengolahan", "Manufacturing", ("Manufacturing Industry",)),
    Category(
        "D",
        "Pengadaan Listrik dan Gas",
        "Electricity and Gas",
        ("Pengadaan Listrik, Gas", "Electricity and Gas Supply"),
    ),
    Category(
        "E",
        "Pengadaan Air, Pengelolaan Sampah, Limbah dan Daur Ulang",
        "Water Supply, Sewerage, Waste Management and Remediation Activities",
        ("Pengadaan Air", "Water Supply, Sewerage, Waste Management and Remediation"),
    ),
    Category("F", "Konstruksi", "Construction"),
    Category(
        "G",
        "Perdagangan Besar dan Eceran; Reparasi Mobil dan Sepeda Motor",
        "Wholesale and Retail Trade; Repair of Motor Vehicles and Motorcycles",
        ("Perdagangan Besar dan Eceran, dan Reparasi Mobil dan Sepeda Motor",),
    ),
    Category("H", "Transportasi dan Pergudangan", "Transportation and Storage"),
    Category(
        "I",
        "Penyediaan Akomodasi dan Makan Minum",
        "Accommodation and Food Service Activities",
        ("Penyediaan Akomodasi dan Makan dan Minum", "Accommodation and Food Services"),
    ),
    Category("J", "Informasi dan Komunikasi", "Information and Communication"),
    Category(
        "K",
        "Jasa Keuangan dan Asuransi",
        "Financial and Insurance Activities",
        ("Jasa Keuangan", "Financial and Insurance Services"),
    ),
    Category("L", "Real Estat", "Real Estate Activities", ("Real Estate",)),
    Category("M,N", "Jasa Perusahaan", "Business Activities", ("Business Services",)),
    Category(
        "O",
        "Administrasi Pemerintahan, Pertahanan dan Jaminan Sosial Wajib",
        "Public Administration and Defence; Compulsory Social Security",
        ("Administrasi Pemerintahan", "Public Administration and Defense; Compulsory Social Security"),
    ),
    Category("P", "Jasa Pendidikan", "Education", ("Education Services",)),
    Category(
        "Q",
        "Jasa Kesehatan dan Kegiatan Sosial",
        "Human Health and Social Work Activities",
        ("Health and Social Work Activities",),
    ),
    Category("R,S,T,U", "Jasa Lainnya", "Other Services Activities", ("Jasa Lain-lain", "Other Services")),
)
CATEGORY_CODES: tuple[str, ...] = tuple(c.code for c in CATEGORIES)
_CODE_INDEX: dict[str, int] = {c.code: i for i, c in enumerate(CATEGORIES)}

# Labels of the published total row; compared after _normalise_name.
_TOTAL_NAMES = frozenset(
    {
        "pdrb",
        "total",
        "jumlah",
        "total pdrb",
        "jumlah pdrb",
        "pdrb total",
        "produk domestik regional bruto",
        "produk domestik regional bruto pdrb",
        "pdrb produk domestik regional bruto",
        "gross regional domestic product",
        "gross regional domestic product grdp",
        "grdp",
    }
)
# Sectors of the pre-2010 series (9 sectors, 2000 prices) that the 17-category series does not share; a
# table using them must not be mixed with the 2010-base series (spec §6).
_OLD_SERIES_NAMES = frozenset(
    {
        "pertanian",
        "listrik gas air bersih",
        "bangunan",
        "perdagangan hotel restoran",
        "pengangkutan komunikasi",
        "keuangan persewaan jasa perusahaan",
        "jasa jasa",
    }
)
_NOTE_PREFIXES = ("sumber", "source", "catatan", "note", "keterangan")


def _pick_language(text_id: str, text_en: str, language: str) -> str:
    if language == "id":
        return text_id
    if language == "en":
        return text_en
    raise ValueError(f"language must be 'id' or 'en', got {language!r}")


def _normalise_name(text: str) -> str:
    """Casefold, drop punctuation and the words 'dan'/'and' so that wording variants compare equal."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("&", " ")
    text = re.sub(r"[^\w\s]", " ", text)
    words = [w for w in text.split() if w not in ("dan", "and")]
    return " ".join(words)


_NAME_INDEX: dict[str, int] = {}
for _i, _c in enumerate(CATEGORIES):
    for _name in (_c.name_id, _c.name_en, *_c.aliases):
        _NAME_INDEX[_normalise_name(_name)] = _i

# a code is letters A–U joined by separators ("M,N", "R-U", "M & N") or written together ("MN", "RSTU")
_CODE_RE = re.compile(r"^\s*(?P<code>[A-U](?:\s*[,&+/\-–]\s*[A-U]|[A-U])*)\s*(?:[.):]\s*|\s+|$)(?P<rest>.*)$")
_SUB_RE = re.compile(r"^\s*(?:\d{1,2}|[a-z]|[ivx]{1,4})\s*[.)]\s*(?P<rest>.+)$")


def _canonical_code(raw: str) -> str | None:
    """'M, N' / 'M-N' / 'MN'→'M,N'; 'R-U' → 'R,S,T,U'. None when it is not one of the 17 codes."""
    letters: list[str] = []
    parts = re.split(r"\s*([,&+/\-–])\s*", raw.strip())
    i = 0
    while i < len(parts):
        part = parts[i]
        if i + 2 < len(parts) and parts[i + 1] in "-–":
            lo, hi = part, parts[i + 2]
            if len(lo) != 1 or len(hi) != 1 or lo > hi:
                return None
            letters.extend(chr(o) for o in range(ord(lo), ord(hi) + 1))
            i += 3
            continue
        if part and part not in ",&+/":
            letters.extend(part)
        i += 1
    code = ",".join(letters)
    return code if code in _CODE_INDEX else None


def category_by_code(code: str) -> Category:
    """The category with this BPS code ('A', 'M,N', 'R,S,T,U'; variants like 'M-N' or 'R-U' accepted)."""
    canonical = _canonical_code(code)
    if canonical is None:
        raise KeyError(f"unknown PDRB category code {code!r}; expected one of {', '.join(CATEGORY_CODES)}")
    return CATEGORIES[_CODE_INDEX[canonical]]


@dataclass(frozen=True)
class _Match:
    kind: Literal["category", "total", "subcategory", "note", "unknown", "mismatch"]
    index: int | None = None
    matched_by_code_only: bool = False
    detail: str = ""


def _match_name(text: str) -> int | None:
    norm = _normalise_name(text)
    if norm in _NAME_INDEX:
        return _NAME_INDEX[norm]
    # Bilingual BPS tables write "Industri Pengolahan / Manufacturing" or "… (Manufacturing)".
    for part in re.split(r"[/()]", text):
        norm = _normalise_name(part)
        if norm in _NAME_INDEX:
            return _NAME_INDEX[norm]
    return None


def _match_label(label: str) -> _Match:
    text = label.strip()
    if not text:
        return _Match("unknown", detail="empty label")
    norm = _normalise_name(text)
    if norm in _TOTAL_NAMES:
        return _Match("total")
    if norm.startswith(_NOTE_PREFIXES) or text.startswith("*"):
        return _Match("note")
    old = _SUB_RE.match(text)
    if _normalise_name(old.group("rest") if old else text) in _OLD_SERIES_NAMES:
        return _Match(
            "unknown",
            detail="a sector of the pre-2010 9-sector series; only the 2010-base 17-category series is read",
        )
    by_name = _match_name(text)
    if by_name is not None:
        return _Match("category", by_name)
    m = _CODE_RE.match(text)
    if m:
        code = _canonical_code(m.group("code"))
        rest = m.group("rest").strip()
        if code is not None:
            index = _CODE_INDEX[code]
            if not rest:
                return _Match("category", index)
            rest_index = _match_name(rest)
            if rest_index is None:
                return _Match("category", index, matched_by_code_only=True, detail=rest)
            if rest_index != index:
                other = CATEGORIES[rest_index]
                return _Match(
                    "mismatch",
                    index,
                    detail=f"code {code} but the name of {other.code} ({other.name_id})",
                )
            return _Match("category", index)
        if rest and _normalise_name(rest) in _TOTAL_NAMES:
            return _Match("total")
    sub = _SUB_RE.match(text)
    if sub:
        rest = sub.group("rest")
        rest_index = _match_name(rest)
        if rest_index is not None:
            # Some tables number the 17 categories 1..17 instead of lettering them.
            return _Match("category", rest_index)
        if _normalise_name(rest) in _TOTAL_NAMES:
            return _Match("total")
        return _Match("subcategory")
    return _Match("unknown")


def match_category(label: str) -> Category | None:
    """The category a label names (code, Indonesian or English name, "C. Industri Pengolahan"), or None.

    Returns None for total rows, sub-category rows and unknown labels.
    """
    m = _match_label(label)
    return CATEGORIES[m.index] if m.kind == "category" and m.index is not None else None


# ----------------------------------------------------------------------------------------------------
# Issues and report
# ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PdrbIssue:
    """One problem found in a PDRB input. ``kind`` is a stable key for translation; ``message`` is English.

    Kinds (severity): unknown_category, mismatched_category, duplicate_category, duplicate_year,
    duplicate_entry, missing_category, missing_year, missing_total, missing_value, bad_number,
    ambiguous_number, mixed_number_formats, bad_year, negative_value, total_mismatch, no_header,
    missing_column, empty_table, unreadable_file, sheet, bad_flag (error); subcategory_skipped,
    matched_by_code, ignored_column (warning).
    ``difference`` = sum of the categories − published total (juta rupiah), for total_mismatch.
    """

    kind: str
    severity: Severity
    message: str
    row: int | None = None
    column: str | None = None
    cell: str | None = None
    value: str | None = None
    category: str | None = None
    year: int | None = None
    expected: float | None = None
    actual: float | None = None
    difference: float | None = None
    message_id: str | None = None  # the Indonesian sentence, when lib has it (the upload guard's refusals)

    def __post_init__(self) -> None:
        # Values come from the file: messages quote at most 100 characters of any of them.
        for name, limit in (("value", 100), ("cell", 100), ("column", 100), ("message", 400)):
            text = getattr(self, name)
            if isinstance(text, str) and len(text) > limit:
                object.__setattr__(self, name, uploads.quote(text, limit))

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        if self.cell:
            where.append(f"cell {self.cell}")
        prefix = f"[{', '.join(where)}] " if where else ""
        return f"{self.severity}: {prefix}{self.message}"


class PdrbValidationError(ValueError):
    """Raised with every error of an input at once; ``issues`` holds them as :class:`PdrbIssue`."""

    def __init__(self, issues: Sequence[PdrbIssue], source: str = "") -> None:
        self.issues: tuple[PdrbIssue, ...] = tuple(issues)
        self.source = source
        head = f"{source}: " if source else ""
        lines = "\n".join(f"  - {issue}" for issue in self.issues)
        super().__init__(f"{head}{len(self.issues)} problem(s) in the PDRB table:\n{lines}")


@dataclass
class PdrbReport:
    """All findings of one import. ``notes`` lists lines skipped on purpose (titles, sources)."""

    issues: list[PdrbIssue] = field(default_factory=list)
    layout: str = ""
    number_format: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[PdrbIssue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[PdrbIssue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def of_kind(self, kind: str) -> list[PdrbIssue]:
        return [i for i in self.issues if i.kind == kind]

    def raise_for_errors(self, source: str = "") -> None:
        if self.errors:
            raise PdrbValidationError(self.errors, source)

    def error(self, kind: str, message: str, **fields: object) -> None:
        self.issues.append(PdrbIssue(kind, "error", message, **fields))  # type: ignore[arg-type]

    def warning(self, kind: str, message: str, **fields: object) -> None:
        self.issues.append(PdrbIssue(kind, "warning", message, **fields))  # type: ignore[arg-type]


# ----------------------------------------------------------------------------------------------------
# Table
# ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PdrbTable:
    """PDRB of one region and price basis: ``values[c, y]`` in juta rupiah for ``CATEGORY_CODES[c]``.

    ``published_total`` is the total printed in the source (NaN for years without one), or None when the
    source had no total row. ``year_notes`` keeps BPS status marks ("*" angka sementara, "**" angka sangat
    sementara). ``illustrative`` marks generated demo data, which must be labelled as such ("data contoh")
    wherever shown.
    """

    years: tuple[int, ...]
    values: np.ndarray
    published_total: np.ndarray | None = None
    year_notes: Mapping[int, str] = field(default_factory=dict)
    illustrative: bool = False
    source: str = ""

    def __post_init__(self) -> None:
        if self.values.shape != (len(CATEGORIES), len(self.years)):
            raise ValueError(f"values must be shaped (17, {len(self.years)}), got {self.values.shape}")
        if list(self.years) != sorted(set(self.years)):
            raise ValueError("years must be strictly increasing")

    @property
    def categories(self) -> tuple[str, ...]:
        return CATEGORY_CODES

    @property
    def total(self) -> np.ndarray:
        """Sum of the 17 categories per year (juta rupiah)."""
        return self.values.sum(axis=0)

    def year_index(self, year: int) -> int:
        try:
            return self.years.index(year)
        except ValueError:
            raise KeyError(f"year {year} is not in the table (years {self.years[0]}–{self.years[-1]})") from None

    def long_rows(self) -> list[tuple[int, str, float]]:
        """(year, category code, value) rows, years outer, categories in BPS order."""
        return [
            (year, code, float(self.values[c, y]))
            for y, year in enumerate(self.years)
            for c, code in enumerate(CATEGORY_CODES)
        ]


@dataclass(frozen=True)
class PdrbImport:
    """The outcome of reading a PDRB input: the table (None when there are errors) and the report."""

    table: PdrbTable | None
    report: PdrbReport

    def table_or_raise(self, source: str = "") -> PdrbTable:
        self.report.raise_for_errors(source)
        assert self.table is not None
        return self.table


# ----------------------------------------------------------------------------------------------------
# Numbers
# ----------------------------------------------------------------------------------------------------

_NUMBER_PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {
    "id": (re.compile(r"^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$"), re.compile(r"^-?\d+(?:,\d+)?$")),
    "en": (re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$"), re.compile(r"^-?\d+(?:\.\d+)?$")),
}
_NIL = frozenset({"-", "–", "—"})
_NOT_AVAILABLE = frozenset({"", "...", "…", "x", "X", "na", "NA", "n.a.", "N/A", "n/a"})


def _convert(text: str, fmt: str) -> float:
    if fmt == "id":
        return float(text.replace(".", "").replace(",", "."))
    return float(text.replace(",", ""))


def _readings(text: str) -> dict[str, float]:
    """The value ``text`` has under each convention it is valid in."""
    compact = text.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    return {
        fmt: _convert(compact, fmt)
        for fmt, patterns in _NUMBER_PATTERNS.items()
        if any(p.match(compact) for p in patterns)
    }


def parse_number(text: str, number_format: Literal["id", "en"]) -> float:
    """Parse one number written in ``number_format``.

    "id": "." groups thousands and "," marks decimals ("1.234.567,89" → 1234567.89; "1234567,89" also valid).
    "en": "," groups thousands and "." marks decimals ("1,234,567.89", "1234567.89").
    Thousands groups must have three digits, so "1234.56" is rejected in "id" instead of being misread.
    Raises ValueError for anything else (BPS symbols are handled by the table parsers, not here).
    """
    readings = _readings(text.strip())
    if number_format not in readings:
        raise ValueError(
            f"{text!r} is not a number in the {'Indonesian' if number_format == 'id' else 'English'} format"
        )
    return readings[number_format]


# ----------------------------------------------------------------------------------------------------
# Grid parsing
# ----------------------------------------------------------------------------------------------------


def _col_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _cell_ref(row: int, col: int) -> str:
    return f"{_col_letter(col)}{row + 1}"


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_YEAR_RE = re.compile(r"^(?P<year>(?:19|20|21)\d{2})\s*(?P<note>\*{1,3}|r|x)?\)?$", re.IGNORECASE)


def _parse_year(value: object) -> tuple[int, str] | None:
    """A year header → (year, BPS status mark). Accepts 2015, 2015.0, "2015", "2022*", "2023**"."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 1900 <= int(value) <= 2199:
            return int(value), ""
        return None
    m = _YEAR_RE.match(_cell_text(value))
    if not m:
        return None
    return int(m.group("year")), (m.group("note") or "")


@dataclass
class _Cell:
    row: int
    col: int
    column: str
    raw: object
    category: int | None  # None for the total row
    year: int


@dataclass
class _Collected:
    cells: list[_Cell]
    years: set[int]
    year_notes: dict[int, str]
    has_total: bool
    illustrative: bool = False


def _resolve_numbers(
    cells: list[_Cell], number_format: NumberFormat, report: PdrbReport
) -> tuple[dict[int, float], str]:
    """Parse all value cells at once so that the number convention is decided for the whole file."""
    parsed: dict[int, float] = {}
    text_cells: list[tuple[int, _Cell, str, dict[str, float]]] = []
    for k, cell in enumerate(cells):
        raw = cell.raw
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            if math.isnan(float(raw)):
                _report_missing(cell, "", report)
            else:
                parsed[k] = float(raw)
            continue
        text = _cell_text(raw)
        if text in _NIL:
            parsed[k] = 0.0  # BPS: "-" = nihil
            continue
        if text in _NOT_AVAILABLE:
            _report_missing(cell, text, report)
            continue
        readings = _readings(text)
        if not readings:
            report.error(
                "bad_number",
                f"{text!r} is not a number",
                row=cell.row + 1,
                column=cell.column,
                cell=_cell_ref(cell.row, cell.col),
                value=text,
                category=_code_or_total(cell.category),
                year=cell.year,
            )
            continue
        text_cells.append((k, cell, text, readings))

    chosen = number_format
    if number_format == "auto":
        evidence: dict[str, list[str]] = {"id": [], "en": []}
        for _k, cell, text, readings in text_cells:
            if len(readings) == 1:
                evidence[next(iter(readings))].append(f"{_cell_ref(cell.row, cell.col)} {text!r}")
        if evidence["id"] and evidence["en"]:
            report.error(
                "mixed_number_formats",
                "the file mixes Indonesian (1.234,5) and English (1,234.5) number formats: Indonesian in "
                f"{', '.join(evidence['id'][:3])}; English in {', '.join(evidence['en'][:3])}",
            )
            return parsed, "mixed"
        chosen = "id" if evidence["id"] else "en" if evidence["en"] else "auto"
    for k, cell, text, readings in text_cells:
        if chosen == "auto":
            values = set(readings.values())
            if len(values) > 1:
                report.error(
                    "ambiguous_number",
                    f"{text!r} reads as {readings['id']:g} in the Indonesian format and as "
                    f"{readings['en']:g} in the English one, and no other cell settles which; "
                    "give the number format explicitly",
                    row=cell.row + 1,
                    column=cell.column,
                    cell=_cell_ref(cell.row, cell.col),
                    value=text,
                    category=_code_or_total(cell.category),
                    year=cell.year,
                )
                continue
            parsed[k] = next(iter(values))
        elif chosen in readings:
            parsed[k] = readings[chosen]
        else:
            name = "Indonesian (1.234.567,89)" if chosen == "id" else "English (1,234,567.89)"
            report.error(
                "bad_number",
                f"{text!r} is not a number in the {name} format used by this file",
                row=cell.row + 1,
                column=cell.column,
                cell=_cell_ref(cell.row, cell.col),
                value=text,
                category=_code_or_total(cell.category),
                year=cell.year,
            )
    return parsed, "plain" if chosen == "auto" else chosen


def _code_or_total(index: int | None) -> str:
    return "PDRB" if index is None else CATEGORY_CODES[index]


def _report_missing(cell: _Cell, text: str, report: PdrbReport) -> None:
    report.error(
        "missing_value",
        f"no value for {_code_or_total(cell.category)} in {cell.year}" + (f" (cell holds {text!r})" if text else ""),
        row=cell.row + 1,
        column=cell.column,
        cell=_cell_ref(cell.row, cell.col),
        value=text,
        category=_code_or_total(cell.category),
        year=cell.year,
    )


def _is_blank_row(row: Sequence[object]) -> bool:
    return all(_cell_text(v) == "" for v in row)


_LONG_HEADERS = {
    "year": ("year", "tahun"),
    "category": ("category", "kategori", "lapangan usaha", "lapangan_usaha", "sector", "sektor", "kode"),
    "value": ("value", "nilai", "value_million_idr", "nilai_juta_rupiah"),
    "illustrative": ("illustrative", "ilustratif"),
}
_TRUE_WORDS = frozenset({"true", "yes", "ya", "1"})
_FALSE_WORDS = frozenset({"false", "no", "tidak", "0", ""})


def _long_header_map(row: Sequence[object]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for c, value in enumerate(row):
        name = _cell_text(value).casefold()
        for key, aliases in _LONG_HEADERS.items():
            if name in aliases and key not in found:
                found[key] = c
    return found if {"year", "category"} <= found.keys() else None


def _detect_layout(grid: Sequence[Sequence[object]]) -> Literal["bps", "long"] | None:
    for row in grid:
        if _is_blank_row(row):
            continue
        if _long_header_map(row) is not None:
            return "long"
        if any(_parse_year(v) for v in row[1:]):
            return "bps"
    return None


def parse_pdrb_grid(
    grid: Sequence[Sequence[object]],
    *,
    layout: Layout = "auto",
    number_format: NumberFormat = "auto",
    expected_years: Iterable[int] | None = None,
    published_totals: Mapping[int, float] | None = None,
    abs_tolerance: float = 1.0,
    rel_tolerance: float = 0.0,
    source: str = "",
) -> PdrbImport:
    """Parse a PDRB table given as rows of cells (strings or numbers, as csv or openpyxl deliver them).

    Checks, all collected into the report: a header; each label is one of the 17 categories (by code, name
    or both — a code whose name disagrees is an error), the total row, a sub-category (skipped, warning) or
    a note; no category or year twice; all 17 categories present; every value present, a number and ≥ 0; no
    gap in the years and every ``expected_years`` present; and per year y

        difference_y = Σ_c values[c, y] − published_total_y
        |difference_y| ≤ max(abs_tolerance, rel_tolerance · |published_total_y|)

    against the table's own total row and against ``published_totals`` (e.g. from :func:`read_bps_totals`),
    each breach reported with its difference (juta rupiah). The default ``abs_tolerance`` of 1 juta rupiah
    covers 17 values rounded to two decimals (at most 17 × 0.005 = 0.085); tables rounded to whole millions
    need 17 × 0.5 = 8.5.
    """
    report = PdrbReport()
    rows = [list(r) for r in grid]
    if all(_is_blank_row(r) for r in rows):
        report.error("empty_table", "the table is empty")
        return PdrbImport(None, report)
    chosen_layout = _detect_layout(rows) if layout == "auto" else layout
    if chosen_layout is None:
        report.error(
            "no_header",
            "no header found: expected either a row of years (BPS layout: categories as rows, years as "
            "columns) or the columns year, category, value (long layout)",
        )
        return PdrbImport(None, report)
    report.layout = chosen_layout
    collected = _collect_bps(rows, report) if chosen_layout == "bps" else _collect_long(rows, report)
    cells, has_total = collected.cells, collected.has_total
    if not collected.years:
        return PdrbImport(None, report)

    parsed, used_format = _resolve_numbers(cells, number_format, report)
    report.number_format = used_format

    years = sorted(collected.years)
    y_index = {y: i for i, y in enumerate(years)}
    values = np.full((len(CATEGORIES), len(years)), np.nan)
    total = np.full(len(years), np.nan)
    present = np.zeros((len(CATEGORIES), len(years)), dtype=bool)
    for k, cell in enumerate(cells):
        if cell.category is not None:
            present[cell.category, y_index[cell.year]] = True
        if k not in parsed:
            continue
        value = parsed[k]
        if value < 0:
            report.error(
                "negative_value",
                f"negative value {value:g} for {_code_or_total(cell.category)} in {cell.year}",
                row=cell.row + 1,
                column=cell.column,
                cell=_cell_ref(cell.row, cell.col),
                value=_cell_text(cell.raw),
                category=_code_or_total(cell.category),
                year=cell.year,
            )
        if cell.category is None:
            total[y_index[cell.year]] = value
        else:
            values[cell.category, y_index[cell.year]] = value

    _check_coverage(present, years, expected_years, chosen_layout, report)
    sums = values.sum(axis=0)
    if has_total:
        _check_totals(sums, total, years, abs_tolerance, rel_tolerance, "the table's PDRB row", report)
    if published_totals is not None:
        given = np.array([published_totals.get(y, np.nan) for y in years], dtype=float)
        for y in years:
            if y not in published_totals:
                report.error(
                    "missing_total",
                    f"no published total given for {y}",
                    year=y,
                )
        _check_totals(sums, given, years, abs_tolerance, rel_tolerance, "the published total", report)

    table = None
    if report.ok:
        table = PdrbTable(
            years=tuple(years),
            values=values,
            published_total=total if has_total else None,
            year_notes={y: n for y, n in collected.year_notes.items() if n},
            illustrative=collected.illustrative,
            source=source,
        )
    return PdrbImport(table, report)


def _classify_row(
    label: str, row_no: int, report: PdrbReport, seen: dict[int | None, int], label_column: str
) -> tuple[bool, int | None]:
    """(use this row?, category index or None for the total)."""
    match = _match_label(label)
    if match.kind == "note":
        report.notes.append(f"row {row_no}: {uploads.quote(label)}")
        return False, None
    if match.kind == "subcategory":
        report.warning(
            "subcategory_skipped",
            f"sub-category row {label!r} skipped: only the 17 categories are read",
            row=row_no,
            column=label_column,
            value=label,
        )
        return False, None
    if match.kind == "unknown":
        report.error(
            "unknown_category",
            f"{label!r} is not one of the 17 BPS PDRB categories nor the PDRB total"
            + (f" ({match.detail})" if match.detail else ""),
            row=row_no,
            column=label_column,
            value=label,
        )
        return False, None
    if match.kind == "mismatch":
        report.error(
            "mismatched_category",
            f"{label!r}: {match.detail}",
            row=row_no,
            column=label_column,
            value=label,
        )
        return False, None
    index = match.index if match.kind == "category" else None
    if match.matched_by_code_only and index is not None:
        report.warning(
            "matched_by_code",
            f"{label!r} read as {CATEGORY_CODES[index]} ({CATEGORIES[index].name_id}) by its code; "
            f"the name {match.detail!r} is not a known name of that category",
            row=row_no,
            column=label_column,
            value=label,
            category=CATEGORY_CODES[index],
        )
    if index in seen:
        report.error(
            "duplicate_category",
            f"{_code_or_total(index)} appears twice (rows {seen[index]} and {row_no})",
            row=row_no,
            column=label_column,
            value=label,
            category=_code_or_total(index),
        )
        return False, index
    seen[index] = row_no
    return True, index


def _best_label(parts: list[str]) -> str:
    """The label of a row whose label spans several columns ("No", "Kode", "Lapangan Usaha")."""
    joined = " ".join(parts)
    if len(parts) < 2 or _match_label(joined).kind not in ("unknown", "subcategory"):
        return joined
    # Drop a running number column, then try the cells one by one.
    candidates = [" ".join(p for p in parts if not re.fullmatch(r"\d+\.?", p)), *parts]
    for candidate in candidates:
        if _match_label(candidate).kind in ("category", "total", "mismatch"):
            return candidate
    return joined


def _collect_bps(rows: list[list[object]], report: PdrbReport) -> _Collected:
    header_at = None
    for r, row in enumerate(rows):
        if any(_parse_year(v) for v in row[1:]):
            header_at = r
            break
        if not _is_blank_row(row):
            report.notes.append(f"row {r + 1}: " + uploads.quote(" ".join(_cell_text(v) for v in row if _cell_text(v))))
    if header_at is None:
        report.error("no_header", "no row of year headers found (BPS layout: categories as rows, years as columns)")
        return _Collected([], set(), {}, False)
    header = rows[header_at]
    first_year_col = next(c for c in range(1, len(header)) if _parse_year(header[c]))
    year_cols: dict[int, int] = {}
    year_notes: dict[int, str] = {}
    for c in range(first_year_col, len(header)):
        text = _cell_text(header[c])
        parsed = _parse_year(header[c])
        if parsed is None:
            if text or any(c < len(r) and _cell_text(r[c]) for r in rows[header_at + 1 :]):
                report.warning(
                    "ignored_column",
                    f"column {_col_letter(c)} ({text or 'no header'}) is not a year and is ignored",
                    row=header_at + 1,
                    column=_col_letter(c),
                    cell=_cell_ref(header_at, c),
                    value=text,
                )
            continue
        year, note = parsed
        if year in year_notes:
            report.error(
                "duplicate_year",
                f"year {year} heads two columns",
                row=header_at + 1,
                column=text,
                cell=_cell_ref(header_at, c),
                value=text,
                year=year,
            )
            continue
        year_cols[c] = year
        year_notes[year] = note
    cells: list[_Cell] = []
    seen: dict[int | None, int] = {}
    label_column = " / ".join(_cell_text(header[c]) or _col_letter(c) for c in range(first_year_col))
    for r in range(header_at + 1, len(rows)):
        row = rows[r]
        if _is_blank_row(row):
            continue
        label = _best_label([_cell_text(row[c]) for c in range(min(first_year_col, len(row))) if _cell_text(row[c])])
        values_blank = all(c >= len(row) or _cell_text(row[c]) == "" for c in year_cols)
        if not label:
            report.error(
                "unknown_category",
                "a row with values has no category label",
                row=r + 1,
                column=label_column,
            )
            continue
        if values_blank and _match_label(label).kind in ("unknown", "subcategory"):
            # A heading line such as "Lapangan Usaha" or a sub-category group title without numbers.
            report.notes.append(f"row {r + 1}: {uploads.quote(label)}")
            continue
        use, index = _classify_row(label, r + 1, report, seen, label_column)
        if not use:
            continue
        for c, year in year_cols.items():
            cells.append(_Cell(r, c, _cell_text(header[c]), row[c] if c < len(row) else None, index, year))
    return _Collected(cells, set(year_cols.values()), year_notes, None in seen)


def _collect_long(rows: list[list[object]], report: PdrbReport) -> _Collected:
    header_at = next(r for r, row in enumerate(rows) if not _is_blank_row(row))
    header_map = _long_header_map(rows[header_at]) or {}
    missing = [k for k in ("year", "category", "value") if k not in header_map]
    if missing:
        found = ", ".join(_cell_text(v) for v in rows[header_at] if _cell_text(v))
        report.error(
            "missing_column",
            f"the long layout needs the columns year, category, value; missing {', '.join(missing)} (found: {found})",
            row=header_at + 1,
        )
        return _Collected([], set(), {}, False)
    for c, value in enumerate(rows[header_at]):
        if c not in header_map.values() and _cell_text(value):
            report.warning(
                "ignored_column",
                f"column {_cell_text(value)!r} is not used (the long layout reads year, category, value)",
                row=header_at + 1,
                column=_cell_text(value),
                cell=_cell_ref(header_at, c),
            )
    yc, cc, vc = header_map["year"], header_map["category"], header_map["value"]
    cells: list[_Cell] = []
    years: set[int] = set()
    year_notes: dict[int, str] = {}
    seen: dict[tuple[int | None, int], int] = {}
    has_total = False
    flags: set[bool] = set()
    for r in range(header_at + 1, len(rows)):
        row = rows[r]
        if _is_blank_row(row):
            continue

        def get(c: int, row: list[object] = row) -> object:
            return row[c] if c < len(row) else None

        year_parsed = _parse_year(get(yc))
        label = _cell_text(get(cc))
        ok = True
        if year_parsed is None:
            report.error(
                "bad_year",
                f"{_cell_text(get(yc))!r} is not a year",
                row=r + 1,
                column="year",
                cell=_cell_ref(r, yc),
                value=_cell_text(get(yc)),
            )
            ok = False
        match = _match_label(label)
        if match.kind not in ("category", "total"):
            kind = "mismatched_category" if match.kind == "mismatch" else "unknown_category"
            report.error(
                kind,
                f"{label!r} is not one of the 17 BPS PDRB categories nor the PDRB total"
                + (f" ({match.detail})" if match.detail else ""),
                row=r + 1,
                column="category",
                cell=_cell_ref(r, cc),
                value=label,
            )
            continue
        if not ok or year_parsed is None:
            continue
        year, note = year_parsed
        index = match.index if match.kind == "category" else None
        if match.matched_by_code_only and index is not None:
            report.warning(
                "matched_by_code",
                f"{label!r} read as {CATEGORY_CODES[index]} by its code; {match.detail!r} is not a known name",
                row=r + 1,
                column="category",
                cell=_cell_ref(r, cc),
                value=label,
            )
        key = (index, year)
        if key in seen:
            report.error(
                "duplicate_entry",
                f"{_code_or_total(index)} {year} appears twice (rows {seen[key]} and {r + 1})",
                row=r + 1,
                category=_code_or_total(index),
                year=year,
            )
            continue
        seen[key] = r + 1
        has_total = has_total or index is None
        years.add(year)
        if note:
            year_notes[year] = note
        cells.append(_Cell(r, vc, "value", get(vc), index, year))
        if "illustrative" in header_map:
            flag = _cell_text(get(header_map["illustrative"])).casefold()
            if flag in _TRUE_WORDS or flag in _FALSE_WORDS:
                flags.add(flag in _TRUE_WORDS)
            else:
                report.error(
                    "bad_flag",
                    f"illustrative must be true or false, not {flag!r}",
                    row=r + 1,
                    column="illustrative",
                    cell=_cell_ref(r, header_map["illustrative"]),
                    value=flag,
                )
    if len(flags) > 1:
        report.error("bad_flag", "some rows are marked illustrative and others not; a table is one or the other")
    if not years and report.ok:
        report.error("empty_table", "the table has a header but no data rows")
    return _Collected(cells, years, year_notes, has_total, flags == {True})


def _check_coverage(
    present: np.ndarray,
    years: list[int],
    expected_years: Iterable[int] | None,
    layout: str,
    report: PdrbReport,
) -> None:
    missing_categories = np.flatnonzero(~present.any(axis=1))
    for c in missing_categories:
        report.error(
            "missing_category",
            f"category {CATEGORY_CODES[c]} ({CATEGORIES[c].name_id}) is missing",
            category=CATEGORY_CODES[c],
        )
    if layout == "long":
        # In the BPS layout a missing cell is already reported by position; here a row is simply absent.
        partial = present.any(axis=1)[:, None] & ~present
        for c, y in zip(*np.nonzero(partial), strict=True):
            report.error(
                "missing_value",
                f"no row for {CATEGORY_CODES[c]} in {years[y]}",
                category=CATEGORY_CODES[c],
                year=years[y],
            )
    wanted = set(expected_years) if expected_years is not None else set()
    gaps = set(range(years[0], years[-1] + 1)) - set(years)
    for year in sorted(wanted | gaps):
        if year in years:
            continue
        reason = "a gap between the first and last year" if year in gaps else "expected"
        report.error("missing_year", f"year {year} is missing ({reason})", year=year)


def _check_totals(
    sums: np.ndarray,
    totals: np.ndarray,
    years: list[int],
    abs_tolerance: float,
    rel_tolerance: float,
    what: str,
    report: PdrbReport,
) -> None:
    for y, year in enumerate(years):
        total, actual = totals[y], sums[y]
        if math.isnan(total) or math.isnan(actual):
            continue
        difference = actual - total
        allowed = max(abs_tolerance, rel_tolerance * abs(total))
        if abs(difference) > allowed:
            report.error(
                "total_mismatch",
                f"in {year} the 17 categories add up to {actual:,.2f} but {what} is {total:,.2f} "
                f"(difference {difference:+,.2f} juta rupiah, tolerance {allowed:,.2f})",
                year=year,
                expected=float(total),
                actual=float(actual),
                difference=float(difference),
            )


# ----------------------------------------------------------------------------------------------------
# Files
# ----------------------------------------------------------------------------------------------------


# A PDRB table has some 60 category rows × years (wide) or years × categories rows (long): far below these caps.
MAX_ROWS = 5_000
MAX_COLUMNS = 200


# Refusals that say the file is not what it claims keep the kind "unreadable_file"; limits are "upload_rejected".
UNREADABLE = frozenset({"empty", "not_xlsx", "not_zip", "not_text", "not_utf8", "csv_syntax"})


def _rejected(exc: UploadError, report: PdrbReport) -> None:
    kind = "unreadable_file" if exc.key in UNREADABLE else "upload_rejected"
    report.issues.append(PdrbIssue(kind, "error", exc.message_en, message_id=exc.message_id))


def _read_csv_grid(data: bytes, report: PdrbReport, limits: Limits) -> list[list[object]] | None:
    # Spreadsheets set to an Indonesian locale write ';'-separated CSV because ',' is the decimal mark: the guard
    # takes the separator the header line uses most.
    try:
        rows = uploads.read_csv_rows(data, limits)
    except UploadError as exc:
        _rejected(exc, report)
        return None
    return [list(r) for r in rows]


def _read_xlsx_grid(data: bytes, sheet: str | None, report: PdrbReport, limits: Limits) -> list[list[object]] | None:
    import openpyxl  # only needed for XLSX

    try:
        data = uploads.check_xlsx(data, limits)
    except UploadError as exc:
        _rejected(exc, report)
        return None
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a damaged file
        report.error("unreadable_file", f"the XLSX file cannot be opened: {exc}")
        return None
    try:
        if sheet is None:
            if len(book.sheetnames) != 1:
                report.error(
                    "sheet",
                    f"the workbook has {len(book.sheetnames)} sheets ({', '.join(book.sheetnames)}); "
                    "name the one to read",
                )
                return None
            ws = book[book.sheetnames[0]]
        elif sheet in book.sheetnames:
            ws = book[sheet]
        else:
            report.error("sheet", f"no sheet {sheet!r}; the workbook has {', '.join(book.sheetnames)}")
            return None
        ws.reset_dimensions()  # read the rows that exist, not those the sheet declares
        return [list(r) for r in ws.iter_rows(values_only=True)]
    except Exception as exc:  # a part openpyxl cannot parse: the guard checked size and shape, not meaning
        report.error("unreadable_file", f"the XLSX file cannot be read: {exc}")
        return None
    finally:
        book.close()


def read_pdrb(
    source: str | Path | bytes | BinaryIO,
    *,
    file_format: Literal["csv", "xlsx"] | None = None,
    sheet: str | None = None,
    layout: Layout = "auto",
    number_format: NumberFormat = "auto",
    expected_years: Iterable[int] | None = None,
    published_totals: Mapping[int, float] | None = None,
    abs_tolerance: float = 1.0,
    rel_tolerance: float = 0.0,
    limits: Limits | None = None,
) -> PdrbImport:
    """Read a PDRB table from a CSV or XLSX file (path, bytes or binary file object) and validate it.

    ``file_format`` defaults to the path's suffix (.csv, .xlsx, .xlsm); bytes and file objects need it given.
    A workbook with several sheets needs ``sheet``. Other arguments: see :func:`parse_pdrb_grid`. The file first
    passes :mod:`petakan.lib.uploads` with ``limits`` (by default 2 MB, :data:`MAX_ROWS`, :data:`MAX_COLUMNS`); a
    refusal is an error of kind ``upload_rejected``.
    """
    report = PdrbReport()
    limits = limits or Limits(kind="pdrb", max_bytes=2 * uploads.MB, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS)
    name = ""
    if isinstance(source, str | Path):
        path = Path(source)
        name = path.name
        if file_format is None:
            suffix = path.suffix.casefold()
            file_format = "csv" if suffix == ".csv" else "xlsx" if suffix in (".xlsx", ".xlsm") else None
        try:
            data = uploads.read_bytes(path, limits)  # the size is checked before the file is read
        except UploadError as exc:
            _rejected(exc, report)
            return PdrbImport(None, report)
        except OSError as exc:
            report.error("unreadable_file", f"cannot read {path}: {exc.strerror}")
            return PdrbImport(None, report)
    elif isinstance(source, bytes):
        data = source
    else:
        data = source.read(limits.max_bytes + 1)
    if file_format is None:
        report.error("unreadable_file", f"cannot tell whether {name or 'the input'} is CSV or XLSX; name the format")
        return PdrbImport(None, report)
    grid = (
        _read_csv_grid(data, report, limits) if file_format == "csv" else _read_xlsx_grid(data, sheet, report, limits)
    )
    if grid is None:
        return PdrbImport(None, report)
    return parse_pdrb_grid(
        grid,
        layout=layout,
        number_format=number_format,
        expected_years=expected_years,
        published_totals=published_totals,
        abs_tolerance=abs_tolerance,
        rel_tolerance=rel_tolerance,
        source=name,
    )


def write_long_csv(table: PdrbTable, path: str | Path) -> None:
    """Write ``year,category,value``, values to two decimals (juta rupiah), readable by :func:`read_pdrb`.

    An illustrative table gets a fourth column ``illustrative`` = true, so that it stays labelled as demo
    data when read back.
    """
    flag = ["true"] if table.illustrative else []
    with Path(path).open("w", newline="", encoding="utf-8") as fh:
        writer = csv_writer(fh)
        writer.writerow(["year", "category", "value", *(["illustrative"] if table.illustrative else [])])
        for year, code, value in table.long_rows():
            # a Decimal, not a text: a negative value stays a number (text starting with "-" would be quoted)
            writer.writerow([year, code, Decimal(f"{value:.2f}"), *flag])


def read_bps_totals(path: str | Path, region_code: str, price_basis: PriceBasis) -> dict[int, float]:
    """Published total PDRB per year (juta rupiah) for one region and price basis from a totals CSV.

    The CSV has the columns ``bps_region_code, year, price_basis, value_million_idr`` (as the shared
    ``kendal_jateng_pdrb_total_bps.csv``). Raises ValueError naming the row for duplicates or bad numbers,
    and when the region/basis has no rows.
    """
    if price_basis not in PRICE_BASES:
        raise ValueError(f"price_basis must be one of {', '.join(PRICE_BASES)}, got {price_basis!r}")
    totals: dict[int, float] = {}
    problems: list[str] = []
    with Path(path).open(newline="", encoding="utf-8-sig") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            if row["bps_region_code"] != region_code or row["price_basis"] != price_basis:
                continue
            try:
                year, value = int(row["year"]), float(row["value_million_idr"])
            except ValueError:
                problems.append(f"row {line}: year {row['year']!r} / value {row['value_million_idr']!r} unreadable")
                continue
            if year in totals:
                problems.append(f"row {line}: second total for {year}")
            totals[year] = value
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))
    if not totals:
        raise ValueError(f"{path}: no {price_basis} totals for region {region_code}")
    return dict(sorted(totals.items()))


def read_bps_status_notes(path: str | Path, region_code: str, price_basis: PriceBasis) -> dict[int, str]:
    """BPS status notes per year ("angka sementara", …) from the totals CSV's ``bps_status_note`` column."""
    with Path(path).open(newline="", encoding="utf-8-sig") as fh:
        return {
            int(row["year"]): row["bps_status_note"]
            for row in csv.DictReader(fh)
            if row["bps_region_code"] == region_code
            and row["price_basis"] == price_basis
            and row.get("bps_status_note")
        }


# ----------------------------------------------------------------------------------------------------
# Illustrative demo split
# ----------------------------------------------------------------------------------------------------

# Illustrative shares (percent of PDRB) in the first and last year, in CATEGORY_CODES order. NOT BPS
# figures: no sector table for Kendal or Jawa Tengah was found (see SOURCES.md). They are shaped after the
# usual structure of the two economies — Kendal industry-heavy (KEK Kendal) with a large agricultural base,
# Jawa Tengah with manufacturing about a third — so that the demo pages show realistic patterns.
ILLUSTRATIVE_SHARES: dict[str, tuple[tuple[float, ...], tuple[float, ...]]] = {
    "3324": (  # Kabupaten Kendal
        (21.0, 0.3, 40.0, 0.08, 0.06, 8.5, 11.5, 2.3, 2.6, 2.6, 2.4, 1.4, 0.25, 2.6, 3.3, 0.5, 0.61),
        (16.5, 0.25, 44.0, 0.08, 0.05, 9.0, 10.8, 2.4, 2.5, 4.3, 2.2, 1.4, 0.3, 2.1, 3.0, 0.6, 0.52),
    ),
    "3300": (  # Provinsi Jawa Tengah
        (16.0, 2.2, 34.0, 0.12, 0.08, 10.2, 13.3, 3.0, 2.8, 3.4, 2.8, 1.7, 0.4, 2.7, 4.3, 0.7, 2.3),
        (13.2, 1.9, 34.6, 0.11, 0.07, 10.3, 13.4, 3.2, 3.0, 5.6, 2.9, 1.8, 0.45, 2.4, 4.3, 0.9, 1.87),
    ),
}
# Pandemic dip of transport (H) and accommodation (I) shares, as factors before renormalising.
_SHOCKS: dict[int, dict[str, float]] = {2020: {"H": 0.8, "I": 0.85}, 2021: {"H": 0.9, "I": 0.92}}


def illustrative_split(
    totals: Mapping[int, float],
    start_shares: Sequence[float],
    end_shares: Sequence[float],
    *,
    source: str = "",
    year_notes: Mapping[int, str] | None = None,
) -> PdrbTable:
    """Split real yearly totals over the 17 categories with illustrative shares — demo data, flagged as such.

    shares_y = start + (end − start)·(y − y0)/(y1 − y0), with the 2020–21 pandemic dip of H and I,
    renormalised to 1. Each year's total is split in whole cents (0.01 juta rupiah) by largest remainder, so
    the 17 values, written to two decimals, add up **exactly** to round(total, 2).
    """
    years = sorted(totals)
    start = np.asarray(start_shares, dtype=float)
    end = np.asarray(end_shares, dtype=float)
    if start.shape != (len(CATEGORIES),) or end.shape != (len(CATEGORIES),):
        raise ValueError("start_shares and end_shares need one share per category (17)")
    span = max(years[-1] - years[0], 1)
    weight = (np.asarray(years, dtype=float) - years[0]) / span
    shares = start[:, None] + (end - start)[:, None] * weight[None, :]
    for y, year in enumerate(years):
        for code, factor in _SHOCKS.get(year, {}).items():
            shares[_CODE_INDEX[code], y] *= factor
    shares /= shares.sum(axis=0, keepdims=True)
    cents_total = np.array([round(totals[y] * 100) for y in years], dtype=np.int64)
    raw = shares * cents_total[None, :]
    cents = np.floor(raw).astype(np.int64)
    short = cents_total - cents.sum(axis=0)
    # Largest remainder: the categories with the biggest fractional part get the missing cents.
    order = np.argsort(-(raw - cents), axis=0, kind="stable")
    ranks = np.argsort(order, axis=0, kind="stable")
    cents += (ranks < short[None, :]).astype(np.int64)
    return PdrbTable(
        years=tuple(years),
        values=cents / 100.0,
        published_total=cents_total / 100.0,
        year_notes=dict(year_notes or {}),
        illustrative=True,
        source=source or "illustrative split of real BPS totals (data contoh)",
    )
