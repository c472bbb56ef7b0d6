"""Figures of the masterplan books, drawn server-side with matplotlib (Agg backend) into PNG bytes. No Django.

Every figure must stay readable when the book is printed in black and white: sequential colours come from the
web map's palettes (petakan.maps.palettes, lightness monotone, so greyscale keeps the order), categories get a
hatch pattern as well as a colour, missing values are light grey *and* hatched, and the legend names every class.

Sizes: ``WIDTH_IN`` inches wide at ``DPI`` dots per inch, i.e. the text width of an A4 page with 2.5 cm margins.
Coordinates of maps are lon/lat degrees (CRS84); the y axis is stretched by 1/cos(latitude) so shapes keep their
proportions (an equirectangular view at the map's mean latitude).
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display on a server; must precede pyplot

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.patches import Patch
from PIL import Image
from shapely.geometry import shape

WIDTH_IN = 6.3  # 16 cm
DPI = 150
# hatches for categories and for "no data": distinct in black and white
HATCHES = ("", "///", "...", "xxx", "\\\\\\", "ooo", "+++", "---", "|||")
MISSING_HATCH = "////"
MISSING_COLOUR = "#d9d9d9"
# greyscale-safe categorical colours (light → dark), used with HATCHES
CATEGORY_COLOURS = ("#f7f7f7", "#cccccc", "#969696", "#636363", "#252525", "#e0e0e0", "#bdbdbd", "#737373", "#525252")


@dataclass(frozen=True)
class MapClass:
    """One legend entry of a map: its label, fill colour and hatch ("" for none)."""

    label: str
    colour: str
    hatch: str = ""


def _png(fig: Any, tight: bool = True) -> bytes:
    """PNG bytes of ``fig``. ``tight`` trims the margins, at the price of drawing the figure twice; maps lay
    themselves out and skip it (they are most of a book's build time)."""
    raw = io.BytesIO()
    if tight:
        fig.savefig(raw, format="png", dpi=DPI, bbox_inches="tight", pad_inches=0.05)
    else:
        fig.savefig(raw, format="png", dpi=DPI)
    plt.close(fig)
    # a 128-colour palette PNG: a book of sixteen figures drops from ~2.7 MB to ~0.8 MB (for a weak connection);
    # the figures use a few flat colours, so nothing visible is lost
    image = (
        Image.open(raw).convert("RGB").quantize(colors=128, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _hatch_colour(fill: str) -> str:
    """White hatching on a dark fill, dark on a light one (relative luminance, sRGB weights, below 0.4 = dark)."""
    r, g, b = (int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return "#ffffff" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.4 else "#222222"


def _rings(geometry: Mapping[str, Any]) -> list[np.ndarray]:
    """Exterior rings of a (Multi)Polygon GeoJSON geometry as n × 2 arrays (holes are drawn by the parts inside)."""
    coords = geometry.get("coordinates") or []
    polygons = [coords] if geometry.get("type") == "Polygon" else coords
    return [np.asarray(p[0], dtype=float) for p in polygons if p and len(p[0]) >= 3]


def choropleth(
    polygons: Sequence[Mapping[str, Any]],
    classes: Sequence[int],
    legend: Sequence[MapClass],
    *,
    outlines: Sequence[tuple[str, Mapping[str, Any]]] = (),
    missing_label: str = "",
    title: str = "",
    legend_title: str = "",
    height_in: float = 4.6,
) -> bytes:
    """A map of ``polygons`` (GeoJSON geometries), polygon i filled with ``legend[classes[i]]`` (class −1 =
    missing: grey and hatched, labelled ``missing_label``). ``outlines`` (name, geometry) are drawn on top with a
    thicker line and their names at a representative point, e.g. the kecamatan over their villages."""
    fig = plt.figure(figsize=(WIDTH_IN, height_in))
    # the map on the left three quarters, the legend in the rest: a fixed layout, drawn once
    ax = fig.add_axes((0.0, 0.0, 0.74, 0.95 if title else 1.0))
    verts: list[np.ndarray] = []
    faces: list[str] = []
    hatches: list[str] = []
    for geometry, k in zip(polygons, classes, strict=True):
        entry = legend[k] if 0 <= k < len(legend) else MapClass(missing_label, MISSING_COLOUR, MISSING_HATCH)
        for ring in _rings(geometry):
            verts.append(ring)
            faces.append(entry.colour)
            hatches.append(entry.hatch)
    # one collection per hatch and hatch colour: a PolyCollection takes one of each; the hatch is white on dark
    # fills and dark on light ones, so that it stays visible in black-and-white print
    groups = sorted({(h, _hatch_colour(f)) for h, f in zip(hatches, faces, strict=True)})
    for hatch, hatch_colour in groups:
        chosen = [i for i in range(len(verts)) if hatches[i] == hatch and _hatch_colour(faces[i]) == hatch_colour]
        ax.add_collection(
            PolyCollection(
                [verts[i] for i in chosen],
                facecolors=[faces[i] for i in chosen],
                edgecolors="#555555",
                linewidths=0.15,
                hatch=hatch or None,
                hatchcolor=hatch_colour,
            )
        )
    for name, geometry in outlines:
        for ring in _rings(geometry):
            ax.plot(ring[:, 0], ring[:, 1], color="black", linewidth=0.7)
        if name:
            point = shape(geometry).representative_point()
            ax.text(
                point.x,
                point.y,
                name,
                fontsize=5.5,
                ha="center",
                va="center",
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.75},
            )
    if verts:
        allv = np.concatenate(verts)
        ax.set_xlim(allv[:, 0].min(), allv[:, 0].max())
        ax.set_ylim(allv[:, 1].min(), allv[:, 1].max())
        stretch = 1 / math.cos(math.radians(float(allv[:, 1].mean())))
        ax.set_aspect(stretch)
        # the figure as tall as the map needs at this width (no blank bands above and below it)
        dx, dy = np.ptp(allv[:, 0]) or 1.0, np.ptp(allv[:, 1]) or 1.0
        fig.set_size_inches(WIDTH_IN, min(max(0.74 * WIDTH_IN * dy * stretch / dx, 2.6), height_in * 1.5))
    ax.set_axis_off()
    handles = [
        Patch(
            facecolor=e.colour,
            edgecolor="#333333",
            hatch=e.hatch or None,
            hatchcolor=_hatch_colour(e.colour),
            label=e.label,
        )
        for e in legend
    ]
    if any(k < 0 or k >= len(legend) for k in classes):
        handles.append(Patch(facecolor=MISSING_COLOUR, edgecolor="#333333", hatch=MISSING_HATCH, label=missing_label))
    ax.legend(
        handles=handles,
        title=legend_title or None,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=6.5,
        title_fontsize=7,
        frameon=False,
    )
    if title:
        ax.set_title(title, fontsize=9)
    return _png(fig, tight=False)


def radar(axes: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], *, maximum: float = 100) -> bytes:
    """A radar (spider) chart: one polygon per (label, values) series over ``axes``; None counts as 0 and the
    axis label says "–". Series differ by line style as well as grey level."""
    n = len(axes)
    angles = [2 * math.pi * i / n for i in range(n)] + [0.0]
    fig, ax = plt.subplots(figsize=(WIDTH_IN * 0.75, WIDTH_IN * 0.62), subplot_kw={"projection": "polar"})
    styles = (("-", "#222222", "///"), ("--", "#777777", ""), (":", "#999999", ""))
    for i, (label, values) in enumerate(series):
        line, colour, hatch = styles[i % len(styles)]
        closed = [0.0 if v is None else float(v) for v in values]
        closed.append(closed[0])
        ax.plot(angles, closed, line, color=colour, linewidth=1.4, label=label)
        ax.fill(angles, closed, facecolor="none" if not hatch else "#dddddd", hatch=hatch or None, alpha=0.5)
        if i == 0:
            for a, v in zip(angles[:-1], closed[:-1], strict=True):
                ax.text(a, v + maximum * 0.06, f"{v:.1f}".replace(".", ","), fontsize=6.5, ha="center")
    ax.set_xticks(angles[:-1])
    ax.set_xticklabels(axes, fontsize=7)
    ax.set_ylim(0, maximum)
    ax.set_yticks([maximum * f for f in (0.25, 0.5, 0.75, 1.0)])
    ax.tick_params(axis="y", labelsize=6)
    ax.legend(loc="upper right", bbox_to_anchor=(1.35, 1.12), fontsize=7, frameon=False)
    return _png(fig)


def klassen(
    points: Sequence[tuple[str, float, float, str]], *, x_label: str, y_label: str, quadrant_labels: Sequence[str]
) -> bytes:
    """Klassen typology scatter: (label, x = share ratio, y = growth difference in percentage points, quadrant
    "I".."IV") with the dividing lines x = 1 and y = 0. Quadrants differ by marker shape, not only colour;
    ``quadrant_labels`` name quadrants I–IV in the sector typology's order (I: high share, fast growth, top right;
    II: high share, slow growth, bottom right; III: low share, fast growth, top left; IV: bottom left)."""
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 4.2))
    markers = {"I": ("o", "#222222"), "II": ("^", "#555555"), "III": ("s", "#888888"), "IV": ("D", "#bbbbbb")}
    xs = [p[1] for p in points] or [1.0]
    ys = [p[2] for p in points] or [0.0]
    for label, x, y, q in points:
        marker, colour = markers.get(q, ("x", "#000000"))
        ax.scatter([x], [y], marker=marker, s=28, color=colour, edgecolors="black", linewidths=0.5, zorder=3)
        ax.annotate(label, (x, y), xytext=(3, 3), textcoords="offset points", fontsize=6.5)
    ax.axvline(1.0, color="black", linewidth=0.8)
    ax.axhline(0.0, color="black", linewidth=0.8)
    x_low, x_high = min(min(xs), 1.0), max(max(xs), 1.0)
    y_low, y_high = min(min(ys), 0.0), max(max(ys), 0.0)
    x_pad, y_pad = (x_high - x_low) * 0.12 or 0.2, (y_high - y_low) * 0.15 or 0.5
    ax.set_xlim(x_low - x_pad, x_high + x_pad)
    ax.set_ylim(y_low - y_pad, y_high + y_pad)
    corners = ((1, 1, "right", "top"), (1, 0, "right", "bottom"), (0, 1, "left", "top"), (0, 0, "left", "bottom"))
    for text, (cx, cy, ha, va) in zip(quadrant_labels, corners, strict=False):
        ax.text(
            cx * 0.98 + (1 - cx) * 0.02,
            cy * 0.97 + (1 - cy) * 0.03,
            text,
            transform=ax.transAxes,
            fontsize=7,
            ha=ha,
            va=va,
            style="italic",
        )
    ax.set_xlabel(x_label, fontsize=7.5)
    ax.set_ylabel(y_label, fontsize=7.5)
    ax.tick_params(labelsize=7)
    ax.grid(True, linewidth=0.3, color="#cccccc")
    return _png(fig)


def hbars(
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    x_label: str,
    threshold: float | None = None,
    threshold_label: str = "",
    highlight: Sequence[bool] | None = None,
    highlight_label: str = "",
    maximum: float | None = None,
) -> bytes:
    """Horizontal bars, one per label, with an optional vertical threshold line; highlighted bars are dark and
    hatched (e.g. the weak elements). Missing values get no bar and the label "–"."""
    height = max(2.0, 0.22 * len(labels) + 0.8)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, height))
    y = np.arange(len(labels))[::-1]
    marks = highlight or [False] * len(labels)
    for yi, v, strong in zip(y, values, marks, strict=True):
        if v is None:
            ax.text(0, yi, " –", va="center", fontsize=6.5)
            continue
        ax.barh(
            yi,
            v,
            color="#525252" if strong else "#bdbdbd",
            hatch="///" if strong else None,
            edgecolor="black",
            linewidth=0.4,
        )
        ax.text(v, yi, " " + f"{v:.1f}".replace(".", ","), va="center", fontsize=6.5)
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=6.5)
    if threshold is not None:
        ax.axvline(threshold, color="black", linestyle="--", linewidth=0.9, label=threshold_label)
    handles, names = ax.get_legend_handles_labels()
    if highlight is not None and any(marks):
        handles.append(Patch(facecolor="#525252", hatch="///", edgecolor="black", label=highlight_label))
        names.append(highlight_label)
    if handles:
        ax.legend(handles, names, fontsize=6.5, loc="lower right", frameon=True)
    top = maximum if maximum is not None else max([v for v in values if v is not None] or [1.0]) * 1.15
    ax.set_xlim(0, top)
    ax.set_xlabel(x_label, fontsize=7.5)
    ax.tick_params(axis="x", labelsize=7)
    ax.grid(True, axis="x", linewidth=0.3, color="#cccccc")
    return _png(fig)


def stacked_hbars(
    labels: Sequence[str], categories: Sequence[str], counts: Sequence[Sequence[int]], *, x_label: str
) -> bytes:
    """Stacked horizontal bars: ``counts[i][j]`` items of category j in row i (e.g. villages per IDM status per
    kecamatan). Categories differ by grey level and hatch."""
    height = max(2.0, 0.22 * len(labels) + 1.0)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, height))
    y = np.arange(len(labels))[::-1]
    left = np.zeros(len(labels))
    data = np.asarray(counts, dtype=float).reshape(len(labels), len(categories))
    for j, name in enumerate(categories):
        ax.barh(
            y,
            data[:, j],
            left=left,
            color=CATEGORY_COLOURS[j % len(CATEGORY_COLOURS)],
            hatch=HATCHES[j % len(HATCHES)] or None,
            hatchcolor=_hatch_colour(CATEGORY_COLOURS[j % len(CATEGORY_COLOURS)]),
            edgecolor="black",
            linewidth=0.4,
            label=name,
        )
        left += data[:, j]
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=6.5)
    ax.set_xlabel(x_label, fontsize=7.5)
    ax.tick_params(axis="x", labelsize=7)
    ax.legend(
        fontsize=6.5, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=min(len(categories), 5), frameon=False
    )
    return _png(fig)


def gantt(
    rows: Sequence[tuple[str, str, int, int, bool]],
    years: Sequence[int],
    groups: Mapping[str, str],
    *,
    before_label: str = "",
) -> bytes:
    """A road map: one bar per (label, group, start year, end year, starts earlier) within ``years`` (the RPJMD
    period; a bar is clipped to it, and a programme that started before the period gets a "◀" at its left end).
    ``groups`` maps a group code (dimension) to its name, in display order; groups differ by hatch and grey."""
    first, last = years[0], years[-1]
    height = max(2.5, 0.2 * len(rows) + 1.2)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, height))
    order = list(groups)
    y = np.arange(len(rows))[::-1]
    for yi, (_label, group, start, end, earlier) in zip(y, rows, strict=True):
        j = order.index(group) if group in order else 0
        s, e = max(start, first), min(end, last)
        if e < s:
            continue
        ax.barh(
            yi,
            e - s + 1,
            left=s - 0.5,
            color=CATEGORY_COLOURS[(j + 1) % len(CATEGORY_COLOURS)],
            hatch=HATCHES[(j + 1) % len(HATCHES)] or None,
            hatchcolor=_hatch_colour(CATEGORY_COLOURS[(j + 1) % len(CATEGORY_COLOURS)]),
            edgecolor="black",
            linewidth=0.5,
        )
        if earlier:
            ax.text(s - 0.5, yi, "◀", va="center", ha="right", fontsize=6)
    ax.set_yticks(y)
    ax.set_yticklabels([r[0][:48] for r in rows], fontsize=6)
    ax.set_xticks(list(years))
    ax.set_xticklabels([str(v) for v in years], fontsize=7)
    ax.set_xlim(first - 0.6, last + 0.5)
    ax.grid(True, axis="x", linewidth=0.3, color="#cccccc")
    handles = [
        Patch(
            facecolor=CATEGORY_COLOURS[(j + 1) % len(CATEGORY_COLOURS)],
            hatch=HATCHES[(j + 1) % len(HATCHES)] or None,
            hatchcolor=_hatch_colour(CATEGORY_COLOURS[(j + 1) % len(CATEGORY_COLOURS)]),
            edgecolor="black",
            label=name,
        )
        for j, name in enumerate(groups.values())
    ]
    if before_label and any(r[4] for r in rows):
        handles.append(Patch(facecolor="white", edgecolor="white", label="◀ " + before_label))
    ax.legend(handles=handles, fontsize=6.5, loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=3, frameon=False)
    return _png(fig)
