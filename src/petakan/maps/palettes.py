"""Sequential, colour-blind-safe palettes for the choropleth (light = low, dark = high).

YlGnBu and YlOrRd are ColorBrewer's (Cynthia Brewer, colorbrewer2.org, Apache-2.0 licence), marked safe for the
common colour-vision deficiencies; viridis is matplotlib's perceptually uniform map, here at nine evenly spaced
stops (``viridis(9)`` in R) and interpolated in sRGB for other class counts. Every palette also stays readable in
greyscale because lightness changes monotonically.
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
    """``k`` colours of palette ``name`` from light/low to dark/high (viridis: dark/low to yellow/high).

    ColorBrewer defines 3–9 classes; two classes take the ends of the three-class scheme and one class its middle.
    """
    if name not in NAMES:
        raise KeyError(f"unknown palette {name!r}; use one of {', '.join(NAMES)}")
    if k < 1 or k > 9:
        raise ValueError(f"palettes have 1 to 9 classes, not {k}")
    if name == "viridis":
        return _interpolate(VIRIDIS_STOPS, k)
    table = PALETTES[name]
    if k >= 3:
        return table[k]
    return (table[3][0], table[3][2]) if k == 2 else (table[3][1],)
