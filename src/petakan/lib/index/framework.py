"""The indicator tree (COINr's ``iMeta``): parsing, validation and the per-level matrices.

The tree is read from a table with one row per node. Column names follow COINr (``Level, iCode, iName,
Direction, Weight, Parent, Type, Unit, Target, Denominator``) or their snake-case aliases (``level, code,
name, direction, weight, parent, type, unit, target, denominator``), matched case-insensitively.

``Type`` is one of ``Indicator`` (level 1), ``Aggregate`` (levels 2..L), ``Group`` (a grouping column of the
data, e.g. for group-mean imputation) or ``Denominator`` (a column indicators can be divided by). The parent
of a node at level l must be an aggregate at level l + 1; nodes at the top level have no parent.

Aggregation over the tree is matrix algebra: for level l (children) the weight matrix ``W_l`` has shape
(k_l × k_{l+1}) with ``W_l[i, p] = w_i`` when node i's parent is p and 0 otherwise, so that the weighted sum of
children for every unit at once is ``X_l @ W_l``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .errors import IndexInputError, Problem, problem

NODE_TYPES = ("Indicator", "Aggregate", "Group", "Denominator")

# canonical name -> accepted spellings (lower-case)
META_COLUMNS: dict[str, tuple[str, ...]] = {
    "level": ("level",),
    "code": ("icode", "code"),
    "name": ("iname", "name"),
    "direction": ("direction",),
    "weight": ("weight",),
    "parent": ("parent",),
    "type": ("type",),
    "unit": ("unit",),
    "target": ("target",),
    "denominator": ("denominator",),
}
REQUIRED_META_COLUMNS = ("level", "code", "parent", "type", "weight", "direction")


@dataclass(frozen=True)
class Node:
    """One row of the indicator tree. ``level`` is None for groups and denominators."""

    code: str
    name: str
    type: str
    level: int | None
    parent: str | None
    direction: int
    weight: float
    unit: str | None = None
    target: float | None = None
    denominator: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "code": self.code,
            "name": self.name,
            "parent": self.parent,
            "direction": self.direction,
            "weight": None if math.isnan(self.weight) else self.weight,
            "type": self.type,
            "unit": self.unit,
            "target": self.target,
            "denominator": self.denominator,
        }


@dataclass
class Framework:
    """A validated indicator tree with the arrays the engine computes with.

    ``levels[0]`` are the indicator codes (level 1), ``levels[l]`` the aggregate codes of level l + 1, each in
    the order of the meta table. ``parent_index[l][i]`` is the position, within ``levels[l + 1]``, of the
    parent of ``levels[l][i]``.
    """

    nodes: dict[str, Node]
    levels: list[list[str]]
    groups: list[str]
    denominators: list[str]
    parent_index: list[np.ndarray] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.parent_index:
            self.parent_index = []
            for lvl in range(len(self.levels) - 1):
                pos = {c: i for i, c in enumerate(self.levels[lvl + 1])}
                idx = np.array([pos[self.nodes[c].parent] for c in self.levels[lvl]], dtype=np.intp)
                self.parent_index.append(idx)

    # -- shape -----------------------------------------------------------------------------------------
    @property
    def indicators(self) -> list[str]:
        return self.levels[0]

    @property
    def n_levels(self) -> int:
        return len(self.levels)

    @property
    def aggregates(self) -> list[str]:
        """Aggregate codes from the top level down (COINr's results order), meta order within a level."""
        out: list[str] = []
        for codes in reversed(self.levels[1:]):
            out.extend(codes)
        return out

    @property
    def directions(self) -> np.ndarray:
        return np.array([self.nodes[c].direction for c in self.indicators], dtype=float)

    @property
    def targets(self) -> np.ndarray:
        t = [self.nodes[c].target for c in self.indicators]
        return np.array([np.nan if v is None else v for v in t], dtype=float)

    def level_of(self, code: str) -> int:
        node = self.nodes[code]
        if node.level is None:
            raise KeyError(code)
        return node.level

    def children(self, code: str) -> list[str]:
        lvl = self.level_of(code)
        if lvl == 1:
            return []
        return [c for c in self.levels[lvl - 2] if self.nodes[c].parent == code]

    def descendants_at(self, code: str, level: int) -> list[str]:
        """Codes at ``level`` below ``code`` (in level order)."""
        lvl = self.level_of(code)
        if level > lvl:
            raise ValueError(f"level {level} is above {code} (level {lvl})")
        if level == lvl:
            return [code]
        idx = np.arange(len(self.levels[level - 1]))
        for l0 in range(level - 1, lvl - 1):
            idx = self.parent_index[l0][idx]
        target = self.levels[lvl - 1].index(code)
        return [c for c, a in zip(self.levels[level - 1], idx, strict=True) if a == target]

    def ancestor_index(self, from_level: int, to_level: int) -> np.ndarray:
        """For each node at ``from_level``, the position of its ancestor within ``to_level``."""
        idx = np.arange(len(self.levels[from_level - 1]))
        for l0 in range(from_level - 1, to_level - 1):
            idx = self.parent_index[l0][idx]
        return idx

    def node_weights(self, level: int) -> np.ndarray:
        """Meta weights of the nodes at ``level`` (1-based)."""
        return np.array([self.nodes[c].weight for c in self.levels[level - 1]], dtype=float)

    def membership(self, level: int) -> np.ndarray:
        """0/1 matrix (k_level × k_{level+1}): child i belongs to parent p."""
        k, p = len(self.levels[level - 1]), len(self.levels[level])
        m = np.zeros((k, p))
        m[np.arange(k), self.parent_index[level - 1]] = 1.0
        return m

    def weight_matrix(self, level: int, weights: np.ndarray) -> np.ndarray:
        """Weights of the nodes at ``level`` scattered into the (k_level × k_{level+1}) parent matrix."""
        m = self.membership(level)
        return m * np.asarray(weights, dtype=float)[:, None]

    def to_records(self) -> list[dict[str, Any]]:
        return [n.to_dict() for n in self.nodes.values()]

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.to_records())


# ---------------------------------------------------------------------------------------------------------
def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and not v.strip())


def _text(v: Any) -> str | None:
    if _blank(v):
        return None
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _number(v: Any) -> float | None:
    """Parse a number; None when blank; raises ValueError when not a number."""
    if _blank(v):
        return None
    if isinstance(v, bool):
        raise ValueError(v)
    x = float(v)
    if math.isnan(x):
        return None
    return x


def resolve_meta_columns(columns: list[str]) -> tuple[dict[str, str], list[Problem]]:
    """Map canonical meta column names to the table's own column names."""
    lower = {str(c).strip().lower(): c for c in columns}
    found: dict[str, str] = {}
    problems: list[Problem] = []
    for canon, spellings in META_COLUMNS.items():
        hits = [lower[s] for s in spellings if s in lower]
        if len(hits) > 1:
            problems.append(
                problem(
                    "meta",
                    "ambiguous_column",
                    f"meta table: columns {hits} both mean '{canon}'; keep one",
                    column=str(hits[0]),
                )
            )
        elif hits:
            found[canon] = hits[0]
    for canon in REQUIRED_META_COLUMNS:
        if canon not in found:
            problems.append(
                problem(
                    "meta",
                    "missing_column",
                    f"meta table: required column '{canon}' is missing "
                    f"(accepted names: {', '.join(META_COLUMNS[canon])}, any case)",
                    column=canon,
                )
            )
    return found, problems


def parse_framework(meta: pd.DataFrame | list[dict[str, Any]]) -> Framework:
    """Validate an indicator tree table and build a :class:`Framework`.

    All problems are collected and raised together as :class:`IndexInputError`: missing columns, empty or
    duplicate codes, unknown types, non-numeric levels / weights / directions / targets, weights that are not
    positive, directions other than ±1, unknown parents, parents that are not aggregates one level up, cycles,
    aggregates without children, and denominators that are not declared.
    """
    if isinstance(meta, list):
        meta = pd.DataFrame(meta)
    cols, problems = resolve_meta_columns(list(meta.columns))
    if problems:
        raise IndexInputError(problems)

    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    records = meta.to_dict("records")
    for i, rec in enumerate(records, start=1):
        raw = {canon: rec.get(col) for canon, col in cols.items()}
        code = _text(raw.get("code"))
        if code is None:
            problems.append(problem("meta", "missing_code", f"meta row {i}: the code is empty", row=i, column="code"))
            continue
        if code in seen:
            problems.append(
                problem(
                    "meta",
                    "duplicate_code",
                    f"meta row {i}: code '{code}' is a duplicate of row {seen[code]}",
                    row=i,
                    code=code,
                    column="code",
                )
            )
            continue
        seen[code] = i
        typ_raw = _text(raw.get("type"))
        typ = next((t for t in NODE_TYPES if typ_raw and typ_raw.lower() == t.lower()), None)
        if typ is None:
            problems.append(
                problem(
                    "meta",
                    "unknown_type",
                    f"meta row {i} ({code}): type '{typ_raw}' is not one of {', '.join(NODE_TYPES)}",
                    row=i,
                    code=code,
                    column="type",
                    value=typ_raw,
                )
            )
            continue
        parsed: dict[str, Any] = {"row": i, "code": code, "type": typ, "name": _text(raw.get("name")) or code}
        parsed["unit"] = _text(raw.get("unit"))
        parsed["parent"] = _text(raw.get("parent"))
        parsed["denominator"] = _text(raw.get("denominator"))
        for fld in ("level", "weight", "direction", "target"):
            try:
                parsed[fld] = _number(raw.get(fld))
            except (TypeError, ValueError):
                if typ in ("Indicator", "Aggregate"):
                    problems.append(
                        problem(
                            "meta",
                            "not_a_number",
                            f"meta row {i} ({code}), column {fld}: '{raw.get(fld)}' is not a number",
                            row=i,
                            code=code,
                            column=fld,
                            value=raw.get(fld),
                        )
                    )
                parsed[fld] = None
                parsed[f"{fld}_bad"] = True
        rows.append(parsed)

    by_code = {r["code"]: r for r in rows}
    tree_rows = [r for r in rows if r["type"] in ("Indicator", "Aggregate")]
    denominators = [r["code"] for r in rows if r["type"] == "Denominator"]
    groups = [r["code"] for r in rows if r["type"] == "Group"]

    for r in tree_rows:
        i, code = r["row"], r["code"]
        lvl = r["level"]
        if lvl is None and not r.get("level_bad"):
            problems.append(
                problem("meta", "missing_level", f"meta row {i} ({code}): the level is empty", row=i, code=code)
            )
        elif lvl is not None and (not float(lvl).is_integer() or lvl < 1):
            problems.append(
                problem(
                    "meta",
                    "bad_level",
                    f"meta row {i} ({code}): level {lvl:g} is not a whole number ≥ 1",
                    row=i,
                    code=code,
                    column="level",
                    value=lvl,
                )
            )
            r["level"] = None
        elif lvl is not None:
            r["level"] = int(lvl)
            if r["type"] == "Indicator" and r["level"] != 1:
                problems.append(
                    problem(
                        "meta",
                        "indicator_level",
                        f"meta row {i} ({code}): an Indicator must be at level 1, not {r['level']}",
                        row=i,
                        code=code,
                        column="level",
                        value=r["level"],
                    )
                )
            if r["type"] == "Aggregate" and r["level"] < 2:
                problems.append(
                    problem(
                        "meta",
                        "aggregate_level",
                        f"meta row {i} ({code}): an Aggregate must be at level 2 or above, not {r['level']}",
                        row=i,
                        code=code,
                        column="level",
                        value=r["level"],
                    )
                )
        w = r["weight"]
        if w is None and not r.get("weight_bad"):
            problems.append(
                problem("meta", "missing_weight", f"meta row {i} ({code}): the weight is empty", row=i, code=code)
            )
        elif w is not None and not (w > 0 and math.isfinite(w)):
            problems.append(
                problem(
                    "meta",
                    "weight_not_positive",
                    f"meta row {i} ({code}): weight {w:g} is not positive",
                    row=i,
                    code=code,
                    column="weight",
                    value=w,
                )
            )
        d = r["direction"]
        if r["type"] == "Indicator":
            if d is None and not r.get("direction_bad"):
                problems.append(
                    problem(
                        "meta",
                        "missing_direction",
                        f"meta row {i} ({code}): the direction is empty (1 = higher is better, -1 = lower is better)",
                        row=i,
                        code=code,
                        column="direction",
                    )
                )
            elif d is not None and d not in (1.0, -1.0):
                problems.append(
                    problem(
                        "meta",
                        "bad_direction",
                        f"meta row {i} ({code}): direction {d:g} is not 1 or -1",
                        row=i,
                        code=code,
                        column="direction",
                        value=d,
                    )
                )
        elif d is not None and d != 1.0:
            problems.append(
                problem(
                    "meta",
                    "aggregate_direction",
                    f"meta row {i} ({code}): aggregates are not reversed; their direction must be 1 or empty, "
                    f"not {d:g} (set the directions of the indicators instead)",
                    row=i,
                    code=code,
                    column="direction",
                    value=d,
                )
            )
        den = r["denominator"]
        if den is not None:
            if r["type"] != "Indicator":
                problems.append(
                    problem(
                        "meta",
                        "denominator_on_aggregate",
                        f"meta row {i} ({code}): only indicators can have a denominator",
                        row=i,
                        code=code,
                        column="denominator",
                        value=den,
                    )
                )
            elif den not in denominators:
                problems.append(
                    problem(
                        "meta",
                        "unknown_denominator",
                        f"meta row {i} ({code}): denominator '{den}' is not declared with type Denominator",
                        row=i,
                        code=code,
                        column="denominator",
                        value=den,
                    )
                )

    # parents, levels of parents, cycles
    levels_present = [r["level"] for r in tree_rows if isinstance(r["level"], int)]
    top = max(levels_present) if levels_present else 1
    for r in tree_rows:
        i, code, par = r["row"], r["code"], r["parent"]
        if par is None:
            if isinstance(r["level"], int) and r["level"] < top:
                problems.append(
                    problem(
                        "meta",
                        "missing_parent",
                        f"meta row {i} ({code}): level {r['level']} node has no parent (only level {top} may)",
                        row=i,
                        code=code,
                        column="parent",
                    )
                )
            continue
        pr = by_code.get(par)
        if pr is None:
            problems.append(
                problem(
                    "meta",
                    "unknown_parent",
                    f"meta row {i} ({code}): parent '{par}' is not a code in the meta table",
                    row=i,
                    code=code,
                    column="parent",
                    value=par,
                )
            )
        elif pr["type"] != "Aggregate":
            problems.append(
                problem(
                    "meta",
                    "parent_not_aggregate",
                    f"meta row {i} ({code}): parent '{par}' has type {pr['type']}, not Aggregate",
                    row=i,
                    code=code,
                    column="parent",
                    value=par,
                )
            )
        elif isinstance(r["level"], int) and isinstance(pr["level"], int) and pr["level"] != r["level"] + 1:
            problems.append(
                problem(
                    "meta",
                    "parent_level",
                    f"meta row {i} ({code}): parent '{par}' is at level {pr['level']}, expected level {r['level'] + 1}",
                    row=i,
                    code=code,
                    column="parent",
                    value=par,
                )
            )
    reported: set[str] = set()
    for r in tree_rows:
        path = [r["code"]]
        cur = r
        while cur["parent"] is not None and cur["parent"] in by_code:
            nxt = cur["parent"]
            if nxt in path:
                cycle = [*path[path.index(nxt) :], nxt]
                key = min(cycle)
                if key not in reported:
                    reported.add(key)
                    problems.append(
                        problem(
                            "meta",
                            "cycle",
                            f"meta row {r['row']} ({r['code']}): the parents form a cycle: {' -> '.join(cycle)}",
                            row=r["row"],
                            code=r["code"],
                            column="parent",
                            value=" -> ".join(cycle),
                        )
                    )
                break
            path.append(nxt)
            cur = by_code[nxt]
    parents_used = {r["parent"] for r in tree_rows}
    for r in tree_rows:
        if r["type"] == "Aggregate" and r["code"] not in parents_used:
            problems.append(
                problem(
                    "meta",
                    "empty_aggregate",
                    f"meta row {r['row']} ({r['code']}): aggregate has no children",
                    row=r["row"],
                    code=r["code"],
                )
            )
    if not any(r["type"] == "Indicator" for r in tree_rows):
        problems.append(problem("meta", "no_indicators", "meta table: there is no row with type Indicator"))
    if problems:
        raise IndexInputError(problems)

    nodes: dict[str, Node] = {}
    for r in rows:
        tree = r["type"] in ("Indicator", "Aggregate")
        nodes[r["code"]] = Node(
            code=r["code"],
            name=r["name"],
            type=r["type"],
            level=r["level"] if tree else None,
            parent=r["parent"] if tree else None,
            direction=int(r["direction"]) if r["type"] == "Indicator" else 1,
            weight=float(r["weight"]) if tree else float("nan"),
            unit=r["unit"],
            target=r["target"] if r["type"] == "Indicator" else None,
            denominator=r["denominator"],
        )
    levels = [[r["code"] for r in tree_rows if r["level"] == lvl] for lvl in range(1, top + 1)]
    missing_levels = [lvl + 1 for lvl, codes in enumerate(levels) if not codes]
    if missing_levels:
        raise IndexInputError(
            [
                problem(
                    "meta",
                    "empty_level",
                    f"meta table: level {lvl} has no nodes (levels must run 1..{top} without gaps)",
                    value=lvl,
                )
                for lvl in missing_levels
            ]
        )
    return Framework(nodes=nodes, levels=levels, groups=groups, denominators=denominators)
