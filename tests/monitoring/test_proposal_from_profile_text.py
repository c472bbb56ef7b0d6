"""The profile's old free-text "Usulan program" stays readable, links to the proposals page, and can be turned into
items once."""

from __future__ import annotations

import pytest

from petakan.monitoring.models import Proposal
from petakan.profiles.models import Profile
from petakan.regions.models import Area
from tests.conftest import KENDAL_VILLAGE, PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kendal")]

TEXT = "1. Normalisasi saluran irigasi\n2. Penguatan BUMDes dan pasar desa; Jalan usaha tani."


@pytest.fixture
def village_client(cast, client):  # type: ignore[no-untyped-def]
    Profile.objects.create(
        area=Area.objects.get(code=KENDAL_VILLAGE), year=2026, schema="profile-v1", values={"notes_proposals": TEXT}
    )
    client.login(username=cast["village"].username, password=PASSWORD)
    return client


def test_the_old_text_is_shown_with_an_offer_to_convert_it(village_client) -> None:  # type: ignore[no-untyped-def]
    page = village_client.get(f"/usulan/desa/{KENDAL_VILLAGE}/2026/").content.decode()
    assert "Normalisasi saluran irigasi" in page and 'id="convert-notes"' in page
    assert "dijadikan 3 butir usulan" in page


def test_converting_makes_one_item_per_entry_and_only_once(village_client) -> None:  # type: ignore[no-untyped-def]
    url = f"/usulan/desa/{KENDAL_VILLAGE}/2026/dari-profil/"
    assert village_client.post(url).status_code == 302
    village_client.post(url)
    assert list(Proposal.objects.order_by("pk").values_list("title", "dimension", "element")) == [
        ("Normalisasi saluran irigasi", "econ", "econ_welfare"),
        ("Penguatan BUMDes dan pasar desa", "econ", "econ_transaction"),
        ("Jalan usaha tani", "living", "living_mobility"),
    ]
    assert not Proposal.objects.filter(is_demo=True).exists()


def test_the_profile_page_links_its_usulan_field_to_the_proposals(village_client) -> None:  # type: ignore[no-untyped-def]
    page = village_client.get(f"/profil/{KENDAL_VILLAGE}/2026/").content.decode()
    field = page[page.index('data-field="notes_proposals"') :].split("</dd>")[0]
    assert "Normalisasi saluran irigasi" in field
    assert f'href="/usulan/desa/{KENDAL_VILLAGE}/2026/"' in field


def test_another_village_cannot_convert_this_villages_text(cast, client) -> None:  # type: ignore[no-untyped-def]
    client.login(username=cast["other_village"].username, password=PASSWORD)
    assert client.post(f"/usulan/desa/{KENDAL_VILLAGE}/2026/dari-profil/").status_code == 403
    assert not Proposal.objects.exists()
