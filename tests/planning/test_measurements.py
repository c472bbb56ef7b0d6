"""measurements.py turns the current Smart City run (and IDM statuses) into the plain inputs of the rules."""

from __future__ import annotations

import sys
import types

import numpy as np

from petakan.indices.models import Run
from petakan.planning.measurements import current_run, load_measurements


def test_without_a_run_there_are_no_scores_but_all_villages(kendal) -> None:  # type: ignore[no-untyped-def]
    m = load_measurements()
    assert m.run is None and m.element_scores == {}
    assert len(m.villages) == 286 and np.isnan(m.villages.index).all()
    assert m.names["econ_welfare"][0] == "kesejahteraan rakyat"


def test_it_reads_the_regency_elements_and_village_index_of_the_current_run(make_run) -> None:  # type: ignore[no-untyped-def]
    run = make_run({"econ_welfare": 31.5, "gov_service": None}, {"33.24.01.2001": 12.0})
    m = load_measurements()
    assert m.run == run
    assert m.element_scores["econ_welfare"] == 31.5 and m.element_scores["gov_service"] is None
    assert len(m.element_scores) == 18  # every element of the tree, missing ones as None
    i = list(m.villages.codes).index("33.24.01.2001")
    assert m.villages.index[i] == 12.0 and m.villages.district_names[i] == "Plantungan"
    assert m.indicator_element == {"puskesmas_access": "living_health"}


def test_a_run_of_another_framework_or_of_draft_profiles_is_not_picked(make_run) -> None:  # type: ignore[no-untyped-def]
    Run.objects.create(
        framework="idm-2020",
        framework_version="1",
        framework_hash="a",
        data_hash="b",
        year=2026,
        is_current=True,
        tree=[{"code": "idm", "level": "index"}],
    )
    assert current_run() is None
    drafts = make_run({"econ_welfare": 10.0}, profile_status="all")
    assert current_run() is None and current_run("all") == drafts


def test_idm_statuses_are_used_when_the_idm_app_provides_them(make_run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    make_run({"econ_welfare": 10.0})
    asked = []
    fake = types.ModuleType("petakan.idm.services")

    def status_by_village(year: int) -> dict[str, str]:
        asked.append(year)
        return {"33.24.01.2001": "Tertinggal"}

    fake.status_by_village = status_by_village  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "petakan.idm.services", fake)
    m = load_measurements()
    assert m.idm_available and asked == [2025]
    assert m.villages.idm[list(m.villages.codes).index("33.24.01.2001")] == "Tertinggal"


def test_without_the_idm_service_there_are_no_statuses(make_run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(sys.modules, "petakan.idm.services", None)  # import fails
    m = load_measurements()
    assert m.idm_available is False and (m.villages.idm == "").all()
