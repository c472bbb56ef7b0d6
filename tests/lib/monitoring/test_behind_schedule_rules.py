"""A programme is behind schedule in a year of its own when it has not started, when its absorption lags half the
time elapsed, or when an indicator is below its target."""

from __future__ import annotations

from petakan.lib.monitoring import BEHIND, MET, NO_VALUE, ProgrammeYear, behind_reasons


def year(**fields) -> ProgrammeYear:  # type: ignore[no-untyped-def]
    defaults = {"start_year": 2024, "end_year": 2026, "year": 2025, "status": "running", "planned": 100.0,
                "spent": 80.0, "measures": (MET,), "elapsed": 1.0}  # fmt: skip
    return ProgrammeYear(**{**defaults, **fields})


def test_a_running_programme_on_budget_and_target_is_on_track() -> None:
    assert behind_reasons(year()) == []


def test_a_year_without_realisation_or_not_started_is_behind() -> None:
    assert "not_started" in behind_reasons(year(status=None))
    assert "not_started" in behind_reasons(year(status="not_started"))


def test_a_year_outside_the_programme_is_never_behind() -> None:
    assert behind_reasons(year(year=2027, status=None, spent=0)) == []


def test_absorption_below_half_the_time_elapsed_is_behind() -> None:
    # three quarters of the year gone: below 37.5 % is behind, 40 % is not
    assert "low_absorption" in behind_reasons(year(spent=37.0, elapsed=0.75))
    assert "low_absorption" not in behind_reasons(year(spent=40.0, elapsed=0.75))
    # a year over counts fully: below 50 %
    assert "low_absorption" in behind_reasons(year(spent=49.0))


def test_no_budget_or_a_stopped_programme_has_no_absorption_rule() -> None:
    assert "low_absorption" not in behind_reasons(year(planned=0.0, spent=0.0))
    assert "low_absorption" not in behind_reasons(year(status="stopped", spent=0.0))


def test_an_indicator_below_its_target_is_behind_but_a_missing_value_is_not() -> None:
    assert behind_reasons(year(measures=(MET, BEHIND))) == ["indicator_behind"]
    assert behind_reasons(year(measures=(NO_VALUE,))) == []
