"""The stored scores of a run, read and written in one place.

A run stores one :class:`~petakan.indices.models.UnitScores` row per unit — each village, each kecamatan (simple
and population-weighted mean), each zone, the regency — holding vectors over the run's nodes in ``run.tree``
order. This module packs and unpacks those vectors; pages and exports ask it for what they show:

- :func:`unit_scores`: every node of one unit (a village page, the side panel);
- :func:`node_values`: one node over all units of a kind (a map, a chart);
- :func:`table`: units × nodes frames (exports, comparisons, dashboards).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from django.db import connection

from petakan.indices.models import Run, UnitScores

VALUES = np.dtype("<f8")
RANKS = np.dtype("<f4")  # exact for ranks below 16.7 million
COLUMNS = (
    "unit", "area_id", "zone", "value", "rank", "rank_median", "rank_low", "rank_high", "values", "raw", "ranks"
)  # fmt: skip


def codes(run: Run) -> list[str]:
    """The node codes in vector order."""
    return [n["code"] for n in run.tree]


def levels(run: Run) -> dict[str, str]:
    return {n["code"]: n["level"] for n in run.tree}


def index_code(run: Run) -> str:
    return run.tree[0]["code"] if run.tree else "sci"


def pack(vector: np.ndarray, dtype: np.dtype = VALUES) -> bytes:
    return np.ascontiguousarray(vector, dtype=dtype).tobytes()


def unpack(data: bytes | memoryview | None, size: int, dtype: np.dtype = VALUES) -> np.ndarray:
    """A stored vector; a missing one (no raw values for aggregates) is all NaN."""
    if data is None:
        return np.full(size, np.nan)
    vector = np.frombuffer(bytes(data), dtype=dtype).astype(float)
    if vector.size != size:
        raise ValueError(f"stored vector has {vector.size} values, the run's tree {size} nodes")
    return vector


def _number(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def _whole(value: float) -> int | None:
    return None if np.isnan(value) else int(value)


@dataclass(frozen=True)
class NodeScore:
    """One node's score for one unit: the value 0–100, the measured value behind an indicator, the rank."""

    node: str
    level: str
    value: float | None
    raw: float | None
    rank: int | None
    # the Monte Carlo rank interval: only on the index node of villages
    rank_median: float | None = None
    rank_low: int | None = None
    rank_high: int | None = None


def unit_scores(run: Run, unit: str, area: Any = None, zone: str = "") -> dict[str, NodeScore]:
    """Every node's score of one unit (empty if the run has no such unit). One query."""
    rows = UnitScores.objects.filter(run=run, unit=unit)
    rows = rows.filter(area=area) if area is not None else rows
    rows = rows.filter(zone=zone) if zone else rows
    row = rows.first()
    if row is None:
        return {}
    names = codes(run)
    level = levels(run)
    values, raw = unpack(row.values, len(names)), unpack(row.raw, len(names))
    ranks = unpack(row.ranks, len(names), RANKS)
    top = index_code(run)
    return {
        code: NodeScore(
            node=code,
            level=level[code],
            value=_number(values[i]),
            raw=_number(raw[i]),
            rank=_whole(ranks[i]),
            rank_median=row.rank_median if code == top else None,
            rank_low=row.rank_low if code == top else None,
            rank_high=row.rank_high if code == top else None,
        )
        for i, code in enumerate(names)
    }


@dataclass(frozen=True)
class Table:
    """Units × nodes of one kind of unit. Index: the area code (zone name for zones); columns: node codes."""

    values: pd.DataFrame
    raw: pd.DataFrame
    ranks: pd.DataFrame
    # per unit: the index node's rank interval and the area's name (empty for zones)
    info: pd.DataFrame


def table(run: Run, unit: str, *, prefix: str = "") -> Table:
    """All units of ``unit`` in the run (villages or kecamatan whose code starts with ``prefix``). One query."""
    rows = UnitScores.objects.filter(run=run, unit=unit)
    if prefix:
        rows = rows.filter(area__code__startswith=prefix)
    fetched = list(
        rows.order_by("area__code", "zone").values_list(
            "area__code", "area__name", "zone", "rank_median", "rank_low", "rank_high", "values", "raw", "ranks"
        )
    )
    names = codes(run)
    keys = [code if code is not None else zone for code, _name, zone, *_rest in fetched]
    index = pd.Index(keys, name="code", dtype=object)

    def frame(position: int, dtype: np.dtype) -> pd.DataFrame:
        matrix = np.array([unpack(r[position], len(names), dtype) for r in fetched]).reshape(len(fetched), len(names))
        return pd.DataFrame(matrix, index=index, columns=names)

    info = pd.DataFrame(
        {
            "name": [r[1] or "" for r in fetched],
            "rank_median": pd.array([r[3] for r in fetched], dtype="Float64"),
            "rank_low": pd.array([r[4] for r in fetched], dtype="Int64"),
            "rank_high": pd.array([r[5] for r in fetched], dtype="Int64"),
        },
        index=index,
    )
    return Table(frame(6, VALUES), frame(7, VALUES), frame(8, RANKS), info)


def node_values(run: Run, unit: str, node: str) -> dict[str, float | None]:
    """One node's value for every unit of a kind: area code (zone name for zones) → score."""
    names = codes(run)
    if node not in names:
        return {}
    at = names.index(node)
    if at == 0:  # the index is a column of its own: no vector to unpack
        rows = UnitScores.objects.filter(run=run, unit=unit).values_list("area__code", "zone", "value")
        return {code if code is not None else zone: value for code, zone, value in rows}
    rows = UnitScores.objects.filter(run=run, unit=unit).values_list("area__code", "zone", "values")
    return {code if code is not None else zone: _number(unpack(v, len(names))[at]) for code, zone, v in rows}


def node_imputed(run: Run, node: str) -> list[str]:
    """The villages whose value of indicator ``node`` was imputed (scored, but nothing measured), by area code."""
    names = codes(run)
    if node not in names or node not in {n["code"] for n in run.tree if n["level"] == "indicator"}:
        return []
    at = names.index(node)
    rows = UnitScores.objects.filter(run=run, unit="village").values_list("area__code", "values", "raw")
    return sorted(
        code
        for code, v, r in rows
        if r is not None and np.isfinite(unpack(v, len(names))[at]) and np.isnan(unpack(r, len(names))[at])
    )


def row(
    run: Run,
    unit: str,
    values: Mapping[str, float | None],
    *,
    area: Any = None,
    zone: str = "",
    raw: Mapping[str, float | None] | None = None,
    ranks: Mapping[str, int | None] | None = None,
    interval: tuple[float | None, int | None, int | None] = (None, None, None),
) -> UnitScores:
    """An unsaved row from node → value mappings (nodes not named have no score). For imports and test data."""
    names = codes(run)

    def vector(mapping: Mapping[str, Any] | None, dtype: np.dtype) -> np.ndarray:
        got = mapping or {}
        return np.array([np.nan if got.get(c) is None else float(got[c]) for c in names], dtype=dtype)

    top = index_code(run)
    return UnitScores(
        run=run,
        unit=unit,
        area=area,
        zone=zone,
        value=values.get(top),
        rank=(ranks or {}).get(top),
        rank_median=interval[0],
        rank_low=interval[1],
        rank_high=interval[2],
        values=pack(vector(values, VALUES)),
        raw=pack(vector(raw, VALUES)) if raw is not None else None,
        ranks=pack(vector(ranks, RANKS), RANKS),
    )


@dataclass
class Block:
    """Units × nodes matrices of one kind of unit, ready to be written (nodes in ``run.tree`` order)."""

    unit: str
    area_ids: list[int | None]
    zones: list[str]
    values: np.ndarray
    ranks: np.ndarray
    raw: np.ndarray | None = None
    # index-node rank intervals per unit (NaN where none)
    rank_median: np.ndarray | None = None
    rank_low: np.ndarray | None = None
    rank_high: np.ndarray | None = None


def _numbers(column: np.ndarray) -> list[float | None]:
    """A float column as Python floats, None for NaN: vectorised, no Python call per value."""
    column = np.asarray(column, dtype=float)
    return np.where(np.isnan(column), None, column).tolist()


def _wholes(column: np.ndarray) -> list[int | None]:
    """A float column of whole numbers as Python ints, None for NaN."""
    column = np.asarray(column, dtype=float)
    missing = np.isnan(column)
    return np.where(missing, None, np.where(missing, 0, column).astype(np.int64)).tolist()


def _row_bytes(matrix: np.ndarray, dtype: np.dtype) -> list[bytes]:
    """Each row of ``matrix`` packed as ``dtype`` (one bytes object per row, made in C: a row viewed as one opaque
    value of its whole width)."""
    packed = np.ascontiguousarray(matrix, dtype=dtype)
    return packed.view(np.dtype((np.void, packed.shape[1] * dtype.itemsize))).ravel().tolist()


def _lines(block: Block) -> Iterable[tuple[Any, ...]]:
    """The block's rows as tuples in :data:`COLUMNS` order. Built column by column: a national run's 84,000 rows
    would otherwise spend a second in per-value Python."""
    n = len(block.area_ids)
    nan = np.full(n, np.nan)
    ranks = np.asarray(block.ranks, dtype=RANKS)  # the stored rank is the float32 one, as in the vector
    if n == 0:
        return iter(())
    return zip(
        [block.unit] * n,
        block.area_ids,
        block.zones,
        _numbers(np.asarray(block.values, dtype=VALUES)[:, 0]),
        _wholes(ranks[:, 0]),
        _numbers(block.rank_median if block.rank_median is not None else nan),
        _wholes(block.rank_low if block.rank_low is not None else nan),
        _wholes(block.rank_high if block.rank_high is not None else nan),
        _row_bytes(block.values, VALUES),
        _row_bytes(block.raw, VALUES) if block.raw is not None else [None] * n,
        _row_bytes(block.ranks, RANKS),
        strict=True,
    )


def write(run: Run, blocks: Iterable[Block]) -> int:
    """Store the blocks' rows for ``run`` in bulk; returns the number of rows.

    PostgreSQL: one binary COPY (84,000 village rows of 91 nodes in about a second); elsewhere one executemany on
    the driver's cursor — the ORM's per-object work would dominate.
    """
    table_name = connection.ops.quote_name(UnitScores._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in ("run_id", *COLUMNS))  # "values" is an SQL keyword
    count = 0
    if connection.vendor == "postgresql":
        statement = f"COPY {table_name} ({columns}) FROM STDIN (FORMAT BINARY)"
        types = ["int8", "varchar", "int8", "varchar", "float8", "int4", "float8", "int4", "int4"]
        types += ["bytea", "bytea", "bytea"]
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            copy.set_types(types)
            for block in blocks:
                for line in _lines(block):
                    copy.write_row((run.pk, *line))
                    count += 1
        return count
    placeholders = ", ".join(["%s"] * (len(COLUMNS) + 1))
    insert = f"INSERT INTO {table_name} ({columns}) VALUES ({placeholders})"
    with connection.cursor() as cursor:
        for block in blocks:
            lines = [(run.pk, *line) for line in _lines(block)]
            cursor.executemany(insert, lines)
            count += len(lines)
    return count
