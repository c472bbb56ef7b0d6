"""A run's scores are stored as one row per unit holding vectors over the run's nodes (indices.scores)."""

from __future__ import annotations

import importlib
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from petakan.indices import scores
from petakan.indices.models import Run, Unit, UnitScores
from petakan.regions.models import Area

TREE = [
    {"code": "sci", "parent": None, "level": "index", "name_id": "Indeks", "name_en": "Index"},
    {"code": "gov", "parent": "sci", "level": "dimension", "name_id": "Tata kelola", "name_en": "Governance"},
    {"code": "gov_1", "parent": "gov", "level": "element", "name_id": "E", "name_en": "E"},
    {"code": "ind_a", "parent": "gov_1", "level": "indicator", "name_id": "A", "name_en": "A"},
]


@pytest.fixture
def run(kendal) -> Run:  # type: ignore[no-untyped-def]
    return Run.objects.create(
        framework="t", framework_version="1", framework_hash="h", data_hash="d", year=2026, tree=TREE
    )


def test_a_village_row_reads_back_node_by_node_with_its_rank_interval(run: Run) -> None:
    village = Area.objects.get(code="33.24.01.2001")
    scores.row(
        run,
        Unit.VILLAGE,
        {"sci": 61.5, "gov": 70.25, "gov_1": None, "ind_a": 12.0},
        area=village,
        raw={"ind_a": 3.75},
        ranks={"sci": 4, "gov": 2, "ind_a": 9},
        interval=(4.5, 2, 8),
    ).save()
    got = scores.unit_scores(run, Unit.VILLAGE, village)
    assert list(got) == ["sci", "gov", "gov_1", "ind_a"]
    assert got["sci"].value == 61.5 and got["sci"].rank == 4 and got["sci"].level == "index"
    assert (got["sci"].rank_median, got["sci"].rank_low, got["sci"].rank_high) == (4.5, 2, 8)
    assert got["gov"].value == 70.25 and got["gov"].rank_low is None
    assert got["gov_1"].value is None and got["gov_1"].rank is None
    assert got["ind_a"].raw == 3.75 and got["ind_a"].rank == 9 and got["gov"].raw is None
    assert UnitScores.objects.get(run=run).value == 61.5  # the index is a column too, for sorting in SQL


def test_node_values_and_tables_cover_every_unit_of_a_kind(run: Run) -> None:
    codes = ["33.24.01.2001", "33.24.01.2002", "33.24.02.2002"]
    areas = {a.code: a for a in Area.objects.filter(code__in=codes)}
    UnitScores.objects.bulk_create(
        [scores.row(run, Unit.VILLAGE, {"sci": i * 10.0, "gov": i + 0.5}, area=areas[c]) for i, c in enumerate(codes)]
        + [scores.row(run, Unit.ZONE, {"sci": 33.0, "gov": 1.0}, zone="pesisir")]
    )
    assert scores.node_values(run, Unit.VILLAGE, "gov") == {codes[0]: 0.5, codes[1]: 1.5, codes[2]: 2.5}
    assert scores.node_values(run, Unit.VILLAGE, "sci") == {codes[0]: 0.0, codes[1]: 10.0, codes[2]: 20.0}
    assert scores.node_values(run, Unit.ZONE, "sci") == {"pesisir": 33.0}
    assert scores.node_values(run, Unit.VILLAGE, "unknown") == {}
    table = scores.table(run, Unit.VILLAGE, prefix="33.24.01.")
    assert list(table.values.index) == codes[:2] and list(table.values.columns) == ["sci", "gov", "gov_1", "ind_a"]
    assert table.values.loc[codes[1], "gov"] == 1.5 and np.isnan(table.raw.loc[codes[1], "ind_a"])
    assert table.info.loc[codes[0], "name"] == areas[codes[0]].name


def test_it_refuses_a_vector_that_does_not_fit_the_runs_tree() -> None:
    with pytest.raises(ValueError, match="3 values, the run's tree 4 nodes"):
        scores.unpack(scores.pack(np.array([1.0, 2.0, 3.0])), 4)


def test_the_migration_regroups_old_score_rows_into_vectors_in_tree_order(run: Run) -> None:
    village = Area.objects.get(code="33.24.01.2001")
    old = [
        SimpleNamespace(unit="village", area_id=village.pk, zone="", node=node, value=value, raw=raw, rank=rank,
                        rank_median=5.0, rank_low=3, rank_high=7)
        for node, value, raw, rank in (("ind_a", 12.0, 3.5, 9), ("sci", 61.0, None, 4), ("gone", 1.0, None, 1))
    ]  # fmt: skip

    class OldScores:
        @staticmethod
        def filter(**kw: Any) -> Any:
            return SimpleNamespace(iterator=lambda: iter(old if kw["run"] == run else []))

    models = {"Run": Run, "Score": SimpleNamespace(objects=OldScores), "UnitScores": UnitScores}
    migration = importlib.import_module("petakan.indices.migrations.0002_unit_score_vectors")
    migration.regroup(SimpleNamespace(get_model=lambda app, name: models[name]), None)
    got = scores.unit_scores(run, "village", village)
    assert [got[c].value for c in ("sci", "gov", "gov_1", "ind_a")] == [61.0, None, None, 12.0]
    assert got["ind_a"].raw == 3.5 and got["ind_a"].rank == 9
    assert (got["sci"].rank, got["sci"].rank_low, got["sci"].rank_high) == (4, 3, 7)
