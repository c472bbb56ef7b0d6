"""The map of where programmes worked beside the change of the index between two public runs (issue 20, item 2)."""

from __future__ import annotations

import json
import re

from petakan.regions.models import Area
from tests.planning import impact_world as world


def config(page: str) -> dict:
    found = re.search(r'<script id="impact-map-config" type="application/json">(.*?)</script>', page, re.S)
    assert found, "no map on the page"
    return json.loads(found.group(1))


def test_it_outlines_the_villages_of_approved_programmes_over_the_change_between_the_two_latest_runs(
    period, login
) -> None:  # type: ignore[no-untyped-def]
    runs = [world.store_run(y, effect=0, step=i, reached=set()) for i, y in enumerate((2024, 2025, 2026))]
    approved = world.programme(period, name="Program disetujui", approved_at="2025-01-01T00:00:00Z")
    world.programme(period, name="Program draf", villages=[Area.objects.get(code="33.24.20.2001")])
    cfg = config(login("anonymous").get(f"/rencana/program/peta/?periode={period.pk}").content.decode())
    assert cfg["query"]["run"] == runs[2].pk and cfg["query"]["banding"] == runs[1].pk
    assert set(cfg["reached"]) == {a.code for a in world.reached_villages()}
    assert all(names == [approved.name] for names in cfg["programmes"].values())
    council = config(login("council").get(f"/rencana/program/peta/?periode={period.pk}").content.decode())
    assert council["programmes"]["33.24.20.2001"] == ["Program draf"]


def test_two_other_runs_can_be_chosen(period, login) -> None:  # type: ignore[no-untyped-def]
    runs = [world.store_run(y, effect=0, step=i, reached=set()) for i, y in enumerate((2024, 2025, 2026))]
    world.programme(period, approved_at="2025-01-01T00:00:00Z")
    page = (
        login("anonymous")
        .get(f"/rencana/program/peta/?periode={period.pk}&sebelum={runs[0].pk}&sesudah={runs[2].pk}")
        .content.decode()
    )
    assert config(page)["query"]["banding"] == runs[0].pk
    assert f"banding={runs[0].pk}" in page  # the thematic map link shows the same comparison


def test_with_one_run_there_is_a_sentence_instead_of_a_map(period, login) -> None:  # type: ignore[no-untyped-def]
    world.store_run(2025, effect=0, step=0, reached=set())
    page = login("anonymous").get(f"/rencana/program/peta/?periode={period.pk}").content.decode()
    assert 'id="no-map"' in page and "impact-map-config" not in page


def test_the_programme_list_links_to_the_map(period, login) -> None:  # type: ignore[no-untyped-def]
    page = login("anonymous").get(f"/rencana/program/?periode={period.pk}").content.decode()
    assert "/rencana/program/peta/" in page
