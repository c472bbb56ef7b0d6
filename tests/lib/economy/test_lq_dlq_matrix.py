"""The SLQ × DLQ matrix and its configurable labels."""

from __future__ import annotations

import numpy as np

from petakan.lib.economy import DEFAULT_LQ_DLQ_LABELS, QuadrantLabel, lq_dlq_class


def test_each_combination_gets_its_default_label() -> None:
    result = lq_dlq_class(np.array([1.5, 1.5, 0.5, 0.5, 1.0, np.nan]), np.array([1.2, 0.8, 1.2, 0.8, 1.2, 1.0]))
    assert list(result.label_array(DEFAULT_LQ_DLQ_LABELS, "id")) == [
        "Unggulan",
        "Prospektif",
        "Andalan",
        "Tertinggal",
        "Andalan",  # LQ exactly 1 is not above 1
        "Tidak dapat ditentukan",
    ]


def test_sources_that_swap_andalan_and_prospektif_can_be_followed() -> None:
    kuncoro = dict(DEFAULT_LQ_DLQ_LABELS)
    kuncoro["high_lq_low_dlq"] = QuadrantLabel("II", "Andalan", "Mainstay")
    kuncoro["low_lq_high_dlq"] = QuadrantLabel("III", "Prospektif", "Prospective")
    result = lq_dlq_class(np.array([1.5, 0.5]), np.array([0.8, 1.2]))
    assert list(result.label_array(kuncoro, "en")) == ["Mainstay", "Prospective"]
