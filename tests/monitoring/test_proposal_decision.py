# ruff: noqa: F811  (the planning fixtures are imported by name and then requested as arguments)
"""The analyst (and admin) reads all proposals with the kecamatan's rank, links one to a programme of the current
period (same element first) or declines it with a required reason; the history keeps each decision."""

from __future__ import annotations

import pytest

from petakan.monitoring import proposals as svc
from petakan.monitoring.models import Proposal, ProposalStatus
from petakan.planning.history import readable
from petakan.planning.models import ChangeLog
from tests.conftest import OTHER_VILLAGE
from tests.monitoring.proposal_helpers import make_proposal
from tests.planning.conftest import login, make_programme, period  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kendal")]


def test_the_list_filters_by_kecamatan_dimension_and_status_and_shows_the_rank(login) -> None:  # type: ignore[no-untyped-def]
    make_proposal(title="Bank sampah dusun", district_rank=3)
    make_proposal(OTHER_VILLAGE, title="Jalan usaha tani", dimension="living", element="living_mobility")
    make_proposal(OTHER_VILLAGE, title="Pos ronda", status="declined", decline_reason="x", dimension="society")
    client = login("analyst")
    page = client.get("/usulan/").content.decode()
    assert all(t in page for t in ("Bank sampah dusun", "Jalan usaha tani", "Pos ronda"))
    row = page[page.index('data-title="Bank sampah dusun"') :].split("</tr>")[0]
    assert '<td class="num" data-label="Peringkat">3</td>' in row
    page = client.get("/usulan/?kecamatan=33.24.02").content.decode()
    assert "Bank sampah dusun" not in page and "Jalan usaha tani" in page
    page = client.get("/usulan/?dimensi=living").content.decode()
    assert "Jalan usaha tani" in page and "Pos ronda" not in page
    page = client.get("/usulan/?status=declined").content.decode()
    assert "Pos ronda" in page and "Jalan usaha tani" not in page


def test_programmes_of_the_same_element_come_first_then_the_same_dimension(period) -> None:  # type: ignore[no-untyped-def]
    other = make_programme(period, name="A Layanan", dimension="gov", elements=["gov_service"])
    same_dim = make_programme(period, name="B Energi", dimension="env", elements=["env_energy"])
    same_el = make_programme(period, name="C Sampah", dimension="env", elements=["env_waste"])
    choices = svc.programme_choices(make_proposal())
    assert [p for p, _why in choices] == [same_el, same_dim, other]
    assert [why for _p, why in choices] == ["elemen sama", "dimensi sama", ""]


def test_the_analyst_links_a_proposal_and_the_history_names_the_programme(login, period) -> None:  # type: ignore[no-untyped-def]
    programme = make_programme(period, name="Kampung Bersih", dimension="env", elements=["env_waste"])
    p = make_proposal()
    client = login("analyst")
    page = client.get(f"/usulan/{p.pk}/putuskan/").content.decode()
    assert "Kampung Bersih (elemen sama)" in page
    response = client.post(f"/usulan/{p.pk}/putuskan/", {"decision": "link", "programme": programme.pk})
    assert response.status_code == 302
    p.refresh_from_db()
    assert (p.status, p.programme, p.decided_by.username) == ("linked", programme, "bima-analyst")
    entry = ChangeLog.objects.get(object_type="proposal", object_id=p.pk, action="update")
    assert entry.changes["programme"] == [None, programme.pk] and entry.changes["status"] == ["submitted", "linked"]
    assert readable([entry])[0].label == "Bank sampah dusun"


def test_declining_requires_a_reason(login, period) -> None:  # type: ignore[no-untyped-def]
    p = make_proposal()
    client = login("analyst")
    response = client.post(f"/usulan/{p.pk}/putuskan/", {"decision": "decline", "reason": "  "})
    assert response.status_code == 200 and "Alasan penolakan wajib diisi" in response.content.decode()
    p.refresh_from_db()
    assert p.status == ProposalStatus.SUBMITTED
    client.post(f"/usulan/{p.pk}/putuskan/", {"decision": "decline", "reason": "Sudah dibiayai dana desa 2026"})
    p.refresh_from_db()
    assert (p.status, p.decline_reason) == ("declined", "Sudah dibiayai dana desa 2026")


def test_linking_requires_a_programme_of_the_current_period(login, period) -> None:  # type: ignore[no-untyped-def]
    p = make_proposal()
    client = login("analyst")
    response = client.post(f"/usulan/{p.pk}/putuskan/", {"decision": "link", "programme": ""})
    assert "Belum ada program di periode berjalan" in response.content.decode()
    make_programme(period)
    response = client.post(f"/usulan/{p.pk}/putuskan/", {"decision": "link", "programme": ""})
    assert response.status_code == 200 and "Pilih program" in response.content.decode()
    assert Proposal.objects.get().status == ProposalStatus.SUBMITTED


def test_the_service_refuses_an_empty_reason(cast) -> None:  # type: ignore[no-untyped-def]
    p = make_proposal()
    with pytest.raises(ValueError, match="wajib diisi"):
        svc.decline(cast["analyst"], p, "   ")


@pytest.mark.parametrize("role", ["village", "district", "council"])
def test_only_analysts_and_admins_decide(login, period, role) -> None:  # type: ignore[no-untyped-def]
    programme = make_programme(period)
    p = make_proposal()
    client = login(role)
    assert client.post(f"/usulan/{p.pk}/putuskan/", {"decision": "link", "programme": programme.pk}).status_code == 403
    assert Proposal.objects.get().status == ProposalStatus.SUBMITTED


def test_the_council_reads_every_proposal_without_a_decide_link(login) -> None:  # type: ignore[no-untyped-def]
    make_proposal()
    page = login("council").get("/usulan/").content.decode()
    assert "Bank sampah dusun" in page and "/putuskan/" not in page


def test_the_admin_decides_too(login, period) -> None:  # type: ignore[no-untyped-def]
    p = make_proposal()
    login("admin").post(f"/usulan/{p.pk}/putuskan/", {"decision": "decline", "reason": "Di luar kewenangan"})
    assert Proposal.objects.get().status == ProposalStatus.DECLINED


def test_the_plan_history_reads_a_decision_as_a_sentence(login, period) -> None:  # type: ignore[no-untyped-def]
    programme = make_programme(period, name="Kampung Bersih", dimension="env", elements=["env_waste"])
    p = make_proposal()
    login("analyst").post(f"/usulan/{p.pk}/putuskan/", {"decision": "link", "programme": programme.pk})
    line = readable([ChangeLog.objects.get(object_type="proposal", action="update")])[0]
    assert line.noun == "usulan desa"
    changes = {c.label: (c.before, c.after) for c in line.changes}
    assert changes["status"] == ("Diajukan", "Masuk program")
    assert changes["program"] == ("—", "Kampung Bersih")
    assert "diputuskan oleh" in changes
