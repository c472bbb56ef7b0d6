"""Per-unit decomposition: the contribution of each indicator (or pillar) to an aggregate."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from petakan.lib.index import IndexMethodError, Run, build

from .conftest import tree


def test_indicator_contributions_add_up_to_every_asem_aggregate(asem_run: Run) -> None:
    for code in asem_run.framework.aggregates:
        dec = asem_run.decomposition(code)
        assert dec.sum(axis=1).to_numpy() == pytest.approx(asem_run.scores()[code].to_numpy(), rel=1e-12)


def test_pillar_contributions_to_the_index(asem_run: Run) -> None:
    dec = asem_run.decomposition("Index", level=2)
    assert list(dec.columns) == ["Physical", "ConEcFin", "Political", "Instit", "P2P", "Environ", "Social", "SusEcFin"]
    # equal weights: each Conn pillar counts 1/5 of Conn, which counts 1/2 of the index
    assert dec.loc["IND", "Physical"] == pytest.approx(asem_run.scores().loc["IND", "Physical"] / 10)


def test_contributions_follow_the_renormalised_weights_when_a_value_is_missing() -> None:
    meta = tree(
        [
            (1, "a", "P", 1, 1, "Indicator"),
            (1, "b", "P", 1, 3, "Indicator"),
            (1, "c", "Q", 1, 1, "Indicator"),
            (2, "P", "I", 1, 1, "Aggregate"),
            (2, "Q", "I", 1, 1, "Aggregate"),
            (3, "I", None, 1, 1, "Aggregate"),
        ]
    )
    data = pd.DataFrame(
        {"uCode": ["u", "v", "w"], "a": [10.0, 10.0, 5.0], "b": [np.nan, 0.0, 10.0], "c": [0.0, 10.0, 2.0]}
    )
    run = build(data, meta, {"steps": [{"step": "normalise", "method": "minmax"}, {"step": "aggregate"}]})
    dec = run.decomposition("I")
    # normalised: a = 100, 100, 0; b = –, 0, 100; c = 0, 100, 20. In P, a weighs 1/4 and b 3/4; P, Q = 1/2 of I
    assert dec.loc["v"].tolist() == pytest.approx([12.5, 0.0, 50.0])
    assert dec.loc["w"].tolist() == pytest.approx([0.0, 37.5, 10.0])
    # unit u: b is missing, so a carries all of P
    assert dec.loc["u"].tolist() == pytest.approx([50.0, 0.0, 0.0])
    assert dec.sum(axis=1).to_numpy() == pytest.approx(run.scores()["I"].to_numpy())


def test_a_geometric_mean_does_not_decompose_additively(asem_run: Run) -> None:
    positive = asem_run.variant("normalise", {"range": [1, 100]})
    geo = positive.variant("aggregate", {"method": "geometric"})
    with pytest.raises(IndexMethodError):
        geo.decomposition("Index")
