"""Area and home pages reuse their public parts for anonymous visitors, and never one visitor's private view."""

from __future__ import annotations

from django.test import Client
from django.utils import timezone

from petakan.profiles.models import Profile, Status
from petakan.profiles.services import schema
from petakan.regions.models import Area
from tests.conftest import KENDAL_VILLAGE

PAGE = f"/wilayah/{KENDAL_VILLAGE}/"
YEAR = 2026


def profile(status: str, households: int, version: int = 1) -> Profile:
    found, _created = Profile.objects.update_or_create(
        area=Area.objects.get(code=KENDAL_VILLAGE),
        year=YEAR,
        defaults={
            "schema": schema().code,
            "values": {"households": households},
            "status": status,
            "version": version,
            "changed_at": timezone.now(),
        },
    )
    return found


def test_the_public_never_sees_a_draft_a_village_account_saw_before(cast) -> None:
    profile(Status.DRAFT, 424242)
    village = Client()
    village.force_login(cast["village"])
    assert "424" in village.get(PAGE).content.decode()
    page = Client().get(PAGE).content.decode()
    assert "424" not in page and "belum dipublikasikan" in page


def test_a_village_account_sees_its_draft_after_the_public_page_was_cached(cast) -> None:
    profile(Status.DRAFT, 424242)
    assert "424" not in Client().get(PAGE).content.decode()
    village = Client()
    village.force_login(cast["village"])
    page = village.get(PAGE).content.decode()
    assert "424" in page and 'id="edit-profile"' in page


def test_a_publication_shows_to_the_public_at_once(cast) -> None:
    profile(Status.PUBLISHED, 1357)
    assert "1.357" in Client().get(PAGE).content.decode()
    profile(Status.PUBLISHED, 2468, version=2)
    page = Client().get(PAGE).content.decode()
    assert "2.468" in page and "1.357" not in page


def test_returning_a_published_profile_hides_it_from_the_public_at_once(cast) -> None:
    profile(Status.PUBLISHED, 1357)
    assert "1.357" in Client().get(PAGE).content.decode()
    profile(Status.RETURNED, 1357, version=2)
    assert "1.357" not in Client().get(PAGE).content.decode()


def test_each_language_gets_its_own_copy(cast) -> None:
    profile(Status.PUBLISHED, 1357)
    assert "Profil potensi desa" in Client().get(PAGE).content.decode()
    english = Client()
    english.cookies["django_language"] = "en"
    page = english.get(PAGE).content.decode()
    assert "Profil potensi desa" not in page and "1,357" in page


def test_a_repeated_anonymous_village_page_costs_a_handful_of_queries(cast, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    profile(Status.PUBLISHED, 1357)
    client = Client()
    client.get(PAGE)
    with django_assert_max_num_queries(3):
        assert client.get(PAGE).status_code == 200


def test_a_repeated_home_page_costs_one_query(kendal, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.get("/")
    with django_assert_max_num_queries(1):
        page = client.get("/").content.decode()
    assert page.count('href="/wilayah/33.24.') == 20 and "20 kecamatan, 266 desa dan 20 kelurahan" in page
