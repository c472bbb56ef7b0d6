"""``petakan idm load-demo``: seeded, plausible, idempotent DATA CONTOH for all 286 Kendal villages."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from petakan.idm.models import ItemScoreChange, ItemScores
from petakan.idm.services import results_for, status_by_village
from petakan.lib.profile.zones import HIGHLAND_LATITUDE
from petakan.regions.models import Area
from tests.idm.conftest import VILLAGE

DEMO_YEAR = 2026


def _load() -> str:
    out = StringIO()
    call_command("idm", "load-demo", "--year", str(DEMO_YEAR), stdout=out)
    return out.getvalue()


def test_it_scores_every_desa_as_verified_demo_data_and_no_kelurahan(kendal) -> None:
    assert "266 dibuat" in _load()  # IDM is defined for desa only: Kendal's 20 kelurahan get none

    assert ItemScores.objects.filter(year=DEMO_YEAR, source="demo", status="verified").count() == 266
    assert not ItemScores.objects.filter(village__kind="kelurahan").exists()
    assert len(status_by_village(DEMO_YEAR)) == 266


def test_it_is_idempotent(kendal) -> None:
    _load()
    before = {r.village_id: r.scores for r in ItemScores.objects.all()}
    history = ItemScoreChange.objects.count()

    assert "0 dibuat, 0 diperbarui, 266 tidak berubah" in _load()
    assert {r.village_id: r.scores for r in ItemScores.objects.all()} == before
    assert ItemScoreChange.objects.count() == history


def test_it_is_plausible_mountains_lower_and_a_handful_tertinggal(kendal) -> None:
    _load()
    frame = results_for(DEMO_YEAR)
    lat = dict(Area.objects.filter(level="village").values_list("code", "centroid_lat"))
    frame["highland"] = frame["code"].map(lat) <= HIGHLAND_LATITUDE

    assert set(frame["kind"]) == {"desa"}
    assert frame.loc[frame["highland"], "idm"].mean() < frame.loc[~frame["highland"], "idm"].mean()
    counts = frame["status_name"].value_counts()
    assert 3 <= counts.get("Tertinggal", 0) <= 15
    assert counts.get("Maju", 0) > counts.get("Tertinggal", 0)


def test_it_keeps_scores_a_village_entered(kendal, store, pakisrejo) -> None:
    store(VILLAGE, pakisrejo, status="draft", year=DEMO_YEAR)

    output = _load()

    assert "265 dibuat" in output and VILLAGE in output
    assert ItemScores.objects.get(village__code=VILLAGE).scores == pakisrejo


def test_every_page_showing_demo_scores_says_data_contoh(kendal, client) -> None:
    _load()
    for url in (
        f"/idm/?tahun={DEMO_YEAR}",
        f"/idm/kecamatan/33.24.01/?tahun={DEMO_YEAR}",
        f"/idm/desa/{VILLAGE}/{DEMO_YEAR}/",
    ):
        assert "DATA CONTOH" in client.get(url).content.decode(), url
    data = client.get(f"/idm/peta/{DEMO_YEAR}.json").json()
    assert len(data) == 266 and all(entry["demo"] for entry in data.values())
