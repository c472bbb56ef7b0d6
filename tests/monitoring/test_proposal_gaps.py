# ruff: noqa: F811  (the planning fixtures are imported by name and then requested as arguments)
"""The gap view counts the village proposals still waiting on weak elements that no programme takes up."""

from __future__ import annotations

import re

import pytest

from tests.conftest import OTHER_VILLAGE
from tests.monitoring.proposal_helpers import make_proposal
from tests.planning.conftest import login, make_programme, make_run, period  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kendal")]


def block(page: str) -> str:
    match = re.search(r'<section class="gap-rule card" id="weak-element-proposals".*?</section>', page, re.S)
    assert match, "no proposals section"
    return match.group(0)


def test_waiting_proposals_on_unaddressed_weak_elements_are_counted_with_a_link(login, period, make_run) -> None:  # type: ignore[no-untyped-def]
    scores = dict.fromkeys(["gov_service", "gov_bureaucracy", "gov_policy", "living_health"], 80.0)
    scores.update({"econ_welfare": 30.0, "env_waste": 35.0})
    make_run(scores)
    make_programme(period, name="Kampung Bersih", dimension="env", elements=["env_waste"])  # takes up env_waste
    make_proposal(title="Irigasi", year=2025, dimension="econ", element="econ_welfare")
    make_proposal(OTHER_VILLAGE, title="Lumbung pangan", dimension="econ", element="econ_welfare")
    make_proposal(
        OTHER_VILLAGE, title="Ditolak", dimension="econ", element="econ_welfare", status="declined", decline_reason="x"
    )
    make_proposal(title="Bank sampah")  # env_waste: a programme takes it up
    make_proposal(title="Layanan", dimension="gov", element="gov_service")  # not weak
    section = block(login("analyst").get("/rencana/celah/").content.decode())
    assert 'data-element="econ_welfare" data-count="2"' in section
    assert "2 usulan dari 2 desa/kelurahan" in section
    assert "env_waste" not in section and "gov_service" not in section
    assert "/usulan/?elemen=econ_welfare&amp;status=submitted" in section


def test_without_such_proposals_the_gap_view_is_unchanged(login, period, make_run) -> None:  # type: ignore[no-untyped-def]
    make_run({"econ_welfare": 30.0, "gov_service": 80.0})
    make_proposal(title="Layanan", dimension="gov", element="gov_service")
    assert 'id="weak-element-proposals"' not in login("analyst").get("/rencana/celah/").content.decode()


def test_the_list_link_filters_by_element(login) -> None:  # type: ignore[no-untyped-def]
    make_proposal(title="Irigasi", dimension="econ", element="econ_welfare")
    make_proposal(title="Bank sampah")
    page = login("analyst").get("/usulan/?elemen=econ_welfare&status=submitted").content.decode()
    assert "Irigasi" in page and "Bank sampah" not in page and "Kesejahteraan rakyat" in page
