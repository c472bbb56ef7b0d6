"""The IDM gain of one more point and of reaching the maximum, per item (the report's "+ Nilai")."""

from __future__ import annotations

import numpy as np
import pytest

from petakan.lib.idm import MISSING, gain_matrices, item_gains

# The "NILAI" column of the Kemendesa report for Desa Fajar Harapan 2022 (see test_idm_worked_examples.py).
FAJAR_HARAPAN_2022 = [5, 0, 5, 3, 1, 5, 5, 5, 5, 5, 5, 1, 1, 5, 5, 5, 1, 2, 2, 1, 1, 1, 5, 1, 5, 5, 5, 5, 5, 1, 5]
FAJAR_HARAPAN_2022 += [5, 4, 4, 4, 5, 5, 1, 5, 3, 0, 0, 1, 3, 3, 5, 5, 5, 5, 0]
REPORT_NILAI = [0, 0.00952381, 0, 0.00380952, 0.00761905, 0, 0, 0, 0, 0, 0, 0.00761905, 0.00761905, 0, 0, 0]
REPORT_NILAI += [0.00761905, 0.00571429, 0.00571429, 0.00761905, 0.00761905, 0.00761905, 0, 0.00761905, 0, 0]
REPORT_NILAI += [0, 0, 0, 0.00761905, 0, 0, 0.00190476, 0.00190476, 0.00190476]
REPORT_NILAI += [0, 0, 0.02222222, 0, 0.01111111, 0.02777778, 0.02777778, 0.02222222, 0.01111111, 0.01111111, 0, 0]
REPORT_NILAI += [0, 0, 0.11111111]


def test_one_point_is_worth_1_525_on_iks_1_180_on_ike_and_1_45_on_ikl(edition):
    assert edition.point_values == pytest.approx({"iks": 1 / 525, "ike": 1 / 180, "ikl": 1 / 45}, abs=1e-15)
    gains = item_gains(edition, [0] * 50)

    assert {round(g.gain_one_point, 7) for g in gains[:35]} == {0.0019048}
    assert {round(g.gain_one_point, 7) for g in gains[35:47]} == {0.0055556}
    assert {round(g.gain_one_point, 7) for g in gains[47:]} == {0.0222222}


def test_it_reproduces_the_per_item_examples_of_the_spec(edition):
    scores = [5] * 50
    scores[4] = 2  # iks_05 BPJS 2 -> 5
    scores[36] = 1  # ike_02 pertokoan 1 -> 5
    scores[49] = 3  # ikl_03 tanggap bencana 3 -> 5
    gains = {g.item.code: g for g in item_gains(edition, scores)}

    assert round(gains["iks_05"].gain_to_max, 8) == 0.00571429
    assert round(gains["ike_02"].gain_to_max, 4) == 0.0222
    assert round(gains["ikl_03"].gain_to_max, 4) == 0.0444


def test_it_reproduces_the_plus_nilai_column_of_an_official_report(edition):
    _, to_max = gain_matrices(edition, np.array([FAJAR_HARAPAN_2022]))

    assert np.round(to_max[0], 8).tolist() == pytest.approx(REPORT_NILAI, abs=1e-12)


def test_an_item_at_its_maximum_gains_nothing_and_a_missing_item_has_no_gain(edition):
    scores = [5] * 50
    scores[0] = None
    gains = item_gains(edition, scores)

    assert gains[1].gain_one_point == 0.0 and gains[1].gain_to_max == 0.0
    assert gains[0].score is None and np.isnan(gains[0].gain_one_point) and np.isnan(gains[0].gain_to_max)
    one, _ = gain_matrices(edition, np.array([[MISSING] + [5] * 49]))
    assert np.isnan(one[0, 0]) and one[0, 1] == 0.0
