"""`make demo` loads everything through `petakan demo`: this is what a newcomer sees first. Every role finds work
in it, and running it again undoes nothing a user did."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from petakan.accounts.models import User
from petakan.indices.models import Run
from petakan.monitoring.models import Realisation
from petakan.planning.models import Programme
from petakan.profiles import services
from petakan.profiles.models import Profile


@pytest.fixture
def demo(kendal, settings):  # type: ignore[no-untyped-def]
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_the_demo_loads_every_part_and_labels_generated_data(demo: str) -> None:
    assert "[10/10]" in demo and "petakan-demo-2026" in demo
    assert Profile.objects.filter(year=2026, is_demo=True).count() == 286
    assert Profile.objects.filter(year=2026, status="published").count() > 270
    run = Run.objects.get(is_current=True, year=2026, profile_status="published")
    assert run.is_demo and run.n_units > 260
    assert set(User.objects.values_list("role", flat=True)) == {"admin", "analyst", "council", "district", "village"}


def test_running_the_demo_twice_duplicates_nothing(demo: str) -> None:
    profiles, runs, programmes = Profile.objects.count(), Run.objects.count(), Programme.objects.count()
    realisations = Realisation.objects.count()
    assert realisations > 0 and not Realisation.objects.filter(is_demo=False).exists()
    # the demo analyst entered the realisations
    assert set(Realisation.objects.values_list("entered_by__username", flat=True)) == {"analis"}
    call_command("demo", stdout=StringIO())
    assert Realisation.objects.count() == realisations
    assert Profile.objects.count() == profiles
    # one run per demo year (2025 and 2026), each current for its year
    assert Run.objects.count() == runs == 2 and Run.objects.filter(is_current=True).count() == 2
    assert Programme.objects.count() == programmes


def test_every_role_of_the_demo_finds_work(demo: str) -> None:
    desa, kecamatan = User.objects.get(username="desa"), User.objects.get(username="kecamatan")
    own = Profile.objects.get(area=desa.area, year=2026)
    assert own.status == "draft" and "pop_male" in own.values
    assert not any(code.startswith("com_") for code in own.values)
    in_kecamatan = dict(
        Profile.objects.filter(area__parent=kecamatan.area, year=2026).values_list("area__code", "status")
    )
    assert {"draft", "submitted", "returned", "verified", "published"} <= set(in_kecamatan.values())
    returned = Profile.objects.get(area__parent=kecamatan.area, status="returned")
    assert returned.return_comment and returned.events.filter(action="returned", comment__gt="").exists()
    elsewhere = Profile.objects.exclude(area__parent=kecamatan.area).exclude(status="published")
    assert {"draft", "submitted", "verified"} <= set(elsewhere.values_list("status", flat=True))


def test_a_second_demo_keeps_what_users_did_in_between(demo: str) -> None:
    council = User.objects.get(username="dewan")
    programme = Programme.objects.filter(approved_at__isnull=True).first()
    assert programme is not None
    programme.approved_at, programme.approved_by = timezone.now(), council
    programme.description = "Diubah oleh pengguna."
    programme.save(update_fields=["approved_at", "approved_by", "description"])
    desa = User.objects.get(username="desa")
    own = Profile.objects.get(area=desa.area, year=2026)
    services.save_section(own.area, 2026, "population", {"pop_male": 1234}, user=desa, version=own.version)
    submitted = Profile.objects.filter(status="submitted").first()
    assert submitted is not None
    verified = services.transition(
        submitted, "verify", user=User.objects.get(username="admin"), version=submitted.version
    )
    runs = Run.objects.count()

    call_command("demo", stdout=StringIO())

    programme.refresh_from_db()
    assert programme.approved_by == council and programme.description == "Diubah oleh pengguna."
    assert Profile.objects.get(pk=own.pk).values["pop_male"] == 1234
    assert Profile.objects.get(pk=verified.pk).status == "verified"
    assert Run.objects.count() == runs


@pytest.mark.parametrize(
    "path", ["/", "/peta/", "/peta/dasbor/", "/indeks/", "/idm/", "/ekonomi/", "/rencana/", "/wilayah/33.24.06.2003/"]
)
def test_every_public_page_of_the_demo_opens_and_says_data_contoh(demo: str, client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    if path != "/":
        assert "DATA CONTOH" in response.content.decode()
