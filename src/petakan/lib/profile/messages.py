"""User-facing messages of the profile package, in Bahasa Indonesia and English, and the :class:`Problem` type.

Every problem carries a stable ``key`` and its ``params``, so the web layer can translate it itself; it also
carries the rendered sentence in both languages (``message_id``, ``message_en``), so a command or a report can
show it directly. Numbers in the Indonesian text use Indonesian separators (``1.234,5``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from petakan.lib.uploads import quote

LANGS = ("id", "en")


@dataclass(frozen=True)
class Text:
    """A text in Bahasa Indonesia (``id``) and English (``en``)."""

    id: str
    en: str

    def get(self, lang: str) -> str:
        """The text in ``lang`` (``"id"`` or ``"en"``)."""
        if lang == "id":
            return self.id
        if lang == "en":
            return self.en
        raise ValueError(f"unknown language {lang!r}: expected one of {LANGS}")


# key -> (Indonesian template, English template). Placeholders are the problem's params.
MESSAGES: dict[str, tuple[str, str]] = {
    # values
    "required": ("Wajib diisi.", "This field is required."),
    "unknown_field": ("Isian '{field}' tidak dikenal.", "Unknown field '{field}'."),
    "not_entered": (
        "Isian '{field}' tidak diisi oleh desa (diambil dari data wilayah atau dihitung otomatis).",
        "Field '{field}' is not entered (it comes from the region register or is computed).",
    ),
    "not_a_number": ("'{value}' bukan angka.", "'{value}' is not a number."),
    "not_a_whole_number": ("{value} bukan bilangan bulat.", "{value} is not a whole number."),
    "below_min": ("{value} kurang dari batas bawah {min}.", "{value} is below the minimum of {min}."),
    "above_max": ("{value} melebihi batas atas {max}.", "{value} is above the maximum of {max}."),
    "not_a_boolean": ("'{value}' harus Ya atau Tidak.", "'{value}' must be Yes or No."),
    "not_a_choice": (
        "'{value}' bukan pilihan yang tersedia: {choices}.",
        "'{value}' is not one of the choices: {choices}.",
    ),
    "not_text": ("Isian harus berupa teks.", "The value must be text."),
    "text_too_long": (
        "Teks terlalu panjang: {length} karakter, paling banyak {max_length}.",
        "The text is too long: {length} characters, at most {max_length}.",
    ),
    "sum_above_limit": (
        "{fields} = {total}, melebihi batas {limit}.",
        "{fields} = {total}, more than the limit of {limit}.",
    ),
    "sum_above_other": (
        "{fields} ({total}) tidak boleh melebihi {others} ({other_total}).",
        "{fields} ({total}) must not exceed {others} ({other_total}).",
    ),
    "only_if_condition": (
        "{fields} harus kosong, 0 atau Tidak, kecuali bila {condition}.",
        "{fields} must be empty, 0 or No unless {condition}.",
    ),
    # workbook
    "file_too_large": (
        "Berkas terlalu besar: {size} bita, paling besar {limit} bita.",
        "The file is too large: {size} bytes, at most {limit} bytes.",
    ),
    "empty_file": ("Berkas kosong.", "The file is empty."),
    # the shared upload guard's own sentence (petakan.lib.uploads), carried as a Text
    "upload_rejected": ("{text}", "{text}"),
    "not_xlsx_xls": (
        "Berkas berformat Excel lama (.xls); simpan ulang sebagai .xlsx.",
        "The file is an old Excel file (.xls); save it again as .xlsx.",
    ),
    "not_xlsx": (
        "Berkas bukan berkas Excel .xlsx yang dapat dibaca ({detail}).",
        "The file is not a readable Excel .xlsx file ({detail}).",
    ),
    "missing_sheet": ("Lembar '{sheet}' tidak ada.", "Sheet '{sheet}' is missing."),
    "extra_sheet": (
        "Lembar '{sheet}' tidak dikenal; hapus lembar itu atau pakai templat asli.",
        "Unknown sheet '{sheet}'; delete it or use the original template.",
    ),
    "missing_header": (
        "Baris kode kolom (baris 1) tidak ditemukan; pakai templat asli.",
        "The column-code row (row 1) is missing; use the original template.",
    ),
    "missing_column": ("Kolom '{field}' tidak ada.", "Column '{field}' is missing."),
    "unknown_column": ("Kolom '{field}' tidak dikenal.", "Unknown column '{field}'."),
    "duplicate_column": (
        "Kolom '{field}' muncul lebih dari sekali (juga di kolom {first_column}).",
        "Column '{field}' appears more than once (also in column {first_column}).",
    ),
    "merged_cells": (
        "Sel gabungan {cells} tidak diperbolehkan; pisahkan kembali selnya.",
        "Merged cells {cells} are not allowed; unmerge them.",
    ),
    "formula_not_allowed": (
        "Rumus tidak diperbolehkan ({value}); ketik nilainya langsung.",
        "Formulas are not allowed ({value}); type the value itself.",
    ),
    "missing_village_code": ("Kode desa kosong.", "The village code is empty."),
    "malformed_village_code": (
        "'{value}' bukan kode desa Kemendagri (contoh 33.24.06.2003).",
        "'{value}' is not a Kemendagri village code (e.g. 33.24.06.2003).",
    ),
    "unknown_village": ("Kode desa {value} tidak terdaftar.", "Village code {value} is not registered."),
    "village_out_of_scope": (
        "Desa {value} berada di luar wilayah kewenangan Anda.",
        "Village {value} is outside the area you may edit.",
    ),
    "duplicate_village": (
        "Desa {value} muncul lebih dari sekali (juga di baris {first_row}).",
        "Village {value} appears more than once (also in row {first_row}).",
    ),
    "no_rows": ("Tidak ada baris data desa.", "There are no village rows."),
}


def format_number(value: float | int, lang: str) -> str:
    """A number as people write it: ``1.234,5`` in Indonesian, ``1,234.5`` in English; integers without decimals."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.6f}".rstrip("0").rstrip(".")
    if lang == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def _render(param: Any, lang: str) -> str:
    if isinstance(param, Text):
        return param.get(lang)
    if isinstance(param, bool):
        return {"id": ("Ya" if param else "Tidak"), "en": ("Yes" if param else "No")}[lang]
    if isinstance(param, int | float):
        return format_number(param, lang)
    if isinstance(param, list | tuple):
        # " / " rather than commas: labels may contain commas themselves.
        return " / ".join(_render(p, lang) for p in param)
    # A value from a file can be a whole cell: messages quote at most 100 characters of it.
    return quote(param)


def render(key: str, params: dict[str, Any], lang: str) -> str:
    """The message ``key`` in ``lang`` with ``params`` filled in."""
    try:
        templates = MESSAGES[key]
    except KeyError:
        raise KeyError(f"no message with key {key!r}") from None
    template = templates[0] if lang == "id" else templates[1] if lang == "en" else None
    if template is None:
        raise ValueError(f"unknown language {lang!r}: expected one of {LANGS}")
    return template.format(**{name: _render(value, lang) for name, value in params.items()})


@dataclass(frozen=True)
class Problem:
    """One problem in a profile or an imported workbook.

    ``key`` is a stable machine code (a key of :data:`MESSAGES`) and ``params`` its parameters; ``field`` is
    the field code concerned (for a cross-field rule, the first field the rule names; ``rule`` is then the
    rule code), ``value`` the offending value as given. Workbook problems also name ``sheet``, the 1-based
    Excel ``row``, the ``column`` letter and the ``village`` code of the row.
    """

    key: str
    params: dict[str, Any] = dataclass_field(default_factory=dict)
    field: str | None = None
    value: Any = None
    rule: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    village: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.value, str) and len(self.value) > 100:
            object.__setattr__(self, "value", quote(self.value))

    @property
    def message_id(self) -> str:
        """The message in Bahasa Indonesia."""
        return render(self.key, self.params, "id")

    @property
    def message_en(self) -> str:
        """The message in English."""
        return render(self.key, self.params, "en")

    def message(self, lang: str) -> str:
        return render(self.key, self.params, lang)

    def location(self, lang: str = "en") -> str:
        """Where the problem is, e.g. ``Profil!F12 (pop_male)`` or ``pop_male``; empty for a whole file."""
        parts = []
        if self.sheet is not None:
            cell = f"{self.column or ''}{self.row or ''}"
            parts.append(f"{self.sheet}!{cell}" if cell else self.sheet)
        elif self.row is not None:
            parts.append(("baris " if lang == "id" else "row ") + str(self.row))
        if self.field is not None:
            parts.append(f"({self.field})" if parts else self.field)
        return " ".join(parts)

    def describe(self, lang: str = "en") -> str:
        """Location and message in one line, for logs and command output."""
        where = self.location(lang)
        return f"{where}: {self.message(lang)}" if where else self.message(lang)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict (params rendered as English text)."""
        out: dict[str, Any] = {
            "key": self.key,
            "params": {
                k: (_render(v, "en") if isinstance(v, Text | list | tuple) else v) for k, v in self.params.items()
            },
            "message_id": self.message_id,
            "message_en": self.message_en,
        }
        for name in ("field", "value", "rule", "sheet", "row", "column", "village"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value if isinstance(value, int | float | str | bool) else str(value)
        return out


class ProfileInputError(ValueError):
    """Raised with every problem of one input (a profile or a workbook), never only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(self.summary())

    def summary(self, lang: str = "en", limit: int = 20) -> str:
        lines = [p.describe(lang) for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"... and {len(self.problems) - limit} more problem(s)")
        return f"{len(self.problems)} problem(s):\n" + "\n".join(f"- {line}" for line in lines)

    def __str__(self) -> str:
        return self.summary()
