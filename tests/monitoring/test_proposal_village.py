"""A village keeps its proposals as items: adds, edits and withdraws them while still submitted, reads each outcome,
and never reaches another village's proposals."""

# ruff: noqa: F811  (the planning fixtures are imported by name and then requested as arguments)
from __future__ import annotations

import pytest

from petakan.monitoring.models import Proposal, ProposalStatus
from petakan.planning.models import ChangeLog
from tests.conftest import KENDAL_VILLAGE, OTHER_VILLAGE
from tests.monitoring.proposal_helpers import YEAR, make_proposal
from tests.planning.conftest import login, make_programme, period  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kendal")]

PAGE = f"/usulan/desa/{KENDAL_VILLAGE}/{YEAR}/"
ITEM = {
    "title": "Wifi publik di balai desa",
    "dimension": "society",
    "element": "society_community",
    "location": "Balai desa",
    "estimated_cost": "15000000",
    "description": "Akses internet untuk warga dan pelajar.",
}


def test_the_village_adds_a_proposal_and_the_history_records_it(login) -> None:  # type: ignore[no-untyped-def]
    client = login("village")
    response = client.post(PAGE, ITEM)
    assert response.status_code == 302
    p = Proposal.objects.get()
    assert (p.area.code, p.year, p.status, p.estimated_cost) == (KENDAL_VILLAGE, YEAR, "submitted", 15_000_000)
    assert p.created_by.username == "eka-village"
    assert ChangeLog.objects.filter(object_type="proposal", object_id=p.pk, action="create").exists()
    page = client.get(PAGE).content.decode()
    assert "Wifi publik di balai desa" in page and "menunggu keputusan" in page


def test_it_refuses_an_element_of_another_dimension_and_saves_nothing(login) -> None:  # type: ignore[no-untyped-def]
    response = login("village").post(PAGE, {**ITEM, "element": "env_waste"})
    assert response.status_code == 200
    assert "Elemen ini bukan bagian dari dimensi yang dipilih." in response.content.decode()
    assert not Proposal.objects.exists()


def test_it_refuses_a_negative_cost(login) -> None:  # type: ignore[no-untyped-def]
    response = login("village").post(PAGE, {**ITEM, "estimated_cost": "-5"})
    assert response.status_code == 200 and not Proposal.objects.exists()


def test_the_village_edits_and_withdraws_a_submitted_proposal(login) -> None:  # type: ignore[no-untyped-def]
    p = make_proposal()
    client = login("village")
    response = client.post(f"/usulan/{p.pk}/ubah/", {**ITEM, "title": "Bank sampah RW 2", "version": p.version})
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.title == "Bank sampah RW 2" and p.version == 2
    confirm = client.get(f"/usulan/{p.pk}/cabut/")  # a stray tap only asks
    assert confirm.status_code == 200 and 'id="confirm-withdraw"' in confirm.content.decode()
    assert Proposal.objects.filter(pk=p.pk).exists()
    assert client.post(f"/usulan/{p.pk}/cabut/").status_code == 302
    assert not Proposal.objects.filter(pk=p.pk).exists()
    assert ChangeLog.objects.filter(object_type="proposal", object_id=p.pk, action="delete").exists()


def test_an_edit_from_a_stale_page_is_refused(login) -> None:  # type: ignore[no-untyped-def]
    p = make_proposal()
    response = login("village").post(f"/usulan/{p.pk}/ubah/", {**ITEM, "version": p.version + 5})
    assert response.status_code == 200 and "sudah diubah orang lain" in response.content.decode()
    p.refresh_from_db()
    assert p.title == "Bank sampah dusun"


def test_a_decided_proposal_can_no_longer_be_withdrawn_or_edited(login) -> None:  # type: ignore[no-untyped-def]
    p = make_proposal(status=ProposalStatus.DECLINED, decline_reason="Sudah ada program provinsi")
    client = login("village")
    client.post(f"/usulan/{p.pk}/cabut/")
    client.post(f"/usulan/{p.pk}/ubah/", {**ITEM, "version": p.version})
    p.refresh_from_db()
    assert p.title == "Bank sampah dusun"


def test_the_village_reads_both_outcomes(login, period) -> None:  # type: ignore[no-untyped-def]
    programme = make_programme(period, name="Kampung Bersih Kendal", dimension="env", elements=["env_waste"])
    programme.approved_at = programme.created
    programme.save()
    make_proposal(status=ProposalStatus.LINKED, programme=programme)
    make_proposal(title="Pos ronda", status=ProposalStatus.DECLINED, decline_reason="Sudah dibiayai dana desa")
    page = login("village").get(PAGE).content.decode()
    assert f'href="/rencana/program/{programme.pk}/"' in page and "Kampung Bersih Kendal" in page
    assert "Sudah dibiayai dana desa" in page


def test_a_draft_programme_is_named_without_a_link_the_village_could_not_open(login, period) -> None:  # type: ignore[no-untyped-def]
    programme = make_programme(period, name="Program draf")
    make_proposal(status=ProposalStatus.LINKED, programme=programme)
    page = login("village").get(PAGE).content.decode()
    assert "Program draf" in page and f"/rencana/program/{programme.pk}/" not in page


def test_a_village_never_sees_or_changes_another_villages_proposals(login) -> None:  # type: ignore[no-untyped-def]
    theirs = make_proposal(OTHER_VILLAGE, title="Jalan usaha tani")
    client = login("village")
    assert client.get(f"/usulan/desa/{OTHER_VILLAGE}/{YEAR}/").status_code == 403
    assert client.post(f"/usulan/desa/{OTHER_VILLAGE}/{YEAR}/", ITEM).status_code == 403
    assert client.post(f"/usulan/{theirs.pk}/ubah/", {**ITEM, "version": 1}).status_code == 404
    assert client.post(f"/usulan/{theirs.pk}/cabut/").status_code == 404
    assert "Jalan usaha tani" not in client.get("/usulan/").content.decode()
    theirs.refresh_from_db()
    assert theirs.title == "Jalan usaha tani"


@pytest.mark.parametrize("role", ["district", "analyst", "council"])
def test_other_roles_read_the_village_page_but_cannot_add(login, role) -> None:  # type: ignore[no-untyped-def]
    client = login(role)
    assert client.get(PAGE).status_code == 200
    assert client.post(PAGE, ITEM).status_code == 403
    assert not Proposal.objects.exists()


def test_the_public_is_sent_to_the_login_page(login) -> None:  # type: ignore[no-untyped-def]
    response = login("anonymous").get(PAGE)
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
