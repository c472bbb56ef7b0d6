"""On a phone, the map's GeoPackage and Shapefile links follow the shown variable and download a styled layer."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
import pyogrio
import pytest
from playwright.sync_api import Browser, expect

from petakan.indices.models import Run
from petakan.maps import sources
from tests.browser.conftest import screenshot
from tests.maps import runs

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo_profiles(data_dir: Path) -> pd.DataFrame:
    return runs.demo_profiles(data_dir)


@pytest.fixture
def run(kendal_live, demo_profiles, monkeypatch) -> Run:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sources, "profile_frame", lambda year, status, prefix="": demo_profiles)
    monkeypatch.setattr(sources, "profiles_available", lambda: True)
    return runs.store(runs.compute(demo_profiles), "published")


def test_the_gis_links_follow_the_variable_and_download_styled_layers_on_a_phone(  # type: ignore[no-untyped-def]
    run: Run, live_server, browser: Browser, settings, tmp_path: Path
) -> None:
    settings.PETAKAN_TILE_URL = ""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(live_server.url + "/peta/?var=living")
    expect(page.locator("#map")).to_have_attribute("data-ready", "1")
    page.select_option("#ctl-var", "econ")
    expect(page.locator("#map")).to_have_attribute("data-var", "econ")
    gpkg_link, shp_link = page.locator("#dl-gpkg"), page.locator("#dl-shp")
    expect(gpkg_link).to_have_attribute("href", re.compile(r"^/peta/unduh\.gpkg\?.*var=econ"))
    expect(shp_link).to_have_attribute("href", re.compile(r"^/peta/unduh\.shp\.zip\?.*var=econ"))
    page.locator(".downloads").scroll_into_view_if_needed()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "map-gis-downloads-phone")

    answer: Any = page.request.get(live_server.url + gpkg_link.get_attribute("href"))
    path = tmp_path / "peta.gpkg"
    path.write_bytes(answer.body())
    assert pyogrio.read_info(path, layer="petakan_village_econ")["features"] == 286
    answer = page.request.get(live_server.url + shp_link.get_attribute("href"))
    with zipfile.ZipFile(io.BytesIO(answer.body())) as archive:
        assert "petakan_village_econ.qml" in archive.namelist()
    context.close()
