"""Requests the classifier refuses, with the argument named."""

from __future__ import annotations

import numpy as np
import pytest

from petakan.lib.classify import ClassificationError, assign, classify


def test_it_rejects_an_unknown_method_naming_it() -> None:
    with pytest.raises(ClassificationError) as info:
        classify(np.arange(5.0), "headtail", 3)
    assert info.value.field == "method" and info.value.value == "headtail"


@pytest.mark.parametrize("k", [1, 10, 0])
def test_it_rejects_a_number_of_classes_outside_two_to_nine(k: int) -> None:
    with pytest.raises(ClassificationError) as info:
        classify(np.arange(20.0), "quantile", k)
    assert info.value.field == "k"


def test_values_outside_the_breaks_fall_in_the_end_classes() -> None:
    assert assign(np.array([-5.0, 0.5, 99.0, np.nan]), np.array([0.0, 1.0, 2.0])).tolist() == [0, 0, 1, -1]
