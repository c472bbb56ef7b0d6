"""Building a run: validate inputs and configuration, execute the steps in order, rank the results."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .aggregate import aggregate_tree, resolve_weights
from .config import resolve_config
from .errors import IndexInputError, problem
from .framework import Framework
from .inputs import Inputs, prepare_inputs
from .results import Run, StepRecord
from .stats import map_columns, rank_columns
from .steps import State, StepResult, denominate, impute, normalise, quiet_nan, screen, treat

ENGINE_VERSION = "1.0"
MIN_UNITS = 2  # a composite index ranks units against each other


def working_copy(values: np.ndarray) -> np.ndarray:
    """A column-major copy of the input matrix, copied column by column on the worker threads."""
    out = np.empty(values.shape, order="F")

    def one(j: int) -> None:
        out[:, j] = values[:, j]

    map_columns(one, range(values.shape[1]), values.shape[0])
    return out


def build(
    data: pd.DataFrame | Inputs,
    meta: pd.DataFrame | Framework | list[dict[str, Any]] | None = None,
    config: dict[str, Any] | None = None,
) -> Run:
    """Build a composite index run.

    ``data`` is the units × columns table (or already prepared :class:`Inputs`), ``meta`` the indicator tree
    table, ``config`` the pipeline configuration (a plain dict, e.g. loaded from YAML; see
    :mod:`petakan.lib.index.config`). Raises :class:`IndexInputError` / :class:`IndexConfigError` listing
    every problem of the inputs, or :class:`IndexMethodError` when a method cannot apply to the data.
    """
    if config is None:
        raise TypeError("build() needs a pipeline configuration; see petakan.lib.index.DEFAULT_CONFIG")
    if isinstance(data, Inputs):
        inputs = data
    else:
        if meta is None:
            raise TypeError("build() needs the meta table when data is a DataFrame")
        inputs = prepare_inputs(data, meta)
    if inputs.n_units < MIN_UNITS:
        # one unit has no range to normalise over and no one to be ranked against: its "score" would be NaN
        codes = ", ".join(str(c) for c in inputs.unit_codes.tolist()) or "none"
        raise IndexInputError(
            [
                problem(
                    "data",
                    "too_few_units",
                    f"data: {inputs.n_units} unit(s) ({codes}); a composite index compares units and needs at "
                    f"least {MIN_UNITS}",
                )
            ]
        )
    resolved = resolve_config(config, inputs.framework, set(inputs.unit_codes.tolist()))
    return execute(inputs, resolved)


def run_data_steps(inputs: Inputs, config: dict[str, Any]) -> tuple[State, list[StepRecord]]:
    """Run the steps up to and including ``normalise`` on a fresh copy of the input matrix."""
    fw = inputs.framework
    state = State(x=working_copy(inputs.values), rows=np.arange(inputs.n_units))
    records: list[StepRecord] = []
    names = [s["step"] for s in config["steps"] if s["step"] not in ("weight", "aggregate")]
    moments: np.ndarray | None = None
    for i, params in enumerate(s for s in config["steps"] if s["step"] not in ("weight", "aggregate")):
        name = params["step"]
        # impute right before treat: compute the treatment's moments while each column is in cache
        handoff = name == "impute" and i + 1 < len(names) and names[i + 1] == "treat"
        with quiet_nan():
            if name == "denominate":
                res = denominate(
                    state,
                    fw.indicators,
                    params["denominators"],
                    params["scale"],
                    inputs.denominators,
                    inputs.unit_codes,
                )
            elif name == "screen":
                res = screen(
                    state,
                    params["by"],
                    params["min_availability"],
                    params["min_nonzero"],
                    params["force_include"],
                    params["force_exclude"],
                    inputs.unit_codes,
                )
            elif name == "impute":
                ids = inputs.group_ids(params["group"]) if "group" in params else None
                moments = np.empty((5, len(fw.indicators))) if handoff else None
                res = impute(state, params["method"], ids, fw.indicators, moments_out=moments)
            elif name == "treat":
                res = treat(state, params, fw.indicators, inputs.unit_codes, moments=moments)
            elif name == "normalise":
                res = normalise(state, params, fw.indicators, fw.directions, fw.targets)
            else:  # pragma: no cover - resolve_config rejects unknown steps
                raise ValueError(name)
        records.append(StepRecord(name=name, params=params, result=res))
    return state, records


def execute(inputs: Inputs, config: dict[str, Any]) -> Run:
    """Execute a resolved configuration on prepared inputs."""
    fw = inputs.framework
    state, records = run_data_steps(inputs, config)
    weight_params = next(s for s in config["steps"] if s["step"] == "weight")
    agg_params = next(s for s in config["steps"] if s["step"] == "aggregate")
    weights = resolve_weights(fw, weight_params)
    with quiet_nan():
        level_scores, used, details = aggregate_tree(
            state.x, fw, weights, agg_params["levels"], weight_params["method"]
        )
    weight_summary = {
        "method": weight_params["method"],
        "weights": {c: float(w) for lvl, ws in enumerate(used) for c, w in zip(fw.levels[lvl], ws, strict=True)},
    }
    weight_summary.update(details)
    # the weight step sits where the configuration put it
    wi = [s["step"] for s in config["steps"]].index("weight")
    records.insert(min(wi, len(records)), StepRecord("weight", weight_params, StepResult(summary=weight_summary)))
    agg_warnings = []
    for lvl, sc in enumerate(level_scores, start=2):
        n_missing = int(np.isnan(sc).sum())
        if n_missing:
            agg_warnings.append(f"level {lvl}: {n_missing} aggregate score(s) are missing (too few children present)")
    records.append(
        StepRecord(
            "aggregate",
            agg_params,
            StepResult(summary={"levels": agg_params["levels"]}, warnings=agg_warnings),
        )
    )
    # aggregate scores in display order (top level first), ranked all at once
    blocks = [level_scores[lvl - 2] for lvl in range(fw.n_levels, 1, -1)]
    agg = np.asfortranarray(np.hstack(blocks)) if blocks else np.empty((state.x.shape[0], 0))
    ranks = rank_columns(agg, ties=config["ranks"]["ties"], descending=True)
    return Run(
        inputs=inputs,
        config=config,
        records=records,
        rows=state.rows,
        normalised=state.x,
        level_scores=level_scores,
        weights=used,
        aggregate_scores=agg,
        aggregate_ranks=ranks,
        engine_version=ENGINE_VERSION,
    )


DEFAULT_CONFIG: dict[str, Any] = {
    "name": "default: min-max 0-100, arithmetic mean with meta weights",
    "steps": [
        {"step": "normalise", "method": "minmax", "range": [0, 100]},
        {"step": "weight", "method": "meta"},
        {"step": "aggregate", "method": "arithmetic"},
    ],
}
