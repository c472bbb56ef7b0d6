from __future__ import annotations

import csv
import io

from django.test import Client

from petakan.profiles.models import Profile, Status
from petakan.regions.models import Area
from tests.conftest import KENDAL_VILLAGE, OTHER_VILLAGE, SAME_DISTRICT_OTHER_VILLAGE
from tests.opendata.conftest import make_profile


def test_the_profiles_api_gives_published_profiles_and_never_drafts(
    profiles: dict[str, Profile], client: Client
) -> None:
    body = client.get("/api/v1/profiles/2026").json()
    assert [v["code"] for v in body["villages"]] == [KENDAL_VILLAGE, SAME_DISTRICT_OTHER_VILLAGE]
    assert body["count"] == 2 and body["is_demo"] is True and body["schema_code"] == "village-profile-v1"
    kediten = body["villages"][1]
    assert kediten["name"] == "Kediten" and kediten["is_demo"] is False
    assert kediten["values"]["pop_male"] == 800 and kediten["values"]["households"] == 500
    assert kediten["values"]["pop_female"] is None
    assert body["villages"][0]["is_demo"] is True
    assert "424242" not in client.get("/api/v1/profiles/2026").content.decode()


def test_asking_for_a_draft_village_is_404_and_a_published_one_is_served(
    profiles: dict[str, Profile], client: Client
) -> None:
    assert client.get("/api/v1/profiles/2026", {"village": OTHER_VILLAGE}).status_code == 404
    one = client.get("/api/v1/profiles/2026", {"village": SAME_DISTRICT_OTHER_VILLAGE}).json()
    assert [v["code"] for v in one["villages"]] == [SAME_DISTRICT_OTHER_VILLAGE] and one["is_demo"] is False


def test_a_year_with_only_drafts_has_no_profiles_csv_nor_dataset(profiles: dict[str, Profile], client: Client) -> None:
    Profile.objects.filter(status="published").update(status="verified")
    assert client.get("/api/v1/profiles/2026").status_code == 404
    assert client.get("/data-terbuka/profil-desa-2026.csv").status_code == 404
    assert "profil-desa-2026" not in client.get("/api/3/action/package_list").json()["result"]


def test_the_profiles_csv_has_published_rows_labelled_demo_and_no_draft(
    profiles: dict[str, Profile], client: Client
) -> None:
    response = client.get("/data-terbuka/profil-desa-2026.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["code"] for r in rows] == [KENDAL_VILLAGE, SAME_DISTRICT_OTHER_VILLAGE]
    assert rows[0]["data"] == "DATA CONTOH" and rows[1]["data"] == ""
    assert rows[1]["pop_male"] == "800" and rows[1]["name"] == "Kediten"
    assert "424242" not in response.content.decode()


def test_an_area_prefix_keeps_one_kecamatans_published_profiles(profiles: dict[str, Profile], client: Client) -> None:
    elsewhere = Area.objects.filter(level="village", code__startswith="33.24.03.").order_by("code").first()
    assert elsewhere is not None
    make_profile(elsewhere.code, Status.PUBLISHED, {"pop_male": 700})
    whole = client.get("/api/v1/profiles/2026").json()
    part = client.get("/api/v1/profiles/2026", {"area": "33.24.01."}).json()
    assert [v["code"] for v in part["villages"]] == [KENDAL_VILLAGE, SAME_DISTRICT_OTHER_VILLAGE]
    assert whole["count"] == 3 and part["count"] == 2
    assert [v["name"] for v in part["villages"]] == ["Blumah", "Kediten"] and part["is_demo"] is True
    third_kecamatan = client.get("/api/v1/profiles/2026", {"area": "33.24.03."}).json()
    assert third_kecamatan["count"] == 1 and third_kecamatan["is_demo"] is False
    assert client.get("/api/v1/profiles/2026", {"area": "33.24.02."}).status_code == 404  # drafts only there
