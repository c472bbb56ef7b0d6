"""`petakan demo` has two years: 2025, closed and published, and 2026, grown from it, so that change can be seen."""

from __future__ import annotations

from io import StringIO

import numpy as np
import pytest
from django.core.management import call_command
from django.test import Client

from petakan.accounts.models import User
from petakan.indices.models import Run
from petakan.planning.impact import impact
from petakan.planning.models import Programme
from petakan.profiles.models import Profile


@pytest.fixture
def demo(kendal, settings) -> None:  # type: ignore[no-untyped-def]
    call_command("demo", stdout=StringIO())


def test_the_demo_has_a_published_run_for_each_of_two_years_and_2026_follows_2025_per_village(demo: None) -> None:
    runs = Run.objects.filter(is_current=True, profile_status="published", is_demo=True)
    assert sorted(runs.values_list("year", flat=True)) == [2025, 2026]
    earlier = Profile.objects.filter(year=2025)
    assert earlier.count() == 286 and set(earlier.values_list("status", "is_demo")) == {("published", True)}
    values = {
        year: dict(Profile.objects.filter(year=year, status="published").values_list("area__code", "values"))
        for year in (2025, 2026)
    }
    pairs = np.array(
        [
            (v["fin_qris_merchants"], values[2026][code]["fin_qris_merchants"])
            for code, v in values[2025].items()
            if v.get("fin_qris_merchants") is not None
            and values[2026].get(code, {}).get("fin_qris_merchants") is not None
        ],
        dtype=float,
    )
    assert len(pairs) > 250 and np.corrcoef(pairs[:, 0], pairs[:, 1])[0, 1] > 0.9


def test_a_demo_draft_of_2026_offers_2025s_values_for_what_it_has_not_filled_in(demo: None) -> None:
    own = Profile.objects.get(area=User.objects.get(username="desa").area, year=2026)
    assert own.status == "draft" and own.carried["from"] == 2025
    published = Profile.objects.get(area=own.area, year=2025).values
    assert own.carried["values"] and set(own.carried["values"]).isdisjoint(own.values)
    assert all(published[k] == v for k, v in own.carried["values"].items())


def test_the_impact_of_a_demo_programme_starting_in_2025_is_an_estimate_with_an_interval(
    demo: None, client: Client
) -> None:
    for name in ("Bank Sampah Digital Desa Pesisir", "Pasar UMKM Daring dan Pembayaran Nontunai"):
        p = Programme.objects.get(name=name)
        result = impact(p)
        assert (result.before.year, result.after.year) == (2025, 2026)  # type: ignore[union-attr]
        estimate = result.estimate
        assert estimate is not None and estimate.has_estimate and estimate.effect is not None
        assert estimate.effect > 0 and estimate.ci_low is not None and estimate.ci_high is not None
    client.force_login(User.objects.get(username="dewan"))
    page = client.get(f"/rencana/program/{p.pk}/dampak/").content.decode()
    assert "DATA CONTOH" in page and "Belum ada dua hasil indeks" not in page
