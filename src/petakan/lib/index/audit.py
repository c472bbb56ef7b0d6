"""Statistical audit of a run (JRC/OECD Handbook step 4 "multivariate analysis"; COINr ``get_stats``,
``get_data_avail``, ``get_corr``, ``get_cronbach``, ``get_PCA``, ``get_corr_flags``).

Everything is returned as one JSON-able dict:

- ``availability``: share of units with a value per indicator (raw data) and share of indicators present per
  unit, with the units and indicators below ``availability_threshold``;
- ``statistics``: per data set (the raw data and the data entering normalisation) and indicator: n, missing,
  min, max, mean, median, sd, skew, kurtosis (type 2), unique values, share of zeros, and flags
  (low availability, many zeros, outlier: |skew| > 2 and kurtosis > 3.5);
- ``correlations``: each node's correlation with its parent and with the top aggregate, and (with
  ``correlation_matrices``, the default) the Pearson and Spearman matrices over all indicators and aggregates
  (normalised and aggregated scores). Without the matrices only the reported pairs are computed: one centred
  product per aggregate over its children and itself, one for the top against every column, Spearman from
  average ranks computed once per column (:func:`reported_correlations`);
- ``aggregates``: per aggregate, its children's pairwise correlations, Cronbach's alpha, the share of variance
  of the first principal component, negative correlations and dominant children;
- ``flags``: the list of everything flagged, each with a ``type`` and the codes concerned.

A child *dominates* its aggregate when its importance — squared correlation with the parent, as a share of
the sum over the siblings — is at least ``dominance_factor`` times its nominal weight share, in aggregates
with 3 or more children.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .stats import (
    central_moments,
    cronbach_alpha,
    first_component,
    map_columns,
    pearson_blocks,
    pearson_matrix,
    rank_columns,
    skew_kurt_from_moments,
    spearman_matrix,
)
from .steps import quiet_nan

if TYPE_CHECKING:
    from .results import Run


def median_and_unique(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per column of ``x``, NaN ignored: the median (``np.nanmedian``: the middle value, or the mean (a + b)/2 of
    the two middle ones) and the number of distinct values (``len(np.unique(…))``), both from one sort of the
    column, the columns on the worker threads."""
    rows, k = x.shape
    med = np.full(k, np.nan)
    unique = np.zeros(k, dtype=np.int64)

    def one(j: int) -> None:
        v = np.sort(x[:, j])  # NaN sort last
        n = rows - int(np.isnan(v).sum()) if rows and np.isnan(v[-1]) else rows
        if n == 0:
            return
        v = v[:n]
        half = n // 2
        med[j] = v[half] if n % 2 else (v[half - 1] + v[half]) / 2
        unique[j] = 1 + int(np.count_nonzero(v[1:] != v[:-1]))

    map_columns(one, range(k), rows)
    return med, unique


def indicator_statistics(
    x: np.ndarray, codes: list[str], availability_threshold: float, zero_threshold: float
) -> dict[str, dict[str, Any]]:
    """Descriptive statistics of each column of ``x`` (see module docstring)."""
    n_rows = x.shape[0]
    with quiet_nan():
        n, mean, s2, s3, s4 = central_moments(x)
        skew, kurt = skew_kurt_from_moments(n, s2, s3, s4)
        mn, mx = np.nanmin(x, axis=0), np.nanmax(x, axis=0)
        med, unique = median_and_unique(x)
        sd = np.sqrt(s2 / (n - 1))
        zeros = (x == 0).sum(axis=0)
    out: dict[str, dict[str, Any]] = {}
    for j, c in enumerate(codes):
        avail = n[j] / n_rows if n_rows else np.nan
        share_zero = zeros[j] / n[j] if n[j] else np.nan
        out[c] = {
            "n": int(n[j]),
            "missing": int(n_rows - n[j]),
            "availability": float(avail),
            "min": float(mn[j]),
            "max": float(mx[j]),
            "mean": float(mean[j]),
            "median": float(med[j]),
            "sd": float(sd[j]),
            "skew": float(skew[j]),
            "kurtosis": float(kurt[j]),
            "unique": int(unique[j]),
            "share_zero": float(share_zero),
            "flag_low_availability": bool(avail < availability_threshold),
            "flag_many_zeros": bool(share_zero > zero_threshold),
            "flag_outliers": bool(abs(skew[j]) > 2 and kurt[j] > 3.5),
        }
    return out


class _Pairs(dict):
    """Correlations of some pairs of columns, read like a matrix: ``r[i, j]`` (either order)."""

    def __getitem__(self, key: tuple[int, int]) -> float:
        i, j = key
        return dict.__getitem__(self, (i, j) if (i, j) in self else (j, i))


def reported_correlations(values: np.ndarray, groups: list[list[int]], tops: list[int]) -> tuple[_Pairs, _Pairs]:
    """Pearson and Spearman correlations of the pairs the audit reports, not of every pair of columns.

    ``groups``: column indices of each aggregate's children followed by the aggregate (children with each other
    and with their parent, Pearson and Spearman); ``tops``: the top aggregates, whose Pearson correlation with
    every column is reported. One centred product per group (:func:`pearson_blocks`); Spearman is the Pearson
    correlation of average ranks, each column ranked once. Values equal :func:`pearson_matrix` and
    :func:`spearman_matrix` up to rounding.
    """
    every = list(range(values.shape[1]))
    blocks = [(g, g) for g in groups]
    pear_blocks = pearson_blocks(values, [*blocks, (every, tops)])
    spear_blocks = pearson_blocks(rank_columns(values, ties="average"), blocks)
    pear, spear = _Pairs(), _Pairs()
    for g, rp, rs in zip(groups, pear_blocks, spear_blocks, strict=False):
        for a, i in enumerate(g):
            for b, j in enumerate(g):
                pear[i, j] = rp[a, b]
                spear[i, j] = rs[a, b]
    for i in every:
        for b, t in enumerate(tops):
            pear[i, t] = pear_blocks[-1][i, b]
    return pear, spear


def audit(
    run: Run,
    *,
    availability_threshold: float = 0.65,
    zero_threshold: float = 0.5,
    negative_threshold: float = 0.0,
    dominance_factor: float = 2.0,
    correlation_matrices: bool = True,
) -> dict[str, Any]:
    """Audit a run; see the module docstring for the content. Thresholds: ``availability_threshold`` (COINr
    ``t_avail`` 0.65), ``zero_threshold`` (``t_zero`` 0.5), ``negative_threshold`` (children pairs with a
    Pearson correlation below it are flagged), ``dominance_factor``."""
    from .results import jsonable

    fw = run.framework
    codes_ind = fw.indicators
    raw = run.inputs.values
    flags: list[dict[str, Any]] = []

    # availability on the raw data
    present = ~np.isnan(raw)
    by_ind = present.mean(axis=0)
    by_unit = present.mean(axis=1)
    low_ind = [c for c, a in zip(codes_ind, by_ind, strict=True) if a < availability_threshold]
    low_units = [str(u) for u, a in zip(run.inputs.unit_codes, by_unit, strict=True) if a < availability_threshold]
    if low_ind:
        flags.append({"type": "low_availability_indicator", "codes": low_ind})
    if low_units:
        flags.append({"type": "low_availability_unit", "units": low_units})
    availability = {
        "threshold": availability_threshold,
        "indicators": dict(zip(codes_ind, by_ind.tolist(), strict=True)),
        "units": dict(zip(map(str, run.inputs.unit_codes), by_unit.tolist(), strict=True)),
        "indicators_below": low_ind,
        "units_below": low_units,
    }

    # statistics: raw data and the data set that enters normalisation
    pre = [r for r in run.records if r.name in ("denominate", "screen", "impute", "treat")]
    pre_name = {"denominate": "Denominated", "screen": "Screened", "impute": "Imputed", "treat": "Treated"}
    statistics = {"Raw": indicator_statistics(raw, codes_ind, availability_threshold, zero_threshold)}
    if pre:
        name = pre_name[pre[-1].name]
        statistics[name] = indicator_statistics(
            run.dataset(name).to_numpy(), codes_ind, availability_threshold, zero_threshold
        )
    last = statistics[list(statistics)[-1]]
    outliers = [c for c, s in last.items() if s["flag_outliers"]]
    if outliers:
        flags.append({"type": "outliers", "dataset": list(statistics)[-1], "codes": outliers})

    # correlations over normalised indicators and aggregate scores
    all_codes = codes_ind + [c for lvl in fw.levels[1:] for c in lvl]
    values = np.column_stack([run.normalised, *run.level_scores])
    pos = {c: j for j, c in enumerate(all_codes)}
    top = fw.levels[-1]
    groups = []  # per aggregate: its children's columns, then its own
    for lvl in range(2, fw.n_levels + 1):
        for agg in fw.levels[lvl - 1]:
            groups.append([pos[c] for c in fw.levels[lvl - 2] if fw.nodes[c].parent == agg] + [pos[agg]])
    with quiet_nan():
        if correlation_matrices:
            pear = pearson_matrix(values)
            spear = spearman_matrix(values)
        else:
            pear, spear = reported_correlations(values, groups, [pos[t] for t in top])
    with_parent = []
    for c in all_codes:
        node = fw.nodes[c]
        if node.parent is None:
            continue
        entry = {
            "code": c,
            "level": node.level,
            "parent": node.parent,
            "pearson": pear[pos[c], pos[node.parent]],
            "spearman": spear[pos[c], pos[node.parent]],
        }
        for t in top:
            if t != node.parent:
                entry[f"pearson_{t}"] = pear[pos[c], pos[t]]
        with_parent.append(entry)

    aggregates: dict[str, Any] = {}
    for lvl in range(2, fw.n_levels + 1):
        weights = run.weights[lvl - 2]
        child_codes = fw.levels[lvl - 2]
        for agg in fw.levels[lvl - 1]:
            kids = [c for c in child_codes if fw.nodes[c].parent == agg]
            idx = [pos[c] for c in kids]
            sub = values[:, idx]
            with quiet_nan():
                alpha = cronbach_alpha(sub)
                share, loadings = first_component(sub)
            pairs = []
            negative = []
            for a_i in range(len(kids)):
                for b_i in range(a_i + 1, len(kids)):
                    r = pear[idx[a_i], idx[b_i]]
                    pair = {"a": kids[a_i], "b": kids[b_i], "pearson": r, "spearman": spear[idx[a_i], idx[b_i]]}
                    pairs.append(pair)
                    if r < negative_threshold - 1e-9:  # tolerance: an exact 0 computes as ±1e-17
                        negative.append(pair)
            r_parent = np.array([pear[pos[c], pos[agg]] for c in kids])
            w = np.array([weights[child_codes.index(c)] for c in kids])
            importance = r_parent**2 / np.nansum(r_parent**2) if np.nansum(r_parent**2) > 0 else r_parent * np.nan
            w_share = w / w.sum()
            dominant = []
            if len(kids) >= 3:
                dominant = [
                    c
                    for c, imp, ws in zip(kids, importance, w_share, strict=True)
                    if not np.isnan(imp) and imp >= dominance_factor * ws
                ]
            aggregates[agg] = {
                "level": lvl,
                "children": kids,
                "cronbach_alpha": alpha,
                "pca_first_share": share,
                "pca_first_loadings": dict(zip(kids, loadings.tolist(), strict=True)),
                "correlation_with_parent": dict(zip(kids, r_parent.tolist(), strict=True)),
                "importance": dict(zip(kids, importance.tolist(), strict=True)),
                "weight_share": dict(zip(kids, w_share.tolist(), strict=True)),
                "pairs": pairs,
                "negative_pairs": negative,
                "dominant": dominant,
            }
            if negative:
                flags.append(
                    {"type": "negative_correlation", "aggregate": agg, "pairs": [[p["a"], p["b"]] for p in negative]}
                )
            if dominant:
                flags.append({"type": "dominant_child", "aggregate": agg, "codes": dominant})

    correlations: dict[str, Any] = {"with_parent": with_parent}
    if correlation_matrices:
        correlations.update({"codes": all_codes, "pearson": pear, "spearman": spear})
    return jsonable(
        {
            "run_hash": run.hash,
            "units": len(run.rows),
            "availability": availability,
            "statistics": statistics,
            "correlations": correlations,
            "aggregates": aggregates,
            "flags": flags,
            "thresholds": {
                "availability": availability_threshold,
                "zero": zero_threshold,
                "negative_correlation": negative_threshold,
                "dominance_factor": dominance_factor,
            },
        }
    )
