"""The demo's proposals come from the demo profiles' "Usulan program" texts, marked DATA CONTOH, created once."""

from __future__ import annotations

import pytest

from petakan.monitoring.models import Proposal
from petakan.monitoring.proposals import load_demo_proposals
from petakan.profiles.models import Profile
from petakan.regions.models import Area
from tests.conftest import KENDAL_VILLAGE, PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kendal")]

TEXT = "Penanaman mangrove dan pembangunan sabuk pantai. Pengembangan wisata bahari dan kuliner ikan."


def demo_profile(code: str, text: str | None, year: int = 2026) -> Profile:
    return Profile.objects.create(
        area=Area.objects.get(code=code), year=year, schema="profile-v1", values={"notes_proposals": text}, is_demo=True
    )


def test_demo_proposals_are_made_from_the_notes_once_and_marked_as_demo() -> None:
    demo_profile(KENDAL_VILLAGE, TEXT)
    demo_profile("33.24.01.2002", None)  # no text: no proposal
    demo_profile("33.24.01.2003", "Bank sampah di setiap RW. Layanan administrasi secara daring. Penataan taman.")
    assert load_demo_proposals() == 4  # two items at most per village
    assert load_demo_proposals() == 0
    rows = list(Proposal.objects.order_by("area__code", "pk").values_list("area__code", "title", "element", "is_demo"))
    assert rows == [
        (KENDAL_VILLAGE, "Penanaman mangrove dan pembangunan sabuk pantai", "env_protection", True),
        (KENDAL_VILLAGE, "Pengembangan wisata bahari dan kuliner ikan", "brand_tourism", True),
        ("33.24.01.2003", "Bank sampah di setiap RW", "env_waste", True),
        ("33.24.01.2003", "Layanan administrasi secara daring", "gov_service", True),
    ]
    assert set(Proposal.objects.values_list("year", flat=True)) == {2026}


def test_the_village_page_badges_demo_proposals(cast, client) -> None:  # type: ignore[no-untyped-def]
    demo_profile(KENDAL_VILLAGE, TEXT)
    load_demo_proposals()
    client.login(username=cast["village"].username, password=PASSWORD)
    page = client.get(f"/usulan/desa/{KENDAL_VILLAGE}/2026/").content.decode()
    assert page.count('<span class="demo-badge">DATA CONTOH</span>') >= 2
