"""The kecamatan verifies or returns submitted scores of its own villages; verified scores become public."""

from __future__ import annotations

from petakan.idm.models import ItemScoreChange, ItemScores
from tests.conftest import OTHER_VILLAGE, PASSWORD
from tests.idm.conftest import VILLAGE, YEAR


def _review(client, code: str, decision: str, version: int, comment: str = ""):  # type: ignore[no-untyped-def]
    return client.post(
        f"/idm/desa/{code}/{YEAR}/periksa/", {"decision": decision, "version": version, "comment": comment}
    )


def test_the_district_verifies_a_submitted_village_and_the_result_becomes_public(login, store, pakisrejo, cast):
    record = store(VILLAGE, pakisrejo, status="submitted")
    client = login("district")
    assert 'id="review-form"' in client.get(f"/idm/desa/{VILLAGE}/{YEAR}/").content.decode()

    response = _review(client, VILLAGE, "verify", record.version)

    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == "verified" and record.reviewed_by == cast["district"]
    assert ItemScoreChange.objects.get(record=record).action == "verify"
    client.logout()
    assert 'id="v-idm">0,6419' in client.get(f"/idm/desa/{VILLAGE}/{YEAR}/").content.decode()


def test_returning_needs_a_comment_that_the_village_then_reads(login, store, pakisrejo) -> None:
    record = store(VILLAGE, pakisrejo, status="submitted")
    client = login("district")

    _review(client, VILLAGE, "return", record.version)
    assert ItemScores.objects.get().status == "submitted"

    _review(client, VILLAGE, "return", record.version, comment="Skor sinyal seluler terlalu tinggi")
    record.refresh_from_db()
    assert record.status == "returned"
    client.logout()
    client.login(username="eka-village", password=PASSWORD)
    assert "Skor sinyal seluler terlalu tinggi" in client.get(f"/idm/desa/{VILLAGE}/{YEAR}/").content.decode()


def test_a_district_account_may_not_verify_outside_its_kecamatan(login, store, pakisrejo) -> None:
    record = store(OTHER_VILLAGE, pakisrejo, status="submitted")
    client = login("district")

    assert _review(client, OTHER_VILLAGE, "verify", record.version).status_code == 403
    assert 'id="review-form"' not in client.get(f"/idm/desa/{OTHER_VILLAGE}/{YEAR}/").content.decode()
    assert ItemScores.objects.get().status == "submitted"


def test_villages_and_analysts_may_not_verify(login, store, pakisrejo) -> None:
    record = store(VILLAGE, pakisrejo, status="submitted")
    for role in ("village", "analyst"):
        client = login(role)
        assert _review(client, VILLAGE, "verify", record.version).status_code == 403
        client.logout()
    assert ItemScores.objects.get().status == "submitted"


def test_only_submitted_scores_can_be_verified(login, store, pakisrejo) -> None:
    record = store(VILLAGE, pakisrejo, status="draft")
    _review(login("district"), VILLAGE, "verify", record.version)
    assert ItemScores.objects.get().status == "draft"
