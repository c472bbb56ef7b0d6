"""validate_values checks typed values field by field and across fields, for drafts and for submissions."""

from __future__ import annotations

from typing import Any

import pytest

from petakan.lib.profile import Schema, clean_values, derive, validate_values


@pytest.fixture
def valid(demo_profiles: Any, schema: Schema) -> dict[str, Any]:
    """A complete, valid profile (the demo profile of Desa Gondang, Limbangan)."""
    from petakan.lib.profile import frame_to_records

    return frame_to_records(schema, demo_profiles.loc[["33.24.06.2003"]])["33.24.06.2003"]


def keys(problems: list[Any]) -> list[tuple[str, str | None]]:
    return [(p.key, p.field) for p in problems]


def test_a_complete_demo_profile_passes(schema: Schema, valid: dict[str, Any]) -> None:
    assert validate_values(schema, valid, partial=False) == []


def test_a_draft_may_leave_required_fields_empty(schema: Schema) -> None:
    assert validate_values(schema, {"pop_male": 10}, partial=True) == []


def test_a_submission_needs_every_required_field(schema: Schema) -> None:
    problems = validate_values(schema, {"pop_male": 10}, partial=False)
    required = {p.field for p in problems if p.key == "required"}
    assert required == {f.code for f in schema.required_fields} - {"pop_male"}
    assert problems[0].message_id == "Wajib diisi." and problems[0].message_en == "This field is required."


def test_it_rejects_a_value_below_the_minimum(schema: Schema) -> None:
    (problem,) = validate_values(schema, {"households": -1}, partial=True)
    assert (problem.key, problem.field, problem.value) == ("below_min", "households", -1)
    assert problem.message_en == "-1 is below the minimum of 0."


def test_it_rejects_a_value_above_the_maximum_with_indonesian_separators(schema: Schema) -> None:
    (problem,) = validate_values(schema, {"pop_male": 250000}, partial=True)
    assert problem.key == "above_max"
    assert problem.message_id == "250.000 melebihi batas atas 100.000."


def test_it_rejects_a_percent_above_100(schema: Schema) -> None:
    (problem,) = validate_values(schema, {"util_sanitation_pct": 100.5}, partial=True)
    assert (problem.key, problem.field) == ("above_max", "util_sanitation_pct")


def test_it_rejects_an_unknown_field(schema: Schema) -> None:
    (problem,) = validate_values(schema, {"jumlah_sapi": 3}, partial=True)
    assert (problem.key, problem.field) == ("unknown_field", "jumlah_sapi")


def test_it_rejects_a_derived_or_region_field_as_input(schema: Schema) -> None:
    problems = validate_values(schema, {"pop_total": 3, "village_name": "X"}, partial=True)
    assert keys(problems) == [("not_entered", "pop_total"), ("not_entered", "village_name")]


def test_it_rejects_values_of_the_wrong_type(schema: Schema) -> None:
    problems = validate_values(
        schema,
        {"pop_male": "12", "households": 3.5, "gov_office_internet": "ya", "geo_zone": "hutan", "notes_problems": 7},
        partial=True,
    )
    assert keys(problems) == [
        ("not_a_number", "pop_male"),
        ("not_a_whole_number", "households"),
        ("not_a_choice", "geo_zone"),
        ("not_a_boolean", "gov_office_internet"),
        ("not_text", "notes_problems"),
    ]


def test_it_rejects_text_longer_than_allowed(schema: Schema) -> None:
    (problem,) = validate_values(schema, {"tour_main_site": "x" * 121}, partial=True)
    assert problem.key == "text_too_long" and problem.params == {"length": 121, "max_length": 120}


def test_it_derives_the_population_total(schema: Schema) -> None:
    assert derive(schema, {"pop_male": 1200, "pop_female": 1234}) == {"pop_total": 2434}
    assert derive(schema, {"pop_male": 1200}) == {"pop_total": None}


def test_it_rejects_more_households_than_people(schema: Schema) -> None:
    (problem,) = validate_values(schema, {"pop_male": 10, "pop_female": 5, "households": 20}, partial=True)
    assert (problem.key, problem.rule, problem.field) == (
        "sum_above_other",
        "households_at_most_population",
        "households",
    )
    assert problem.message_id == "Jumlah kepala keluarga (20) tidak boleh melebihi Jumlah penduduk (15)."
    assert problem.message_en == "Households (20) must not exceed Total population (15)."


def test_it_skips_the_household_rule_while_the_population_is_incomplete(schema: Schema) -> None:
    assert validate_values(schema, {"pop_male": 10, "households": 20}, partial=True) == []


def test_it_rejects_livelihood_shares_above_100_even_before_all_are_filled(schema: Schema) -> None:
    (problem,) = validate_values(schema, {"liv_agriculture_pct": 60.0, "liv_fishery_pct": 50.5}, partial=True)
    assert (problem.key, problem.rule, problem.value) == ("sum_above_limit", "livelihood_shares_at_most_100", 110.5)
    assert problem.message_en.endswith("= 110.5, more than the limit of 100.")
    assert problem.message_id.endswith("= 110,5, melebihi batas 100.")


def test_it_accepts_livelihood_shares_adding_up_to_exactly_100(schema: Schema) -> None:
    shares = dict.fromkeys(
        ["liv_agriculture_pct", "liv_fishery_pct", "liv_industry_pct", "liv_trade_pct", "liv_services_pct"], 16.7
    )
    shares["liv_other_pct"] = 16.5
    assert validate_values(schema, shares, partial=True) == []


def test_it_rejects_more_active_posyandu_than_posyandu(schema: Schema) -> None:
    (problem,) = validate_values(schema, {"health_posyandu": 4, "health_posyandu_active": 5}, partial=True)
    assert problem.rule == "active_posyandu_at_most_posyandu"


def test_it_rejects_bumdes_details_without_a_bumdes(schema: Schema) -> None:
    (problem,) = validate_values(
        schema, {"bumdes_exists": False, "bumdes_units": 2, "bumdes_revenue_mio": 0.0}, partial=True
    )
    assert (problem.key, problem.rule, problem.field) == (
        "only_if_condition",
        "bumdes_details_need_bumdes",
        "bumdes_units",
    )
    assert problem.message_id == "Unit usaha BUMDes harus kosong, 0 atau Tidak, kecuali bila BUMDes aktif = Ya."


def test_it_rejects_4g_without_a_signal(schema: Schema) -> None:
    (problem,) = validate_values(schema, {"conn_signal": "none", "conn_4g": True}, partial=True)
    assert problem.rule == "fourg_needs_signal"
    assert problem.message_en == "4G network must be empty, 0 or No unless Mobile phone signal is Weak or Strong."
    assert validate_values(schema, {"conn_signal": "none", "conn_4g": False}, partial=True) == []


def test_it_rejects_a_main_tourist_site_in_a_village_without_sites(schema: Schema) -> None:
    (problem,) = validate_values(schema, {"tour_sites": 0, "tour_main_site": "Curug"}, partial=True)
    assert (problem.rule, problem.field) == ("tourism_details_need_sites", "tour_main_site")


def test_it_checks_rules_only_over_values_that_passed_their_own_checks(schema: Schema) -> None:
    problems = validate_values(schema, {"pop_male": 10, "pop_female": -5, "households": 8}, partial=True)
    assert keys(problems) == [("below_min", "pop_female")]


def test_clean_values_coerces_then_validates(schema: Schema) -> None:
    values, problems = clean_values(
        schema, {"pop_male": "1.200", "pop_female": "1.150", "households": "3.000", "geo_zone": "Pesisir"}, partial=True
    )
    assert values["pop_male"] == 1200 and values["geo_zone"] == "pesisir" and values["elevation_m"] is None
    assert keys(problems) == [("sum_above_other", "households")]


def test_clean_values_reports_text_it_cannot_read_once(schema: Schema) -> None:
    values, problems = clean_values(schema, {"pop_male": "seribu"}, partial=True)
    assert values["pop_male"] is None
    assert keys(problems) == [("not_a_number", "pop_male")]


def test_it_accepts_numpy_numbers_from_a_data_frame(schema: Schema) -> None:
    import numpy as np

    values = {"pop_male": np.int64(10), "pop_female": np.int64(12), "com_padi_ton": np.float64(3.5)}
    assert validate_values(schema, values, partial=True) == []
