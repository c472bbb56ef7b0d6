"""Profile values turned into an item score by the published rubric fragments, with the rule shown."""

from __future__ import annotations

from decimal import Decimal

from petakan.lib.idm import apply_rubric, derive_scores, rubric_inputs


def test_bpjs_coverage_above_three_quarters_scores_5_with_its_rule_text(edition):
    result = apply_rubric(edition.item("iks_05"), {"bpjs_members": 820, "population": 1000})

    assert (result.outcome, result.score) == ("matched", 5)
    assert result.text.id == "Peserta BPJS / jumlah penduduk > 0,75"
    assert result.values["bpjs_ratio"] == 0.82


def test_each_published_bpjs_band_gives_its_score(edition):
    item = edition.item("iks_05")
    scores = {
        ratio: apply_rubric(item, {"bpjs_members": ratio * 100, "population": 100}).score
        for ratio in (0.6, 0.75, 0.1, 0.25, 0.05)
    }

    assert scores == {0.6: 4, 0.75: 4, 0.1: 2, 0.25: 2, 0.05: 1}


def test_a_value_between_published_fragments_gets_no_score_and_says_to_enter_it(edition):
    result = apply_rubric(edition.item("iks_05"), {"bpjs_members": 400, "population": 1000})

    assert (result.outcome, result.score, result.rule) == ("no_rule", None, None)
    assert "bpjs_ratio = 0.4" in result.detail and "enter the score" in result.detail


def test_missing_and_invalid_profile_values_are_named(edition):
    item = edition.item("iks_05")

    missing = apply_rubric(item, {"bpjs_members": 400})
    zero = apply_rubric(item, {"bpjs_members": 400, "population": 0})
    text = apply_rubric(item, {"bpjs_members": "400", "population": 1000})

    assert (missing.outcome, missing.fields) == ("missing_input", ("population",))
    assert (zero.outcome, zero.fields) == ("invalid_input", ("population",))
    assert (text.outcome, text.fields) == ("invalid_input", ("bpjs_members",))


def test_yes_no_and_category_inputs_take_only_their_declared_values(edition):
    office = edition.item("iks_30")
    signal = edition.item("iks_29")

    assert apply_rubric(office, {"village_office_internet": False}).score == 1
    assert apply_rubric(office, {"village_office_internet": 1}).outcome == "invalid_input"
    assert apply_rubric(signal, {"mobile_signal": "lemah"}).score == 3
    assert apply_rubric(signal, {"mobile_signal": "tidak_ada"}).outcome == "no_rule"
    assert apply_rubric(signal, {"mobile_signal": "sedang"}).outcome == "invalid_input"


def test_decimal_profile_values_are_accepted(edition):
    result = apply_rubric(edition.item("ike_01"), {"micro_industries": Decimal("5"), "families": Decimal("1000")})

    assert (result.outcome, result.score) == ("matched", 5)


def test_an_item_without_a_published_rubric_is_entered(edition):
    assert apply_rubric(edition.item("iks_27"), {}).outcome == "no_rubric"


def test_a_whole_profile_is_scored_item_by_item(edition):
    profile = {"health_facility_travel_minutes": 20, "midwives": 2, "mitigation_facilities": 1}
    results = derive_scores(edition, profile)

    assert list(results) == list(edition.item_codes)
    assert {code: r.score for code, r in results.items() if r.outcome == "matched"} == {
        "iks_01": 5,
        "iks_03": 5,
        "ikl_03": 3,
    }
    inputs = rubric_inputs(edition)
    assert inputs["families"] == ["iks_28", "ike_01"]
