"""Diverging palettes for a change between runs: dark at both ends, the neutral colour in the middle."""

from __future__ import annotations

import pytest

from petakan.maps import palettes
from tests.maps.test_palettes import luminance


@pytest.mark.parametrize("name", palettes.DIVERGING_NAMES)
@pytest.mark.parametrize("k", [3, 5, 7, 9])
def test_an_odd_diverging_palette_is_lightest_in_its_neutral_middle_and_darkens_to_both_ends(name: str, k: int) -> None:
    colours = palettes.colours(name, k)
    assert len(set(colours)) == k and palettes.MISSING not in colours
    middle = k // 2
    assert colours[middle] == "#f7f7f7"
    lum = [luminance(c) for c in colours]
    assert all(lum[i] < lum[i + 1] for i in range(middle))
    assert all(lum[i] > lum[i + 1] for i in range(middle, k - 1))


def test_diverging_palettes_are_not_offered_as_sequential_ones() -> None:
    assert not set(palettes.DIVERGING_NAMES) & set(palettes.NAMES)
    assert palettes.colours("RdBu", 1) == ("#f7f7f7",)
