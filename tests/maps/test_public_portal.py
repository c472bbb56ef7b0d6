"""Anonymous visitors (and village or kecamatan accounts) see published results only: a run over draft profiles
does not exist for them on any page, JSON, CSV or GeoJSON endpoint of the maps."""

from __future__ import annotations

import json

import pytest

from petakan.idm.models import ItemScores
from petakan.idm.services import load_demo as load_idm_demo
from petakan.indices.models import Run

VILLAGE = "33.24.01.2001"


def endpoints(run: Run) -> list[str]:
    q = f"run={run.pk}"
    return [
        f"/peta/?{q}",
        f"/peta/dasbor/?{q}",
        f"/peta/data.json?{q}",
        f"/peta/data.json?{q}&level=district&var=econ",
        f"/peta/data.json?{q}&var=lq:com_padi_ton",
        f"/peta/wilayah.json?{q}&code={VILLAGE}",
        f"/peta/wilayah.json?{q}&code=33.24.01",
        f"/peta/zona.geojson?{q}",
        f"/peta/unduh.csv?{q}",
        f"/peta/unduh.geojson?{q}&level=district",
    ]


@pytest.mark.parametrize("role", ["anonymous", "village", "district"])
def test_a_run_over_drafts_is_404_everywhere_for_who_may_not_see_it(drafts: Run, profiles, login, role: str) -> None:
    client = login(role)
    for url in endpoints(drafts):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("role", ["council", "analyst", "admin"])
def test_regency_roles_see_the_run_over_drafts_and_nobody_caches_it_publicly(
    drafts: Run, profiles, login, role: str
) -> None:
    client = login(role)
    for url in endpoints(drafts):
        response = client.get(url)
        assert response.status_code == 200, url
        if "json" in url:
            assert response["Cache-Control"].startswith("private"), url
    assert set(profiles) == {(drafts.year, "all")}


def test_the_public_default_is_the_published_run_and_drafts_are_not_offered(
    published: Run, drafts: Run, profiles, login
) -> None:
    for url in ("/peta/", "/peta/dasbor/"):
        html = login("anonymous").get(url).content.decode()
        assert f'value="{published.pk}"' in html and f'value="{drafts.pk}"' not in html, url
        assert "termasuk draf" not in html
    council = login("council").get("/peta/").content.decode()
    assert f'value="{drafts.pk}"' in council and "termasuk draf" in council


def test_published_runs_read_published_profiles_only(published: Run, profiles, login) -> None:
    client = login("anonymous")
    for url in endpoints(published):
        assert client.get(url).status_code == 200, url
    assert profiles and set(profiles) == {(published.year, "published")}


def test_unverified_idm_scores_stay_out_of_the_public_map(published: Run, login) -> None:
    load_idm_demo(published.year)
    ItemScores.objects.filter(village__code=VILLAGE, year=published.year).update(status="draft")
    url = f"/peta/data.json?run={published.pk}&var=idm:idm"

    public = json.loads(login("anonymous").get(url).content)
    analyst = json.loads(login("analyst").get(url).content)

    assert public["values"][VILLAGE] is None and public["classes"][VILLAGE] == -1
    assert analyst["values"][VILLAGE] is not None
    assert sum(v is not None for v in public["values"].values()) == 265  # the other 265 desa; kelurahan have no IDM


def test_idm_variables_are_not_offered_when_nothing_is_public(published: Run, login) -> None:
    load_idm_demo(published.year)
    ItemScores.objects.filter(year=published.year).update(status="submitted")
    assert "idm:status" not in login("anonymous").get(f"/peta/?run={published.pk}").content.decode()
    assert "idm:status" in login("council").get(f"/peta/?run={published.pk}").content.decode()
