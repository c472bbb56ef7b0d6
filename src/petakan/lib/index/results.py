"""The result of a pipeline run: scores, ranks, data sets, decomposition, log and hash."""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .config import DATASET_OF_STEP
from .errors import IndexMethodError
from .framework import Framework
from .inputs import Inputs
from .stats import rank_columns
from .steps import State, StepResult

if TYPE_CHECKING:
    from .sensitivity import SensitivityResult


_PLAIN = {str, int, bool, type(None)}


def _plain(values: Any) -> bool:
    """True if every value is already plain JSON: str, int, bool, None or finite float (exact types). A sum of
    floats is finite only if each is (a sum that overflows just takes the slow path)."""
    types = set(map(type, values))
    if types <= _PLAIN:
        return True
    if types <= _PLAIN | {float}:
        floats = [v for v in values if type(v) is float] if len(types) > 1 else values
        return math.isfinite(sum(floats))
    return False


def jsonable(obj: Any) -> Any:
    """Plain JSON types: numpy scalars and arrays converted, NaN and ±inf as None."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, str | int | bool) or obj is None:
        return obj
    if isinstance(obj, dict):
        if _plain(obj.values()):  # e.g. the audit's 84,000 per-unit availabilities: no call per value
            return dict(zip(map(str, obj.keys()), obj.values(), strict=True))
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        if _plain(obj):
            return list(obj)
        return [jsonable(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return [jsonable(v) for v in obj.tolist()]
    if isinstance(obj, np.generic):
        obj = obj.item()
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    return obj


def canonical_json(obj: Any) -> str:
    return json.dumps(jsonable(obj), sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


@dataclass
class StepRecord:
    name: str
    params: dict[str, Any]
    result: StepResult

    def to_log(self) -> dict[str, Any]:
        return {
            "step": self.name,
            "dataset": DATASET_OF_STEP.get(self.name),
            "params": {k: v for k, v in self.params.items() if k != "step"},
            "summary": self.result.summary,
            "warnings": self.result.warnings,
        }


@dataclass
class Run:
    """One computed index (COINr's "coin" after ``Aggregate``).

    Units are the rows kept after screening (``unit_codes``). Scores of aggregates are in
    ``aggregate_scores`` (units × aggregates, top level first; see ``framework.aggregates``).
    """

    inputs: Inputs
    config: dict[str, Any]
    records: list[StepRecord]
    rows: np.ndarray
    normalised: np.ndarray
    level_scores: list[np.ndarray]
    weights: list[np.ndarray]
    aggregate_scores: np.ndarray
    aggregate_ranks: np.ndarray
    engine_version: str
    _indicator_ranks: np.ndarray | None = field(default=None, repr=False)

    # -- identity --------------------------------------------------------------------------------------
    @property
    def framework(self) -> Framework:
        return self.inputs.framework

    @property
    def unit_codes(self) -> np.ndarray:
        return self.inputs.unit_codes[self.rows]

    @property
    def unit_names(self) -> np.ndarray | None:
        return None if self.inputs.unit_names is None else self.inputs.unit_names[self.rows]

    @property
    def warnings(self) -> list[str]:
        return [f"{r.name}: {w}" for r in self.records for w in r.result.warnings]

    def methodology(self) -> dict[str, Any]:
        """What determines the results besides the data: engine version, resolved steps, ranking, tree."""
        return {
            "engine_version": self.engine_version,
            "steps": self.config["steps"],
            "ranks": self.config["ranks"],
            "framework": self.framework.to_records(),
        }

    @cached_property
    def hash(self) -> str:
        """sha256 of the data digest and the canonical JSON of :meth:`methodology` (names, descriptions and
        sensitivity settings do not change the scores and are left out)."""
        h = hashlib.sha256()
        h.update(self.inputs.sha256.encode())
        h.update(canonical_json(self.methodology()).encode())
        return h.hexdigest()

    @property
    def log(self) -> dict[str, Any]:
        """The full methodology as a JSON-able dict; :func:`petakan.lib.index.regenerate` rebuilds the run from
        it and the same data."""
        return jsonable(
            {
                "engine": {"name": "petakan.lib.index", "version": self.engine_version},
                "config": self.config,
                "framework": self.framework.to_records(),
                "data": {
                    "sha256": self.inputs.sha256,
                    "units": int(self.inputs.n_units),
                    "units_scored": len(self.rows),
                    "indicators": len(self.framework.indicators),
                    "unit_code_column": self.inputs.unit_code_column,
                    "unit_name_column": self.inputs.unit_name_column,
                    "ignored_columns": self.inputs.ignored_columns,
                },
                "steps": [r.to_log() for r in self.records],
                "warnings": self.warnings
                + (
                    [f"data: columns not in the meta table were ignored: {', '.join(self.inputs.ignored_columns)}"]
                    if self.inputs.ignored_columns
                    else []
                ),
                "hash": self.hash,
            }
        )

    # -- scores and ranks ------------------------------------------------------------------------------
    def _levels_codes(self, level: int | None) -> tuple[list[str], np.ndarray, np.ndarray | None]:
        fw = self.framework
        if level is None:
            return fw.aggregates, self.aggregate_scores, self.aggregate_ranks
        if level == 1:
            return fw.indicators, self.normalised, None
        if not 2 <= level <= fw.n_levels:
            raise ValueError(f"level must be between 1 and {fw.n_levels}")
        codes = fw.levels[level - 1]
        start = fw.aggregates.index(codes[0])
        sl = slice(start, start + len(codes))
        return codes, self.aggregate_scores[:, sl], self.aggregate_ranks[:, sl]

    def scores(self, level: int | None = None) -> pd.DataFrame:
        """Scores (units × codes): all aggregates (top level first) by default, or one level; level 1 gives
        the normalised indicators."""
        codes, values, _ = self._levels_codes(level)
        return pd.DataFrame(values, index=pd.Index(self.unit_codes, name="unit_code"), columns=codes)

    def ranks(self, level: int | None = None) -> pd.DataFrame:
        """Ranks (1 = best score; ties per ``ranks.ties``, COINr's default ``min``), NaN where the score is
        missing. Stored as floats so missing ranks stay NaN."""
        codes, values, ranks = self._levels_codes(level)
        if ranks is None:
            if self._indicator_ranks is None:
                self._indicator_ranks = rank_columns(values, ties=self.config["ranks"]["ties"], descending=True)
            ranks = self._indicator_ranks
        return pd.DataFrame(ranks, index=pd.Index(self.unit_codes, name="unit_code"), columns=codes)

    def results_table(self, codes: list[str] | None = None) -> pd.DataFrame:
        """One row per unit: ``unit_code``, then ``<code>_score`` and ``<code>_rank`` per aggregate (top level
        first), sorted by the top aggregate's rank (COINr ``get_results(tab_type = "Aggs")``)."""
        fw = self.framework
        codes = codes or fw.aggregates
        sc, rk = self.scores(), self.ranks()
        cols: dict[str, Any] = {"unit_code": self.unit_codes}
        for c in codes:
            cols[f"{c}_score"] = sc[c].to_numpy()
            cols[f"{c}_rank"] = pd.array(rk[c].to_numpy(), dtype="Float64").astype("Int64")
        table = pd.DataFrame(cols)
        return table.sort_values([f"{codes[0]}_rank", "unit_code"], kind="stable", na_position="last").reset_index(
            drop=True
        )

    def unit_summary(self, unit: str, levels: list[int] | None = None) -> pd.DataFrame:
        """Scores and ranks of one unit at the given levels (COINr ``get_unit_summary``), top level first."""
        fw = self.framework
        levels = levels or list(range(fw.n_levels, 1, -1))
        pos = np.flatnonzero(self.unit_codes == unit)
        if len(pos) == 0:
            raise KeyError(f"unit {unit!r} is not in the results (unknown or screened out)")
        rows = []
        for lvl in levels:
            sc, rk = self.scores(lvl), self.ranks(lvl)
            for c in sc.columns:
                rows.append({"code": c, "level": lvl, "score": sc[c].iloc[pos[0]], "rank": rk[c].iloc[pos[0]]})
        return pd.DataFrame(rows).set_index("code")

    # -- data sets -------------------------------------------------------------------------------------
    @property
    def dataset_names(self) -> list[str]:
        names = ["Raw"] + [DATASET_OF_STEP[r.name] for r in self.records if r.name in DATASET_OF_STEP]
        return names

    def dataset(self, name: str) -> pd.DataFrame:
        """A step's output data set (units × indicators; "Aggregated" adds the aggregates), rebuilt from the
        raw data and the steps' replay data (COINr ``coin$Data[[name]]``)."""
        fw = self.framework
        if name not in self.dataset_names:
            raise KeyError(f"no data set {name!r}; available: {', '.join(self.dataset_names)}")
        if name == "Normalised":
            return pd.DataFrame(self.normalised, index=self.unit_codes, columns=fw.indicators)
        if name == "Aggregated":
            norm = self.dataset("Normalised")
            return pd.concat([norm, self.scores()], axis=1)
        state = State(x=np.array(self.inputs.values, order="F", copy=True), rows=np.arange(self.inputs.n_units))
        if name != "Raw":
            for r in self.records:
                if r.result.replay is not None:
                    r.result.replay(state)
                if DATASET_OF_STEP.get(r.name) == name:
                    break
        return pd.DataFrame(state.x, index=self.inputs.unit_codes[state.rows], columns=fw.indicators)

    # -- decomposition ---------------------------------------------------------------------------------
    def decomposition(self, code: str, level: int = 1) -> pd.DataFrame:
        """Contribution of each node at ``level`` below aggregate ``code`` to its score, per unit.

        For arithmetic aggregation the contribution of node i is x_i · Π e_l along the path, with
        e_l = w·present / Σ(w·present) the weight of the node in its parent after renormalisation over the
        children present for that unit; the contributions of a unit sum to its score of ``code``. Other
        aggregation methods are not additive, and raise :class:`IndexMethodError`.
        """
        fw = self.framework
        top = fw.level_of(code)
        if top < 2:
            raise ValueError(f"{code} is an indicator, not an aggregate")
        if not 1 <= level < top:
            raise ValueError(f"level must be between 1 and {top - 1}")
        agg = next(r.params for r in self.records if r.name == "aggregate")
        for lvl in range(level + 1, top + 1):
            if agg["levels"][str(lvl)]["method"] != "arithmetic":
                raise IndexMethodError(
                    "decomposition",
                    "not_additive",
                    f"level {lvl} uses the {agg['levels'][str(lvl)]['method']} mean, which does not decompose "
                    "into additive contributions",
                )
        values = self.normalised if level == 1 else self.level_scores[level - 2]
        factor = np.ones_like(values)
        for lvl in range(level, top):
            children = self.normalised if lvl == 1 else self.level_scores[lvl - 2]
            w = self.weights[lvl - 1]
            present = ~np.isnan(children)
            wp = present * w
            den = wp @ fw.membership(lvl)
            with np.errstate(invalid="ignore", divide="ignore"):
                share = wp / den[:, fw.parent_index[lvl - 1]]
            anc = fw.ancestor_index(level, lvl)
            factor *= share[:, anc]
        contrib = np.where(np.isnan(values), 0.0, values) * factor
        keep = fw.descendants_at(code, level)
        idx = [fw.levels[level - 1].index(c) for c in keep]
        out = contrib[:, idx]
        score = self.level_scores[top - 2][:, fw.levels[top - 1].index(code)]
        out[np.isnan(score)] = np.nan
        return pd.DataFrame(out, index=pd.Index(self.unit_codes, name="unit_code"), columns=keep)

    # -- analysis shortcuts ----------------------------------------------------------------------------
    def audit(self, **kwargs: Any) -> dict[str, Any]:
        """JSON-able audit (see :func:`petakan.lib.index.audit.audit`)."""
        from .audit import audit

        return audit(self, **kwargs)

    def regenerate(self) -> Run:
        """Rebuild this run from its log and inputs (the result is identical)."""
        from .compare import regenerate

        return regenerate(self.log, self.inputs)

    def variant(self, step: str, params: dict[str, Any], merge: bool | None = None) -> Run:
        """A new run with one step changed (see :func:`petakan.lib.index.compare.variant`)."""
        from .compare import variant

        return variant(self, step, params, merge=merge)

    def sensitivity(
        self, assumptions: list[dict[str, Any]] | None = None, n: int = 100, seed: int = 0, **kwargs: Any
    ) -> SensitivityResult:
        from .sensitivity import sensitivity

        return sensitivity(self, assumptions, n=n, seed=seed, **kwargs)
