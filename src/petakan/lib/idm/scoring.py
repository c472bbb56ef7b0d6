"""Vectorised IDM scoring over a (village-years × items) integer score matrix.

Formulas (Permendesa PDTT 2/2016, with the 35/12/3-item edition):

    IKS = Σ IKS scores / 175,  IKE = Σ IKE scores / 60,  IKL = Σ IKL scores / 15   (each 0–1)
    IDM = (IKS + IKE + IKL) / 3                                                       (0–1)

In general index_k = S_k / M_k (S_k the sum of the item scores of index k, M_k the sum of their maximum
scores) and IDM = mean_k index_k. Everything is kept as exact integers: IDM = N / D with D = n · lcm(M_k)
(6300 for idm-2020) and N = Σ_k S_k · D / (n · M_k), so the status at a cut-off and the 4-decimal rounding
(half-up) are exact — no binary floating point decides a boundary. A village-year with a missing item gets no
value for the indices that item belongs to, and no IDM or status: never a wrong one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from petakan.lib.idm.edition import Edition, StatusRule

MISSING = -1
INCOMPLETE = -1
VALUE_DECIMALS = 10


@dataclass(frozen=True, eq=False)
class ScoreResult:
    """Scores of n village-years. Integer arrays use -1 for "not computed" (an item is missing).

    ``sums[:, k]`` is S_k; ``numerator`` is N with IDM = N / edition.denominator; ``status`` is the position
    in ``edition.statuses`` (0 = sangat tertinggal).
    """

    edition: Edition
    rule: StatusRule
    sums: np.ndarray
    numerator: np.ndarray
    status: np.ndarray

    def __len__(self) -> int:
        return int(self.numerator.shape[0])

    @property
    def complete(self) -> np.ndarray:
        return self.numerator >= 0

    def index_value(self, code: str) -> np.ndarray:
        """Exact index value S_k / M_k as float (NaN where an item of the index is missing)."""
        k = self.edition.index_codes.index(code)
        sums = self.sums[:, k]
        values = sums / float(self.edition.index_max[k])
        return np.where(sums >= 0, values, np.nan)

    @property
    def idm(self) -> np.ndarray:
        """Exact IDM as float (NaN where incomplete)."""
        return np.where(self.complete, self.numerator / float(self.edition.denominator), np.nan)

    def rounded(self, code: str) -> np.ndarray:
        """Index (``iks``...) or IDM × 10^decimals, rounded half-up; -1 where not computed."""
        decimals = self.edition.decimals
        if code == self.edition.composite_code:
            return round_half_up(self.numerator, self.edition.denominator, decimals)
        k = self.edition.index_codes.index(code)
        return round_half_up(self.sums[:, k], int(self.edition.index_max[k]), decimals)

    def formatted(self, code: str) -> np.ndarray:
        """Values as decimal strings with ``decimals`` places ("0.6419"); "" where not computed."""
        return format_fixed(self.rounded(code), self.edition.decimals)

    def status_codes(self) -> np.ndarray:
        codes = np.array([level.code for level in self.edition.statuses] + [""], dtype=object)
        return codes[self.status]  # -1 picks the trailing ""

    def status_names(self, language: str = "id") -> np.ndarray:
        names = np.array([level.name.get(language) for level in self.edition.statuses] + [""], dtype=object)
        return names[self.status]


def score_matrix(edition: Edition, scores: ArrayLike, thresholds: str | None = None) -> ScoreResult:
    """Score a (n × len(edition.items)) matrix of integer item scores, columns in edition order.

    ``scores`` holds 0..max_score per item, or MISSING (-1) for an item without a score. Raises ValueError for
    values outside that range or a wrong shape (a programming error: user input goes through
    ``parse_scores``). ``thresholds`` names the cut-off set (the edition default when None).
    """
    matrix = np.asarray(scores)
    n_items = len(edition.items)
    if matrix.ndim != 2 or matrix.shape[1] != n_items:
        raise ValueError(f"expected a (n, {n_items}) score matrix for {edition.code}, got shape {matrix.shape}")
    if matrix.size and not np.issubdtype(matrix.dtype, np.integer):
        raise ValueError(f"scores must be integers, got dtype {matrix.dtype}")
    matrix = matrix.astype(np.int64, copy=False)
    if matrix.size and (np.any(matrix < MISSING) or np.any(matrix > edition.max_scores)):
        bad = np.argwhere((matrix < MISSING) | (matrix > edition.max_scores))[0]
        raise ValueError(
            f"score {matrix[bad[0], bad[1]]} of {edition.items[bad[1]].code} in row {bad[0]} is outside "
            f"0..{edition.max_scores[bad[1]]}"
        )
    rule = edition.status_rule(thresholds)
    n_indices = len(edition.indices)
    membership = np.zeros((n_items, n_indices), dtype=np.int64)
    membership[np.arange(n_items), edition.item_index] = 1
    missing = matrix == MISSING
    sums = np.where(missing, 0, matrix) @ membership
    incomplete_index = (missing.astype(np.int64) @ membership) > 0
    sums[incomplete_index] = INCOMPLETE
    index_weights = edition.denominator // (n_indices * edition.index_max)
    numerator = np.maximum(sums, 0) @ index_weights
    numerator[incomplete_index.any(axis=1)] = INCOMPLETE
    status = classify_numerators(numerator, edition.denominator, rule)
    return ScoreResult(edition, rule, sums, numerator, status)


def score_sums(edition: Edition, sums: ArrayLike, thresholds: str | None = None) -> ScoreResult:
    """Score from per-index score sums (n × number of indices), e.g. IKS 127, IKE 32, IKL 10 for Pakisrejo
    2018.

    The result depends on item scores only through these sums, so published sums are enough to check a value.
    """
    matrix = np.asarray(sums, dtype=np.int64)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    n_indices = len(edition.indices)
    if matrix.shape[1] != n_indices or np.any(matrix < 0) or np.any(matrix > edition.index_max):
        raise ValueError(
            f"expected (n, {n_indices}) sums within 0..{edition.index_max.tolist()}, got {matrix.tolist()}"
        )
    index_weights = edition.denominator // (n_indices * edition.index_max)
    numerator = matrix @ index_weights
    rule = edition.status_rule(thresholds)
    return ScoreResult(edition, rule, matrix, numerator, classify_numerators(numerator, edition.denominator, rule))


def classify_numerators(numerator: np.ndarray, denominator: int, rule: StatusRule) -> np.ndarray:
    """Status positions (int8) of IDM = numerator / denominator under ``rule``; -1 where numerator < 0.

    With ``compare == "rounded"`` the IDM is first rounded half-up to ``rule.decimals``. A value passes
    cut-off p/q when value > p/q (``at_cutoff == "lower_status"``) or value ≥ p/q (``"higher_status"``),
    compared as integers: N·q vs p·D.
    """
    numerator = np.asarray(numerator, dtype=np.int64)
    if rule.compare == "rounded":
        scale = 10**rule.decimals
        values, value_den = round_half_up(numerator, denominator, rule.decimals), scale
    else:
        values, value_den = numerator, denominator
    status = np.zeros(numerator.shape, dtype=np.int8)
    for cutoff in rule.cutoffs:
        lhs = values * cutoff.denominator
        rhs = cutoff.numerator * value_den
        status += (lhs > rhs) if rule.at_cutoff == "lower_status" else (lhs >= rhs)
    status[numerator < 0] = INCOMPLETE
    return status


def classify_values(values: ArrayLike, rule: StatusRule) -> np.ndarray:
    """Status positions of IDM values given as decimals (an official series); -1 where NaN.

    Values are read to ``VALUE_DECIMALS`` (10) decimal places as exact integers, so a published "0.4910"
    equals the cut-off "0.491" and the boundary rule applies as written; with ``compare == "rounded"`` the
    values are first rounded half-up to ``rule.decimals``.
    """
    array = np.asarray(values, dtype=float)
    known = ~np.isnan(array)
    scale = 10**VALUE_DECIMALS
    scaled = np.rint(np.where(known, array, 0.0) * scale).astype(np.int64)
    if rule.compare == "rounded":
        step = 10 ** (VALUE_DECIMALS - rule.decimals)
        scaled = (2 * scaled + step) // (2 * step) * step
    status = np.zeros(array.shape, dtype=np.int8)
    for cutoff in rule.cutoffs:
        # Cut-offs have at most VALUE_DECIMALS decimals (checked when the edition is loaded): exact integers.
        threshold = cutoff.numerator * scale // cutoff.denominator
        status += (scaled > threshold) if rule.at_cutoff == "lower_status" else (scaled >= threshold)
    status[~known] = INCOMPLETE
    return status


def round_half_up(numerator: ArrayLike, denominator: int, decimals: int) -> np.ndarray:
    """round(numerator / denominator, decimals) × 10^decimals, half-up, exact; -1 where numerator < 0."""
    num = np.asarray(numerator, dtype=np.int64)
    scale = 10**decimals
    rounded = (2 * num * scale + denominator) // (2 * denominator)
    return np.where(num >= 0, rounded, INCOMPLETE)


def format_fixed(scaled: np.ndarray, decimals: int) -> np.ndarray:
    """Integers × 10^decimals as fixed-point strings ("0.6419"); "" for negative (not computed) entries."""
    scaled = np.asarray(scaled, dtype=np.int64)
    text = np.char.mod(f"%.{decimals}f", scaled / float(10**decimals)).astype(object)
    text[scaled < 0] = ""
    return text


def next_status_gap(result: ScoreResult) -> tuple[np.ndarray, np.ndarray]:
    """For each village-year: the next status position (-1 at the top or when incomplete) and the gap
    ``cut-off − IDM`` the IDM must close (it must pass the cut-off under the boundary rule); NaN when none."""
    n_levels = len(result.edition.statuses)
    target = np.where((result.status >= 0) & (result.status < n_levels - 1), result.status + 1, -1).astype(np.int8)
    cutoffs = np.array([float(c) for c in result.rule.cutoffs] + [np.nan])
    gap = np.where(target >= 0, cutoffs[np.where(target >= 0, target - 1, -1)] - result.idm, np.nan)
    return target, gap
