"""The units × columns data table (COINr's ``iData``): validation and conversion to arrays.

The data table has one row per unit with a unit-code column (``uCode``, ``unit_code`` or ``code``), an optional
name column (``uName``, ``unit_name`` or ``name``), the group and denominator columns declared in the
indicator tree, and one numeric column per indicator. A ``Time`` column (COINr's panel year) is recognised
and ignored; any other column not declared in the tree is ignored with a note in the run log.
"""

from __future__ import annotations

import hashlib
import io
import math
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from petakan.lib import uploads

from .errors import IndexInputError, Problem, problem
from .framework import Framework, parse_framework

UNIT_CODE_COLUMNS = ("ucode", "unit_code", "code")
UNIT_NAME_COLUMNS = ("uname", "unit_name", "name")
KNOWN_IGNORED_COLUMNS = ("time",)


@dataclass
class Inputs:
    """Validated inputs: the framework plus unit-aligned arrays.

    ``values`` is a float64 array (units × indicators, in ``framework.indicators`` order, column-major so that
    per-indicator operations read contiguous memory); missing values are NaN.
    """

    framework: Framework
    unit_codes: np.ndarray
    values: np.ndarray
    denominators: dict[str, np.ndarray]
    groups: dict[str, np.ndarray]
    unit_names: np.ndarray | None = None
    unit_code_column: str = "uCode"
    unit_name_column: str | None = None
    ignored_columns: list[str] = field(default_factory=list)

    _group_cache: dict[str, tuple[np.ndarray, list[str]]] = field(default_factory=dict, repr=False)

    @property
    def n_units(self) -> int:
        return len(self.unit_codes)

    def group_ids(self, group: str) -> tuple[np.ndarray, list[str]]:
        """Integer ids of a group column's labels (−1 where the label is missing) and the label names; computed
        once per inputs."""
        if group not in self._group_cache:
            labels = self.groups[group]
            valid = np.array([v is not None for v in labels], dtype=bool)
            names, inv = np.unique(labels[valid].astype(str), return_inverse=True)
            gid = np.full(len(labels), -1, dtype=np.intp)
            gid[valid] = inv
            self._group_cache[group] = (gid, [str(n) for n in names])
        return self._group_cache[group]

    @cached_property
    def sha256(self) -> str:
        """Digest of the data that enter the computation: unit codes, indicator, denominator and group values.

        Floats are hashed as little-endian float64 with one canonical NaN, so the digest does not depend on the
        platform or on the order of columns in the source file.
        """
        h = hashlib.sha256()
        h.update(b"petakan-index-data-v1\0")
        h.update("\x1f".join(map(str, self.unit_codes)).encode())
        h.update(b"\0indicators\0" + "\x1f".join(self.framework.indicators).encode())
        _hash_matrix(h, self.values)
        for name in sorted(self.denominators):
            h.update(b"\0denominator\0" + name.encode())
            _hash_matrix(h, self.denominators[name][:, None])
        for name in sorted(self.groups):
            h.update(b"\0group\0" + name.encode())
            h.update("\x1f".join("" if v is None else str(v) for v in self.groups[name]).encode())
        return h.hexdigest()


def _hash_matrix(h: Any, x: np.ndarray) -> None:
    # column blocks keep the temporary copy small for national-scale tables
    step = max(1, (1 << 22) // max(1, x.shape[0]))
    for j in range(0, x.shape[1], step):
        block = np.ascontiguousarray(x[:, j : j + step].T, dtype="<f8")
        nan = np.isnan(block)
        if nan.any():
            block = block.copy()
            block[nan] = np.nan
        h.update(block.tobytes())


def _find_column(
    columns: list[str], aliases: tuple[str, ...], what: str, required: bool
) -> tuple[str | None, list[Problem]]:
    lower: dict[str, list[str]] = {}
    for c in columns:
        lower.setdefault(str(c).strip().lower(), []).append(c)
    hits = [c for a in aliases for c in lower.get(a, [])]
    if len(hits) > 1:
        return None, [
            problem(
                "data",
                "ambiguous_column",
                f"data table: columns {hits} could each be the {what} column; keep one",
                column=str(hits[0]),
            )
        ]
    if not hits:
        if required:
            return None, [
                problem(
                    "data",
                    "missing_column",
                    f"data table: no {what} column (accepted names: {', '.join(aliases)}, any case)",
                    column=aliases[0],
                )
            ]
        return None, []
    return hits[0], []


def _numeric_column(
    series: pd.Series, column: str, codes: np.ndarray, problems: list[Problem], limit: int = 200
) -> np.ndarray:
    """Convert a column to float64, recording every cell that is not a number (row and column named)."""
    if pd.api.types.is_bool_dtype(series.dtype):
        problems.append(
            problem("data", "not_a_number", f"data column {column}: true/false values are not numbers", column=column)
        )
        return np.full(len(series), np.nan)
    if pd.api.types.is_numeric_dtype(series.dtype):
        out = series.to_numpy(dtype=float, na_value=np.nan)
    else:
        text = series.astype("string").str.strip()
        out = pd.to_numeric(text.replace("", pd.NA), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        bad = np.flatnonzero(np.isnan(out) & text.notna().to_numpy() & (text.fillna("") != "").to_numpy())
        for n_seen, pos in enumerate(bad):
            if n_seen >= limit:
                problems.append(
                    problem(
                        "data",
                        "not_a_number",
                        f"data column {column}: {len(bad) - limit} more cells are not numbers",
                        column=column,
                    )
                )
                break
            value = series.iloc[pos]
            problems.append(
                problem(
                    "data",
                    "not_a_number",
                    f"data row {pos + 1} (unit {codes[pos]}), column {column}: '{value}' is not a number",
                    row=int(pos) + 1,
                    column=column,
                    code=str(codes[pos]),
                    value=value,
                )
            )
    inf = np.flatnonzero(np.isinf(out))
    for pos in inf[:limit]:
        problems.append(
            problem(
                "data",
                "not_finite",
                f"data row {pos + 1} (unit {codes[pos]}), column {column}: {out[pos]} is not a finite number",
                row=int(pos) + 1,
                column=column,
                code=str(codes[pos]),
                value=out[pos],
            )
        )
    return out


def prepare_inputs(
    data: pd.DataFrame,
    meta: pd.DataFrame | Framework | list[dict[str, Any]],
    *,
    unit_code_column: str | None = None,
    unit_name_column: str | None = None,
) -> Inputs:
    """Validate the data table against the indicator tree and convert it to arrays.

    Collects every problem before raising :class:`IndexInputError`: missing unit-code column, empty or
    duplicate unit codes, indicators / denominators / groups missing from the data, and each non-numeric or
    non-finite cell (row, column and unit named).
    """
    framework = meta if isinstance(meta, Framework) else parse_framework(meta)
    columns = [str(c) for c in data.columns]
    if len(set(columns)) != len(columns):
        dupes = sorted({c for c in columns if columns.count(c) > 1})
        raise IndexInputError(
            [
                problem("data", "duplicate_column", f"data table: column '{c}' appears more than once", column=c)
                for c in dupes
            ]
        )
    data = data.set_axis(columns, axis=1)
    problems: list[Problem] = []
    if unit_code_column is None:
        unit_code_column, found = _find_column(columns, UNIT_CODE_COLUMNS, "unit code", required=True)
        problems += found
    elif unit_code_column not in columns:
        problems.append(
            problem(
                "data",
                "missing_column",
                f"data table: unit code column '{unit_code_column}' not found",
                column=unit_code_column,
            )
        )
    if unit_name_column is None:
        unit_name_column, found = _find_column(columns, UNIT_NAME_COLUMNS, "unit name", required=False)
        problems += found
    if unit_name_column in framework.nodes:
        unit_name_column = None
    needed = framework.indicators + framework.denominators + framework.groups
    for code in needed:
        if code not in columns:
            typ = framework.nodes[code].type.lower()
            problems.append(
                problem(
                    "data",
                    "missing_column",
                    f"data table: the {typ} '{code}' of the meta table has no column in the data",
                    column=code,
                    code=code,
                )
            )
    if problems:
        raise IndexInputError(problems)
    assert unit_code_column is not None

    raw_codes = data[unit_code_column]
    codes = np.array(_unit_codes(raw_codes.tolist()), dtype=object)
    empty = np.flatnonzero(codes == "")
    for pos in empty:
        problems.append(
            problem(
                "data",
                "missing_unit_code",
                f"data row {pos + 1}: the unit code ({unit_code_column}) is empty",
                row=int(pos) + 1,
                column=unit_code_column,
            )
        )
    dup = pd.Series(codes).duplicated(keep=False).to_numpy() & (codes != "")
    if dup.any():
        first: dict[str, int] = {}
        for pos in np.flatnonzero(dup):
            c = codes[pos]
            if c not in first:
                first[c] = int(pos) + 1
                continue
            problems.append(
                problem(
                    "data",
                    "duplicate_unit",
                    f"data row {pos + 1}: unit code '{c}' is a duplicate of row {first[c]}",
                    row=int(pos) + 1,
                    column=unit_code_column,
                    code=str(c),
                    value=c,
                )
            )

    n, k = len(data), len(framework.indicators)
    values = np.empty((n, k), dtype=float, order="F")
    for j, code in enumerate(framework.indicators):
        values[:, j] = _numeric_column(data[code], code, codes, problems)
    denominators = {d: _numeric_column(data[d], d, codes, problems) for d in framework.denominators}
    groups = {g: np.array([v or None for v in _unit_codes(data[g].tolist())], dtype=object) for g in framework.groups}
    if problems:
        raise IndexInputError(problems)

    declared = set(needed) | {unit_code_column, unit_name_column}
    ignored = [c for c in columns if c not in declared]
    names = None
    if unit_name_column is not None:
        names = np.array(_unit_codes(data[unit_name_column].tolist()), dtype=object)
    return Inputs(
        framework=framework,
        unit_codes=codes,
        values=values,
        denominators=denominators,
        groups=groups,
        unit_names=names,
        unit_code_column=unit_code_column,
        unit_name_column=unit_name_column,
        ignored_columns=ignored,
    )


def _unit_codes(values: list[Any]) -> list[str]:
    """``[_unit_code(v) for v in values]``; a column of text only (the usual case, 84,000 village codes) is
    stripped without the per-value checks."""
    if set(map(type, values)) <= {str}:
        return list(map(str.strip, values))
    return [_unit_code(v) for v in values]


def _unit_code(v: Any) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


# A research table may cover every village of the country (83,762) with hundreds of indicators.
TABLE_LIMITS = uploads.Limits(
    max_bytes=500 * uploads.MB, max_rows=200_000, max_columns=5_000, max_unpacked=2_000 * uploads.MB
)


def read_table(path: str | Path, *, text_columns: list[str] | None = None) -> pd.DataFrame:
    """Read a CSV (``,`` separated, UTF-8) or XLSX table.

    Columns that are not numbers in meaning (unit codes, names, groups; pass them as ``text_columns``, or
    leave None to read every column that does not parse as numbers as text) keep leading zeros.
    """
    path = Path(path)
    if not path.is_file():
        raise IndexInputError([problem("data", "missing_file", f"file not found: {path}", value=str(path))])
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            data = uploads.check_xlsx(path, TABLE_LIMITS)  # streamed and capped before pandas reads it
            return pd.read_excel(io.BytesIO(data), dtype={c: str for c in text_columns or []})
        if suffix in (".csv", ".txt"):
            uploads.check_size(path.stat().st_size, TABLE_LIMITS)
    except uploads.UploadError as exc:
        raise IndexInputError([problem("data", "unreadable_file", f"{path.name}: {exc.message_en}")]) from exc
    if suffix not in (".csv", ".txt"):
        raise IndexInputError(
            [problem("data", "unknown_format", f"{path.name}: expected a .csv or .xlsx file", value=path.suffix)]
        )
    try:
        header = pd.read_csv(path, nrows=0, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise IndexInputError(
            [problem("data", "unreadable_file", f"{path.name}: cannot be read as UTF-8 CSV ({exc})")]
        ) from exc
    dtype = {c: str for c in header.columns if text_columns is not None and c in text_columns}
    try:
        return pd.read_csv(path, dtype=dtype, encoding="utf-8-sig", keep_default_na=True)
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise IndexInputError(
            [problem("data", "unreadable_file", f"{path.name}: cannot be read as UTF-8 CSV ({exc})")]
        ) from exc


def read_inputs(data_path: str | Path, meta_path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a data table and a meta table from files, keeping unit codes and group labels as text."""
    meta = read_table(meta_path)
    framework = parse_framework(meta)
    header = read_table_header(data_path)
    numeric = set(framework.indicators) | set(framework.denominators)
    text_cols = [c for c in header if c not in numeric]
    return read_table(data_path, text_columns=text_cols), meta


def read_table_header(path: str | Path) -> list[str]:
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            data = uploads.check_xlsx(path, TABLE_LIMITS)
        except uploads.UploadError as exc:
            raise IndexInputError([problem("data", "unreadable_file", f"{path.name}: {exc.message_en}")]) from exc
        return [str(c) for c in pd.read_excel(io.BytesIO(data), nrows=0).columns]
    if not path.is_file():
        raise IndexInputError([problem("data", "missing_file", f"file not found: {path}", value=str(path))])
    return [str(c) for c in pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns]
