"""Uncertainty and sensitivity analysis (JRC/OECD Handbook step 8; COINr ``get_sensitivity``).

Uncertain assumptions are declared as a list of dicts:

- a step alternative: ``{name: normalisation, step: normalise, alternatives: [{method: minmax, range: [1, 100]},
  {method: zscore, mean_sd: [10, 2]}]}`` — an alternative that names a ``method`` different from the step's
  replaces the step's parameters, otherwise it is merged into them; any step of the pipeline can be varied
  (impute, treat, normalise, weight, aggregate, …);
- noisy weights: ``{name: weights, type: weights, noise: 0.25, levels: [1, 2], sets: 100}`` — ``sets`` weight
  sets w·(1 + noise·U(−1, 1)) are drawn once per node at the given levels (default: all), and one of them is
  picked per replication (COINr ``get_noisy_weights``).

Each assumption is a factor u ∈ [0, 1) that picks option ⌊u·m⌋ of its m options. With ``method="sobol"`` the
sample is Saltelli's design: matrices A and B (N × d) and, for each factor i, A with column i from B, i.e.
N·(d + 2) pipeline evaluations. First-order and total indices of a scalar output y are

    S_i  = mean((y_B − ȳ) · (y_ABi − y_A)) / V(y)  (Saltelli et al. 2010, on centred outputs)
    S_Ti = mean((y_A − y_ABi)²) / (2·V(y))          (Jansen 1999)

with ȳ and V(y) the mean and variance over A and B. Centring y_B does not change the estimator's expectation
(E[y_ABi − y_A] = 0) but removes the term ȳ·mean(y_ABi − y_A), whose noise grows with the mean of y: for an
output such as a mean rank shift (mean ≈ 20, spread ≈ 2) the uncentred estimator needs ~100 times the sample for
the same precision. Confidence intervals are bootstrap percentiles (resampling the N rows of A, B and AB_i
together, ``n_boot`` times); an index whose 95 % interval is wider than ±``MAX_HALF_WIDTH`` is reported as too
uncertain to read (:func:`too_uncertain`). The output y is the mean absolute rank shift of the units against the
nominal run (as COINr), and, per unit, its rank. Rank statistics (median, 5th and 95th percentile, linear
interpolation) are taken over the independent runs (A and B; all runs with ``method="uncertainty"``).

With ``method="factorial"`` every combination of the assumptions' options is evaluated once (Π m_i runs; all
assumptions are discrete: step alternatives, and noisy weights as a finite set of drawn weight sets) and the
indices are the exact variance decomposition over that uniform discrete design (:func:`factorial_indices`):

    S_i  = Var_i(E[y | x_i]) / V(y)            ST_i = E_~i[Var_i(y | x_~i)] / V(y)

with population variances over the design. Only the weight sets are a random sample (of w·(1 + noise·U(−1, 1))),
so the bootstrap resamples them; with a handful of alternatives and 128 weight sets this is exact where Saltelli's
design needs thousands of runs for the same precision.

Replications are batched: the data steps run once per distinct combination of their assumptions, and all
replications sharing it are aggregated together as one matrix product over a stack of weight sets.
"""

from __future__ import annotations

import copy
import itertools
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .aggregate import aggregate_batch, aggregate_tree, resolve_weights
from .compare import apply_change
from .config import DATA_STEPS, resolve_config, unresolve
from .errors import IndexConfigError, IndexMethodError, Problem, problem
from .pipeline import run_data_steps
from .results import Run, jsonable
from .stats import nanquantile_columns, rank_columns
from .steps import quiet_nan

UPSTREAM_STEPS = (*DATA_STEPS, "normalise")
MAX_HALF_WIDTH = 0.05  # the widest half-interval of a Sobol index that is still worth reading
# below this base sample, bootstrap intervals of Saltelli's estimators are themselves unreliable (a handful of
# rows resampled): such estimates are too uncertain to read whatever their interval
MIN_BOOTSTRAP_N = 32
MAX_BYTES = 2e9  # scores, ranks and their temporaries for all evaluations are kept in memory


@dataclass
class Assumption:
    name: str
    kind: str  # "step" or "weights"
    step: str | None = None
    alternatives: list[dict[str, Any]] = field(default_factory=list)
    noise: float = 0.0
    levels: list[int] = field(default_factory=list)
    sets: int = 0

    @property
    def n_options(self) -> int:
        return len(self.alternatives) if self.kind == "step" else self.sets

    def to_dict(self) -> dict[str, Any]:
        if self.kind == "step":
            return {"name": self.name, "step": self.step, "alternatives": self.alternatives}
        return {"name": self.name, "type": "weights", "noise": self.noise, "levels": self.levels, "sets": self.sets}


def resolve_assumptions(run: Run, raw: list[dict[str, Any]], n: int) -> list[Assumption]:
    """Validate declared assumptions against the run's configuration (every alternative is resolved now, so a
    bad alternative is reported before any computation). Raises :class:`IndexConfigError`."""
    problems: list[Problem] = []
    out: list[Assumption] = []
    if not isinstance(raw, list) or not raw:
        raise IndexConfigError(
            [
                problem(
                    "config",
                    "missing_key",
                    "config sensitivity.assumptions: a non-empty list of uncertain assumptions is required",
                    field="sensitivity.assumptions",
                )
            ]
        )
    fw = run.framework
    steps_present = [s["step"] for s in run.config["steps"]]
    names: set[str] = set()
    base = unresolve(run.config)
    weight_method = next(s for s in run.config["steps"] if s["step"] == "weight")["method"]
    for i, a in enumerate(raw):
        path = f"sensitivity.assumptions[{i}]"

        def add(msg: str, reason: str = "bad_value", sub: str = "", path: str = path) -> None:
            problems.append(problem("config", reason, f"config {path}{sub}: {msg}", field=path + sub))

        if not isinstance(a, dict):
            add("expected a mapping")
            continue
        name = str(a.get("name", f"assumption_{i + 1}"))
        if name in names:
            add(f"the name '{name}' is used twice", "duplicate_name", ".name")
        names.add(name)
        if a.get("type") == "weights":
            allowed = {"name", "type", "noise", "levels", "sets"}
            for k in a:
                if k not in allowed:
                    add(f"unknown parameter '{k}' (allowed: {', '.join(sorted(allowed))})", "unknown_key", f".{k}")
            noise = a.get("noise")
            if not isinstance(noise, int | float) or isinstance(noise, bool) or not 0 < noise < 1:
                add(f"{noise!r} is not a number between 0 and 1 (exclusive)", sub=".noise")
                noise = 0.0
            levels = a.get("levels", list(range(1, fw.n_levels)))
            if not isinstance(levels, list) or not all(isinstance(v, int) and 1 <= v < fw.n_levels for v in levels):
                add(f"levels must be a list of node levels between 1 and {fw.n_levels - 1}", sub=".levels")
                levels = []
            sets = a.get("sets", n)
            if not isinstance(sets, int) or isinstance(sets, bool) or sets < 1:
                add(f"{sets!r} is not a whole number ≥ 1", sub=".sets")
                sets = 1
            if weight_method == "pca":
                add("noisy weights cannot be combined with PCA-derived weights", "bad_method")
            out.append(Assumption(name=name, kind="weights", noise=float(noise), levels=levels, sets=sets))
            continue
        allowed = {"name", "step", "alternatives", "type"}
        for k in a:
            if k not in allowed:
                add(f"unknown parameter '{k}' (allowed: {', '.join(sorted(allowed))})", "unknown_key", f".{k}")
        if a.get("type", "step") != "step":
            add(f"type '{a.get('type')}' is not 'step' or 'weights'", sub=".type")
            continue
        step = a.get("step")
        if step not in steps_present:
            add(f"step '{step}' is not in the pipeline (steps: {', '.join(steps_present)})", "unknown_step", ".step")
            continue
        alts = a.get("alternatives")
        if not isinstance(alts, list) or not alts or not all(isinstance(x, dict) for x in alts):
            add("alternatives must be a non-empty list of parameter mappings", sub=".alternatives")
            continue
        for j, alt in enumerate(alts):
            try:
                resolve_config(apply_change(base, step, alt), fw, set(run.inputs.unit_codes.tolist()))
            except IndexConfigError as exc:
                for p in exc.problems:
                    add(p.message.removeprefix("config "), p.reason, f".alternatives[{j}]")
        out.append(Assumption(name=name, kind="step", step=step, alternatives=copy.deepcopy(alts)))
    if problems:
        raise IndexConfigError(problems)
    return out


def saltelli_sample(n: int, d: int, rng: np.random.Generator) -> np.ndarray:
    """Saltelli design as one (N·(d+2) × d) array of U(0, 1) values: rows A, then B, then AB_1 … AB_d."""
    a = rng.random((n, d))
    b = rng.random((n, d))
    blocks = [a, b]
    for i in range(d):
        ab = a.copy()
        ab[:, i] = b[:, i]
        blocks.append(ab)
    return np.vstack(blocks)


def sobol_indices(
    y_a: np.ndarray, y_b: np.ndarray, y_ab: np.ndarray, n_boot: int = 0, rng: np.random.Generator | None = None
) -> dict[str, np.ndarray]:
    """First-order (Saltelli 2010) and total (Jansen) indices from outputs of the Saltelli design.

    ``y_a``, ``y_b``: (N, …); ``y_ab``: (d, N, …); trailing dimensions (e.g. units) are handled at once.
    Returns arrays of shape (d, …) under ``first_order`` and ``total``, and with ``n_boot`` > 0 also
    ``first_order_low/high`` and ``total_low/high``: 2.5th and 97.5th bootstrap percentiles.
    """
    both = np.concatenate([y_a, y_b], axis=0)
    var = np.var(both, axis=0, ddof=1)
    mean = np.mean(both, axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        s1 = np.mean((y_b - mean)[None] * (y_ab - y_a[None]), axis=1) / var
        st = np.mean((y_a[None] - y_ab) ** 2, axis=1) / (2 * var)
    out = {"first_order": s1, "total": st}
    if n_boot > 0:
        rng = rng or np.random.default_rng(0)
        n = y_a.shape[0]
        idx = rng.integers(0, n, size=(n_boot, n))
        ya, yb, yab = y_a[idx], y_b[idx], y_ab[:, idx]
        pooled = np.concatenate([ya, yb], axis=1)
        v = np.var(pooled, axis=1, ddof=1)
        mb = np.mean(pooled, axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            b1 = np.mean((yb - mb)[None] * (yab - ya[None]), axis=2) / v[None]
            bt = np.mean((ya[None] - yab) ** 2, axis=2) / (2 * v[None])
        out["first_order_low"], out["first_order_high"] = np.nanpercentile(b1, [2.5, 97.5], axis=1)
        out["total_low"], out["total_high"] = np.nanpercentile(bt, [2.5, 97.5], axis=1)
    return out


def factorial_indices(
    y: np.ndarray, d: int, n_boot: int = 0, rng: np.random.Generator | None = None, resample: tuple[int, ...] = ()
) -> dict[str, np.ndarray]:
    """Exact first-order and total indices of ``y`` over a full factorial design with equally likely levels.

    ``y`` has one axis per factor (its levels), then any trailing axes (e.g. units): shape (m_1, …, m_d, …).
    S_i = Var(mean of y over the other factors, as a function of x_i) / Var(y); ST_i = mean over the other factors
    of Var(y along x_i) / Var(y), population variances. With ``n_boot`` > 0 the levels of the factor axes in
    ``resample`` (factors whose levels are themselves random draws, such as noisy weight sets) are resampled with
    replacement and ``*_low``/``*_high`` give the 2.5th and 97.5th percentiles; other factors' levels are the whole
    set of alternatives and are not resampled.
    """
    axes = tuple(range(d))

    def estimate(t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        with np.errstate(invalid="ignore", divide="ignore"):
            var = t.var(axis=axes)
            s1, st = [], []
            for i in range(d):
                others = tuple(a for a in axes if a != i)
                s1.append(t.mean(axis=others).var(axis=0) / var)
                st.append(t.var(axis=i).mean(axis=tuple(range(d - 1))) / var)
        return np.array(s1), np.array(st)

    s1, st = estimate(np.asarray(y, dtype=float))
    out = {"first_order": s1, "total": st}
    if n_boot > 0:
        rng = rng or np.random.default_rng(0)
        if len(resample) == 1 and np.ndim(y) == d:
            # one resampled factor (the usual noisy weights): all resamples at once, as a trailing axis
            ax = resample[0]
            k = np.shape(y)[ax]
            stacked = np.moveaxis(
                np.take(np.asarray(y, dtype=float), rng.integers(0, k, (k, n_boot)), axis=ax), ax + 1, -1
            )
            b1, bt = estimate(stacked)  # (d, n_boot)
            out["first_order_low"], out["first_order_high"] = np.nanpercentile(b1, [2.5, 97.5], axis=1)
            out["total_low"], out["total_high"] = np.nanpercentile(bt, [2.5, 97.5], axis=1)
        elif resample:
            b1, bt = [], []
            for _ in range(n_boot):
                t = np.asarray(y, dtype=float)
                for ax in resample:
                    t = np.take(t, rng.integers(0, t.shape[ax], t.shape[ax]), axis=ax)
                one, total = estimate(t)
                b1.append(one)
                bt.append(total)
            out["first_order_low"], out["first_order_high"] = np.nanpercentile(np.array(b1), [2.5, 97.5], axis=0)
            out["total_low"], out["total_high"] = np.nanpercentile(np.array(bt), [2.5, 97.5], axis=0)
        else:  # every level of every factor evaluated: nothing was sampled, the indices are exact
            out["first_order_low"] = out["first_order_high"] = s1
            out["total_low"] = out["total_high"] = st
    return out


MAX_FACTORIAL = 20_000  # runs of a full factorial design before it is refused (use Saltelli's design instead)


def too_uncertain(low: float | None, high: float | None, half_width: float = MAX_HALF_WIDTH) -> bool:
    """Whether a Sobol index with the 95 % bootstrap interval [low, high] is too uncertain to read: the interval is
    missing or wider than ±``half_width`` (index units, 0–1)."""
    if low is None or high is None or not (np.isfinite(low) and np.isfinite(high)):
        return True
    return (high - low) / 2 > half_width


@dataclass
class SensitivityResult:
    """Outputs of :func:`sensitivity`. ``ranks``/``scores`` hold every evaluation (runs × units) of the nominal
    run's units; ``choices`` the option each run took per assumption (for noisy weights: the index of the weight
    set, whose multipliers per level are in ``weight_multipliers``)."""

    target: str
    method: str
    n: int
    seed: int
    assumptions: list[Assumption]
    unit_codes: np.ndarray
    choices: np.ndarray
    ranks: np.ndarray
    scores: np.ndarray
    nominal_ranks: np.ndarray
    nominal_scores: np.ndarray
    summary: pd.DataFrame
    indices: pd.DataFrame | None
    unit_first_order: pd.DataFrame | None
    unit_total: pd.DataFrame | None
    weight_multipliers: dict[str, list[np.ndarray]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def evaluations(self) -> int:
        return int(self.ranks.shape[0])

    def to_dict(self) -> dict[str, Any]:
        return jsonable(
            {
                "target": self.target,
                "method": self.method,
                "n": self.n,
                "seed": self.seed,
                "evaluations": self.evaluations,
                "assumptions": [a.to_dict() for a in self.assumptions],
                "ranks": self.summary.reset_index().to_dict("records"),
                "indices": None if self.indices is None else self.indices.reset_index().to_dict("records"),
                "warnings": self.warnings,
            }
        )


def _noise_sets(run: Run, a: Assumption, rng: np.random.Generator) -> list[np.ndarray]:
    """Per level: (sets × k_l) multipliers 1 + noise·U(−1, 1) for perturbed levels, ones elsewhere."""
    fw = run.framework
    out = []
    for lvl in range(1, fw.n_levels):
        k = len(fw.levels[lvl - 1])
        if lvl in a.levels:
            out.append(1 + a.noise * rng.uniform(-1, 1, size=(a.sets, k)))
        else:
            out.append(np.ones((a.sets, k)))
    return out


def sensitivity(
    run: Run,
    assumptions: list[dict[str, Any]] | None = None,
    n: int = 100,
    seed: int = 0,
    *,
    target: str | None = None,
    method: str = "sobol",
    n_boot: int = 0,
) -> SensitivityResult:
    """Monte Carlo uncertainty analysis and variance-based sensitivity indices of a run's ranks.

    ``assumptions`` default to ``run.config["sensitivity"]["assumptions"]``; ``target`` (an aggregate code)
    to ``sensitivity.target`` or the first top-level aggregate. ``method="sobol"`` evaluates N·(d+2)
    configurations (``n`` = N) and estimates first-order and total indices; ``method="uncertainty"``
    evaluates ``n`` random configurations and gives rank statistics only; ``method="factorial"`` evaluates every
    combination of the options once (``n`` only sizes noisy weight sets that do not give ``sets``) and gives the
    exact indices of that design, with bootstrap intervals over the weight sets. The same ``seed`` gives the same
    result.
    """
    if method not in ("sobol", "uncertainty", "factorial"):
        raise ValueError("method must be 'sobol', 'uncertainty' or 'factorial'")
    if not isinstance(n, int) or n < 2:
        raise ValueError("n must be a whole number ≥ 2")
    spec = run.config.get("sensitivity", {}) or {}
    if assumptions is None:
        assumptions = spec.get("assumptions")
    target = target or spec.get("target") or run.framework.levels[-1][0]
    fw = run.framework
    if target not in fw.aggregates:
        raise IndexConfigError(
            [
                problem(
                    "config",
                    "unknown_code",
                    f"config sensitivity.target: '{target}' is not an aggregate code",
                    field="sensitivity.target",
                    value=target,
                )
            ]
        )
    assert assumptions is not None
    specs = resolve_assumptions(run, assumptions, n)
    rng = np.random.default_rng(seed)
    d = len(specs)
    m = np.array([a.n_options for a in specs])
    if method == "factorial":
        if int(np.prod(m)) > MAX_FACTORIAL:
            raise IndexMethodError(
                "sensitivity",
                "too_large",
                f"a full factorial design of {' × '.join(str(k) for k in m)} = {int(np.prod(m))} runs is more than "
                f"{MAX_FACTORIAL}; use method sobol",
            )
        choices = np.array(list(itertools.product(*(range(int(k)) for k in m))), dtype=np.intp).reshape(-1, d)
    else:
        u = saltelli_sample(n, d, rng) if method == "sobol" else rng.random((n, d))
        choices = np.minimum((u * m).astype(np.intp), m - 1)
    noise = {i: _noise_sets(run, a, rng) for i, a in enumerate(specs) if a.kind == "weights"}

    n_eval_planned = n * (d + 2) if method == "sobol" else len(choices)
    if n_eval_planned * run.inputs.n_units * 8 * 4 > MAX_BYTES:
        raise IndexMethodError(
            "sensitivity",
            "too_large",
            f"{n_eval_planned} evaluations × {run.inputs.n_units} units would need more than "
            f"{MAX_BYTES / 1e9:.0f} GB; use fewer runs or analyse a subset of units",
        )
    target_level = fw.level_of(target)
    target_col = fw.levels[target_level - 1].index(target)
    n_all = run.inputs.n_units
    n_eval = choices.shape[0]
    scores = np.full((n_eval, n_all), np.nan)
    base = unresolve(run.config)
    unit_set = set(run.inputs.unit_codes.tolist())
    step_idx = [i for i, a in enumerate(specs) if a.kind == "step"]
    up_idx = [i for i in step_idx if specs[i].step in UPSTREAM_STEPS]
    down_idx = [i for i in step_idx if specs[i].step not in UPSTREAM_STEPS]
    upstream_cache: dict[tuple[int, ...], tuple[np.ndarray, np.ndarray]] = {}

    def config_for(row: np.ndarray, idx: list[int]) -> dict[str, Any]:
        cfg = base
        for i in idx:
            cfg = apply_change(cfg, specs[i].step, specs[i].alternatives[row[i]])  # type: ignore[arg-type]
        return resolve_config(cfg, fw, unit_set)

    def describe(row: np.ndarray) -> str:
        return ", ".join(
            f"{a.name}={a.alternatives[row[i]] if a.kind == 'step' else f'set {row[i]}'}" for i, a in enumerate(specs)
        )

    key_cols = up_idx + down_idx
    if key_cols:
        uniq, inverse = np.unique(choices[:, key_cols], axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
    else:
        uniq, inverse = np.zeros((1, 0), dtype=np.intp), np.zeros(n_eval, dtype=np.intp)
    for g, _key in enumerate(uniq):
        members = np.flatnonzero(inverse == g)
        row = choices[members[0]]
        up_key = tuple(int(row[i]) for i in up_idx)
        cfg = config_for(row, up_idx + down_idx)
        try:
            if up_key not in upstream_cache:
                with quiet_nan():
                    state, _ = run_data_steps(run.inputs, cfg)
                upstream_cache[up_key] = (state.x, state.rows)
            x, rows = upstream_cache[up_key]
            wparams = next(s for s in cfg["steps"] if s["step"] == "weight")
            aparams = next(s for s in cfg["steps"] if s["step"] == "aggregate")
            levels = {k: v for k, v in aparams["levels"].items() if int(k) <= target_level}
            with quiet_nan():
                if wparams["method"] == "pca":
                    level_scores, _, _ = aggregate_tree(x, fw, resolve_weights(fw, wparams), aparams["levels"], "pca")
                    top = np.broadcast_to(level_scores[target_level - 2][:, target_col], (len(members), len(rows)))
                else:
                    w0 = resolve_weights(fw, wparams)
                    stack = []
                    for lvl in range(1, target_level):
                        w = np.broadcast_to(w0[lvl - 1], (len(members), len(w0[lvl - 1]))).copy()
                        for i, sets in noise.items():
                            w *= sets[lvl - 1][choices[members, i]]
                        stack.append(w)
                    trimmed = _trim(fw, target_level)
                    top = aggregate_batch(x, trimmed, stack, levels)[:, :, target_col]
        except IndexMethodError as exc:
            raise IndexMethodError(
                exc.step, exc.reason, f"{exc.message} (in the sensitivity run with {describe(row)})", exc.codes
            ) from exc
        scores[np.ix_(members, rows)] = top

    nominal_pos = run.rows
    nominal_scores = np.full(n_all, np.nan)
    nominal_scores[nominal_pos] = run.scores(target_level)[target].to_numpy()
    ties = run.config["ranks"]["ties"]
    ranks = rank_columns(scores, ties=ties, descending=True, axis=1)
    nominal_ranks = rank_columns(nominal_scores, ties=ties, descending=True)

    # results over the units of the nominal run
    sc, rk = scores[:, nominal_pos], ranks[:, nominal_pos]
    nom_r, nom_s = nominal_ranks[nominal_pos], nominal_scores[nominal_pos]
    independent = slice(0, 2 * n) if method == "sobol" else slice(None)
    with quiet_nan():
        q = nanquantile_columns(rk[independent], [0.05, 0.5, 0.95])
        qs = nanquantile_columns(sc[independent], [0.05, 0.5, 0.95])
        shift = np.abs(rk - nom_r[None])
        summary = pd.DataFrame(
            {
                "nominal_rank": nom_r,
                "median_rank": q[1],
                "mean_rank": np.nanmean(rk[independent], axis=0),
                "q05_rank": q[0],
                "q95_rank": q[2],
                "nominal_score": nom_s,
                "median_score": qs[1],
                "q05_score": qs[0],
                "q95_score": qs[2],
                "mean_abs_rank_shift": np.nanmean(shift[independent], axis=0),
            },
            index=pd.Index(run.unit_codes, name="unit_code"),
        )
    warnings: list[str] = []
    if any(a.kind == "step" and a.step == "normalise" for a in specs):
        # replications normalised differently give scores on different scales (a z-score of 10 next to a min-max
        # of 62): their quantiles would mean nothing, so only rank intervals are reported
        summary = summary.drop(columns=["median_score", "q05_score", "q95_score"])
        warnings.append(
            "score intervals are not reported: the normalisation varies, so replicated scores are on different "
            "scales; the rank intervals are"
        )
    indices = unit_s1 = unit_st = None
    if method == "factorial":
        y = np.nanmean(shift, axis=1).reshape(*m)
        weight_axes = tuple(i for i, a in enumerate(specs) if a.kind == "weights")
        est = factorial_indices(y, d, n_boot=n_boot, rng=np.random.default_rng(seed + 1), resample=weight_axes)
        indices = pd.DataFrame(dict(est), index=pd.Index([a.name for a in specs], name="assumption"))
        if np.var(y) == 0:
            warnings.append("the output does not vary over the design: sensitivity indices are undefined")
        per_unit = factorial_indices(rk.reshape(*m, -1), d)
        cols = [a.name for a in specs]
        unit_s1 = pd.DataFrame(per_unit["first_order"].T, index=summary.index, columns=cols)
        unit_st = pd.DataFrame(per_unit["total"].T, index=summary.index, columns=cols)
    if method == "sobol":
        y = np.nanmean(shift, axis=1)
        ya, yb = y[:n], y[n : 2 * n]
        yab = y[2 * n :].reshape(d, n)
        est = sobol_indices(ya, yb, yab, n_boot=n_boot, rng=np.random.default_rng(seed + 1))
        indices = pd.DataFrame(
            {k: v for k, v in est.items()}, index=pd.Index([a.name for a in specs], name="assumption")
        )
        if np.var(np.concatenate([ya, yb]), ddof=1) == 0:
            warnings.append("the output does not vary over the sample: sensitivity indices are undefined")
        ra, rb = rk[:n], rk[n : 2 * n]
        rab = rk[2 * n :].reshape(d, n, -1)
        per_unit = sobol_indices(ra, rb, rab)
        cols = [a.name for a in specs]
        unit_s1 = pd.DataFrame(per_unit["first_order"].T, index=summary.index, columns=cols)
        unit_st = pd.DataFrame(per_unit["total"].T, index=summary.index, columns=cols)
    return SensitivityResult(
        target=target,
        method=method,
        n=n if method != "factorial" else len(choices),
        seed=seed,
        assumptions=specs,
        unit_codes=run.unit_codes,
        choices=choices,
        ranks=rk,
        scores=sc,
        nominal_ranks=nom_r,
        nominal_scores=nom_s,
        summary=summary,
        indices=indices,
        unit_first_order=unit_s1,
        unit_total=unit_st,
        weight_multipliers={specs[i].name: sets for i, sets in noise.items()},
        warnings=warnings,
    )


def _trim(fw: Any, top_level: int) -> Any:
    """A view of the framework that stops at ``top_level`` (aggregation need not go above the target)."""
    if top_level == fw.n_levels:
        return fw
    from .framework import Framework

    return Framework(
        nodes=fw.nodes,
        levels=fw.levels[:top_level],
        groups=fw.groups,
        denominators=fw.denominators,
        parent_index=fw.parent_index[: top_level - 1],
    )
