"""`petakan profiles load-demo --year 2025 --leads-to 2026`: the closed year the demo's 2026 grew from."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from petakan.profiles import services
from petakan.profiles.models import FieldChange, Profile


@pytest.fixture
def earlier(kendal, settings, data_dir: Path) -> str:  # type: ignore[no-untyped-def]
    settings.PETAKAN_DATA_DIR = data_dir
    out = StringIO()
    call_command("profiles", "load-demo", "--year", "2025", "--leads-to", "2026", stdout=out)
    return out.getvalue()


def test_it_stores_every_village_published_and_loading_again_changes_nothing(earlier: str) -> None:
    assert "286 profil contoh (DATA CONTOH) tahun 2025 disimpan dan dipublikasikan" in earlier
    assert set(Profile.objects.values_list("year", "status", "is_demo")) == {(2025, "published", True)}
    changes = FieldChange.objects.count()
    assert services.load_demo(2025, leads_to=2026) == 0
    assert FieldChange.objects.count() == changes


def test_the_drafts_of_the_next_year_carry_its_values_and_loading_again_changes_nothing(earlier: str) -> None:
    services.load_demo(2026, work=True)
    drafts = Profile.objects.filter(year=2026, status="draft")
    assert drafts.exists() and all(p.carried.get("from") == 2025 and p.carried["values"] for p in drafts)
    assert not Profile.objects.filter(year=2026).exclude(status="draft").exclude(carried={}).exists()
    assert services.load_demo(2026, work=True) == 0


def test_it_refuses_a_later_year_that_is_not_later(kendal, settings, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    settings.PETAKAN_DATA_DIR = data_dir
    with pytest.raises(CommandError, match="2025"):
        call_command("profiles", "load-demo", "--year", "2025", "--leads-to", "2025", stdout=StringIO())
    assert not Profile.objects.exists()
