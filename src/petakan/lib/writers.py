"""Fast writers for large result files, byte-identical to the slow standard ones.

- :func:`write_frame_csv` writes what ``frame_for_export(frame).to_csv(path, index=False)`` writes. pandas turns
  every float into text through numpy's Dragon4 (``astype(str)``) and then hands the cells to the ``csv`` module one
  by one: 3 s for a national score table (83,762 units × 35 columns). Here a float column is formatted with
  Python's own shortest round-trip ``float.__repr__`` (David Gay's dtoa, the same digits as numpy's ``str`` and
  twice as fast), an integer column (ranks) by looking each value up in a table of the strings of 0 … max, and
  the rows are joined column-wise; text columns get the formula guard of :mod:`petakan.lib.cells` and the ``csv``
  module's own quoting, only where a value needs it. Anything this writer does not know (other dtypes, non-text
  objects, one column, no rows) goes to pandas unchanged.
- :func:`dumps_indented` returns what ``json.dumps(obj, indent=n, ensure_ascii=False, allow_nan=False)`` returns.
  With an indent, the standard library uses its pure-Python encoder (its C encoder only does compact output):
  0.7 s for a national audit, whose 84,000 per-unit availabilities are one flat mapping. Here every container whose
  members are all plain scalars is encoded by the C encoder in one call, with the newline and indent as its item
  separator; only the few nested levels above are walked in Python.

Pure: no Django.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from petakan.lib.cells import FORMULA_STARTS, neutralise

# an integer column is formatted by table look-up when its values lie in 0 … this and no further than twice its
# length (ranks of 84,000 villages do); other integers (populations, years) are formatted one by one
INT_TABLE_MAX = 1_000_000
_NEEDS_QUOTING = (",", '"', "\r", "\n")
# in text joined by newlines: a cell that starts like a formula, or that needs quoting
_UNSAFE = re.compile("(?:^|\n)[" + re.escape("".join(FORMULA_STARTS)) + ']|[,"\r]')


def _quoted(value: str) -> str:
    """The cell as the ``csv`` module (pandas' dialect) writes it, for a value that may need quoting."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([value, ""])
    return buf.getvalue()[:-2]  # drop the empty second cell's comma and the line end


def _float_cells(values: np.ndarray) -> list[str]:
    cells = list(map(float.__repr__, values.tolist()))
    missing = np.flatnonzero(np.isnan(values))
    for i in missing.tolist():
        cells[i] = ""
    return cells


_TABLE: list[np.ndarray] = [np.array(["0"], dtype=object)]


def _int_table(top: int) -> np.ndarray:
    """The strings of 0 … ``top`` (at least), built once and grown when needed."""
    if len(_TABLE[0]) <= top:
        _TABLE[0] = np.array(list(map(str, range(top + 1))), dtype=object)
    return _TABLE[0]


def _int_cells(values: np.ndarray, missing: np.ndarray | None) -> list[str]:
    if values.size and values.min() >= 0 and values.max() <= min(INT_TABLE_MAX, 2 * values.size):
        cells = _int_table(int(values.max()))[values]
    else:
        cells = np.array(list(map(str, values.tolist())), dtype=object)
    if missing is not None and missing.any():
        cells[missing] = ""
    return cells.tolist()


def _text_cells(series: pd.Series) -> list[str] | None:
    values = series.tolist()
    if set(map(type, values)) <= {str}:
        # the usual case, unit codes: one scan of the joined text finds whether any cell needs the guard or quotes
        joined = "\n".join(values)
        if not _UNSAFE.search(joined) and joined.count("\n") == len(values) - 1:
            return values
    cells: list[str] = []
    for v in values:
        if v is None or (isinstance(v, float) and v != v):
            cells.append("")
        elif isinstance(v, str):
            v = neutralise(v)
            cells.append(_quoted(v) if any(c in v for c in _NEEDS_QUOTING) else v)
        else:
            return None  # numbers or other objects in a text column: let pandas decide how they print
    return cells


def _column_cells(series: pd.Series) -> Any:
    """The column's cells as strings, or None if this writer does not handle its dtype."""
    dtype = series.dtype
    if dtype == np.float64:
        return _float_cells(series.to_numpy())
    if dtype == np.int64:
        return _int_cells(series.to_numpy(), None)
    if isinstance(dtype, pd.Int64Dtype):
        missing = series.isna().to_numpy()
        return _int_cells(series.to_numpy(dtype=np.int64, na_value=0), missing)
    if dtype is np.dtype(object) or str(dtype) in ("object", "string", "str"):
        return _text_cells(series)
    return None


def write_frame_csv(frame: pd.DataFrame, path: Path | str) -> None:
    """Write ``frame`` (without its index) to ``path`` as ``frame_for_export(frame).to_csv(path, index=False)``
    would, byte for byte: text cells neutralised against spreadsheet formulas, floats in their shortest
    round-trip form, missing values empty, UTF-8, ``\\n`` line ends."""
    names = list(frame.columns)
    columns = None
    if len(names) > 1 and len(frame) > 0 and all(isinstance(c, str) for c in names) and frame.columns.is_unique:
        columns = []
        for name in names:
            cells = _column_cells(frame[name])
            if cells is None:
                columns = None
                break
            columns.append(cells)
    if columns is None:
        from petakan.lib.cells import frame_for_export

        frame_for_export(frame).to_csv(path, index=False)
        return
    header = ",".join(_quoted(n) if any(c in n for c in _NEEDS_QUOTING) else n for n in (neutralise(c) for c in names))
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(header + "\n")
        handle.write("\n".join(map(",".join, zip(*columns, strict=True))))
        handle.write("\n")


_SCALARS = (str, int, float, bool, type(None))


def _key(k: Any) -> str:
    """A mapping key as ``json`` writes it (keys that are not text are converted as the encoder does)."""
    if isinstance(k, str):
        pass
    elif isinstance(k, float):
        k = json.dumps(k, allow_nan=False)
    elif k is True:
        k = "true"
    elif k is False:
        k = "false"
    elif k is None:
        k = "null"
    elif isinstance(k, int):
        k = int.__repr__(k)
    else:
        raise TypeError(f"keys must be str, int, float, bool or None, not {type(k).__name__}")
    return json.dumps(k, ensure_ascii=False)


def dumps_indented(obj: Any, indent: int = 1) -> str:
    """``json.dumps(obj, indent=indent, ensure_ascii=False, allow_nan=False)``, the same text, faster on large
    flat containers (see the module docstring). Raises ``ValueError`` on NaN or infinity as ``json`` does."""

    def flat(items: Any) -> bool:
        return all(type(v) in _SCALARS for v in items)

    def enc(o: Any, level: int) -> str:
        if isinstance(o, dict):
            if not o:
                return "{}"
            pad = "\n" + " " * (indent * (level + 1))
            end = "\n" + " " * (indent * level) + "}"
            if flat(o.values()) and all(type(k) is str for k in o):
                inner = json.dumps(o, ensure_ascii=False, allow_nan=False, separators=("," + pad, ": "))
                return "{" + pad + inner[1:-1] + end
            parts = [_key(k) + ": " + enc(v, level + 1) for k, v in o.items()]
            return "{" + pad + ("," + pad).join(parts) + end
        if isinstance(o, list | tuple):
            if not o:
                return "[]"
            pad = "\n" + " " * (indent * (level + 1))
            end = "\n" + " " * (indent * level) + "]"
            if flat(o):
                inner = json.dumps(o, ensure_ascii=False, allow_nan=False, separators=("," + pad, ": "))
                return "[" + pad + inner[1:-1] + end
            return "[" + pad + ("," + pad).join(enc(v, level + 1) for v in o) + end
        return json.dumps(o, ensure_ascii=False, allow_nan=False)

    return enc(obj, 0)
