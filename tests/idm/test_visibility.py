"""Who sees what: verified and official results are public; drafts only for the village, its kecamatan and the
regency roles (the "profile.view" rule)."""

from __future__ import annotations

import pytest

from tests.idm.conftest import VILLAGE, YEAR

URL = f"/idm/desa/{VILLAGE}/{YEAR}/"


@pytest.mark.parametrize(
    ("role", "sees_draft"),
    [
        ("anonymous", False),
        ("village", True),
        ("other_village", False),
        ("district", True),
        ("admin", True),
        ("analyst", True),
        ("council", True),
    ],
)
def test_a_draft_is_seen_only_by_those_who_may_read_the_village(role, sees_draft, login, store, pakisrejo) -> None:
    store(VILLAGE, pakisrejo, status="draft")

    html = login(role).get(URL).content.decode()

    assert ('id="v-idm">0,6419' in html) is sees_draft
    assert ('id="item-ikl_03"' in html) is sees_draft
    assert ('id="review-state"' in html) is sees_draft


def test_a_district_account_of_another_kecamatan_does_not_see_the_draft(client, other_district, store, pakisrejo):
    from tests.conftest import PASSWORD

    store(VILLAGE, pakisrejo, status="submitted")
    client.login(username=other_district.username, password=PASSWORD)
    assert "0,6419" not in client.get(URL).content.decode()


@pytest.mark.parametrize("role", ["anonymous", "other_village", "village"])
def test_verified_scores_are_public(role, login, store, pakisrejo) -> None:
    store(VILLAGE, pakisrejo, status="verified")
    html = login(role).get(URL).content.decode()
    assert 'id="v-idm">0,6419' in html
    assert 'id="review-state"' not in html


def test_the_summaries_and_the_map_leave_drafts_out_for_the_public(client, store, pakisrejo, scores_with_sums):
    store(VILLAGE, pakisrejo, status="draft")
    store("33.24.01.2002", scores_with_sums(175, 60, 15), status="verified")

    district = client.get(f"/idm/kecamatan/33.24.01/?tahun={YEAR}").content.decode()
    regency = client.get(f"/idm/?tahun={YEAR}").content.decode()
    data = client.get(f"/idm/peta/{YEAR}.json").json()

    for html in (district, regency):
        assert "0,6419" not in html and "1,0000" in html
    assert list(data) == ["33.24.01.2002"]


def test_the_change_history_is_not_public(login, store, pakisrejo) -> None:
    from petakan.idm.models import ItemScoreChange

    record = store(VILLAGE, pakisrejo, status="verified")
    ItemScoreChange.objects.create(record=record, action="save", changes={"iks_01": [None, 5]})

    assert 'id="history"' not in login("anonymous").get(URL).content.decode()
    assert 'id="history"' in login("village").get(URL).content.decode()


def test_the_district_sees_its_villages_drafts_in_its_summary_marked_unverified(login, store, pakisrejo) -> None:
    store(VILLAGE, pakisrejo, status="submitted")

    html = login("district").get(f"/idm/kecamatan/33.24.01/?tahun={YEAR}").content.decode()

    assert "0,6419" in html and '<small class="flag">Diajukan</small>' in html
    assert "Termasuk 1 yang belum diverifikasi" in html
