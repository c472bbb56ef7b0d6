"""Regenerate a run from its log, make a variant by changing one step, compare two runs unit by unit."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .config import DATA_STEPS, resolve_config, unresolve
from .errors import IndexConfigError, IndexInputError, problem
from .framework import parse_framework
from .inputs import Inputs, prepare_inputs
from .pipeline import execute
from .results import Run, canonical_json
from .stats import spearman_matrix


def regenerate(log: dict[str, Any], data: pd.DataFrame | Inputs, *, allow_other_data: bool = False) -> Run:
    """Rebuild a run from its log (``Run.log`` or a ``log.json``) and the data.

    The indicator tree and the resolved configuration come from the log. The data must have the digest
    recorded in the log, unless ``allow_other_data`` (e.g. to apply a published methodology to new data; the
    new run records the new digest).
    """
    problems = []
    for key in ("config", "framework", "data"):
        if key not in log:
            problems.append(problem("log", "missing_key", f"log: the '{key}' section is missing", field=key))
    if problems:
        raise IndexInputError(problems)
    framework = parse_framework(pd.DataFrame(log["framework"]))
    if isinstance(data, Inputs):
        if canonical_json(data.framework.to_records()) != canonical_json(framework.to_records()):
            raise IndexInputError(
                [problem("log", "framework_changed", "log: the indicator tree of the inputs differs from the log's")]
            )
        inputs = data
    else:
        inputs = prepare_inputs(data, framework, unit_code_column=log["data"].get("unit_code_column"))
    if not allow_other_data and inputs.sha256 != log["data"].get("sha256"):
        raise IndexInputError(
            [
                problem(
                    "log",
                    "data_changed",
                    "log: the data differ from those the run was built from "
                    f"(sha256 {inputs.sha256[:12]}… instead of {str(log['data'].get('sha256'))[:12]}…)",
                    field="data.sha256",
                )
            ]
        )
    config = resolve_config(unresolve(log["config"]), framework, set(inputs.unit_codes.tolist()))
    return execute(inputs, config)


def _insert_step(config: dict[str, Any], step: str, params: dict[str, Any]) -> dict[str, Any]:
    new = copy.deepcopy(config)
    names = [s["step"] for s in new["steps"]]
    if step in DATA_STEPS:
        pos = names.index("normalise") if "normalise" in names else len(names)
    elif step == "weight":
        pos = names.index("aggregate") if "aggregate" in names else len(names)
    else:
        pos = len(names)
    new["steps"].insert(pos, {**params, "step": step})
    return new


def apply_change(
    config: dict[str, Any], step: str, params: dict[str, Any], merge: bool | None = None
) -> dict[str, Any]:
    """A configuration (input form) with one step changed.

    ``merge``: True merges ``params`` into the step's parameters, False replaces them. None (default) replaces
    them when ``params`` names a ``method`` different from the step's, otherwise merges, so that
    ``{method: zscore}`` does not inherit the ``range`` of a min-max step. A step absent from the
    configuration is inserted at its place in the pipeline.
    """
    cfg = copy.deepcopy(config)
    current = next((s for s in cfg["steps"] if s["step"] == step), None)
    if current is None:
        return _insert_step(cfg, step, params)
    if merge is None:
        merge = "method" not in params or params["method"] == current.get("method")
    new_params = {k: v for k, v in current.items()} if merge else {"step": step}
    if merge and step == "aggregate" and any(k in params for k in ("method", "p", "min_share")):
        new_params.pop("levels", None)
    new_params.update(copy.deepcopy(params))
    new_params["step"] = step
    cfg["steps"] = [new_params if s is current else s for s in cfg["steps"]]
    return cfg


def variant(run: Run, step: str, params: dict[str, Any], merge: bool | None = None) -> Run:
    """A new run on the same inputs with one step changed (see :func:`apply_change`)."""
    if step not in ("denominate", "screen", "impute", "treat", "normalise", "weight", "aggregate"):
        raise IndexConfigError(
            [problem("config", "unknown_step", f"config: '{step}' is not a pipeline step", field="step", value=step)]
        )
    cfg = apply_change(unresolve(run.config), step, params, merge)
    fw = run.framework
    resolved = resolve_config(cfg, fw, set(run.inputs.unit_codes.tolist()))
    return execute(run.inputs, resolved)


@dataclass
class Comparison:
    """Unit-by-unit comparison of two runs for one aggregate, plus a summary over all aggregates."""

    code: str
    table: pd.DataFrame
    summary: dict[str, Any]


def compare(a: Run, b: Run, code: str | None = None) -> Comparison:
    """Compare runs ``a`` and ``b`` unit by unit for aggregate ``code`` (default: the first top-level one).

    The table has, per unit (union of both runs' units): score_a, score_b, score_change = b − a, rank_a, rank_b,
    rank_change = rank_b − rank_a (negative = moved up) and abs_rank_change. The summary gives, for every
    aggregate both runs share, the mean and maximum absolute rank change, the number of units whose rank
    changed, and the Spearman correlation of the two score vectors.
    """
    code = code or a.framework.aggregates[0]
    if code not in a.framework.aggregates or code not in b.framework.aggregates:
        raise KeyError(f"{code!r} is not an aggregate of both runs")
    sa, sb = a.scores(), b.scores()
    ra, rb = a.ranks(), b.ranks()
    units = pd.Index(sa.index.union(sb.index, sort=False), name="unit_code")
    table = pd.DataFrame(
        {
            "score_a": sa[code].reindex(units),
            "score_b": sb[code].reindex(units),
            "rank_a": ra[code].reindex(units),
            "rank_b": rb[code].reindex(units),
        }
    )
    table["score_change"] = table["score_b"] - table["score_a"]
    table["rank_change"] = table["rank_b"] - table["rank_a"]
    table["abs_rank_change"] = table["rank_change"].abs()
    table = table[["score_a", "score_b", "score_change", "rank_a", "rank_b", "rank_change", "abs_rank_change"]]
    summary: dict[str, Any] = {
        "units_only_in_a": sorted(set(sa.index) - set(sb.index)),
        "units_only_in_b": sorted(set(sb.index) - set(sa.index)),
        "aggregates": {},
    }
    common = [c for c in a.framework.aggregates if c in b.framework.aggregates]
    shared = sa.index.intersection(sb.index)
    for c in common:
        d = (rb[c].reindex(shared) - ra[c].reindex(shared)).abs()
        x = np.column_stack([sa[c].reindex(shared).to_numpy(), sb[c].reindex(shared).to_numpy()])
        rho = spearman_matrix(x)[0, 1] if len(shared) > 2 else np.nan
        summary["aggregates"][c] = {
            "mean_abs_rank_change": float(d.mean()) if d.notna().any() else None,
            "max_abs_rank_change": float(d.max()) if d.notna().any() else None,
            "units_rank_changed": int((d > 0).sum()),
            "spearman_scores": None if np.isnan(rho) else float(rho),
        }
    return Comparison(
        code=code, table=table.sort_values("abs_rank_change", ascending=False, kind="stable"), summary=summary
    )
