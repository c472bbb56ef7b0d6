"""Read and validate IDM input files: item scores per village-year, and published (official) IDM series.

Both readers take a CSV (comma, semicolon or tab separated, UTF-8 with or without BOM) or an XLSX file, check
every row and collect every problem before failing, as ``Problem`` records with the file row (the header is
row 1), the column, the value and a machine-readable ``reason`` — the web layer renders and translates them;
``message`` is the English text. Nothing is returned half-validated: a caller gets a complete, clean table or
an IdmInputError.

Score files: columns ``code``, ``year`` and every item code of the edition (``iks_01`` … ``ikl_03``); other
columns are carried through untouched. Scores are integers 0..max (``3`` and ``3.0`` are 3; ``3.5`` is an
error). A blank score is a *missing item*: with ``allow_incomplete`` the row is kept and gets no IDM,
otherwise it is an error like the others.

Official series: columns ``code``, ``year``, ``iks``, ``ike``, ``ikl``, ``idm``, ``status`` (decimals with a
dot or a comma; status by name or code, e.g. "Berkembang", "DESA MAJU", "sangat_tertinggal"); each import is
tagged with its ``source``. Values that contradict each other (IDM ≠ mean of the indices, status ≠ cut-offs)
are warnings, not errors: the series is kept as published and the difference is shown.
"""

from __future__ import annotations

import io
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import openpyxl
import pandas as pd

from petakan.lib import uploads
from petakan.lib.idm.edition import Edition
from petakan.lib.idm.scoring import MISSING, classify_values
from petakan.lib.uploads import Limits, UploadError

Severity = Literal["error", "incomplete", "warning"]
FIRST_YEAR = 2015  # IDM 2015 is the first edition (computed from PODES 2014)
LAST_YEAR = 2100
MAX_PROBLEMS = 10_000
OFFICIAL_COLUMNS = ("iks", "ike", "ikl", "idm")
# Difference allowed between a published IDM and the mean of the published indices: each is rounded to 4
# decimals.
MEAN_TOLERANCE = 0.00015
_ITEM_LIKE = re.compile(r"^(iks|ike|ikl)_\d+$")
_UNDOTTED_VILLAGE = re.compile(r"^(\d{2})(\d{2})(\d{2})(\d{4})$")


@dataclass(frozen=True)
class Problem:
    """One problem of an input file; ``row`` is the file row (header = 1), None for the file or a column."""

    reason: str
    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    severity: Severity = "error"
    context: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A value or column name from the file can be long: messages quote at most 100 characters of it.
        for name in ("value", "column"):
            text = getattr(self, name)
            if isinstance(text, str) and len(text) > uploads.QUOTE_CHARS:
                short = uploads.quote(text)
                object.__setattr__(self, "message", self.message.replace(text, short))
                object.__setattr__(self, name, short)

    def __str__(self) -> str:
        where = ", ".join(
            part for part in (f"row {self.row}" if self.row else "", self.column and f"column {self.column}") if part
        )
        return f"{where}: {self.message}" if where else self.message


class IdmInputError(ValueError):
    """An input file that cannot be used; ``problems`` has every problem (capped at MAX_PROBLEMS)."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        errors = sum(p.severity != "warning" for p in problems)
        super().__init__(f"{source}: {errors} problem(s); nothing was imported")


@dataclass(frozen=True)
class RawTable:
    """A file's cells as stripped strings ("" for empty): header names (as written) and data rows."""

    header: list[str]
    cells: np.ndarray  # (n, columns) object array of str
    row_numbers: np.ndarray  # file row of each data row (header = 1)
    source: str = ""


@dataclass(frozen=True, eq=False)
class ScoreInput:
    """Validated score file, one row per village-year; ``scores`` in edition item order, MISSING if blank."""

    edition: Edition
    codes: np.ndarray
    years: np.ndarray
    scores: np.ndarray
    row_numbers: np.ndarray
    table: RawTable
    incomplete: list[Problem]

    def __len__(self) -> int:
        return int(self.codes.shape[0])


@dataclass(frozen=True, eq=False)
class OfficialSeries:
    """Validated official series: values (n × 4: iks, ike, ikl, idm), status positions, and its source."""

    source: str
    edition: Edition
    codes: np.ndarray
    years: np.ndarray
    values: np.ndarray
    status: np.ndarray
    row_numbers: np.ndarray
    warnings: list[Problem]
    ignored_columns: list[str]

    def __len__(self) -> int:
        return int(self.codes.shape[0])


def read_table(path: str | Path, sheet: str | None = None, limits: Limits | None = None) -> RawTable:
    """Read a CSV or XLSX file into a RawTable of strings (IdmInputError when it cannot be read).

    CSV: the separator (comma, semicolon or tab) is the one the header line uses most. XLSX: the named
    ``sheet``, or the only sheet; a workbook with several sheets needs ``sheet``. Empty rows are dropped.
    The file first passes :mod:`petakan.lib.uploads` with ``limits`` (size, rows, columns, cell text; a PNG or a
    truncated zip named .xlsx): a refusal is one problem ``upload_rejected`` whose context holds the sentence in
    Indonesian (``id``) and English (``en``).
    """
    path = Path(path)
    name = path.name
    suffix = path.suffix.lower()
    limits = limits or Limits(kind="idm")
    try:
        if suffix in (".xlsx", ".xlsm"):
            frame = _read_xlsx(uploads.check_xlsx(path, limits), name, sheet)
        elif suffix in (".csv", ".txt", ".tsv"):
            frame = _frame(uploads.read_csv_rows(path, limits))
        else:
            raise IdmInputError(name, [Problem("unsupported_file", f"{name}: expected a .csv or .xlsx file")])
    except IdmInputError:
        raise
    except UploadError as exc:
        if exc.key == "empty":
            raise IdmInputError(name, [Problem("empty_file", f"{name}: the file is empty (no header row)")]) from exc
        context = {"id": exc.message_id, "en": exc.message_en}
        raise IdmInputError(name, [Problem("upload_rejected", exc.message_en, context=context)]) from exc
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise IdmInputError(name, [Problem("unreadable_file", f"{name}: cannot be read ({exc})")]) from exc
    if frame.shape[0] == 0:
        raise IdmInputError(name, [Problem("empty_file", f"{name}: the file is empty (no header row)")])
    cells = frame.to_numpy(dtype=object)
    header = [str(value) for value in cells[0]]
    body = cells[1:]
    row_numbers = np.arange(2, body.shape[0] + 2)
    keep = (body != "").any(axis=1) if body.size else np.zeros(body.shape[0], dtype=bool)
    if not keep.any():  # an empty import would report success and change nothing: say so instead
        raise IdmInputError(name, [Problem("no_rows", f"{name}: no data rows below the header", row=2)])
    return RawTable(header, body[keep], row_numbers[keep], name)


def _frame(rows: list[list[str]]) -> pd.DataFrame:
    """Rows of cells as a rectangular frame of stripped strings; leading blank lines are dropped (the header is
    the first line with text), later blank rows are kept and dropped with the other empty rows."""
    while rows and not any(cell.strip() for cell in rows[0]):
        rows = rows[1:]
    width = max((len(row) for row in rows), default=0)
    # A short line's missing cells are blank cells like any other.
    return pd.DataFrame([[cell.strip() for cell in row] + [""] * (width - len(row)) for row in rows], dtype=object)


def _read_xlsx(data: bytes, name: str, sheet: str | None) -> pd.DataFrame:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many unrelated types for a damaged workbook
        raise IdmInputError(name, [Problem("unreadable_file", f"{name}: cannot be read ({exc})")]) from exc
    try:
        names = workbook.sheetnames
        if sheet is None and len(names) > 1:
            raise IdmInputError(
                name,
                [
                    Problem(
                        "several_sheets",
                        f"{name}: several sheets ({', '.join(names)}); name the sheet to read",
                    )
                ],
            )
        if sheet is not None and sheet not in names:
            raise IdmInputError(
                name,
                [Problem("unknown_sheet", f"{name}: no sheet {sheet!r} (sheets: {', '.join(names)})")],
            )
        worksheet = workbook[sheet or names[0]]
        # The guard counted the rows that exist; the declared dimension may say fewer (or more).
        worksheet.reset_dimensions()
        rows = [[_cell_text(value) for value in row] for row in worksheet.iter_rows(values_only=True)]
    except IdmInputError:
        raise
    except Exception as exc:  # a part openpyxl cannot parse (the guard checked size and shape, not meaning)
        raise IdmInputError(name, [Problem("unreadable_file", f"{name}: cannot be read ({exc})")]) from exc
    finally:
        workbook.close()
    width = max((len(row) for row in rows), default=0)
    return pd.DataFrame([row + [""] * (width - len(row)) for row in rows], dtype=object)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def as_raw_table(frame: pd.DataFrame, source: str = "table") -> RawTable:
    """A DataFrame (from a form or a test) as a RawTable: stripped strings, rows numbered 2.. like a file."""
    cells = frame.astype(object).where(frame.notna(), "").to_numpy(dtype=object)
    cells = np.vectorize(_cell_text, otypes=[object])(cells) if cells.size else cells
    return RawTable([str(c) for c in frame.columns], cells, np.arange(2, cells.shape[0] + 2), source)


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.total = 0

    def add(self, problem: Problem) -> None:
        self.total += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)

    def finish(self) -> list[Problem]:
        problems = sorted(self.problems, key=lambda p: (p.row or 0, p.context.get("position", 0)))
        if self.total > len(self.problems):
            problems.append(
                Problem("too_many_problems", f"… and {self.total - len(self.problems)} more problem(s) not listed")
            )
        return problems


def _columns(table: RawTable, check: _Collector) -> dict[str, int]:
    """Normalised (stripped, lower-case) column name -> position; duplicates are problems."""
    positions: dict[str, int] = {}
    for position, name in enumerate(table.header):
        key = name.strip().lower()
        if not key:
            if (table.cells[:, position] != "").any():
                check.add(Problem("unnamed_column", f"column {position + 1} has values but no name", row=1))
            continue
        if key in positions:
            check.add(Problem("duplicate_column", f"column {key!r} appears twice", row=1, column=key))
            continue
        positions[key] = position
    return positions


def _parse_codes(
    table: RawTable, positions: dict[str, int], known_codes: Collection[str] | None, check: _Collector
) -> tuple[np.ndarray, np.ndarray]:
    n = table.cells.shape[0]
    if "code" not in positions:
        check.add(Problem("missing_column", "the column 'code' (village code) is missing", row=1, column="code"))
        return np.full(n, "", dtype=object), np.zeros(n, dtype=bool)
    codes = table.cells[:, positions["code"]]
    ok = codes != ""
    for i in np.flatnonzero(~ok):
        check.add(Problem("required", "the village code is empty", int(table.row_numbers[i]), "code", ""))
    if known_codes is not None:
        known = known_codes if isinstance(known_codes, set | frozenset) else set(known_codes)
        unknown = ok & ~pd.Series(codes).isin(known).to_numpy()
        for i in np.flatnonzero(unknown):
            code = str(codes[i])
            context: dict[str, Any] = {}
            message = f"unknown village code {code!r}"
            match = _UNDOTTED_VILLAGE.match(code)
            if match and ".".join(match.groups()) in known:
                context["suggestion"] = ".".join(match.groups())
                message += f" (did you mean {context['suggestion']}?)"
            check.add(Problem("unknown_code", message, int(table.row_numbers[i]), "code", code, context=context))
        ok &= ~unknown
    return codes, ok


def _parse_years(table: RawTable, positions: dict[str, int], check: _Collector) -> tuple[np.ndarray, np.ndarray]:
    n = table.cells.shape[0]
    if "year" not in positions:
        check.add(Problem("missing_column", "the column 'year' is missing", row=1, column="year"))
        return np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool)
    raw = table.cells[:, positions["year"]]
    numbers = pd.to_numeric(pd.Series(raw), errors="coerce").to_numpy(dtype=float)
    ok = np.isfinite(numbers) & (numbers == np.floor(numbers)) & (numbers >= FIRST_YEAR) & (numbers <= LAST_YEAR)
    for i in np.flatnonzero(~ok):
        value = str(raw[i])
        message = (
            "the year is empty"
            if value == ""
            else f"year {value!r} is not a whole year from {FIRST_YEAR} (the first IDM) to {LAST_YEAR}"
        )
        check.add(Problem("bad_year", message, int(table.row_numbers[i]), "year", value))
    return np.where(ok, numbers, 0).astype(np.int64), ok


def _check_duplicates(table: RawTable, codes: np.ndarray, years: np.ndarray, ok: np.ndarray, check: _Collector) -> None:
    frame = pd.DataFrame({"code": codes[ok], "year": years[ok], "row": table.row_numbers[ok]})
    duplicated = frame.duplicated(["code", "year"], keep="first").to_numpy()
    if not duplicated.any():
        return
    first_row = frame.groupby(["code", "year"])["row"].transform("min").to_numpy()
    for i in np.flatnonzero(duplicated):
        code, year, row = frame.iloc[i]["code"], int(frame.iloc[i]["year"]), int(frame.iloc[i]["row"])
        check.add(
            Problem(
                "duplicate",
                f"village {code} year {year} appears again (first in row {int(first_row[i])})",
                row,
                "code",
                str(code),
                context={"first_row": int(first_row[i]), "year": year},
            )
        )


def parse_scores(
    table: RawTable | pd.DataFrame,
    edition: Edition,
    known_codes: Collection[str] | None = None,
    allow_incomplete: bool = False,
) -> ScoreInput:
    """Validate a score table and return the (village-years × items) matrix; IdmInputError lists every
    problem.

    ``known_codes``: the valid village codes (e.g. the Kemendagri list); None skips that check. Checks:
    required columns, duplicate/unknown/reserved columns, empty or unknown codes, years, duplicate
    village-years, and per cell: not a number, not an integer, outside 0..max, blank (missing item:
    ``severity="incomplete"``, allowed with ``allow_incomplete``, and that row then gets no IDM).
    """
    if isinstance(table, pd.DataFrame):
        table = as_raw_table(table)
    check = _Collector()
    positions = _columns(table, check)
    item_codes = edition.item_codes
    for name in positions:
        if _ITEM_LIKE.match(name) and name not in item_codes:
            check.add(
                Problem("unknown_column", f"{name!r} is not an item of edition {edition.code}", row=1, column=name)
            )
        if name in (*edition.index_codes, edition.composite_code, "status"):
            check.add(
                Problem(
                    "reserved_column",
                    f"column {name!r} is an output of the scoring; remove it",
                    row=1,
                    column=name,
                )
            )
    codes, code_ok = _parse_codes(table, positions, known_codes, check)
    years, year_ok = _parse_years(table, positions, check)
    _check_duplicates(table, codes, years, code_ok & year_ok, check)

    n = table.cells.shape[0]
    scores = np.full((n, len(item_codes)), MISSING, dtype=np.int64)
    incomplete: list[Problem] = []
    for item in edition.items:
        if item.code not in positions:
            check.add(Problem("missing_column", f"the item column {item.code!r} is missing", row=1, column=item.code))
    present = [j for j, item in enumerate(edition.items) if item.code in positions]
    block = table.cells[:, [positions[edition.items[j].code] for j in present]]
    # A score file holds a handful of distinct texts ("0".."5", ""): parse each distinct text once.
    labels, uniques = pd.factorize(block.ravel())
    unique_numbers = pd.to_numeric(pd.Series(uniques, dtype=object), errors="coerce").to_numpy(dtype=float)
    unique_blank = np.array([text == "" for text in uniques], dtype=bool)
    numbers_block = unique_numbers[labels].reshape(block.shape) if block.size else np.zeros(block.shape)
    blank_block = unique_blank[labels].reshape(block.shape) if block.size else np.zeros(block.shape, dtype=bool)
    for column, j in enumerate(present):
        item = edition.items[j]
        raw = block[:, column]
        numbers = numbers_block[:, column]
        blank = blank_block[:, column]
        is_number = ~np.isnan(numbers)
        integral = is_number & (numbers == np.floor(numbers))
        in_range = integral & (numbers >= 0) & (numbers <= item.max_score)
        scores[in_range, j] = numbers[in_range].astype(np.int64)
        context = {"position": positions[item.code], "min": 0, "max": item.max_score}
        for i in np.flatnonzero(~in_range):
            row, value = int(table.row_numbers[i]), str(raw[i])
            if blank[i]:
                problem = Problem(
                    "missing_score",
                    f"no score for {item.code} ({item.name.en}); the village-year gets no IDM",
                    row,
                    item.code,
                    "",
                    "incomplete",
                    context,
                )
                incomplete.append(problem)
            elif not is_number[i]:
                problem = Problem(
                    "not_a_number",
                    f"{value!r} is not a score (0–{item.max_score})",
                    row,
                    item.code,
                    value,
                    context=context,
                )
            elif not integral[i]:
                problem = Problem(
                    "not_integer",
                    f"{value!r} is not a whole score (0–{item.max_score})",
                    row,
                    item.code,
                    value,
                    context=context,
                )
            else:
                problem = Problem(
                    "out_of_range",
                    f"{value} is outside 0–{item.max_score}",
                    row,
                    item.code,
                    value,
                    context=context,
                )
            check.add(problem)
    problems = check.finish()
    errors = [p for p in problems if p.severity == "error"]
    if errors or (incomplete and not allow_incomplete):
        raise IdmInputError(table.source or "table", problems)
    return ScoreInput(edition, codes, years, scores, table.row_numbers, table, incomplete)


def parse_official_series(
    table: RawTable | pd.DataFrame,
    edition: Edition,
    source: str,
    known_codes: Collection[str] | None = None,
    thresholds: str | None = None,
) -> OfficialSeries:
    """Validate a published IDM series (code, year, iks, ike, ikl, idm, status) tagged with ``source``.

    Errors (IdmInputError, all listed): missing columns, empty/unknown codes, bad years, duplicate
    village-years, values that are not decimals in 0–1, unknown statuses. Warnings (kept in ``warnings``): IDM
    differing from the mean of the three indices by more than MEAN_TOLERANCE, status differing from the
    edition's cut-offs (``thresholds`` names the set). Other columns are ignored and listed in
    ``ignored_columns``.
    """
    if not source or not source.strip():
        raise ValueError("an official series needs its source (publisher, edition, date)")
    if isinstance(table, pd.DataFrame):
        table = as_raw_table(table)
    check = _Collector()
    positions = _columns(table, check)
    codes, code_ok = _parse_codes(table, positions, known_codes, check)
    years, year_ok = _parse_years(table, positions, check)
    _check_duplicates(table, codes, years, code_ok & year_ok, check)
    n = table.cells.shape[0]
    values = np.full((n, len(OFFICIAL_COLUMNS)), np.nan)
    for j, column in enumerate(OFFICIAL_COLUMNS):
        if column not in positions:
            check.add(Problem("missing_column", f"the column {column!r} is missing", row=1, column=column))
            continue
        raw = table.cells[:, positions[column]]
        numbers = pd.to_numeric(pd.Series(raw).str.replace(",", ".", regex=False), errors="coerce").to_numpy(
            dtype=float
        )
        ok = np.isfinite(numbers) & (numbers >= 0) & (numbers <= 1)
        values[ok, j] = numbers[ok]
        for i in np.flatnonzero(~ok):
            value = str(raw[i])
            message = f"no value for {column}" if value == "" else f"{value!r} is not a decimal from 0 to 1"
            check.add(
                Problem(
                    "bad_value",
                    message,
                    int(table.row_numbers[i]),
                    column,
                    value,
                    context={"position": positions[column]},
                )
            )
    status = np.full(n, -1, dtype=np.int8)
    if "status" not in positions:
        check.add(Problem("missing_column", "the column 'status' is missing", row=1, column="status"))
    else:
        raw = table.cells[:, positions["status"]]
        lookup = {value: edition.status_index(value) for value in set(raw.tolist())}
        status = np.array([-1 if lookup[v] is None else lookup[v] for v in raw], dtype=np.int8)
        known = ", ".join(level.name.id for level in edition.statuses)
        for i in np.flatnonzero(status < 0):
            value = str(raw[i])
            check.add(
                Problem(
                    "unknown_status",
                    f"unknown status {value!r} (expected one of {known})",
                    int(table.row_numbers[i]),
                    "status",
                    value,
                    context={"position": positions["status"]},
                )
            )
    problems = check.finish()
    if problems:
        raise IdmInputError(table.source or "table", problems)

    warnings: list[Problem] = []
    mean = values[:, :3].mean(axis=1)
    off_mean = np.abs(values[:, 3] - mean) > MEAN_TOLERANCE
    for i in np.flatnonzero(off_mean):
        warnings.append(
            Problem(
                "idm_not_mean",
                f"published IDM {values[i, 3]:.4f} differs from (IKS + IKE + IKL) / 3 = {mean[i]:.4f}",
                int(table.row_numbers[i]),
                "idm",
                f"{values[i, 3]}",
                "warning",
            )
        )
    rule = edition.status_rule(thresholds)
    expected = classify_values(values[:, 3], rule)
    for i in np.flatnonzero(expected != status):
        warnings.append(
            Problem(
                "status_not_cutoffs",
                f"published status {edition.statuses[status[i]].name.id} but IDM {values[i, 3]:.4f} gives "
                f"{edition.statuses[expected[i]].name.id} with cut-offs {rule.thresholds}",
                int(table.row_numbers[i]),
                "status",
                edition.statuses[status[i]].name.id,
                "warning",
                {"expected": edition.statuses[expected[i]].code, "thresholds": rule.thresholds},
            )
        )
    used = {"code", "year", "status", *OFFICIAL_COLUMNS}
    ignored = [name for name in positions if name not in used]
    return OfficialSeries(source.strip(), edition, codes, years, values, status, table.row_numbers, warnings, ignored)


def read_known_codes(path: str | Path) -> frozenset[str]:
    """Village codes from a CSV with a ``code`` column (e.g. indonesia_villages.csv)."""
    frame = pd.read_csv(path, usecols=["code"], dtype=str, keep_default_na=False)
    return frozenset(frame["code"].str.strip())
