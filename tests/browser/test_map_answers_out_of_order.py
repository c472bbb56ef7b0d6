"""Controls change faster than answers arrive, and a replayed answer can overtake a slow one: the map must draw
the answer to the last choice, never a late answer to an earlier one."""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import Page, Route, expect

from petakan.indices.models import Run
from petakan.maps import palettes
from tests.browser.test_maps import HATCH, computed, demo_profiles, fills, legend, open_map, run  # noqa: F401

pytestmark = pytest.mark.browser


def test_a_late_answer_to_an_earlier_choice_does_not_overwrite_the_last_one(run: Run, live_server, page: Page) -> None:  # noqa: F811
    open_map(page, live_server.url + "/peta/")

    held: list[Route] = []

    def hold_the_earlier_answer(route: Route) -> None:
        if "pal=YlGnBu" in route.request.url and "var=econ" in route.request.url:
            held.append(route)
        else:
            route.continue_()

    page.route("**/peta/data.json*", hold_the_earlier_answer)
    page.select_option("#ctl-var", "econ")  # asks with the default palette, YlGnBu: held back
    page.select_option("#ctl-pal", "viridis")
    expect(page.locator("#map")).to_have_attribute("data-ready", "1")
    assert len(held) == 1
    # the earlier answer arrives last, unless the map has already cancelled it (then it cannot be continued)
    with contextlib.suppress(Exception):
        held[0].continue_()
    page.wait_for_timeout(1500)

    drawn = set(fills(page).values()) - {HATCH}
    assert "pal=viridis" in page.url and "var=econ" in page.url
    assert drawn and drawn <= set(palettes.colours("viridis", 5))
    assert {entry["colour"] for entry in legend(page) if entry["class"] != "-1"} == set(palettes.colours("viridis", 5))
