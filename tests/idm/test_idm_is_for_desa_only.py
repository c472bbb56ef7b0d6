"""IDM is defined for desa only: kelurahan have no IDM on any page, map or count; the default cut-offs reproduce
Kemendesa's published statuses and the page states the boundary rule; the other set stays selectable."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.test import Client

from petakan.idm.models import ItemScores
from petakan.idm.services import map_data, results_for
from petakan.regions.models import Area

YEAR = 2026


def test_kelurahan_have_no_idm_anywhere(kendal, client: Client) -> None:
    call_command("idm", "load-demo", "--year", str(YEAR), stdout=StringIO())
    kelurahan = Area.objects.filter(level="village", kind="kelurahan").order_by("code").first()
    assert kelurahan is not None
    # even a stored score of a kelurahan (from before this rule) is left out
    desa_scores = ItemScores.objects.exclude(village__kind="kelurahan").first()
    ItemScores.objects.create(
        village=kelurahan,
        year=YEAR,
        edition=desa_scores.edition,
        scores=desa_scores.scores,
        status="verified",
        source="demo",
    )
    assert kelurahan.code not in set(results_for(YEAR)["code"]) and kelurahan.code not in map_data(YEAR)
    assert client.get(f"/idm/desa/{kelurahan.code}/{YEAR}/").status_code == 404
    html = client.get(f"/idm/?tahun={YEAR}").content.decode()
    assert "266 dari 266 desa punya hasil IDM" in html and "desa/kelurahan" not in html
    assert 'id="kelurahan-note"' in html and "20 kelurahan tidak dinilai" in html
    assert kelurahan.name not in html.split('id="villages"')[1]


def test_the_page_states_the_default_cut_offs_and_boundary_rule_and_offers_the_other_set(kendal, client) -> None:
    call_command("idm", "load-demo", "--year", str(YEAR), stdout=StringIO())
    html = client.get(f"/idm/?tahun={YEAR}").content.decode()
    rule = html.split('id="status-rule">')[1].split("</p>")[0]
    assert "0,4907" in rule and "0,7072" in rule and "Kepdirjen PPMD No. 52/2018" in rule
    assert "tepat sama dengan batas mendapat status yang lebih rendah" in rule
    assert "batas=kemendesa-3dp" in rule
    other = client.get(f"/idm/?tahun={YEAR}&batas=kemendesa-3dp")
    assert "0,707 &lt; Maju" in other.content.decode() or "0,707 < Maju" in other.content.decode()
    assert other.context["summary"].rule.thresholds == "kemendesa-3dp"


def test_an_import_names_a_kelurahan_row_as_such(login, score_file, pakisrejo) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    kelurahan = Area.objects.filter(level="village", kind="kelurahan").order_by("code").first()
    path = score_file([(kelurahan.code, 2022, pakisrejo)])
    upload = SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv")
    html = login("analyst").post("/idm/impor/skor/", {"file": upload}).content.decode()
    assert f"{kelurahan.code} adalah kelurahan: IDM hanya didefinisikan untuk desa." in html
    assert not ItemScores.objects.exists()


def test_the_idm_map_says_why_kelurahan_are_blank(kendal, client: Client, data_dir) -> None:  # type: ignore[no-untyped-def]
    from tests.maps import runs

    call_command("idm", "load-demo", "--year", str(YEAR), stdout=StringIO())
    run = runs.store(runs.compute(runs.demo_profiles(data_dir)), "published", year=YEAR)
    data = client.get("/peta/data.json", {"run": run.pk, "var": "idm:status", "level": "village"}).json()
    assert "IDM hanya didefinisikan untuk desa" in data["note"]
    kelurahan = set(Area.objects.filter(level="village", kind="kelurahan").values_list("code", flat=True))
    assert kelurahan and all(data["values"][code] is None for code in kelurahan)
