"""Sequential, colour-blind-safe palettes for the choropleth (light = low, dark = high), and diverging ones for a
change between two runs (dark red = fell most, light grey/white = about 0, dark blue/purple = rose most).

YlGnBu and YlOrRd are ColorBrewer's (Cynthia Brewer, colorbrewer2.org, Apache-2.0 licence), marked safe for the
common colour-vision deficiencies; viridis is matplotlib's perceptually uniform map, here at nine evenly spaced
stops (``viridis(9)`` in R) and interpolated in sRGB for other class counts. Every palette also stays readable in
greyscale because lightness changes monotonically. RdBu and PuOr are ColorBrewer's diverging schemes marked
colour-blind safe; their lightness rises to the neutral middle and falls again, so a change reads by hue and
distance from the middle.
"""

from __future__ import annotations

from typing import Final

PALETTES: Final[dict[str, dict[int, tuple[str, ...]]]] = {
    "YlGnBu": {
        3: ("#edf8b1", "#7fcdbb", "#2c7fb8"),
        4: ("#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"),
        5: ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"),
        6: ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"),
        7: ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"),
        8: ("#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"),
        9: ("#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58"),
    },
    "YlOrRd": {
        3: ("#ffeda0", "#feb24c", "#f03b20"),
        4: ("#ffffb2", "#fecc5c", "#fd8d3c", "#e31a1c"),
        5: ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"),
        6: ("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"),
        7: ("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"),
        8: ("#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"),
        9: ("#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#bd0026", "#800026"),
    },
}
DIVERGING: Final[dict[str, dict[int, tuple[str, ...]]]] = {
    "RdBu": {
        3: ("#ef8a62", "#f7f7f7", "#67a9cf"),
        4: ("#ca0020", "#f4a582", "#92c5de", "#0571b0"),
        5: ("#ca0020", "#f4a582", "#f7f7f7", "#92c5de", "#0571b0"),
        6: ("#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"),
        7: ("#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac"),
        8: ("#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac"),
        9: ("#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac"),
    },
    "PuOr": {
        3: ("#f1a340", "#f7f7f7", "#998ec3"),
        4: ("#e66101", "#fdb863", "#b2abd2", "#5e3c99"),
        5: ("#e66101", "#fdb863", "#f7f7f7", "#b2abd2", "#5e3c99"),
        6: ("#b35806", "#f1a340", "#fee0b6", "#d8daeb", "#998ec3", "#542788"),
        7: ("#b35806", "#f1a340", "#fee0b6", "#f7f7f7", "#d8daeb", "#998ec3", "#542788"),
        8: ("#b35806", "#e08214", "#fdb863", "#fee0b6", "#d8daeb", "#b2abd2", "#8073ac", "#542788"),
        9: ("#b35806", "#e08214", "#fdb863", "#fee0b6", "#f7f7f7", "#d8daeb", "#b2abd2", "#8073ac", "#542788"),
    },
}
VIRIDIS_STOPS: Final = (
    "#440154",
    "#472d7b",
    "#3b528b",
    "#2c728e",
    "#21908c",
    "#27ad81",
    "#5dc863",
    "#aadc32",
    "#fde725",
)
DEFAULT: Final = "YlGnBu"
NAMES: Final = ("YlGnBu", "YlOrRd", "viridis")
DIVERGING_DEFAULT: Final = "RdBu"
DIVERGING_NAMES: Final = ("RdBu", "PuOr")
# Missing values: a light grey, drawn hatched on the map, so "no data" never reads as "low".
MISSING: Final = "#d9d9d9"


def _interpolate(stops: tuple[str, ...], n: int) -> tuple[str, ...]:
    rgb = [tuple(int(s[i : i + 2], 16) for i in (1, 3, 5)) for s in stops]
    out = []
    for step in range(n):
        position = step * (len(rgb) - 1) / (n - 1) if n > 1 else (len(rgb) - 1) / 2
        low = min(int(position), len(rgb) - 2)
        t = position - low
        colour = [round(a + (b - a) * t) for a, b in zip(rgb[low], rgb[low + 1], strict=True)]
        out.append("#" + "".join(f"{c:02x}" for c in colour))
    return tuple(out)


def colours(name: str, k: int) -> tuple[str, ...]:
    """``k`` colours of palette ``name`` from light/low to dark/high (viridis: dark/low to yellow/high; a diverging
    palette: most negative to most positive, its neutral middle at the centre of an odd ``k``).

    ColorBrewer defines 3–9 classes; two classes take the ends of the three-class scheme and one class its middle.
    """
    if name not in NAMES and name not in DIVERGING_NAMES:
        raise KeyError(f"unknown palette {name!r}; use one of {', '.join(NAMES + DIVERGING_NAMES)}")
    if k < 1 or k > 9:
        raise ValueError(f"palettes have 1 to 9 classes, not {k}")
    if name == "viridis":
        return _interpolate(VIRIDIS_STOPS, k)
    table = PALETTES[name] if name in PALETTES else DIVERGING[name]
    if k >= 3:
        return table[k]
    return (table[3][0], table[3][2]) if k == 2 else (table[3][1],)
