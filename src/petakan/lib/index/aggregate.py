"""Weights and aggregation up the indicator tree, as matrix products.

For level l with child scores C (units × k_l), node weights w (k_l) and the 0/1 membership matrix M
(k_l × k_{l+1}), the weight matrix is W = diag(w)·M and, with P the 0/1 matrix of present values and C₀ the
scores with missing values set to 0:

- arithmetic:   y = (C₀ W) / (P W)                      (weights renormalised over present children)
- geometric:    y = exp((ln C)₀ W / (P W))              (needs C > 0)
- harmonic:     y = (P W) / ((1/C)₀ W)                  (needs C > 0)
- generalised:  y = ((C^p)₀ W / (P W))^(1/p)            (needs C ≥ 0, and C > 0 when p < 0)

A parent whose share of present children (unweighted) is below ``min_share`` is missing. The same formulas
run for a batch of R weight sets at once (Monte Carlo): W then has shape (R × k_l × k_{l+1}) and the first
level is a single matrix product C₀ · [W_1 … W_R].
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .errors import IndexMethodError
from .framework import Framework
from .stats import first_component, row_blocks


def resolve_weights(framework: Framework, params: dict[str, Any]) -> list[np.ndarray]:
    """Node weights per level (list index 0 = level 1 … L−1), from the meta table (``meta``), all ones
    (``equal``), with ``overrides`` applied. For ``pca`` the weights are derived during aggregation and this
    returns the meta weights as placeholders."""
    out = []
    for lvl in range(1, framework.n_levels):
        codes = framework.levels[lvl - 1]
        w = np.ones(len(codes)) if params["method"] == "equal" else framework.node_weights(lvl)
        for j, c in enumerate(codes):
            if c in params.get("overrides", {}):
                w[j] = params["overrides"][c]
        out.append(w)
    return out


def pca_weights(children: np.ndarray, parent_index: np.ndarray, n_parents: int) -> tuple[np.ndarray, list[float]]:
    """Weights from the first principal component of each parent's children (standardised, complete rows):
    w_i = v_i² / Σ v_j² with v the PC1 loadings (OECD/JRC Handbook: squared loadings scaled to unity), so the
    weights are positive and sum to 1 within each parent. A parent with a single child gets weight 1; a
    parent whose PCA is undefined raises an error."""
    w = np.empty(children.shape[1])
    shares = []
    for p in range(n_parents):
        idx = np.flatnonzero(parent_index == p)
        if len(idx) == 1:
            w[idx] = 1.0
            shares.append(1.0)
            continue
        share, v = first_component(children[:, idx])
        if np.isnan(share):
            raise IndexMethodError(
                "weight",
                "pca_undefined",
                "PCA weights are undefined for a group of children (constant columns or too few complete units)",
            )
        w[idx] = v**2 / np.sum(v**2)
        shares.append(share)
    return w, shares


def _check_domain(c: np.ndarray, method: str, p: float | None, codes: list[str], level: int) -> None:
    with np.errstate(invalid="ignore"):
        if method in ("geometric", "harmonic") or (method == "generalised" and p is not None and p < 0):
            bad = (c <= 0).any(axis=tuple(range(c.ndim - 1)))
            need = "> 0"
        elif method == "generalised":
            bad = (c < 0).any(axis=tuple(range(c.ndim - 1)))
            need = "≥ 0"
        else:
            return
    if bad.any():
        names = [cd for cd, b in zip(codes, bad, strict=True) if b]
        raise IndexMethodError(
            "aggregate",
            "non_positive_values",
            f"the {method} mean at level {level + 1} needs values {need}, but {', '.join(names[:20])} have "
            "smaller values; normalise to a positive range (e.g. minmax [1, 100]) or use the arithmetic mean",
            codes=names,
        )


def _transform(c: np.ndarray, method: str, p: float | None) -> np.ndarray:
    if method == "arithmetic":
        return c
    if method == "geometric":
        return np.log(c)
    if method == "harmonic":
        return 1.0 / c
    return c**p


def _untransform(num: np.ndarray, den: np.ndarray, method: str, p: float | None) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        if method == "arithmetic":
            return num / den
        if method == "geometric":
            return np.exp(num / den)
        if method == "harmonic":
            return den / num
        return (num / den) ** (1.0 / p)  # type: ignore[operator]


def _aggregate_columns(
    c: np.ndarray, w: np.ndarray, parent: np.ndarray, npar: int, method: str, p: float | None, min_share: float
) -> np.ndarray:
    """Single weight vector: accumulate child columns into their parent column one at a time.

    Same result as the matrix product of the module docstring, without BLAS (whose threads stall when the
    machine's cores are shared) and without full-size temporaries: only columns with missing values pay for
    the renormalisation bookkeeping.
    """
    n, k = c.shape
    num = np.zeros((n, npar), order="F")
    den_full = np.zeros(npar)
    sizes = np.bincount(parent, minlength=npar).astype(float)
    lost_w: np.ndarray | None = None
    lost_n: np.ndarray | None = None
    buf = np.empty(n)
    with np.errstate(invalid="ignore", divide="ignore"):
        for j in range(k):
            col = c[:, j]
            pj = parent[j]
            if method == "arithmetic":
                np.multiply(col, w[j], out=buf)
            else:
                if method == "geometric":
                    np.log(col, out=buf)
                elif method == "harmonic":
                    np.divide(1.0, col, out=buf)
                else:
                    np.power(col, p, out=buf)
                buf *= w[j]
            den_full[pj] += w[j]
            nan = np.isnan(buf)
            if nan.any():
                if lost_w is None or lost_n is None:
                    lost_w = np.zeros((n, npar), order="F")
                    lost_n = np.zeros((n, npar), order="F")
                buf[nan] = 0.0
                lost_w[:, pj] += nan * w[j]
                lost_n[:, pj] += nan
            num[:, pj] += buf
        den = den_full if lost_w is None else den_full - lost_w
        y = _untransform(num, den, method, p)
        if lost_n is not None:
            share = (sizes - lost_n) / sizes
            y[(share < min_share) | (share == 0)] = np.nan
    return np.asfortranarray(y)


def aggregate_level(
    c: np.ndarray,
    w: np.ndarray,
    membership: np.ndarray,
    method: str,
    p: float | None,
    min_share: float,
    codes: list[str],
    level: int,
) -> np.ndarray:
    """Aggregate child scores ``c`` into parent scores (see module docstring).

    Shapes: ``c`` (n × k) shared by all weight sets or (R × n × k); ``w`` (k,) or (R × k); result (n × p) for
    a single weight vector, else (R × n × p).
    """
    _check_domain(c, method, p, codes, level)
    single = w.ndim == 1
    if single and c.ndim == 2:
        return _aggregate_columns(c, w, membership.argmax(axis=1), membership.shape[1], method, p, min_share)
    wb = w[None] if single else w
    r, k = wb.shape
    npar = membership.shape[1]
    wm = wb[:, :, None] * membership[None]  # (R, k, p)
    sizes = membership.sum(axis=0)
    if c.ndim == 2:
        n = c.shape[0]
        out = np.empty((n, r * npar))
        flat = wm.transpose(1, 0, 2).reshape(k, r * npar)
        for sl in row_blocks(n, max(k, r * npar)):
            block = c[sl]
            missing = np.isnan(block)
            any_missing = missing.any()
            t = _transform(block, method, p)
            if any_missing:
                t = np.where(missing, 0.0, t)
                pres = (~missing).astype(float)
                den = pres @ flat
                share = pres @ membership / sizes
            else:
                den = np.broadcast_to(flat.sum(axis=0), (block.shape[0], r * npar))
                share = None
            y = _untransform(t @ flat, den, method, p)
            if share is not None:
                low = share < min_share if min_share > 0 else share == 0
                y = np.where(np.tile(low, (1, r)), np.nan, y)
            out[sl] = y
        if single:
            return out
        return out.reshape(n, r, npar).transpose(1, 0, 2)
    # batched children (R × n × k)
    missing = np.isnan(c)
    t = _transform(c, method, p)
    if missing.any():
        t = np.where(missing, 0.0, t)
        pres = (~missing).astype(float)
        den = pres @ wm
        share = pres @ membership / sizes
        y = _untransform(t @ wm, den, method, p)
        low = share < min_share if min_share > 0 else share == 0
        y[low] = np.nan
    else:
        y = _untransform(t @ wm, wm.sum(axis=1)[:, None, :], method, p)
    return y


def aggregate_tree(
    normalised: np.ndarray,
    framework: Framework,
    weights: list[np.ndarray],
    level_params: dict[str, dict[str, Any]],
    weight_method: str = "meta",
) -> tuple[list[np.ndarray], list[np.ndarray], dict[str, Any]]:
    """Aggregate level by level from the normalised indicators to the top.

    Returns (scores per level 2..L, each units × k_l; the weights actually used per level 1..L−1; details).
    With ``weight_method == "pca"`` each level's weights are derived from its children's scores.
    """
    scores: list[np.ndarray] = []
    used: list[np.ndarray] = []
    details: dict[str, Any] = {}
    current = normalised
    for lvl in range(1, framework.n_levels):
        spec = level_params[str(lvl + 1)]
        memb = framework.membership(lvl)
        w = weights[lvl - 1]
        if weight_method == "pca":
            w, shares = pca_weights(current, framework.parent_index[lvl - 1], memb.shape[1])
            details[f"pca_level_{lvl + 1}"] = dict(zip(framework.levels[lvl], shares, strict=True))
        used.append(w)
        current = aggregate_level(
            current, w, memb, spec["method"], spec.get("p"), spec["min_share"], framework.levels[lvl - 1], lvl
        )
        scores.append(current)
    return scores, used, details


def aggregate_batch(
    normalised: np.ndarray,
    framework: Framework,
    weights: list[np.ndarray],
    level_params: dict[str, dict[str, Any]],
) -> np.ndarray:
    """Top-level scores for R weight sets at once: ``weights[l]`` has shape (R × k_l); returns
    (R × units × k_L)."""
    current: np.ndarray = normalised
    for lvl in range(1, framework.n_levels):
        spec = level_params[str(lvl + 1)]
        current = aggregate_level(
            current,
            weights[lvl - 1],
            framework.membership(lvl),
            spec["method"],
            spec.get("p"),
            spec["min_share"],
            framework.levels[lvl - 1],
            lvl,
        )
    return current
