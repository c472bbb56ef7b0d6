"""`make demo` loads everything through `petakan demo`: this is what a newcomer sees first."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from petakan.accounts.models import User
from petakan.indices.models import Run
from petakan.profiles.models import Profile


@pytest.fixture
def demo(kendal, settings):  # type: ignore[no-untyped-def]
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_the_demo_loads_every_part_and_labels_generated_data(demo: str) -> None:
    assert "[7/7]" in demo and "petakan-demo-2026" in demo
    assert Profile.objects.filter(year=2026, status="published", is_demo=True).count() == 286
    run = Run.objects.get(is_current=True, year=2026, profile_status="published")
    assert run.is_demo and run.n_units > 270
    assert set(User.objects.values_list("role", flat=True)) == {"admin", "analyst", "council", "district", "village"}


def test_running_the_demo_twice_duplicates_nothing(demo: str) -> None:
    profiles = Profile.objects.count()
    call_command("demo", stdout=StringIO())
    assert Profile.objects.count() == profiles
    assert Run.objects.filter(is_current=True).count() == 1


@pytest.mark.parametrize(
    "path", ["/", "/peta/", "/peta/dasbor/", "/indeks/", "/idm/", "/ekonomi/", "/rencana/", "/wilayah/33.24.06.2003/"]
)
def test_every_public_page_of_the_demo_opens_and_says_data_contoh(demo: str, client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    if path != "/":
        assert "DATA CONTOH" in response.content.decode()
