"""The audit: availability, descriptive statistics, correlations, Cronbach's alpha, PCA, flags."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from petakan.lib.index import Run, build
from petakan.lib.index.stats import cronbach_alpha, pearson_matrix

from .conftest import tree

T = [1.0, 2, 3, 4, 5, 6, 7, 8]
S = [1.0, -1, -1, 1, 1, -1, -1, 1]  # uncorrelated with T


@pytest.fixture
def flagged_run() -> Run:
    meta = tree(
        [
            (1, "a", "P", 1, 1, "Indicator"),
            (1, "b", "P", 1, 1, "Indicator"),
            (1, "c", "P", 1, 1, "Indicator"),
            (1, "d", "Q", 1, 1, "Indicator"),
            (2, "P", "I", 1, 1, "Aggregate"),
            (2, "Q", "I", 1, 1, "Aggregate"),
            (3, "I", None, 1, 1, "Aggregate"),
        ]
    )
    data = pd.DataFrame(
        {
            "uCode": [f"u{i}" for i in range(8)],
            "a": T,
            "b": S,
            "c": [-v for v in S],
            "d": [np.nan, 1.0, 2, 3, 1, 2, 3, 4],
        }
    )
    return build(data, meta, {"steps": [{"step": "normalise", "method": "minmax"}, {"step": "aggregate"}]})


def test_availability_per_indicator_and_per_unit(flagged_run: Run) -> None:
    av = flagged_run.audit()["availability"]
    assert av["indicators"] == {"a": 1.0, "b": 1.0, "c": 1.0, "d": 7 / 8}
    assert av["units"]["u0"] == 3 / 4 and av["units"]["u1"] == 1.0


def test_negative_correlations_inside_an_aggregate_are_flagged(flagged_run: Run) -> None:
    audit = flagged_run.audit()
    assert audit["aggregates"]["P"]["negative_pairs"][0]["a"] == "b"
    assert audit["aggregates"]["P"]["negative_pairs"][0]["pearson"] == pytest.approx(-1.0)
    assert {"type": "negative_correlation", "aggregate": "P", "pairs": [["b", "c"]]} in audit["flags"]


def test_an_indicator_that_drives_its_aggregate_is_flagged_as_dominant(flagged_run: Run) -> None:
    # b + c is constant, so P moves with a alone: corr(a, P) = 1, corr(b, P) = corr(c, P) = 0
    p = flagged_run.audit()["aggregates"]["P"]
    assert p["correlation_with_parent"]["a"] == pytest.approx(1.0)
    assert p["importance"]["a"] == pytest.approx(1.0)
    assert p["dominant"] == ["a"]


def test_reliability_and_pca_per_aggregate_match_the_statistics(asem_run: Run) -> None:
    audit = asem_run.audit()
    kids = asem_run.framework.children("Physical")
    values = asem_run.scores(level=1)[kids].to_numpy()
    assert audit["aggregates"]["Physical"]["cronbach_alpha"] == pytest.approx(cronbach_alpha(values))
    assert 0 < audit["aggregates"]["Physical"]["pca_first_share"] < 1
    assert set(audit["aggregates"]) == set(asem_run.framework.aggregates)


def test_correlations_cover_indicators_and_aggregates_within_and_across_levels(asem_run: Run) -> None:
    corr = asem_run.audit()["correlations"]
    codes = corr["codes"]
    assert codes[:49] == asem_run.framework.indicators and codes[-1] == "Index"
    i, j = codes.index("LPI"), codes.index("Physical")
    x = np.column_stack([asem_run.scores(level=1)["LPI"], asem_run.scores()["Physical"]])
    assert corr["pearson"][i][j] == pytest.approx(pearson_matrix(x)[0, 1])
    lpi = next(e for e in corr["with_parent"] if e["code"] == "LPI")
    assert lpi["parent"] == "Physical" and lpi["pearson"] == pytest.approx(corr["pearson"][i][j])
    assert "pearson_Index" in lpi


def test_statistics_include_skew_kurtosis_and_outlier_flags(asem_run: Run) -> None:
    stats = asem_run.audit()["statistics"]
    assert set(stats) == {"Raw", "Treated"}
    goods = stats["Raw"]["Goods"]
    assert goods["n"] == 51 and goods["missing"] == 0
    assert goods["max"] == pytest.approx(asem_run.dataset("Raw")["Goods"].max())
    assert stats["Treated"]["Services"]["flag_outliers"] is False


def test_the_audit_is_strict_json(asem_run: Run) -> None:
    json.dumps(asem_run.audit(), allow_nan=False)
