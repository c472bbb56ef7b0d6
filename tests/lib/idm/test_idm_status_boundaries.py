"""Status cut-offs: both published sets, both boundary rules, exact and rounded comparison."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import numpy as np
import pytest

from petakan.lib.idm import classify_numerators, classify_values, score_sums

SETS = {
    "kemendesa-3dp": ["0.491", "0.599", "0.707", "0.815"],
    "dirjen-ppmd-4dp": ["0.4907", "0.5989", "0.7072", "0.8155"],
}


def test_the_edition_ships_both_published_cut_off_sets_with_the_4_decimal_default(edition):
    # the Kepdirjen PPMD 4-decimal set reproduces Kemendesa's published statuses (report minimum for Maju 0.7073)
    assert edition.default_thresholds == "dirjen-ppmd-4dp"
    for name, texts in SETS.items():
        assert edition.thresholds[name].cutoffs == tuple(Fraction(t) for t in texts)
    assert edition.at_cutoff == "lower_status"
    assert edition.compare == "exact"


@pytest.mark.parametrize("thresholds", sorted(SETS))
@pytest.mark.parametrize("at_cutoff", ["lower_status", "higher_status"])
@pytest.mark.parametrize("compare", ["exact", "rounded"])
def test_every_reachable_idm_gets_the_status_of_the_written_rule(
    edition, reference_status, thresholds, at_cutoff, compare
):
    # IDM = k / 6300 for every integer k: check all 6301 values against an exact-fraction oracle.
    variant = dataclasses.replace(edition, at_cutoff=at_cutoff, compare=compare)
    rule = variant.status_rule(thresholds)
    numerators = np.arange(0, edition.denominator + 1, dtype=np.int64)
    status = classify_numerators(numerators, edition.denominator, rule)

    expected = []
    for k in numerators.tolist():
        value = Fraction(k, edition.denominator)
        if compare == "rounded":
            value = Fraction(int(value * 10**4 * 2 + 1) // 2, 10**4)
        expected.append(reference_status(value, SETS[thresholds], at_cutoff))
    assert status.tolist() == expected


def test_the_two_cut_off_sets_disagree_just_above_0_707(edition):
    # 4455/6300 = 0.707143: above 0.707 (Maju) but not above 0.7072 (Berkembang).
    maju = classify_numerators(np.array([4455]), 6300, edition.status_rule("kemendesa-3dp"))
    berkembang = classify_numerators(np.array([4455]), 6300, edition.status_rule("dirjen-ppmd-4dp"))

    assert (maju[0], berkembang[0]) == (3, 2)


def test_the_default_set_gives_maju_from_the_reports_minimum_maju_score(edition):
    # the Kemendesa report's SKOR_MINIMAL for Maju is 0.7073: 0.7072 is still Berkembang, 0.7073 Maju
    assert classify_values([0.7072, 0.7073], edition.status_rule()).tolist() == [2, 3]


def test_a_value_exactly_on_a_cut_off_follows_the_boundary_rule(edition):
    lower = edition.status_rule("kemendesa-3dp")
    higher = dataclasses.replace(edition, at_cutoff="higher_status").status_rule("kemendesa-3dp")

    assert classify_values([0.491, 0.599, 0.707, 0.815], lower).tolist() == [0, 1, 2, 3]
    assert classify_values([0.491, 0.599, 0.707, 0.815], higher).tolist() == [1, 2, 3, 4]
    assert classify_values([0.4910001, 0.4909999], lower).tolist() == [1, 0]


def test_rounding_before_comparing_can_move_a_village_across_a_cut_off(edition):
    # 3093/6300 = 0.490952 is shown as 0.4910, equal to the cut-off 0.491.
    exact = dataclasses.replace(edition, at_cutoff="higher_status", compare="exact").status_rule("kemendesa-3dp")
    rounded = dataclasses.replace(edition, at_cutoff="higher_status", compare="rounded").status_rule("kemendesa-3dp")

    assert classify_numerators(np.array([3093]), 6300, exact)[0] == 0
    assert classify_numerators(np.array([3093]), 6300, rounded)[0] == 1


def test_the_lowest_and_highest_idm_get_the_extreme_statuses(edition, status_names):
    result = score_sums(edition, [[0, 0, 0], [175, 60, 15]])

    assert result.status_names("id").tolist() == [status_names[0], status_names[-1]]
    assert result.formatted("idm").tolist() == ["0.0000", "1.0000"]


def test_an_unknown_cut_off_set_is_refused_with_the_known_names(edition):
    with pytest.raises(KeyError, match="dirjen-ppmd-4dp"):
        edition.status_rule("3-decimals")
