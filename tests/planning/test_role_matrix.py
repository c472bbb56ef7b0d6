"""Who may see and do what in the masterplan: the public sees approved programmes and the cascade; analysts edit;
the council approves; kecamatan and village accounts cannot edit."""

from __future__ import annotations

import pytest

from petakan.planning.models import ChangeLog, Programme
from tests.planning.conftest import make_programme

STAFF_PAGES = [
    "/rencana/celah/",
    "/rencana/prioritas/",
    "/rencana/kesiapan/",
    "/rencana/visi-smart-city/",
    "/rencana/riwayat/",
    "/rencana/buku/analisis-strategis.docx",
]
EDIT_PAGES = [
    "/rencana/program/baru/",
    "/rencana/pengaturan/",
    "/rencana/rpjmd/impor/",
    "/rencana/butir/misi/baru/",
    "/rencana/kesiapan/rubrik/",
]


def programme_form(period, **overrides) -> dict:  # type: ignore[no-untyped-def]
    data = {
        "name": "Layanan Adminduk Daring",
        "description": "",
        "dimension": "gov",
        "elements": ["gov_service"],
        "indicators": "",
        "horizon": "short",
        "start_year": period.start_year,
        "end_year": period.start_year,
        "opd": "Disdukcapil",
        "whole_regency": "on",
        "status": "planned",
        "feasibility": "4",
        "source": "",
        "anggaran-TOTAL_FORMS": "1",
        "anggaran-INITIAL_FORMS": "0",
        "anggaran-0-year": str(period.start_year),
        "anggaran-0-source": "apbd",
        "anggaran-0-amount": "150000000",
        "ukuran-TOTAL_FORMS": "0",
        "ukuran-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_the_public_sees_approved_programmes_only(period, login) -> None:  # type: ignore[no-untyped-def]
    approved = make_programme(period, name="Program Disetujui")
    approved.approved_at = approved.created
    approved.save()
    draft = make_programme(period, name="Program Draf")
    anonymous = login("anonymous")
    listing = anonymous.get("/rencana/program/").content.decode()
    assert "Program Disetujui" in listing and "Program Draf" not in listing
    assert anonymous.get(f"/rencana/program/{approved.pk}/").status_code == 200
    assert anonymous.get(f"/rencana/program/{draft.pk}/").status_code == 404
    assert "Program Draf" not in anonymous.get("/rencana/keselarasan/").content.decode()
    assert "Program Draf" in login("council").get("/rencana/program/").content.decode()


def test_the_public_sees_the_cascade(period, login) -> None:  # type: ignore[no-untyped-def]
    page = login("anonymous").get("/rencana/rpjmd/")
    assert page.status_code == 200 and "Meningkatnya layanan publik" in page.content.decode()


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_draft_pages_send_the_public_to_login_and_refuse_village_accounts(period, login, url) -> None:  # type: ignore[no-untyped-def]
    response = login("anonymous").get(url)
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
    assert login("village").get(url).status_code == 403
    assert login("district").get(url).status_code == 403
    assert login("council").get(url).status_code == 200


@pytest.mark.parametrize("url", EDIT_PAGES)
def test_only_admin_and_analyst_reach_the_edit_pages(period, login, url) -> None:  # type: ignore[no-untyped-def]
    for role in ("admin", "analyst"):
        assert login(role).get(url).status_code == 200, role
    for role in ("council", "district", "village"):
        assert login(role).get(url).status_code == 403, role


def test_an_analyst_creates_a_programme_and_the_history_keeps_it(period, login, cast) -> None:  # type: ignore[no-untyped-def]
    response = login("analyst").post("/rencana/program/baru/", programme_form(period))
    assert response.status_code == 302, response.content.decode()[:2000]
    programme = Programme.objects.get(name="Layanan Adminduk Daring")
    assert programme.budget_lines.get().amount == 150_000_000
    entry = ChangeLog.objects.get(object_type="programme", object_id=programme.pk)
    assert entry.user == cast["analyst"] and entry.action == "create"
    assert entry.changes["name"] == [None, "Layanan Adminduk Daring"]


@pytest.mark.parametrize("role", ["village", "district", "council"])
def test_other_roles_cannot_post_a_programme(period, login, role) -> None:  # type: ignore[no-untyped-def]
    assert login(role).post("/rencana/program/baru/", programme_form(period)).status_code == 403
    assert not Programme.objects.exists()


def test_the_council_approves_and_the_approval_is_recorded(period, login, cast) -> None:  # type: ignore[no-untyped-def]
    programme = make_programme(period)
    assert login("analyst").post(f"/rencana/program/{programme.pk}/persetujuan/").status_code == 403
    assert login("village").post(f"/rencana/program/{programme.pk}/persetujuan/").status_code == 403
    page = login("council").get(f"/rencana/program/{programme.pk}/").content.decode()
    assert 'id="approve"' in page
    response = login("council").post(f"/rencana/program/{programme.pk}/persetujuan/", {"action": "approve"})
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.approved_by == cast["council"] and programme.approved_at is not None
    entry = ChangeLog.objects.get(action="approve")
    assert entry.user == cast["council"] and entry.object_id == programme.pk
    assert login("anonymous").get(f"/rencana/program/{programme.pk}/").status_code == 200


def test_the_council_can_withdraw_an_approval(period, login) -> None:  # type: ignore[no-untyped-def]
    programme = make_programme(period)
    client = login("council")
    client.post(f"/rencana/program/{programme.pk}/persetujuan/", {"action": "approve"})
    client.post(f"/rencana/program/{programme.pk}/persetujuan/", {"action": "withdraw"})
    programme.refresh_from_db()
    assert programme.approved_at is None
    assert list(ChangeLog.objects.order_by("pk").values_list("action", flat=True)) == ["approve", "withdraw"]


def test_approval_needs_a_post(period, login) -> None:  # type: ignore[no-untyped-def]
    programme = make_programme(period)
    assert login("council").get(f"/rencana/program/{programme.pk}/persetujuan/").status_code == 405
