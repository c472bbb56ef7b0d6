"""Proposals are one tap away from each role's home."""

from __future__ import annotations

import pytest

from tests.conftest import KENDAL_DISTRICT, KENDAL_VILLAGE, PASSWORD
from tests.monitoring.proposal_helpers import make_proposal

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kendal")]


def home(client, cast, role: str) -> str:  # type: ignore[no-untyped-def]
    client.login(username=cast[role].username, password=PASSWORD)
    return client.get("/beranda/").content.decode()


def test_the_village_home_has_a_proposals_card_with_its_outcomes(cast, client) -> None:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    year = timezone.localdate().year
    make_proposal(year=year)
    make_proposal(year=year, title="Pos ronda", status="declined", decline_reason="x")
    page = home(client, cast, "village")
    card = page[page.index('id="home-proposals"') :].split("</section>")[0]
    assert f'href="/usulan/desa/{KENDAL_VILLAGE}/{year}/"' in card
    assert "1 menunggu, 0 masuk program, 1 ditolak" in card


def test_the_kecamatan_home_links_to_its_ranking(cast, client) -> None:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    year = timezone.localdate().year
    make_proposal(year=year)
    page = home(client, cast, "district")
    card = page[page.index('id="home-district-proposals"') :].split("</section>")[0]
    assert f'href="/usulan/kecamatan/{KENDAL_DISTRICT}/{year}/"' in card and "1 belum diperingkat" in card


def test_the_analyst_home_links_to_all_proposals(cast, client) -> None:  # type: ignore[no-untyped-def]
    assert 'href="/usulan/" id="home-all-proposals"' in home(client, cast, "analyst")


@pytest.mark.parametrize(
    ("role", "target"),
    [
        ("village", f"/usulan/desa/{KENDAL_VILLAGE}/"),
        ("district", f"/usulan/kecamatan/{KENDAL_DISTRICT}/"),
        ("analyst", "/usulan/"),
    ],
)
def test_my_proposals_sends_each_role_to_its_page(cast, client, role, target) -> None:  # type: ignore[no-untyped-def]
    client.login(username=cast[role].username, password=PASSWORD)
    response = client.get("/usulan/saya/")
    assert response.status_code == 302 and response["Location"].startswith(target)
