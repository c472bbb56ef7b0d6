"""The audit computes only the correlations it reports, and they equal the full matrices' values."""

from __future__ import annotations

import numpy as np
import pytest

from petakan.lib.index import Run
from petakan.lib.index.audit import median_and_unique, reported_correlations
from petakan.lib.index.stats import pearson_blocks, pearson_matrix, spearman_matrix


def test_pearson_blocks_equal_the_full_matrix_on_complete_data() -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(200, 7))
    x[:, 3] = 2.0  # a constant column has no correlation
    blocks = [([0, 1, 2], [0, 1, 2]), ([4, 5, 6, 3], [6, 3]), (list(range(7)), [1])]
    full = pearson_matrix(x)
    for (a, b), r in zip(blocks, pearson_blocks(x, blocks), strict=True):
        assert np.allclose(r, full[np.ix_(a, b)], atol=1e-14, equal_nan=True)
    assert np.isnan(pearson_blocks(x, [([3], [0])])[0]).all()


def test_pearson_blocks_use_the_pairwise_complete_units_when_values_are_missing() -> None:
    rng = np.random.default_rng(4)
    x = rng.normal(size=(60, 4))
    x[rng.random(x.shape) < 0.1] = np.nan
    (r,) = pearson_blocks(x, [([0, 2], [1, 2, 3])])
    assert np.allclose(r, pearson_matrix(x)[np.ix_([0, 2], [1, 2, 3])], atol=1e-14)


def test_the_audit_without_matrices_reports_the_full_matrix_values(asem_run: Run) -> None:
    full = asem_run.audit()
    lean = asem_run.audit(correlation_matrices=False)
    assert "pearson" in full["correlations"] and "pearson" not in lean["correlations"]
    for a, b in zip(full["correlations"]["with_parent"], lean["correlations"]["with_parent"], strict=True):
        assert a.keys() == b.keys()
        for k, v in a.items():
            assert b[k] == (pytest.approx(v, abs=1e-13) if isinstance(v, float) else v)
    for code, agg in full["aggregates"].items():
        other = lean["aggregates"][code]
        assert other["dominant"] == agg["dominant"]
        assert [(p["a"], p["b"]) for p in other["negative_pairs"]] == [(p["a"], p["b"]) for p in agg["negative_pairs"]]
        assert other["correlation_with_parent"] == pytest.approx(agg["correlation_with_parent"], abs=1e-13)
        for p, q in zip(agg["pairs"], other["pairs"], strict=True):
            assert (q["a"], q["b"]) == (p["a"], p["b"])
            assert q["pearson"] == pytest.approx(p["pearson"], abs=1e-13)
            assert q["spearman"] == pytest.approx(p["spearman"], abs=1e-13)
    assert {k: v for k, v in lean.items() if k not in ("correlations", "aggregates")} == {
        k: v for k, v in full.items() if k not in ("correlations", "aggregates")
    }


def test_reported_correlations_read_either_order_and_only_the_reported_pairs() -> None:
    rng = np.random.default_rng(8)
    x = rng.normal(size=(50, 5))
    pear, spear = reported_correlations(x, [[0, 1, 3], [2, 3, 4]], [4])
    full_p, full_s = pearson_matrix(x), spearman_matrix(x)
    assert pear[1, 0] == pytest.approx(full_p[0, 1], abs=1e-14) and pear[0, 1] == pear[1, 0]
    assert spear[2, 4] == pytest.approx(full_s[2, 4], abs=1e-14)
    assert pear[0, 4] == pytest.approx(full_p[0, 4], abs=1e-14)  # every column with the top
    with pytest.raises(KeyError):
        spear[0, 2]  # not in a group: never computed


def test_median_and_unique_count_equal_numpy_with_missing_values_and_ties() -> None:
    rng = np.random.default_rng(9)
    x = rng.integers(0, 6, size=(41, 5)).astype(float)
    x[rng.random(x.shape) < 0.2] = np.nan
    x[:, 4] = np.nan
    x[:20, 3] = np.nan  # an even count of numbers: the mean of the two middle values
    med, unique = median_and_unique(x)
    with np.errstate(all="ignore"), pytest.warns(RuntimeWarning):
        expected = np.nanmedian(x, axis=0)
    assert np.array_equal(med, expected, equal_nan=True)
    assert unique.tolist() == [len(np.unique(c[~np.isnan(c)])) for c in x.T]
