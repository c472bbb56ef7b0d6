"""The sensitivity of a run is reported with its 95 % intervals, in plain words, and an estimate too uncertain to
read is called so; the framework's default design reads within ±0.05 at Kendal scale."""

from __future__ import annotations

from django.test import Client

from petakan.indices import services
from petakan.indices.models import Run
from petakan.lib.index.sensitivity import too_uncertain


def test_a_small_sample_is_called_too_uncertain_on_the_page(published: Run, client: Client) -> None:
    # the fixture's run has N = 4: far too few
    html = client.get(f"/indeks/run/{published.pk}/metodologi/").content.decode()
    part = html.split('id="sensitivity"')[1]
    assert "terlalu tidak pasti untuk dibaca" in part and "selang 95%" in part
    assert "bukan rentang skor" in part  # only rank intervals, stated
    assert "variasi pergeseran peringkat melibatkan" not in part  # no reading of an unreadable estimate


def test_the_default_design_gives_readable_intervals_at_kendal_scale(kendal, demo_profiles, client: Client) -> None:
    fw = services.framework("smart-city-v1")
    run = services.store(services.compute(fw, demo_profiles), year=2026, profile_status="published", is_demo=True)
    sa = run.sensitivity
    assert sa["method"] == "factorial" and sa["evaluations"] == 2 * 2 * 64
    for r in sa["indices"]:
        for kind in ("first_order", "total"):
            low, high = r[f"{kind}_low"], r[f"{kind}_high"]
            assert low <= r[kind] <= high and not too_uncertain(low, high), (r["assumption"], kind)
        assert r["first_order"] <= r["total"] + 0.02  # S1 > ST would be a sign of noise
    part = client.get(f"/indeks/run/{run.pk}/metodologi/").content.decode().split('id="sensitivity"')[1]
    assert "terlalu tidak pasti" not in part and "setiap kombinasi asumsi dihitung sekali" in part
