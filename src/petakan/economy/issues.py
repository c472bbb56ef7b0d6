"""Problems of a PDRB input (``lib.pdrb.PdrbIssue``) as text in the user's language.

lib.pdrb writes its messages in English and carries the facts as fields (kind, row, column, cell, value, category,
year, difference …). English pages show lib's message as it is (it is the most detailed); Indonesian pages get a
sentence composed here from the fields. For the few kinds whose details exist only in lib's message (the sheet
names of a workbook, the cells that show mixed number formats …), the Indonesian page shows lib's message as a
detail under the sentence: nothing is hidden.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from petakan.economy.analysis import current_language
from petakan.economy.formatting import format_number
from petakan.lib.pdrb import CATEGORY_CODES, PdrbIssue, category_by_code

log = logging.getLogger(__name__)

# Kinds whose lib message holds details (names, cells, file errors) the fields do not carry.
DETAIL_IN_MESSAGE = frozenset(
    {"unknown_category", "mismatched_category", "mixed_number_formats", "unreadable_file", "sheet", "missing_column"}
)


@dataclass(frozen=True)
class IssueLine:
    severity: str  # "error" | "warning"
    severity_text: str
    row: int | None
    column: str
    cell: str
    message: str
    detail: str  # lib's English message where it says more than ``message``; else ""


def _money(value: float | None) -> str:
    return format_number(value, 2)


def _category(code: str | None) -> str:
    if not code or code == "PDRB":
        return _("total PDRB")
    if code in CATEGORY_CODES:
        return f"{code} ({category_by_code(code).name_id})"
    return code


def _quoted(value: str | None) -> str:
    return f"“{value}”" if value else "“”"


_INDONESIAN: dict[str, Callable[[PdrbIssue], str]] = {
    # the upload guard's own sentence (lib.uploads), given by lib in both languages
    "upload_rejected": lambda i: i.message_id or i.message,
    "unknown_category": lambda i: (
        _("%(value)s bukan salah satu dari 17 kategori PDRB BPS dan bukan baris total PDRB")
        % {"value": _quoted(i.value)}
        if i.value
        else _("Baris ini berisi angka tetapi tidak berlabel kategori")
    ),
    "mismatched_category": lambda i: (
        _("%(value)s: kode kategori tidak cocok dengan namanya") % {"value": _quoted(i.value)}
    ),
    "duplicate_category": lambda i: _("Kategori %(category)s muncul dua kali") % {"category": _category(i.category)},
    "duplicate_year": lambda i: _("Tahun %(year)s menjadi judul dua kolom") % {"year": i.year},
    "duplicate_entry": lambda i: (
        _("%(category)s tahun %(year)s muncul dua kali") % {"category": _category(i.category), "year": i.year}
    ),
    "missing_category": lambda i: _("Kategori %(category)s tidak ada") % {"category": _category(i.category)},
    "missing_year": lambda i: (
        _("Tahun %(year)s tidak ada (tahun-tahun harus berurutan tanpa celah)") % {"year": i.year}
    ),
    "missing_total": lambda i: _("Tidak ada total PDRB terbit untuk tahun %(year)s") % {"year": i.year},
    "missing_value": lambda i: (
        _("Tidak ada nilai untuk %(category)s tahun %(year)s (sel berisi %(value)s)")
        % {"category": _category(i.category), "year": i.year, "value": _quoted(i.value)}
        if i.value
        else _("Tidak ada nilai untuk %(category)s tahun %(year)s")
        % {"category": _category(i.category), "year": i.year}
    ),
    "bad_number": lambda i: (
        _("%(value)s tidak dapat dibaca sebagai angka (%(category)s tahun %(year)s)")
        % {"value": _quoted(i.value), "category": _category(i.category), "year": i.year}
    ),
    "ambiguous_number": lambda i: (
        _(
            "%(value)s dapat dibaca dengan format Indonesia maupun Inggris dan tidak ada sel lain yang memastikannya; "
            "pilih format angka"
        )
        % {"value": _quoted(i.value)}
    ),
    "mixed_number_formats": lambda i: _(
        "Berkas mencampur format angka Indonesia (1.234,5) dan Inggris (1,234.5); pakai satu format"
    ),
    "bad_year": lambda i: _("%(value)s bukan tahun") % {"value": _quoted(i.value)},
    "negative_value": lambda i: (
        _("Nilai negatif %(value)s untuk %(category)s tahun %(year)s")
        % {"value": i.value, "category": _category(i.category), "year": i.year}
    ),
    "total_mismatch": lambda i: (
        _(
            "Tahun %(year)s: jumlah 17 kategori %(actual)s, tetapi total PDRB %(expected)s "
            "(selisih %(difference)s juta rupiah)"
        )
        % {
            "year": i.year,
            "actual": _money(i.actual),
            "expected": _money(i.expected),
            "difference": ("+" if (i.difference or 0) > 0 else "") + _money(i.difference),
        }
    ),
    "no_header": lambda i: _(
        "Baris judul tidak ditemukan: perlu baris tahun (tata letak BPS: kategori sebagai baris, tahun sebagai "
        "kolom) atau kolom tahun, kategori, nilai (tata letak panjang)"
    ),
    "missing_column": lambda i: _(
        "Tata letak panjang memerlukan kolom tahun, kategori dan nilai (year, category, value)"
    ),
    "empty_table": lambda i: _("Tabel kosong: tidak ada baris data"),
    "unreadable_file": lambda i: i.message_id or _("Berkas tidak dapat dibaca (CSV harus UTF-8; XLSX harus utuh)"),
    "sheet": lambda i: _("Pilih lembar kerja yang dibaca (isi kolom “Lembar kerja”)"),
    "bad_flag": lambda i: _("Kolom illustrative harus true atau false, dan sama untuk semua baris"),
    "subcategory_skipped": lambda i: (
        _("Baris subkategori %(value)s dilewati: hanya 17 kategori yang dibaca") % {"value": _quoted(i.value)}
    ),
    "matched_by_code": lambda i: (
        _("%(value)s dibaca sebagai kategori %(category)s menurut kodenya; namanya tidak dikenal")
        % {"value": _quoted(i.value), "category": _category(i.category)}
    ),
    "ignored_column": lambda i: (
        _("Kolom %(column)s bukan tahun atau kolom yang dipakai, dan diabaikan")
        % {"column": _quoted(i.value or i.column)}
    ),
}
KNOWN_KINDS = frozenset(_INDONESIAN)


def issue_line(issue: PdrbIssue) -> IssueLine:
    """One issue as a row of the report table, in the current language."""
    language = current_language()
    severity_text = _("galat") if issue.severity == "error" else _("peringatan")
    detail = ""
    if language == "en":
        message = issue.message
    elif issue.kind in _INDONESIAN:
        message = _INDONESIAN[issue.kind](issue)
        if issue.kind in DETAIL_IN_MESSAGE:
            detail = issue.message
    else:
        # A kind added to lib.pdrb after this table was written: show lib's English text rather than nothing.
        log.warning("no Indonesian text for PDRB issue kind %r; showing lib's message", issue.kind)
        message = issue.message
    return IssueLine(
        severity=issue.severity,
        severity_text=severity_text,
        row=issue.row,
        column=issue.column or "",
        cell=issue.cell or "",
        message=message,
        detail=detail,
    )
