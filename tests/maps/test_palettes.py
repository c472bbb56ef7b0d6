"""Palettes: the right number of colours, light to dark, so that classes read in order without hue."""

from __future__ import annotations

import itertools

import pytest

from petakan.maps import palettes


def luminance(hex_colour: str) -> float:
    """Relative luminance (WCAG 2), 0 black … 1 white."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("name", palettes.NAMES)
@pytest.mark.parametrize("k", range(1, 10))
def test_every_palette_has_k_distinct_colours(name: str, k: int) -> None:
    colours = palettes.colours(name, k)
    assert len(colours) == k == len(set(colours))
    assert all(len(c) == 7 and c.startswith("#") for c in colours)


@pytest.mark.parametrize("name", palettes.NAMES)
@pytest.mark.parametrize("k", range(3, 10))
def test_lightness_changes_monotonically_so_the_order_survives_colour_blindness(name: str, k: int) -> None:
    lum = [luminance(c) for c in palettes.colours(name, k)]
    steps = [b - a for a, b in itertools.pairwise(lum)]
    assert all(s < 0 for s in steps) or all(s > 0 for s in steps)


def test_viridis_at_nine_classes_is_its_published_stops() -> None:
    assert palettes.colours("viridis", 9) == palettes.VIRIDIS_STOPS


def test_the_missing_colour_is_not_in_any_palette() -> None:
    assert all(palettes.MISSING not in palettes.colours(n, k) for n in palettes.NAMES for k in range(1, 10))


def test_unknown_palettes_and_class_counts_are_refused() -> None:
    with pytest.raises(KeyError, match="jet"):
        palettes.colours("jet", 5)
    with pytest.raises(ValueError, match="10"):
        palettes.colours("YlGnBu", 10)
