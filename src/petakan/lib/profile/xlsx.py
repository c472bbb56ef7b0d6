"""Excel round trip of village profiles, for offices that work offline.

:func:`write_template` writes a workbook with one row per village; :func:`read_workbook` reads it back into
typed profiles and a report of every problem; :func:`diff` lists what an import would change (the dry-run
preview). Writing a set of profiles and reading the file back gives exactly the same values.

Layout of the sheet ``Profil``:

====  ==========================================================================================
row   content
====  ==========================================================================================
1     field codes (hidden; the reader finds columns by these codes, so the order may change)
2     section label, on the first column of each section
3     field label (with the help text as a cell comment)
4     unit and allowed range or choices
5…    one village per row: village code, name and kecamatan (grey, locked), then the values
====  ==========================================================================================

Choice and Yes/No cells carry drop-down lists and numeric cells number validation. The sheet is protected
without a password (a guard against accidents, not security); value cells are unlocked. The sheet
``Petunjuk`` holds the instructions and the list of fields.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from petakan.lib import uploads
from petakan.lib.uploads import Limits, UploadError

from ..cells import neutralise_workbook, restore
from .messages import Problem, ProfileInputError, Text, format_number
from .schema import Field, Schema
from .values import CoercionError, Value, check_field, check_rules, coerce, frame_to_records

SHEET_PROFILE = "Profil"
SHEET_GUIDE = "Petunjuk"
SHEETS = (SHEET_PROFILE, SHEET_GUIDE)
IDENTITY_COLUMNS = ("village_code", "village_name", "kecamatan_name")
# Written only when values are carried over from last year; read back as information, never as a value.
CARRIED_COLUMN = "carried_over"
CARRIED_LABEL = Text("Dibawa dari tahun lalu (periksa)", "Carried over from last year (check)")
_CARRIED_FILL = PatternFill("solid", fgColor="FFF4D6")
CODE_ROW, SECTION_ROW, LABEL_ROW, UNIT_ROW = 1, 2, 3, 4
FIRST_DATA_ROW = 5
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
VILLAGE_CODE_RE = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")
# Excel limits the list of a drop-down given inline to 255 characters.
MAX_LIST_FORMULA = 255

BOOLEAN_LABELS = {"id": ("Ya", "Tidak"), "en": ("Yes", "No")}
IDENTITY_LABELS = {
    "village_code": Text("Kode desa", "Village code"),
    "village_name": Text("Nama desa/kelurahan", "Village name"),
    "kecamatan_name": Text("Kecamatan", "Kecamatan"),
}
GUIDE = {
    "id": (
        "Isi satu baris per desa di lembar 'Profil'. Kolom kode desa, nama desa dan kecamatan (abu-abu) terkunci.",
        "Ketik angka tanpa satuan. Persentase diisi 0 sampai 100 (misalnya 45,5), bukan 0,455.",
        "Untuk isian pilihan dan Ya/Tidak, pilih dari daftar pada sel.",
        "Kosongkan sel bila datanya tidak diketahui; isi 0 bila memang tidak ada.",
        "Jangan menambah, menghapus, memindah atau menggabungkan kolom, baris judul atau lembar, "
        "dan jangan memakai rumus.",
        "Unggah berkas .xlsx ini di Petakan (paling besar 10 MB). "
        "Petakan menampilkan pratinjau perubahan sebelum menyimpan.",
    ),
    "en": (
        "Fill in one row per village on the sheet 'Profil'. "
        "The village code, name and kecamatan columns (grey) are locked.",
        "Type numbers without units. Percentages are 0 to 100 (e.g. 45.5), not 0.455.",
        "For choice and Yes/No fields, pick from the cell's drop-down list.",
        "Leave a cell empty when the figure is unknown; enter 0 when there is none.",
        "Do not add, delete, move or merge columns, header rows or sheets, and do not use formulas.",
        "Upload this .xlsx file to Petakan (at most 10 MB). Petakan shows a preview of the changes before saving.",
    ),
}
GUIDE_HEADERS = {
    "id": ("Kode", "Bagian", "Isian", "Satuan", "Jenis", "Batas atau pilihan", "Wajib", "Keterangan"),
    "en": ("Code", "Section", "Field", "Unit", "Type", "Range or choices", "Required", "Help"),
}
TYPE_LABELS = {
    "integer": Text("bilangan bulat", "whole number"),
    "decimal": Text("desimal", "decimal"),
    "percent": Text("persen 0–100", "percent 0–100"),
    "boolean": Text("Ya/Tidak", "Yes/No"),
    "choice": Text("pilihan", "choice"),
    "text": Text("teks", "text"),
}

_GREY = PatternFill("solid", fgColor="E7E6E6")
_SECTION_FILLS = (PatternFill("solid", fgColor="DDEBF7"), PatternFill("solid", fgColor="E2EFDA"))
_LOCKED = Protection(locked=True)
_UNLOCKED = Protection(locked=False)
_BOLD = Font(bold=True)
_SMALL_GREY = Font(size=8, color="808080")
_WRAP = Alignment(wrap_text=True, vertical="top")


# ---------------------------------------------------------------------------------------------- writing
def _number_format(f: Field) -> str:
    if f.type == "integer":
        return "#,##0"
    decimals = f.decimals if f.decimals is not None else 2
    fraction = "." + "0" * decimals if decimals else ""
    # Percent fields hold 0-100 numbers: an Excel "%" format would show 45.5 as 4550 %.
    return ("0" if f.type == "percent" else "#,##0") + fraction


def _range_text(f: Field, lang: str) -> str:
    if f.type == "boolean":
        return "/".join(BOOLEAN_LABELS[lang])
    if f.type == "choice":
        return " / ".join(c.label.get(lang) for c in f.choices)
    if f.type == "text":
        return f"≤ {f.max_length} karakter" if lang == "id" else f"≤ {f.max_length} characters"
    lo = "" if f.min is None else format_number(f.min, lang)
    hi = "" if f.max is None else format_number(f.max, lang)
    if lo and hi:
        return f"{lo}–{hi}"
    if lo:
        return f"≥ {lo}"
    return f"≤ {hi}" if hi else ""


def _unit_text(f: Field, lang: str) -> str:
    unit = f.unit.label.get(lang) if f.unit else ""
    parts = [p for p in (unit, _range_text(f, lang)) if p]
    if f.required:
        parts.append("wajib" if lang == "id" else "required")
    return " · ".join(parts)


def _cell_value(f: Field, value: Value, lang: str) -> Any:
    """A typed profile value as written into a cell (Yes/No and choices as labels in ``lang``)."""
    if value is None:
        return None
    if f.type == "boolean":
        return BOOLEAN_LABELS[lang][0 if value else 1]
    if f.type == "choice":
        return f.choice(str(value)).label.get(lang)
    return value


def _validation(f: Field, lang: str) -> DataValidation | None:
    error_title = "Isian tidak valid" if lang == "id" else "Invalid entry"
    if f.type in ("boolean", "choice"):
        labels = BOOLEAN_LABELS[lang] if f.type == "boolean" else tuple(c.label.get(lang) for c in f.choices)
        formula = '"' + ",".join(labels) + '"'
        if len(formula) > MAX_LIST_FORMULA:
            raise ValueError(f"the choice labels of field {f.code!r} are too long for an Excel drop-down list")
        message = ("Pilih dari daftar: " if lang == "id" else "Pick from the list: ") + " / ".join(labels)
        dv = DataValidation(type="list", formula1=formula, allow_blank=True)
    elif f.is_numeric:
        kind = "whole" if f.type == "integer" else "decimal"
        if f.min is not None and f.max is not None:
            dv = DataValidation(
                type=kind, operator="between", formula1=repr(f.min), formula2=repr(f.max), allow_blank=True
            )
        elif f.min is not None:
            dv = DataValidation(type=kind, operator="greaterThanOrEqual", formula1=repr(f.min), allow_blank=True)
        elif f.max is not None:
            dv = DataValidation(type=kind, operator="lessThanOrEqual", formula1=repr(f.max), allow_blank=True)
        else:
            dv = DataValidation(type=kind, operator="between", formula1="-1E+300", formula2="1E+300", allow_blank=True)
        what = (
            ("bilangan bulat" if lang == "id" else "a whole number")
            if kind == "whole"
            else ("angka" if lang == "id" else "a number")
        )
        message = (f"Isi {what} " if lang == "id" else f"Enter {what} ") + _range_text(f, lang)
    elif f.type == "text" and f.max_length:
        dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(f.max_length), allow_blank=True)
        message = _range_text(f, lang)
    else:
        return None
    dv.error = message[:255]
    dv.errorTitle = error_title
    dv.showErrorMessage = True
    return dv


def _carried_text(schema: Schema, from_year: int | None, codes: set[str], lang: str) -> str:
    """E.g. "dari 2026 — periksa: Penduduk laki-laki, Jumlah KK" (labels in schema order)."""
    labels = ", ".join(f.label.get(lang) for f in schema.fields if f.code in codes)
    head = f"dari {from_year} — periksa" if lang == "id" else f"from {from_year} — check"
    return f"{head}: {labels}"


def write_template(
    schema: Schema,
    rows: Iterable[Mapping[str, Any]],
    path_or_stream: str | Path | IO[bytes],
    *,
    lang: str = "id",
    year: int | None = None,
    carried: Mapping[str, tuple[int, Iterable[str]]] | None = None,
) -> None:
    """Write the profile workbook (see the module docstring) with one row per village.

    Each row is a mapping with ``village_code``, ``village_name``, ``kecamatan_name`` and any typed field values
    (missing fields are left empty). ``lang`` (``"id"`` or ``"en"``) is the language of labels, units,
    Yes/No and choice labels; the reader accepts both. ``year`` is printed in the instructions.
    ``carried`` (village code → (year, field codes)) names the values carried over from an earlier year's
    published profile: they get a column of their own (``carried_over``, after the identity columns) saying so,
    and a yellow fill. The reader ignores that column.
    """
    if lang not in BOOLEAN_LABELS:
        raise ValueError(f"unknown language {lang!r}: expected 'id' or 'en'")
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_PROFILE
    fields = schema.fields
    id_columns = IDENTITY_COLUMNS + ((CARRIED_COLUMN,) if carried else ())
    n_id = len(id_columns)
    columns: list[tuple[str, Field | None]] = [(c, None) for c in id_columns] + [(f.code, f) for f in fields]

    section_of = {s.code: s for s in schema.sections}
    previous_section = None
    section_index = -1
    for j, (code, f) in enumerate(columns, start=1):
        ws.cell(CODE_ROW, j, code).font = _SMALL_GREY
        if f is None:
            label = (CARRIED_LABEL if code == CARRIED_COLUMN else IDENTITY_LABELS[code]).get(lang)
            fill = _GREY
            identity = section_of["identity"].label if "identity" in section_of else Text("Identitas", "Identity")
            ws.cell(SECTION_ROW, j, identity.get(lang) if j == 1 else None).fill = fill
        else:
            if f.section != previous_section:
                section_index += 1
                previous_section = f.section
                ws.cell(SECTION_ROW, j, section_of[f.section].label.get(lang)).font = _BOLD
            fill = _SECTION_FILLS[section_index % 2]
            ws.cell(SECTION_ROW, j).fill = fill
            label = f.label.get(lang)
        head = ws.cell(LABEL_ROW, j, label)
        head.font, head.alignment, head.fill = _BOLD, _WRAP, fill
        unit = ws.cell(UNIT_ROW, j, _unit_text(f, lang) if f else None)
        unit.font, unit.alignment, unit.fill = _SMALL_GREY, _WRAP, fill
        if f is not None:
            head.comment = Comment(f"{f.help.get(lang)} [{f.code}]", "Petakan", width=300, height=120)
        width = 18 if f is None else (40 if f.type == "text" else 16)
        ws.column_dimensions[get_column_letter(j)].width = {"village_name": 24, CARRIED_COLUMN: 40}.get(code, width)
    ws.row_dimensions[CODE_ROW].hidden = True
    ws.row_dimensions[LABEL_ROW].height = 45

    rows = list(rows)
    formats = [_number_format(f) if f.is_numeric else None for f in fields]
    for i, row in enumerate(rows):
        r = FIRST_DATA_ROW + i
        from_year, carried_codes = (carried or {}).get(str(row.get("village_code")), (None, ()))
        carried_codes = set(carried_codes)
        for j, code in enumerate(id_columns, start=1):
            text = row.get(code)
            if code == CARRIED_COLUMN:
                text = _carried_text(schema, from_year, carried_codes, lang) if carried_codes else None
            cell = ws.cell(r, j, text)
            cell.data_type = "s"
            cell.fill, cell.protection = _GREY, _LOCKED
        for j, f in enumerate(fields, start=n_id + 1):
            cell = ws.cell(r, j, _cell_value(f, row.get(f.code), lang))
            if f.code in carried_codes:
                cell.fill = _CARRIED_FILL
            if f.type == "text" and isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl would take text starting with "=" for a formula
            cell.protection = _UNLOCKED
            fmt = formats[j - n_id - 1]
            if fmt:
                cell.number_format = fmt

    last = FIRST_DATA_ROW + max(len(rows), 1) - 1
    for j, f in enumerate(fields, start=n_id + 1):
        dv = _validation(f, lang)
        if dv is not None:
            letter = get_column_letter(j)
            dv.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last}")
            ws.add_data_validation(dv)
    ws.freeze_panes = ws.cell(FIRST_DATA_ROW, n_id + 1)
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False

    _write_guide(wb.create_sheet(SHEET_GUIDE), schema, lang, year)
    neutralise_workbook(wb).save(path_or_stream)  # no profile text becomes a live formula


def _write_guide(ws: Any, schema: Schema, lang: str, year: int | None) -> None:
    title = schema.title.get(lang) + (f" {year}" if year else "")
    ws.cell(1, 1, title).font = Font(bold=True, size=14)
    ws.cell(2, 1, f"{'Skema' if lang == 'id' else 'Schema'}: {schema.code}").font = _SMALL_GREY
    r = 4
    for n, line in enumerate(GUIDE[lang], start=1):
        ws.cell(r, 1, f"{n}. {line}")
        r += 1
    r += 1
    for j, head in enumerate(GUIDE_HEADERS[lang], start=1):
        ws.cell(r, j, head).font = _BOLD
    yes_no = BOOLEAN_LABELS[lang]
    for f in schema.fields:
        r += 1
        values = (
            f.code,
            schema.section(f.section).label.get(lang),
            f.label.get(lang),
            f.unit.label.get(lang) if f.unit else "",
            TYPE_LABELS[f.type].get(lang),
            _range_text(f, lang),
            yes_no[0] if f.required else yes_no[1],
            f.help.get(lang),
        )
        for j, value in enumerate(values, start=1):
            ws.cell(r, j, value).data_type = "s"
    for letter, width in zip("ABCDEFGH", (26, 28, 36, 16, 16, 36, 8, 80), strict=True):
        ws.column_dimensions[letter].width = width


def template_rows(schema: Schema, profiles: pd.DataFrame | None, villages: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows for :func:`write_template`: ``villages`` (columns ``code``, ``name``, ``kecamatan_name``) in order,
    with the typed values of ``profiles`` (a villages × fields frame indexed by village code) where present."""
    records = frame_to_records(schema, profiles) if profiles is not None else {}
    out = []
    for code, name, kecamatan in zip(villages["code"], villages["name"], villages["kecamatan_name"], strict=True):
        out.append(
            {"village_code": str(code), "village_name": name, "kecamatan_name": kecamatan, **records.get(str(code), {})}
        )
    return out


# ---------------------------------------------------------------------------------------------- reading
@dataclass
class ImportResult:
    """The outcome of reading a workbook.

    ``rows`` maps each accepted village code to its typed values over all entered fields (a cell that could
    not be read is None there and reported in ``problems``). ``row_numbers`` gives each village's Excel row.
    An import must be all-or-nothing: store ``rows`` only when ``ok``.
    """

    rows: dict[str, dict[str, Value]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    row_numbers: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def raise_for_problems(self) -> None:
        """Raise :class:`ProfileInputError` with every problem, if there is any."""
        if self.problems:
            raise ProfileInputError(self.problems)


def template_limits(schema: Schema, villages: int, max_bytes: int = DEFAULT_MAX_BYTES) -> Limits:
    """What a filled-in template can hold: its header rows and one row per registered village (286 for a regency,
    83,762 for the whole country), its identity and field columns, each with a little room for blank rows and an
    extra column, which the reader reports in words. The guide sheet lists every field, one a row, so a template
    for a handful of villages still has room for it. The reader loads the whole workbook (it needs merged cells and
    formulas), so its unpacked size is capped too: a filled Kendal template unpacks to 1.9 MB (about 6.5 KB per
    village); 20 KB per village, at least 32 MB, leaves room for any formatting Excel adds."""
    return Limits(
        kind="profile",
        max_bytes=max_bytes,
        max_rows=FIRST_DATA_ROW - 1 + max(villages, len(schema.fields)) + 50,
        max_columns=len(IDENTITY_COLUMNS) + len(schema.fields) + 10,
        max_unpacked=max(32 * uploads.MB, villages * 20 * 1024),
    )


def _read_bytes(source: str | Path | bytes | IO[bytes], limits: Limits) -> bytes:
    """The file's bytes; its size is checked before it is read (:class:`UploadError` when too large or empty)."""
    if isinstance(source, bytes | bytearray | str | Path):
        return uploads.read_bytes(source, limits)
    try:
        start = source.tell()
        source.seek(0, io.SEEK_END)
        size = source.tell() - start
        source.seek(start)
    except (AttributeError, OSError, io.UnsupportedOperation):
        data = source.read(limits.max_bytes + 1)
        uploads.check_size(len(data), limits)
        return data
    uploads.check_size(size, limits)
    return source.read()


def _open(data: bytes) -> tuple[Any, Problem | None]:
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return None, Problem("not_xlsx_xls", {})
    if not data.startswith(b"PK\x03\x04"):
        return None, Problem("not_xlsx", {"detail": "not a ZIP package"})
    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel extensions it drops (e.g. extended data validation); harmless here.
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), data_only=False), None
    except Exception as exc:
        return None, Problem("not_xlsx", {"detail": f"{type(exc).__name__}: {exc}"[:200]})


def _is_formula(cell: Cell) -> bool:
    return cell.data_type == "f" or isinstance(cell.value, ArrayFormula | DataTableFormula)


def read_workbook(
    schema: Schema,
    stream: str | Path | bytes | IO[bytes],
    *,
    allowed_codes: set[str],
    known_codes: set[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    partial: bool = True,
    limits: Limits | None = None,
) -> ImportResult:
    """Read a profile workbook into typed profiles, collecting every problem (see :class:`ImportResult`).

    ``known_codes`` are the registered village codes, ``allowed_codes`` those the uploader may edit (their
    scope). Rejected, each with sheet / row / column / field / value where they apply: a file larger than
    ``max_bytes`` (checked before parsing), a file that is not XLSX, missing or extra sheets, merged cells,
    a missing column-code row, missing, unknown or duplicate columns, an empty, malformed, unknown or
    out-of-scope village code, a village given twice, formulas, text in numeric cells, values out of range
    or not among the choices, broken cross-field rules, and (with ``partial=False``) empty required fields.
    Empty rows are skipped. Percent cells formatted as Excel percentages (``45%`` stored as 0.45) are read as
    45. The village name and kecamatan columns are informative and not compared.

    Before openpyxl sees the file, :func:`petakan.lib.uploads.check_xlsx` checks it against ``limits`` (by default
    :func:`template_limits` for ``known_codes`` and ``max_bytes``): size, zip, the rows and columns that really
    exist, cell text length. A file it refuses is one problem ``upload_rejected`` with the guard's sentence.
    """
    result = ImportResult()
    limits = limits or template_limits(schema, len(known_codes), max_bytes)
    try:
        data = uploads.check_xlsx(_read_bytes(stream, limits), limits)
    except UploadError as exc:
        result.problems.append(Problem("upload_rejected", {"text": Text(exc.message_id, exc.message_en)}))
        return result
    wb, problem = _open(data)
    if problem is not None:
        result.problems.append(problem)
        return result
    try:
        _read_sheets(schema, wb, result, allowed_codes, known_codes, partial)
    finally:
        wb.close()
    return result


def _read_sheets(
    schema: Schema, wb: Any, result: ImportResult, allowed: set[str], known: set[str], partial: bool
) -> None:
    problems = result.problems
    for name in SHEETS:
        if name not in wb.sheetnames:
            problems.append(Problem("missing_sheet", {"sheet": name}, sheet=name))
    for name in wb.sheetnames:
        if name not in SHEETS:
            problems.append(Problem("extra_sheet", {"sheet": name}, sheet=name))
    if SHEET_PROFILE not in wb.sheetnames:
        return
    ws = wb[SHEET_PROFILE]
    for merged in sorted(ws.merged_cells.ranges, key=lambda m: (m.min_row, m.min_col)):
        problems.append(
            Problem(
                "merged_cells",
                {"cells": merged.coord},
                sheet=SHEET_PROFILE,
                row=merged.min_row,
                column=get_column_letter(merged.min_col),
            )
        )
    columns = _header(schema, ws, problems)
    if columns is None or "village_code" not in columns:
        return
    _read_rows(schema, ws, columns, result, allowed, known, partial)


def _header(schema: Schema, ws: Any, problems: list[Problem]) -> dict[str, int] | None:
    """Column index (1-based) of each known code in the code row; None if the row is absent."""
    expected = list(IDENTITY_COLUMNS) + list(schema.codes)
    expected_set = set(expected)
    header = next(ws.iter_rows(min_row=CODE_ROW, max_row=CODE_ROW, values_only=True), ())
    codes = [str(v).strip() if v is not None else "" for v in header]
    if not expected_set.intersection(codes):
        problems.append(Problem("missing_header", {}, sheet=SHEET_PROFILE, row=CODE_ROW))
        return None
    columns: dict[str, int] = {}
    for j, code in enumerate(codes, start=1):
        if not code:
            continue
        letter = get_column_letter(j)
        if code == CARRIED_COLUMN:
            continue  # information written with the template, not a value
        if code not in expected_set:
            problems.append(
                Problem("unknown_column", {"field": code}, field=code, sheet=SHEET_PROFILE, row=CODE_ROW, column=letter)
            )
        elif code in columns:
            params = {"field": code, "first_column": get_column_letter(columns[code])}
            problems.append(
                Problem("duplicate_column", params, field=code, sheet=SHEET_PROFILE, row=CODE_ROW, column=letter)
            )
        else:
            columns[code] = j
    for code in expected:
        if code not in columns:
            problems.append(Problem("missing_column", {"field": code}, field=code, sheet=SHEET_PROFILE, row=CODE_ROW))
    return columns


def _read_rows(
    schema: Schema,
    ws: Any,
    columns: dict[str, int],
    result: ImportResult,
    allowed: set[str],
    known: set[str],
    partial: bool,
) -> None:
    problems = result.problems
    code_col = columns["village_code"]
    field_cols = [(f, columns[f.code], get_column_letter(columns[f.code])) for f in schema.fields if f.code in columns]
    letter_of = {f.code: letter for f, _, letter in field_cols}
    info_cols = [columns[c] for c in ("village_name", "kecamatan_name") if c in columns]
    width = max(columns.values())
    seen_rows = 0
    for cells in ws.iter_rows(min_row=FIRST_DATA_ROW, max_col=width):
        if all(c.value is None or (isinstance(c.value, str) and not c.value.strip()) for c in cells):
            continue
        seen_rows += 1
        r = cells[0].row
        row_problems: list[Problem] = []
        code_cell = cells[code_col - 1]
        village = _village_code(code_cell, r, row_problems, result, allowed, known)

        def at(p: Problem, letter: str, *, _r: int = r, _v: str | None = village) -> Problem:
            return Problem(
                p.key,
                p.params,
                field=p.field,
                value=p.value,
                rule=p.rule,
                sheet=SHEET_PROFILE,
                row=_r,
                column=letter,
                village=_v,
            )

        for j in info_cols:
            cell = cells[j - 1]
            if _is_formula(cell):
                letter = get_column_letter(j)
                row_problems.append(
                    at(Problem("formula_not_allowed", {"value": str(cell.value)}, value=str(cell.value)), letter)
                )
        values: dict[str, Value] = {}
        valid: dict[str, Value] = {}
        for f, j, letter in field_cols:
            cell = cells[j - 1]
            if _is_formula(cell):
                text = str(cell.value) if not isinstance(cell.value, ArrayFormula) else str(cell.value.text)
                row_problems.append(
                    at(Problem("formula_not_allowed", {"value": text}, field=f.code, value=text), letter)
                )
                values[f.code] = None
                continue
            raw = restore(cell.value)  # text this template quoted against formulas (lib/cells.py)
            if (
                f.type == "percent"
                and isinstance(raw, int | float)
                and not isinstance(raw, bool)
                and "%" in cell.number_format
            ):
                raw = round(raw * 100, 10)
            try:
                value = coerce(f, raw)
            except CoercionError as exc:
                row_problems.append(at(exc.problem(), letter))
                values[f.code] = None
                continue
            values[f.code] = value
            if value is None:
                if f.required and not partial:
                    row_problems.append(at(Problem("required", {}, field=f.code), letter))
                continue
            field_problems = check_field(f, value)
            row_problems.extend(at(p, letter) for p in field_problems)
            if not field_problems:
                valid[f.code] = value
        for p in check_rules(schema, valid):
            row_problems.append(at(p, letter_of.get(p.field or "", "")))
        problems.extend(row_problems)
        if village is not None:
            result.rows[village] = {f.code: values.get(f.code) for f in schema.fields}
            result.row_numbers[village] = r
    if seen_rows == 0:
        problems.append(Problem("no_rows", {}, sheet=SHEET_PROFILE, row=FIRST_DATA_ROW))


def _village_code(
    cell: Cell, r: int, problems: list[Problem], result: ImportResult, allowed: set[str], known: set[str]
) -> str | None:
    """The row's village code if it is valid, in scope and new; otherwise None and a problem."""
    letter = cell.column_letter

    def bad(key: str, value: Any, **params: Any) -> None:
        problems.append(
            Problem(
                key,
                {"value": value, **params},
                field="village_code",
                value=value,
                sheet=SHEET_PROFILE,
                row=r,
                column=letter,
            )
        )

    if _is_formula(cell):
        bad("formula_not_allowed", str(cell.value))
        return None
    raw = cell.value
    code = str(raw).strip() if raw is not None else ""
    if not code:
        problems.append(
            Problem("missing_village_code", {}, field="village_code", sheet=SHEET_PROFILE, row=r, column=letter)
        )
        return None
    if not VILLAGE_CODE_RE.match(code):
        bad("malformed_village_code", code)
        return None
    if code not in known:
        bad("unknown_village", code)
        return None
    if code not in allowed:
        bad("village_out_of_scope", code)
        return None
    if code in result.row_numbers:
        bad("duplicate_village", code, first_row=result.row_numbers[code])
        return None
    return code


# ---------------------------------------------------------------------------------------------- diff
@dataclass(frozen=True)
class Change:
    """One value an import would change: village ``code``, ``field``, ``old`` and ``new`` typed values."""

    code: str
    field: str
    old: Value
    new: Value


def _same(a: Value, b: Value) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


def diff(old_rows: Mapping[str, Mapping[str, Value]], new_rows: Mapping[str, Mapping[str, Value]]) -> list[Change]:
    """The changes from ``old_rows`` to ``new_rows`` (village code → field → value), for the dry-run preview.

    Only the villages and fields present in ``new_rows`` are compared (an import touches nothing else); a
    village absent from ``old_rows`` counts as all-empty. Numbers compare by value (``2 == 2.0``), booleans only
    with booleans. Changes are listed in the order of ``new_rows`` and of its fields.
    """
    changes: list[Change] = []
    empty: Mapping[str, Value] = {}
    for code, new in new_rows.items():
        old = old_rows.get(code, empty)
        for name, value in new.items():
            before = old.get(name)
            if not _same(before, value):
                changes.append(Change(code, name, before, value))
    return changes
