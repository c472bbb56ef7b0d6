"""The demo realisation loader: labelled DATA CONTOH, deterministic, idempotent (run twice, same rows), and it
leaves a user's entry alone."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from petakan.lib import monitoring as calc
from petakan.monitoring import demo
from petakan.monitoring.models import (
    Evidence,
    IndicatorRealisation,
    MeasureRealisation,
    Realisation,
    RealisationSpend,
    ReviewState,
)
from petakan.planning.models import Period, ProgrammeBudget, ProgrammeIndicator


def snapshot() -> dict[str, list[tuple[object, ...]]]:
    return {
        "realisations": sorted(
            Realisation.objects.values_list(
                "programme__name", "year", "status", "review", "evidence_text", "evidence_link", "is_demo"
            )
        ),
        "spending": sorted(
            RealisationSpend.objects.values_list(
                "realisation__programme__name", "realisation__year", "source", "amount"
            )
        ),
        "measures": sorted(
            MeasureRealisation.objects.values_list("measure__name", "realisation__year", "target", "value")
        ),
        "files": sorted(Evidence.objects.values_list("name", "size")),
        "indicators": sorted(IndicatorRealisation.objects.values_list("indicator__name", "year", "value", "is_demo")),
        "targets": sorted((m.name, sorted(m.targets.items())) for m in ProgrammeIndicator.objects.all()),
    }


@pytest.fixture
def demo_plan(kendal, cast):  # type: ignore[no-untyped-def]
    call_command("planning", "load-demo", stdout=io.StringIO())
    return Period.objects.get(is_current=True)


def test_loading_twice_leaves_the_same_rows(demo_plan, cast) -> None:  # type: ignore[no-untyped-def]
    first = demo.load_demo(year=2026, analyst=cast["analyst"], reviewer=cast["admin"])
    before = snapshot()
    second = demo.load_demo(year=2026, analyst=cast["analyst"], reviewer=cast["admin"])
    assert snapshot() == before
    assert first.realisations > 20 and first.spending > 5 and first.indicators > 5
    assert (second.realisations, second.spending, second.measures, second.indicators, second.targets_set) == (
        0,
        0,
        0,
        0,
        0,
    )


def test_every_row_is_marked_data_contoh_and_the_review_states_vary(demo_plan, cast) -> None:  # type: ignore[no-untyped-def]
    demo.load_demo(year=2026, analyst=cast["analyst"], reviewer=cast["admin"])
    assert not Realisation.objects.filter(is_demo=False).exists()
    assert not IndicatorRealisation.objects.filter(is_demo=False).exists()
    assert all(t.startswith("DATA CONTOH") for t in Realisation.objects.values_list("evidence_text", flat=True))
    states = set(Realisation.objects.values_list("review", flat=True))
    assert {ReviewState.ACCEPTED, ReviewState.SUBMITTED} <= states
    # the past years are accepted by the reviewer, the running year waits for review
    assert not Realisation.objects.filter(year__lt=2026).exclude(review=ReviewState.ACCEPTED).exists()
    assert not Realisation.objects.filter(year=2026, review=ReviewState.ACCEPTED).exists()
    assert set(Realisation.objects.filter(year__lt=2026).values_list("reviewed_by", flat=True)) == {cast["admin"].pk}


def test_spending_is_a_share_of_the_planned_budget_of_its_year_and_source(demo_plan, cast) -> None:  # type: ignore[no-untyped-def]
    demo.load_demo(year=2026, analyst=cast["analyst"], reviewer=cast["admin"])
    for s in RealisationSpend.objects.select_related("realisation"):
        planned = sum(
            ProgrammeBudget.objects.filter(
                programme=s.realisation.programme_id, year=s.realisation.year, source=s.source
            ).values_list("amount", flat=True)
        )
        assert 0 < s.amount <= planned


def test_yearly_targets_are_set_on_demo_measures_and_read_beside_their_values(demo_plan, cast) -> None:  # type: ignore[no-untyped-def]
    demo.load_demo(year=2026, analyst=cast["analyst"], reviewer=cast["admin"])
    profiles = ProgrammeIndicator.objects.get(name="Desa dengan profil terbit")
    assert profiles.targets == {"2024": "286"}
    value = MeasureRealisation.objects.get(measure=profiles)
    assert value.target == "286" and calc.parse_value(value.value) is not None


def test_a_users_entry_is_left_as_it_is(demo_plan, cast) -> None:  # type: ignore[no-untyped-def]
    programme = demo_plan.programmes.get(name="Command Center Kendal")
    mine = Realisation.objects.create(programme=programme, year=2023, status="stopped", evidence_text="Entri analis")
    demo.load_demo(year=2026, analyst=cast["analyst"], reviewer=cast["admin"])
    mine.refresh_from_db()
    assert (mine.status, mine.evidence_text, mine.is_demo) == ("stopped", "Entri analis", False)
    assert not mine.spending.exists()
    assert Realisation.objects.filter(programme=programme).count() == 4  # 2022–2025


def test_numbers_are_written_the_indonesian_way() -> None:
    assert demo.format_number(286.0) == "286" and demo.format_number(9.25, 2) == "9,25"
    assert calc.parse_value(demo.format_number(31.25)) == 31.2


def test_every_demo_programme_gets_an_indicator_with_yearly_targets_and_values(demo_plan, cast) -> None:  # type: ignore[no-untyped-def]
    demo.load_demo(year=2026, analyst=cast["analyst"], reviewer=cast["admin"])
    for p in demo_plan.programmes.filter(is_demo=True):
        assert p.measures.exists(), p.name
        assert all(m.targets for m in p.measures.all()), p.name
    blank_spot = ProgrammeIndicator.objects.get(name="Desa tanpa sinyal seluler")
    # from 40 villages (baseline) down to 5 in 2026, evenly over the programme's years 2023–2026
    assert blank_spot.targets == {"2023": "31,2", "2024": "22,5", "2025": "13,8", "2026": "5"}
    values = MeasureRealisation.objects.filter(measure=blank_spot).order_by("realisation__year")
    assert [v.target for v in values] == ["31,2", "22,5", "13,8", "5"]
