"""The gap page on small hand-made plans: each entry with its reason and a link to fix it; rules that need scores
are 'not evaluable yet' before any index run; fixing the cause makes the entry disappear."""

from __future__ import annotations

import re

from petakan.planning.models import Sasaran
from tests.planning.conftest import make_programme
from tests.planning.test_role_matrix import programme_form


def section(page: str, rule: str) -> str:
    match = re.search(rf'<section class="gap-rule card" id="{rule}".*?</section>', page, re.S)
    assert match, f"no section {rule}"
    return match.group(0)


def test_without_a_run_the_score_rules_are_not_evaluable_rather_than_clean(period, login) -> None:  # type: ignore[no-untyped-def]
    page = login("analyst").get("/rencana/celah/").content.decode()
    assert "Belum ada perhitungan indeks Smart City yang berlaku" in page
    for rule in ("weak_element_without_programme", "low_village_without_programme"):
        assert 'data-evaluable="no"' in section(page, rule)
        assert "Tidak ada celah" not in section(page, rule)


def test_with_no_programmes_every_sasaran_is_listed_with_a_link_to_add_one(period, login) -> None:  # type: ignore[no-untyped-def]
    page = login("analyst").get("/rencana/celah/").content.decode()
    block = section(page, "sasaran_without_programme")
    assert 'data-count="2"' in block
    sasaran = Sasaran.objects.get(code="1.1.2")
    assert f"/rencana/program/baru/?periode={period.pk}&amp;sasaran={sasaran.pk}" in block


def test_a_programme_without_an_rpjmd_link_is_listed_until_linked(period, login) -> None:  # type: ignore[no-untyped-def]
    p = make_programme(period, name="Aplikasi Tanpa Induk")
    client = login("analyst")
    block = section(client.get("/rencana/celah/").content.decode(), "programme_without_rpjmd")
    assert "Aplikasi Tanpa Induk" in block and f"/rencana/program/{p.pk}/ubah/#rpjmd" in block
    sasaran = Sasaran.objects.get(code="1.1.1")
    data = programme_form(period, name="Aplikasi Tanpa Induk", sasaran=[sasaran.pk], version=str(p.version))
    assert client.post(f"/rencana/program/{p.pk}/ubah/", data).status_code == 302
    block = section(client.get("/rencana/celah/").content.decode(), "programme_without_rpjmd")
    assert "Aplikasi Tanpa Induk" not in block and "Tidak ada celah" in block


def test_weak_elements_and_low_villages_come_from_the_current_run(period, login, make_run) -> None:  # type: ignore[no-untyped-def]
    scores = dict.fromkeys(["gov_service", "gov_bureaucracy", "gov_policy"], 80.0)
    scores.update({"econ_welfare": 30.0, "living_health": 70.0, "env_waste": None})
    villages = {
        "33.24.01.2001": 10.0,
        "33.24.01.2002": 50.0,
        "33.24.02.2002": 60.0,
        "33.24.02.2003": 70.0,
        "33.24.02.2004": 75.0,
        "33.24.15.1001": None,
    }
    make_run(scores, villages)
    make_programme(period, name="Layanan Desa Plantungan", whole_regency=False, elements=["gov_service"], villages=[])
    page = login("analyst").get("/rencana/celah/").content.decode()
    weak = section(page, "weak_element_without_programme")
    # below 50 (econ_welfare) and the bottom third of 6 scored elements: the two lowest, 30 and 70
    assert 'data-count="2"' in weak
    assert "kesejahteraan rakyat" in weak and "30,0" in weak
    assert "elemen=econ_welfare" in weak and "elemen=living_health" in weak
    assert "env_waste" in weak  # named in the note: no score, so not low
    low = section(page, "low_village_without_programme")
    # 5 scored villages: the bottom fifth is the lowest one (fewer than 1 below it)
    assert 'data-count="1"' in low and 'data-village="33.24.01.2001"' in low
    assert "desa=33.24.01.2001" in low and "/wilayah/33.24.01.2001/" in low
    assert "33.24.15.1001" not in low


def test_a_whole_regency_programme_reaches_every_low_village(period, login, make_run) -> None:  # type: ignore[no-untyped-def]
    make_run({"gov_service": 90.0}, {"33.24.01.2001": 10.0, "33.24.01.2002": 50.0})
    client = login("analyst")
    assert 'data-count="1"' in section(client.get("/rencana/celah/").content.decode(), "low_village_without_programme")
    make_programme(period, whole_regency=True)
    block = section(client.get("/rencana/celah/").content.decode(), "low_village_without_programme")
    assert 'data-count="0"' in block and "Tidak ada celah" in block


def test_the_settings_change_what_counts_as_weak(period, login, make_run) -> None:  # type: ignore[no-untyped-def]
    make_run({"gov_service": 60.0, "living_health": 65.0, "env_waste": 90.0})
    client = login("analyst")
    data = {
        "low_threshold": "70",
        "element_bottom_share": "0",
        "village_bottom_share": "0.2",
        "weight_gap": "1",
        "weight_people": "0",
        "weight_alignment": "0",
        "weight_feasibility": "0",
        "quick_win_count": "3",
    }
    assert client.post(f"/rencana/pengaturan/?periode={period.pk}", data).status_code == 302
    block = section(client.get("/rencana/celah/").content.decode(), "weak_element_without_programme")
    assert 'data-count="2"' in block and "env_waste" not in block


def test_the_settings_refuse_all_zero_weights(period, login) -> None:  # type: ignore[no-untyped-def]
    data = {
        "low_threshold": "50",
        "element_bottom_share": "0.3",
        "village_bottom_share": "0.2",
        "weight_gap": "0",
        "weight_people": "0",
        "weight_alignment": "0",
        "weight_feasibility": "0",
        "quick_win_count": "3",
    }
    response = login("analyst").post(f"/rencana/pengaturan/?periode={period.pk}", data)
    assert response.status_code == 200 and "Paling tidak satu bobot" in response.content.decode()


def test_overlapping_programmes_are_listed_with_links_to_both(period, login) -> None:  # type: ignore[no-untyped-def]
    a = make_programme(period, name="A", elements=["living_health"], dimension="living")
    b = make_programme(period, name="B", elements=["living_health"], dimension="living")
    block = section(login("analyst").get("/rencana/celah/").content.decode(), "overlapping_programmes")
    assert 'data-count="1"' in block
    assert f"/rencana/program/{a.pk}/" in block and f"/rencana/program/{b.pk}/" in block


def test_the_gap_page_speaks_english_when_asked(period, login) -> None:  # type: ignore[no-untyped-def]
    make_programme(period, name="Unlinked")
    client = login("analyst")
    client.cookies["django_language"] = "en"
    page = client.get("/rencana/celah/").content.decode()
    assert "is linked to no RPJMD sasaran or program" in page
