"""The RPJMD cascade as an XLSX workbook: the template (optionally filled with a period's cascade) and the import.

Import is dry run by default and all-or-nothing: the whole workbook is read and checked first, every problem cell
is collected (sheet, row, column, value, reason); only a workbook without problems is written, in one transaction.
Rows are matched by code within the period (indicators by owner and name), so importing the same file twice
changes nothing.

Sheets (row 1 is the header; ``YYYY`` stands for each year of the period):

* Periode — two columns ``kolom, nilai`` with rows nama, tahun_awal, tahun_akhir, visi, dasar_hukum, sumber
* Misi — kode, misi, kata_kunci, sumber
* Tujuan — kode, kode_misi, tujuan, sumber
* Sasaran — kode, kode_tujuan, sasaran, sumber
* Strategi — kode, kode_sasaran, strategi, arah_kebijakan, sumber
* Program — kode, kode_sasaran, kode_strategi, kode_permendagri90, nama_program, opd, pagu_YYYY…, sumber
* Indikator — tingkat (tujuan/sasaran/program), kode_induk, indikator, satuan, kondisi_awal, tahun_kondisi_awal,
  target_YYYY…, target_akhir, sumber_data, catatan
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import openpyxl
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from petakan import uploads
from petakan.lib import uploads as guard
from petakan.lib.cells import neutralise_workbook, restore
from petakan.lib.uploads import Limits, UploadError, check_size
from petakan.planning.history import record
from petakan.planning.models import Indicator, Misi, Period, RpjmdProgram, Sasaran, Strategy, Tujuan

PERIOD_KEYS = ("nama", "tahun_awal", "tahun_akhir", "visi", "dasar_hukum", "sumber")
SHEETS: dict[str, tuple[str, ...]] = {
    "Misi": ("kode", "misi", "kata_kunci", "sumber"),
    "Tujuan": ("kode", "kode_misi", "tujuan", "sumber"),
    "Sasaran": ("kode", "kode_tujuan", "sasaran", "sumber"),
    "Strategi": ("kode", "kode_sasaran", "strategi", "arah_kebijakan", "sumber"),
    "Program": ("kode", "kode_sasaran", "kode_strategi", "kode_permendagri90", "nama_program", "opd", "sumber"),
    "Indikator": (
        "tingkat",
        "kode_induk",
        "indikator",
        "satuan",
        "kondisi_awal",
        "tahun_kondisi_awal",
        "target_akhir",
        "sumber_data",
        "catatan",
    ),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "Misi": ("kode", "misi"),
    "Tujuan": ("kode", "kode_misi", "tujuan"),
    "Sasaran": ("kode", "kode_tujuan", "sasaran"),
    "Strategi": ("kode", "kode_sasaran", "strategi"),
    "Program": ("kode", "kode_sasaran", "nama_program"),
    "Indikator": ("tingkat", "kode_induk", "indikator"),
}
YEAR_PREFIX = {"Program": "pagu_", "Indikator": "target_"}
LEVELS = ("tujuan", "sasaran", "program")
THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")
# A regency's cascade has tens of misi and tujuan, hundreds of programmes and indicators; 5,000 rows per sheet is
# far above any RPJMD. Columns: the template's own plus a pagu/target column per year of a period up to 25 years.
MAX_ROWS = 5_000
MAX_COLUMNS = max(len(columns) for columns in SHEETS.values()) + 25


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    column: str | None
    value: str | None
    reason: str  # stable code
    message: str  # Indonesian sentence, for people

    def __post_init__(self) -> None:
        # Values and headers come from the file: a message quotes at most 100 characters of them.
        for name in ("column", "value"):
            text = getattr(self, name)
            if isinstance(text, str) and len(text) > guard.QUOTE_CHARS:
                object.__setattr__(self, name, guard.quote(text))

    def __str__(self) -> str:
        where = (
            self.sheet + (f" baris {self.row}" if self.row else "") + (f" kolom {self.column}" if self.column else "")
        )
        return f"{where}: {self.message}"


class CascadeImportError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Row:
    number: int
    values: dict[str, Any]
    years: dict[int, Any] = field(default_factory=dict)

    def text(self, key: str) -> str:
        value = self.values.get(key)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()


@dataclass
class Cascade:
    period: dict[str, Any]
    sheets: dict[str, list[Row]]
    rows_read: int = 0  # non-empty rows read from every sheet, headers included


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    committed: bool = False
    period: Period | None = None
    not_in_file: list[str] = field(default_factory=list)
    rows_read: int = 0

    def summary(self) -> str:
        mode = _("ditulis") if self.committed else _("uji coba (dry run), belum ditulis")
        return _("%(rows)d baris dibaca: %(created)d baru, %(updated)d berubah, %(unchanged)d tetap — %(mode)s") % {
            "rows": self.rows_read,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "mode": mode,
        }


def _header(value: Any) -> str:
    return re.sub(r"\s+", "_", str(value or "").strip().lower())


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        value = restore(value.strip())  # text the template quoted against formulas (lib/cells.py)
        return value or None
    return value


def upload_limits() -> Limits:
    """The cascade workbook's limits: size from ``PETAKAN_UPLOAD_LIMITS["rpjmd"]``, :data:`MAX_ROWS` and
    :data:`MAX_COLUMNS` per sheet."""
    return uploads.limits("rpjmd", max_rows=MAX_ROWS, max_columns=MAX_COLUMNS)


def _checked_bytes(source: Path | IO[bytes], limits: Limits) -> bytes:
    """The workbook's bytes after the shared guard (size before reading, then zip, rows, columns, cell text)."""
    if isinstance(source, str | Path):
        return guard.check_xlsx(Path(source), limits)
    size = getattr(source, "size", None)  # an uploaded file knows its size before it is read
    if isinstance(size, int):
        check_size(size, limits)
    return guard.check_xlsx(source.read(limits.max_bytes + 1), limits)


def read_workbook(source: Path | IO[bytes], limits: Limits | None = None) -> Cascade:
    """Read and check a cascade workbook; raises CascadeImportError with every problem found.

    The workbook first passes :func:`petakan.lib.uploads.check_xlsx`; then every row that exists is read, whatever
    the sheet's declared dimension says (``Cascade.rows_read`` counts them).
    """
    problems: list[Problem] = []
    limits = limits or upload_limits()
    try:
        data = _checked_bytes(source, limits)
    except UploadError as exc:
        reason = "not_xlsx" if exc.key == "not_xlsx" else "upload_rejected"
        raise CascadeImportError([Problem("", None, None, None, reason, uploads.message(exc))]) from exc
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a file that is not a workbook
        raise _not_xlsx(exc) from exc
    try:
        return _read_sheets(wb, problems)
    except CascadeImportError:
        raise
    except Exception as exc:  # a part openpyxl cannot parse: the guard checked size and shape, not meaning
        raise _not_xlsx(exc) from exc
    finally:
        wb.close()


def _not_xlsx(exc: Exception) -> CascadeImportError:
    detail = guard.quote(f"{type(exc).__name__}: {exc}")
    message = _("File tidak dapat dibaca sebagai XLSX: %(e)s") % {"e": detail}
    return CascadeImportError([Problem("", None, None, None, "not_xlsx", message)])


def _rows(ws: Any) -> Any:
    """Every row the sheet holds: a read-only sheet otherwise stops at its declared dimension."""
    ws.reset_dimensions()
    return ws.iter_rows(values_only=True)


def _read_sheets(wb: Any, problems: list[Problem]) -> Cascade:
    rows_read = 0
    period: dict[str, Any] = {}
    if "Periode" not in wb.sheetnames:
        problems.append(Problem("Periode", None, None, None, "missing_sheet", _("Lembar Periode tidak ada.")))
    else:
        for number, row in enumerate(_rows(wb["Periode"]), start=1):
            if row and any(_cell(v) is not None for v in row):
                rows_read += 1
            if number == 1 or not row or row[0] is None:
                continue
            key = _header(row[0])
            if key not in PERIOD_KEYS:
                problems.append(
                    Problem("Periode", number, "A", str(row[0]), "unknown_key", _("Kolom periode tidak dikenal."))
                )
                continue
            period[key] = _cell(row[1] if len(row) > 1 else None)
        for key in ("nama", "tahun_awal", "tahun_akhir"):
            if period.get(key) in (None, ""):
                problems.append(
                    Problem("Periode", None, key, None, "required", _("Isian %(key)s wajib diisi.") % {"key": key})
                )
        for key in ("tahun_awal", "tahun_akhir"):
            value = period.get(key)
            if value not in (None, ""):
                try:
                    year = _year(value)
                    if not 1900 <= year <= 2200:
                        raise ValueError
                    period[key] = year
                except ValueError:
                    problems.append(
                        Problem("Periode", None, key, str(value), "not_year", _("Bukan tahun (contoh: 2021)."))
                    )
                    period[key] = None
        start, end = period.get("tahun_awal"), period.get("tahun_akhir")
        if isinstance(start, int) and isinstance(end, int) and end < start:
            problems.append(
                Problem("Periode", None, "tahun_akhir", str(end), "year_order", _("Tahun akhir sebelum tahun awal."))
            )
    years = (
        list(range(period["tahun_awal"], period["tahun_akhir"] + 1))
        if isinstance(period.get("tahun_awal"), int) and isinstance(period.get("tahun_akhir"), int)
        else []
    )
    sheets: dict[str, list[Row]] = {}
    for sheet, columns in SHEETS.items():
        sheets[sheet] = []
        if sheet not in wb.sheetnames:
            if sheet == "Misi":
                problems.append(Problem(sheet, None, None, None, "missing_sheet", _("Lembar Misi tidak ada.")))
            continue
        rows = _rows(wb[sheet])
        header = [_header(h) for h in next(rows, ())]
        rows_read += 1 if any(header) else 0
        for column in REQUIRED[sheet]:
            if column not in header:
                problems.append(
                    Problem(sheet, 1, column, None, "missing_column", _("Kolom %(c)s tidak ada.") % {"c": column})
                )
        prefix = YEAR_PREFIX.get(sheet)
        year_columns: dict[int, int] = {}
        for i, name in enumerate(header):
            if prefix and name.startswith(prefix) and name[len(prefix) :].isdigit():
                year = int(name[len(prefix) :])
                if years and year not in years:
                    problems.append(
                        Problem(
                            sheet, 1, name, None, "year_outside_period", _("Tahun %(y)d di luar periode.") % {"y": year}
                        )
                    )
                year_columns[year] = i
            elif name and name not in columns:
                problems.append(Problem(sheet, 1, name, None, "unknown_column", _("Kolom tidak dikenal.")))
        for number, values in enumerate(rows, start=2):
            if not values or all(_cell(v) is None for v in values):
                continue
            rows_read += 1
            row = Row(number, {h: _cell(v) for h, v in zip(header, values, strict=False) if h in columns})
            row.years = {y: _cell(values[i]) if i < len(values) else None for y, i in year_columns.items()}
            for column in REQUIRED[sheet]:
                if column in header and not row.text(column):
                    problems.append(Problem(sheet, number, column, None, "required", _("Wajib diisi.")))
            sheets[sheet].append(row)
    problems += _check_references(sheets)
    problems += _check_values(sheets)
    if problems:
        raise CascadeImportError(problems)
    return Cascade(period, sheets, rows_read)


def _check_references(sheets: dict[str, list[Row]]) -> list[Problem]:
    problems: list[Problem] = []
    codes: dict[str, set[str]] = {}
    for sheet in ("Misi", "Tujuan", "Sasaran", "Strategi", "Program"):
        seen: set[str] = set()
        for row in sheets[sheet]:
            code = row.text("kode")
            if code and code in seen:
                problems.append(Problem(sheet, row.number, "kode", code, "duplicate_code", _("Kode ganda.")))
            seen.add(code)
        codes[sheet] = seen
    parents = [
        ("Tujuan", "kode_misi", "Misi"),
        ("Sasaran", "kode_tujuan", "Tujuan"),
        ("Strategi", "kode_sasaran", "Sasaran"),
        ("Program", "kode_sasaran", "Sasaran"),
        ("Program", "kode_strategi", "Strategi"),
    ]
    for sheet, column, parent in parents:
        for row in sheets[sheet]:
            value = row.text(column)
            if value and value not in codes[parent]:
                problems.append(
                    Problem(
                        sheet,
                        row.number,
                        column,
                        value,
                        "unknown_parent",
                        _("Kode %(v)s tidak ada di lembar %(p)s.") % {"v": value, "p": parent},
                    )
                )
    strategy_sasaran = {r.text("kode"): r.text("kode_sasaran") for r in sheets["Strategi"]}
    for row in sheets["Program"]:
        strategy = row.text("kode_strategi")
        if strategy in strategy_sasaran and strategy_sasaran[strategy] != row.text("kode_sasaran"):
            problems.append(
                Problem(
                    "Program",
                    row.number,
                    "kode_strategi",
                    strategy,
                    "strategy_of_other_sasaran",
                    _("Strategi %(s)s milik sasaran %(o)s, bukan %(t)s.")
                    % {"s": strategy, "o": strategy_sasaran[strategy], "t": row.text("kode_sasaran")},
                )
            )
    level_sheet = {"tujuan": "Tujuan", "sasaran": "Sasaran", "program": "Program"}
    seen_indicators: set[tuple[str, str, str]] = set()
    for row in sheets["Indikator"]:
        level = row.text("tingkat").lower()
        owner = row.text("kode_induk")
        if level and level not in LEVELS:
            problems.append(
                Problem(
                    "Indikator",
                    row.number,
                    "tingkat",
                    level,
                    "bad_level",
                    _("Tingkat harus tujuan, sasaran atau program."),
                )
            )
        elif level and owner and owner not in codes[level_sheet[level]]:
            problems.append(
                Problem(
                    "Indikator",
                    row.number,
                    "kode_induk",
                    owner,
                    "unknown_parent",
                    _("Kode %(v)s tidak ada di lembar %(p)s.") % {"v": owner, "p": level_sheet[level]},
                )
            )
        key = (level, owner, row.text("indikator"))
        if key in seen_indicators:
            problems.append(
                Problem("Indikator", row.number, "indikator", key[2], "duplicate_indicator", _("Indikator ganda."))
            )
        seen_indicators.add(key)
    return problems


def _year(value: Any) -> int:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return int(str(value).strip())


def _amount(value: Any) -> int:
    """Rupiah as an integer: a number cell, or text with Indonesian thousands dots (1.500.000)."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float):
        if value < 0 or (isinstance(value, float) and not value.is_integer()):
            raise ValueError
        return int(value)
    text = str(value).strip().replace(" ", "")
    if THOUSANDS.match(text):
        text = text.replace(".", "")
    if not text.isdigit():
        raise ValueError
    return int(text)


def _check_values(sheets: dict[str, list[Row]]) -> list[Problem]:
    problems: list[Problem] = []
    for row in sheets["Program"]:
        for year, value in row.years.items():
            if value is None:
                continue
            try:
                row.years[year] = _amount(value)
            except ValueError:
                problems.append(
                    Problem(
                        "Program",
                        row.number,
                        f"pagu_{year}",
                        str(value),
                        "bad_amount",
                        _("Pagu harus bilangan bulat rupiah ≥ 0 (contoh: 1500000000)."),
                    )
                )
    for row in sheets["Indikator"]:
        value = row.values.get("tahun_kondisi_awal")
        if value is not None:
            try:
                row.values["tahun_kondisi_awal"] = _year(value)
            except ValueError:
                problems.append(
                    Problem("Indikator", row.number, "tahun_kondisi_awal", str(value), "not_year", _("Bukan tahun."))
                )
    return problems


# ------------------------------------------------------------------------------------------------- writing


class _Upsert:
    def __init__(self, report: Report) -> None:
        self.report = report

    def __call__(self, model: type, lookup: dict[str, Any], values: dict[str, Any]) -> Any:
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            self.report.created += 1
            return model.objects.create(**lookup, **values)
        changed = {k: v for k, v in values.items() if getattr(obj, k) != v}
        if changed:
            for k, v in changed.items():
                setattr(obj, k, v)
            obj.save()
            self.report.updated += 1
        else:
            self.report.unchanged += 1
        return obj


def import_cascade(source: Path | IO[bytes], *, commit: bool = False, user: Any = None) -> Report:
    """Read, check and (with ``commit``) write a cascade workbook. Raises CascadeImportError on any problem."""
    cascade = read_workbook(source)
    report = Report(rows_read=cascade.rows_read)
    upsert = _Upsert(report)
    p = cascade.period
    years = list(range(p["tahun_awal"], p["tahun_akhir"] + 1))
    with transaction.atomic():
        existing = Period.objects.filter(start_year=p["tahun_awal"], end_year=p["tahun_akhir"]).first()
        values = {
            "name": str(p["nama"]),
            "vision": str(p.get("visi") or ""),
            "legal_basis": str(p.get("dasar_hukum") or ""),
            "source": str(p.get("sumber") or ""),
        }
        if existing is None:
            values["is_current"] = not Period.objects.filter(is_current=True).exists()
        period = upsert(Period, {"start_year": p["tahun_awal"], "end_year": p["tahun_akhir"]}, values)
        report.period = period
        misi = {
            r.text("kode"): upsert(
                Misi,
                {"period": period, "code": r.text("kode")},
                {"text": r.text("misi"), "keywords": r.text("kata_kunci"), "source": r.text("sumber")},
            )
            for r in cascade.sheets["Misi"]
        }
        tujuan = {
            r.text("kode"): upsert(
                Tujuan,
                {"misi": misi[r.text("kode_misi")], "code": r.text("kode")},
                {"text": r.text("tujuan"), "source": r.text("sumber")},
            )
            for r in cascade.sheets["Tujuan"]
        }
        sasaran = {
            r.text("kode"): upsert(
                Sasaran,
                {"tujuan": tujuan[r.text("kode_tujuan")], "code": r.text("kode")},
                {"text": r.text("sasaran"), "source": r.text("sumber")},
            )
            for r in cascade.sheets["Sasaran"]
        }
        strategies = {
            r.text("kode"): upsert(
                Strategy,
                {"sasaran": sasaran[r.text("kode_sasaran")], "code": r.text("kode")},
                {"text": r.text("strategi"), "policy_direction": r.text("arah_kebijakan"), "source": r.text("sumber")},
            )
            for r in cascade.sheets["Strategi"]
        }
        programs = {
            r.text("kode"): upsert(
                RpjmdProgram,
                {"sasaran": sasaran[r.text("kode_sasaran")], "code": r.text("kode")},
                {
                    "strategy": strategies.get(r.text("kode_strategi")),
                    "nomenclature_code": r.text("kode_permendagri90"),
                    "name": r.text("nama_program"),
                    "opd": r.text("opd"),
                    "budget": {str(y): v for y, v in sorted(r.years.items()) if v is not None},
                    "source": r.text("sumber"),
                },
            )
            for r in cascade.sheets["Program"]
        }
        owners = {"tujuan": tujuan, "sasaran": sasaran, "program": programs}
        for r in cascade.sheets["Indikator"]:
            level = r.text("tingkat").lower()
            upsert(
                Indicator,
                {level: owners[level][r.text("kode_induk")], "name": r.text("indikator")},
                {
                    "unit": r.text("satuan"),
                    "baseline": r.text("kondisi_awal"),
                    "baseline_year": r.values.get("tahun_kondisi_awal"),
                    "targets": {str(y): _text(v) for y, v in sorted(r.years.items()) if _text(v)},
                    "end_target": r.text("target_akhir"),
                    "data_source": r.text("sumber_data"),
                    "note": r.text("catatan"),
                },
            )
        in_file = {("misi", c) for c in misi} | {("tujuan", c) for c in tujuan} | {("sasaran", c) for c in sasaran}
        report.not_in_file = [
            f"{kind} {code}"
            for kind, qs in (
                ("misi", Misi.objects.filter(period=period)),
                ("tujuan", Tujuan.objects.filter(misi__period=period)),
                ("sasaran", Sasaran.objects.filter(tujuan__misi__period=period)),
            )
            for code in qs.values_list("code", flat=True)
            if (kind, code) not in in_file
        ]
        if commit:
            record(
                user,
                period,
                "import",
                {"created": [None, report.created], "updated": [None, report.updated], "years": [None, years]},
            )
            report.committed = True
        else:
            transaction.set_rollback(True)
    return report


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


# ------------------------------------------------------------------------------------------------ template


def write_template(path: Path | IO[bytes], years: list[int], period: Period | None = None) -> None:
    """An empty template for ``years`` — or, given a period, its cascade, so that it can be edited offline and
    imported back."""
    wb = openpyxl.Workbook()
    bold = Font(bold=True)
    ws = wb.active
    ws.title = "Periode"
    ws.append(["kolom", "nilai"])
    values = {
        "nama": period.name if period else "",
        "tahun_awal": years[0] if years else "",
        "tahun_akhir": years[-1] if years else "",
        "visi": period.vision if period else "",
        "dasar_hukum": period.legal_basis if period else "",
        "sumber": period.source if period else "",
    }
    for key in PERIOD_KEYS:
        ws.append([key, values[key]])
    headers = {
        sheet: list(columns[:-1]) + [f"{YEAR_PREFIX[sheet]}{y}" for y in years] + [columns[-1]]
        if sheet == "Program"
        else list(columns[:6]) + [f"target_{y}" for y in years] + list(columns[6:])
        if sheet == "Indikator"
        else list(columns)
        for sheet, columns in SHEETS.items()
    }
    rows: dict[str, list[list[Any]]] = {sheet: [] for sheet in SHEETS}
    if period is not None:
        for m in Misi.objects.filter(period=period):
            rows["Misi"].append([m.code, m.text, m.keywords, m.source])
        for t in Tujuan.objects.filter(misi__period=period).select_related("misi"):
            rows["Tujuan"].append([t.code, t.misi.code, t.text, t.source])
        for s in Sasaran.objects.filter(tujuan__misi__period=period).select_related("tujuan"):
            rows["Sasaran"].append([s.code, s.tujuan.code, s.text, s.source])
        for st in Strategy.objects.filter(sasaran__tujuan__misi__period=period).select_related("sasaran"):
            rows["Strategi"].append([st.code, st.sasaran.code, st.text, st.policy_direction, st.source])
        programs = RpjmdProgram.objects.filter(sasaran__tujuan__misi__period=period).select_related(
            "sasaran", "strategy"
        )
        for x in programs:
            rows["Program"].append(
                [x.code, x.sasaran.code, x.strategy.code if x.strategy else "", x.nomenclature_code, x.name, x.opd]
                + [x.budget.get(str(y)) for y in years]
                + [x.source]
            )
        indicators = Indicator.objects.filter(**{"pk__in": _period_indicators(period)}).select_related(
            "tujuan", "sasaran", "program"
        )
        for i in indicators:
            rows["Indikator"].append(
                [i.level, i.owner.code, i.name, i.unit, i.baseline, i.baseline_year]
                + [i.targets.get(str(y), "") for y in years]
                + [i.end_target, i.data_source, i.note]
            )
    for sheet, header in headers.items():
        ws = wb.create_sheet(sheet)
        ws.append(header)
        for cell in ws[1]:
            cell.font = bold
        for row in rows[sheet]:
            ws.append(row)
        for i, name in enumerate(header, start=1):
            ws.column_dimensions[get_column_letter(i)].width = 40 if name in {"misi", "tujuan", "sasaran"} else 16
    neutralise_workbook(wb).save(path)  # no RPJMD text becomes a live formula


def _period_indicators(period: Period) -> list[int]:
    return (
        list(Indicator.objects.filter(tujuan__misi__period=period).values_list("pk", flat=True))
        + list(Indicator.objects.filter(sasaran__tujuan__misi__period=period).values_list("pk", flat=True))
        + list(Indicator.objects.filter(program__sasaran__tujuan__misi__period=period).values_list("pk", flat=True))
    )
