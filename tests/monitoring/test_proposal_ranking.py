# ruff: noqa: F811  (the planning fixtures are imported by name and then requested as arguments)
"""The kecamatan ranks its villages' proposals in one list; ties are refused with the rows named; another
kecamatan's proposals are out of reach."""

from __future__ import annotations

import pytest

from petakan.monitoring.models import Proposal
from tests.conftest import KENDAL_DISTRICT, OTHER_VILLAGE
from tests.monitoring.proposal_helpers import YEAR, make_proposal
from tests.planning.conftest import login  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kendal")]

PAGE = f"/usulan/kecamatan/{KENDAL_DISTRICT}/{YEAR}/"
SECOND_VILLAGE = "33.24.01.2002"  # also in Plantungan


def ranks() -> dict[str, int | None]:
    return dict(Proposal.objects.values_list("title", "district_rank"))


def test_the_kecamatan_sees_its_villages_grouped_and_saves_a_ranking(login) -> None:  # type: ignore[no-untyped-def]
    a = make_proposal(title="Bank sampah dusun")
    b = make_proposal(SECOND_VILLAGE, title="Wifi balai desa", dimension="society", element="society_community")
    client = login("district")
    page = client.get(PAGE).content.decode()
    assert "Bank sampah dusun" in page and "Wifi balai desa" in page
    assert 'id="by-village"' in page and "Smart Society: 1" in page and "Smart Environment: 1" in page
    response = client.post(PAGE, {f"rank-{a.pk}": "2", f"rank-{b.pk}": "1"})
    assert response.status_code == 302
    assert ranks() == {"Bank sampah dusun": 2, "Wifi balai desa": 1}
    a.refresh_from_db()
    assert a.ranked_by.username == "dedi-district" and a.ranked_at is not None
    # the list now reads in rank order
    page = client.get(PAGE).content.decode()
    assert page.index("Wifi balai desa") < page.index("Bank sampah dusun", page.index('id="ranking"'))


def test_a_tie_is_refused_naming_both_rows_and_nothing_is_saved(login) -> None:  # type: ignore[no-untyped-def]
    a = make_proposal(title="Bank sampah dusun", district_rank=1)
    b = make_proposal(SECOND_VILLAGE, title="Wifi balai desa", district_rank=2)
    response = login("district").post(PAGE, {f"rank-{a.pk}": "1", f"rank-{b.pk}": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Peringkat 1 dipakai lebih dari satu usulan" in page
    assert "“Bank sampah dusun” (Blumah)" in page and "“Wifi balai desa”" in page
    assert ranks() == {"Bank sampah dusun": 1, "Wifi balai desa": 2}


def test_a_rank_that_is_not_a_whole_number_is_refused(login) -> None:  # type: ignore[no-untyped-def]
    a = make_proposal()
    response = login("district").post(PAGE, {f"rank-{a.pk}": "satu"})
    assert response.status_code == 200 and "bilangan bulat" in response.content.decode()
    assert ranks() == {"Bank sampah dusun": None}


def test_moving_up_renumbers_the_list(login) -> None:  # type: ignore[no-untyped-def]
    make_proposal(title="A", district_rank=1)
    make_proposal(title="B", district_rank=2)
    c = make_proposal(SECOND_VILLAGE, title="C")  # unranked: last
    client = login("district")
    assert client.post(PAGE, {"move": f"{c.pk}:up"}).status_code == 302
    assert ranks() == {"A": 1, "C": 2, "B": 3}


def test_a_kecamatan_cannot_reach_another_kecamatans_proposals(login) -> None:  # type: ignore[no-untyped-def]
    theirs = make_proposal(OTHER_VILLAGE, title="Jalan usaha tani")
    client = login("district")
    other = f"/usulan/kecamatan/{OTHER_VILLAGE[:8]}/{YEAR}/"
    assert client.get(other).status_code == 403
    assert client.post(other, {f"rank-{theirs.pk}": "1"}).status_code == 403
    # slipping the other kecamatan's proposal into its own form changes nothing
    response = client.post(PAGE, {f"rank-{theirs.pk}": "1"})
    assert "tidak ditemukan di kecamatan ini" in response.content.decode()
    assert "Jalan usaha tani" not in client.get("/usulan/").content.decode()
    assert ranks() == {"Jalan usaha tani": None}


@pytest.mark.parametrize("role", ["village", "analyst", "council"])
def test_only_the_kecamatan_and_admin_rank(login, role) -> None:  # type: ignore[no-untyped-def]
    a = make_proposal()
    client = login(role)
    assert client.post(PAGE, {f"rank-{a.pk}": "1"}).status_code == 403
    assert ranks() == {"Bank sampah dusun": None}


def test_the_admin_may_rank(login) -> None:  # type: ignore[no-untyped-def]
    a = make_proposal()
    assert login("admin").post(PAGE, {f"rank-{a.pk}": "1"}).status_code == 302
    assert ranks() == {"Bank sampah dusun": 1}
