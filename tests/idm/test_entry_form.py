"""Item scores are entered by the village itself; errors name the item; a stale form never overwrites newer scores."""

from __future__ import annotations

import pytest

from petakan.idm.models import ItemScoreChange, ItemScores
from tests.conftest import OTHER_VILLAGE, SAME_DISTRICT_OTHER_VILLAGE
from tests.idm.conftest import VILLAGE, YEAR


def _entry(code: str = VILLAGE) -> str:
    return f"/idm/desa/{code}/{YEAR}/isi/"


def _post(client, scores: dict[str, object], code: str = VILLAGE, version: object = "", submit: bool = False):  # type: ignore[no-untyped-def]
    data = {item: str(score) for item, score in scores.items()} | {"version": str(version)}
    data["submit" if submit else "save"] = "1"
    return client.post(_entry(code), data)


def test_the_village_saves_a_draft_of_its_own_scores_with_history(login, pakisrejo, cast) -> None:
    client = login("village")
    assert client.get(_entry()).status_code == 200

    response = _post(client, pakisrejo)

    assert response.status_code == 302 and response["Location"] == f"/idm/desa/{VILLAGE}/{YEAR}/"
    record = ItemScores.objects.get(village__code=VILLAGE, year=YEAR)
    assert record.scores == pakisrejo and record.status == "draft" and record.source == "entered"
    change = ItemScoreChange.objects.get(record=record)
    assert change.by == cast["village"] and change.changes["iks_01"] == [None, 5]
    assert change.status_after == "draft"


def test_a_second_save_records_old_and_new_values(login, pakisrejo) -> None:
    client = login("village")
    _post(client, pakisrejo)
    record = ItemScores.objects.get()
    changed = pakisrejo | {"ikl_03": 4}

    _post(client, changed, version=record.version)

    latest = ItemScoreChange.objects.filter(record=record).first()
    assert latest.changes == {"ikl_03": [0, 4]}
    assert ItemScores.objects.get().scores["ikl_03"] == 4


@pytest.mark.parametrize(
    ("role", "code", "expected"),
    [
        ("village", VILLAGE, 200),
        ("village", SAME_DISTRICT_OTHER_VILLAGE, 403),
        ("other_village", VILLAGE, 403),
        ("district", VILLAGE, 403),
        ("analyst", VILLAGE, 403),
        ("council", VILLAGE, 403),
        ("admin", OTHER_VILLAGE, 200),
    ],
)
def test_only_the_village_itself_and_admin_may_enter_scores(role, code, expected, login, pakisrejo) -> None:
    client = login(role)
    assert client.get(_entry(code)).status_code == expected
    response = _post(client, pakisrejo, code=code)
    assert response.status_code == (302 if expected == 200 else 403)
    assert ItemScores.objects.filter(village__code=code).exists() is (expected == 200)


def test_anonymous_visitors_are_sent_to_the_login_page(client, kendal) -> None:
    response = client.get(_entry())
    assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")


def test_an_invalid_score_is_refused_with_a_message_naming_the_item(login, pakisrejo) -> None:
    response = _post(login("village"), pakisrejo | {"iks_05": 7, "ike_02": "x"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "iks_05 · Tingkat kepesertaan BPJS Kesehatan: 7 bukan skor 0–5." in html
    assert "ike_02 · " in html and "x bukan skor 0–5." in html
    assert not ItemScores.objects.exists()


def test_submitting_needs_every_item_and_names_the_missing_ones(login, pakisrejo) -> None:
    partial = {code: score for code, score in pakisrejo.items() if code not in ("iks_07", "ikl_02")}

    html = _post(login("village"), partial, submit=True).content.decode()

    assert "Belum semua indikator diberi skor" in html
    assert "iks_07 · Aktivitas posyandu: belum diberi skor." in html
    assert "ikl_02 · " in html
    assert not ItemScores.objects.exists()


def test_a_draft_may_stay_incomplete(login, pakisrejo) -> None:
    partial = {code: score for code, score in pakisrejo.items() if code != "iks_07"}
    _post(login("village"), partial)
    assert "iks_07" not in ItemScores.objects.get().scores


def test_a_stale_form_does_not_overwrite_newer_scores(login, pakisrejo) -> None:
    client = login("village")
    _post(client, pakisrejo)
    opened = ItemScores.objects.get().version
    _post(client, pakisrejo | {"ikl_03": 2}, version=opened)  # someone saves in another tab

    response = _post(client, pakisrejo | {"ikl_03": 5}, version=opened)

    assert response.status_code == 200 and "sudah diubah oleh" in response.content.decode()
    assert ItemScores.objects.get().scores["ikl_03"] == 2


def test_verified_scores_are_locked_for_the_village(login, store, pakisrejo) -> None:
    store(VILLAGE, pakisrejo, status="verified")
    client = login("village")
    assert client.get(_entry()).status_code == 403
    assert 'id="edit-link"' not in client.get(f"/idm/desa/{VILLAGE}/{YEAR}/").content.decode()


def test_the_form_opens_with_the_stored_scores(login, store, pakisrejo) -> None:
    store(VILLAGE, pakisrejo, status="returned")
    html = login("village").get(_entry()).content.decode()
    ike_07 = html.split('name="ike_07"')[1].split("</select>")[0]
    assert '<option value="2" selected>' in ike_07
