from __future__ import annotations

import io

from django.test import Client
from openpyxl import load_workbook

from petakan.indices import services
from petakan.indices.models import Run
from tests.conftest import PASSWORD


def test_the_run_page_shows_the_ranking_with_intervals_and_the_demo_label(published: Run, client: Client) -> None:
    html = client.get(f"/indeks/run/{published.pk}/").content.decode()
    assert "DATA CONTOH" in html and "peringkat 1 (antara" in html
    last = client.get(f"/indeks/run/{published.pk}/?hal=999").content.decode()
    assert "data belum cukup" in last  # the sparse demo villages, ranked last
    assert 'class="radar"' in html and "Smart Governance" in html


def test_a_village_page_shows_its_radar_against_kecamatan_and_regency(published: Run, client: Client) -> None:
    html = client.get("/wilayah/33.24.01.2002/").content.decode()
    assert "Indeks Smart City" in html and "Kec. Plantungan" in html and "Kabupaten Kendal" in html
    assert "Tiga indikator terlemah" in html and f"run #{published.pk}" in html


def test_a_kecamatan_page_ranks_its_villages(published: Run, client: Client) -> None:
    html = client.get("/wilayah/33.24.01/").content.decode()
    assert "Peringkat desa di kecamatan ini" in html and "Kediten" in html


def test_the_public_cannot_see_a_run_over_draft_profiles(drafts: Run, client: Client, cast) -> None:
    assert client.get(f"/indeks/run/{drafts.pk}/").status_code == 404
    assert client.get(f"/indeks/run/{drafts.pk}/skor.csv").status_code == 404
    assert "Indeks Smart City" not in client.get("/wilayah/33.24.01.2002/").content.decode()
    for role, status in (("village", 404), ("district", 404), ("council", 200), ("analyst", 200), ("admin", 200)):
        c = Client()
        c.login(username=cast[role].username, password=PASSWORD)
        assert c.get(f"/indeks/run/{drafts.pk}/").status_code == status, role


def test_only_analysts_and_admins_may_compute(kendal, cast, client: Client) -> None:
    for role in ("village", "district", "council"):
        c = Client()
        c.login(username=cast[role].username, password=PASSWORD)
        assert c.post("/indeks/hitung/", {"framework": "smart-city-v1", "year": 2026}).status_code == 403
    assert Client().post("/indeks/hitung/", {"framework": "smart-city-v1", "year": 2026}).status_code == 403
    assert Run.objects.count() == 0


def test_exports_carry_the_framework_and_a_methodology_sheet(published: Run, client: Client) -> None:
    csv = client.get(f"/indeks/run/{published.pk}/skor.csv").content.decode()
    header = csv.splitlines()[0].split(",")
    assert header[:5] == ["code", "name", "framework", "run", "data"] and "sci" in header and "gov_service" in header
    assert len(csv.splitlines()) == 1 + 286
    book = load_workbook(io.BytesIO(client.get(f"/indeks/run/{published.pk}/skor.xlsx").content))
    assert book.sheetnames == ["Skor", "Metodologi"]
    assert any(
        row[0] == "framework_hash" and published.framework_hash in row
        for row in book["Metodologi"].iter_rows(values_only=True)
    )


def test_the_methodology_page_explains_the_audit_in_words(published: Run, client: Client) -> None:
    html = client.get("/indeks/metodologi/smart-city-v1/").content.decode()
    assert "per 1.000 penduduk" in html and "per1000(" not in html and "Pelayanan publik" in html
    assert "desa datanya belum cukup" in html and "pergeseran peringkat" in html


def test_changing_a_weight_in_a_copy_of_the_framework_gives_a_comparable_second_run(
    published: Run, demo_profiles, client: Client
) -> None:
    import copy as copying

    from petakan.lib.profile import load_schema
    from petakan.lib.smartcity import parse_framework

    fw = services.framework("smart-city-v1")
    copy = copying.deepcopy(fw.raw)
    copy["version"] = "1.0-alt"
    copy["dimensions"][2]["weight"] = 3  # economy counts three times
    alt = parse_framework(copy, [f.code for f in load_schema().fields])
    assert alt.hash != fw.hash
    second = services.store(
        services.compute(alt, demo_profiles, sensitivity_runs=0), year=2026, profile_status="published", is_demo=True
    )
    html = client.get(f"/indeks/bandingkan/?a={published.pk}&b={second.pk}").content.decode()
    assert "▲" in html and "▼" in html
