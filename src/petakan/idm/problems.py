"""The problems ``petakan.lib.idm`` finds in an input file, as translated sentences for pages and commands.

The library raises ``Problem`` records with a machine-readable ``reason``, the file row and column, the value and
a context; here each reason gets its own gettext message. A reason this module does not know yet is shown with the
library's English message and logged, so that a new reason is noticed rather than hidden.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from petakan.lib.idm import Edition, Problem
from petakan.lib.uploads import quote

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProblemLine:
    """One problem, ready to show: file row (header = 1), column, the value as written, and the sentence."""

    row: int | None
    column: str
    value: str
    text: str
    reason: str
    severity: str
    message: str  # the library's English sentence (command line, logs)


def _item_label(edition: Edition | None, code: str | None) -> str:
    if edition is None or not code:
        return code or ""
    try:
        item = edition.item(code)
    except KeyError:
        return code
    return f"{code} ({item.name.get(get_language() or 'id')})"


def problem_text(problem: Problem, edition: Edition | None = None) -> str:
    """The sentence for one problem in the current language; it names the item for a score cell."""
    p = problem
    ctx = dict(p.context)
    values = {
        "row": p.row,
        "column": quote(p.column or ""),
        "value": quote(p.value or ""),  # a cell can be long: messages quote at most 100 characters
        "item": _item_label(edition, p.column),
        "max": ctx.get("max", ""),
        "first_row": ctx.get("first_row", ""),
        "year": ctx.get("year", ""),
        "suggestion": ctx.get("suggestion", ""),
        "expected": ctx.get("expected", ""),
    }
    texts = {
        "missing_column": _("Kolom %(column)s tidak ada."),
        "duplicate_column": _("Kolom %(column)s muncul dua kali."),
        "unnamed_column": _("Sebuah kolom berisi nilai tetapi tidak bernama."),
        "unknown_column": _("Kolom %(column)s bukan indikator edisi IDM ini."),
        "reserved_column": _("Kolom %(column)s adalah hasil perhitungan; hapus kolom itu."),
        "required": _("Kode desa kosong."),
        "bad_year": _("Tahun %(value)s tidak valid (harus tahun bulat mulai 2015)."),
        "wrong_year": _("Tahun %(value)s berbeda dari tahun impor %(expected)s."),
        "duplicate": _("Desa %(value)s tahun %(year)s muncul lagi (pertama di baris %(first_row)s)."),
        "not_a_number": _("%(item)s: %(value)s bukan skor (0–%(max)s)."),
        "not_integer": _("%(item)s: %(value)s bukan skor bulat (0–%(max)s)."),
        "out_of_range": _("%(item)s: skor %(value)s di luar 0–%(max)s."),
        "missing_score": _("%(item)s: skor kosong; desa ini tidak mendapat IDM."),
        "bad_value": _("%(column)s: %(value)s bukan angka desimal 0 sampai 1."),
        "unknown_status": _("Status %(value)s tidak dikenal."),
        "kelurahan": _("%(value)s adalah kelurahan: IDM hanya didefinisikan untuk desa."),
        "unsupported_file": _("Berkas harus .csv atau .xlsx."),
        "unreadable_file": _("Berkas tidak dapat dibaca."),
        "empty_file": _("Berkas kosong (tidak ada baris judul)."),
        "no_rows": _("Berkas tidak berisi baris data di bawah baris judul."),
        "several_sheets": _("Buku kerja berisi beberapa lembar; sebutkan lembar yang dibaca."),
        "unknown_sheet": _("Lembar kerja yang disebut tidak ada."),
        "idm_not_mean": _("IDM terbit %(value)s berbeda dari rata-rata IKS, IKE dan IKL."),
        "status_not_cutoffs": _(
            "Status terbit %(value)s tidak sesuai batas status untuk IDM ini (seharusnya %(expected)s)."
        ),
    }
    if p.reason == "too_many_problems":
        return p.message
    if p.reason == "upload_rejected":  # the upload guard's own sentence, in both languages
        return str(ctx["en"] if (get_language() or "id").startswith("en") else ctx["id"])
    if p.reason == "unknown_code":
        if values["suggestion"]:
            return _("Kode desa %(value)s tidak dikenal (maksudnya %(suggestion)s?).") % values
        return _("Kode desa %(value)s tidak dikenal di kabupaten ini.") % values
    template = texts.get(p.reason)
    if template is None:
        logger.warning("IDM input problem without a translated message: %s (%s)", p.reason, p.message)
        return p.message
    return template % values


def problem_lines(problems: list[Problem], edition: Edition | None = None) -> list[ProblemLine]:
    return [
        ProblemLine(
            p.row,
            quote(p.column or ""),
            quote(p.value or ""),
            problem_text(p, edition),
            p.reason,
            p.severity,
            quote(p.message, 300),
        )
        for p in problems
    ]
