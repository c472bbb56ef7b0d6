"""The map's state (run, level, variable, classification) and what the data endpoint and the downloads return.

Geometry and values travel apart: the geometry is a static layer (petakan.regions.layers), the values of one
variable come as ``{code: value}`` with their classes, colours and legend. A run is immutable, so for index
variables the ETag is known before anything is read: run + level + variable + classification + palette + language.
IDM results and profiles can change, so their ETag is a hash of the content.

Comparison (``banding=<run>``): for an index variable, each area's change = value in the shown run − value in the
comparison run (missing when either is), classified symmetrically around 0 with a diverging palette.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
from django.core.cache import cache
from django.utils.translation import gettext as _

from petakan.indices import scores
from petakan.indices.models import Run
from petakan.indices.reading import fmt
from petakan.lib.classify import MAX_CLASSES, METHODS, assign, classify
from petakan.maps import palettes
from petakan.maps.variables import CATEGORY, LEVELS, VILLAGE, Values, Variable, VariableError, find

# Bump when the payload's shape changes, so that browsers do not keep an old one under a still-valid ETag.
PAYLOAD_VERSION: Final = 4
MIN_K: Final = 3
DEFAULT_K: Final = 5
DEFAULT_METHOD: Final = "quantile"


def method_names() -> dict[str, str]:
    return {"quantile": _("Kuantil"), "equal": _("Interval sama"), "jenks": _("Natural breaks (Jenks)")}


@dataclass(frozen=True)
class MapState:
    run: Run
    level: str
    variable: Variable
    method: str
    k: int
    palette: str
    compare: Run | None = None  # the comparison run: the map shows run − compare

    def query(self) -> dict[str, str]:
        query = {
            "run": str(self.run.pk),
            "level": self.level,
            "var": self.variable.code,
            "cls": self.method,
            "k": str(self.k),
            "pal": self.palette,
        }
        if self.compare is not None:
            query["banding"] = str(self.compare.pk)
        return query


def parse_state(run: Run, params: Mapping[str, str], lang: str, compare: Run | None = None) -> MapState:
    """State from URL parameters; absent ones take the defaults (village level, the index, 5 quantile classes,
    YlGnBu; RdBu when comparing). A present but invalid one raises VariableError naming the parameter.

    ``compare`` is the comparison run, already checked as visible by the caller: only an index variable present in
    both runs can be compared, with an odd number of classes (0 in the middle one) and a diverging palette."""
    level = params.get("level") or VILLAGE
    if level not in LEVELS:
        raise VariableError("level", level, _("Tingkat harus desa atau kecamatan."))
    variable = find(run, params.get("var") or scores.index_code(run), lang)
    if level not in variable.levels:
        raise VariableError("level", level, _("%(name)s hanya tersedia per desa.") % {"name": variable.name})
    method = params.get("cls") or DEFAULT_METHOD
    if method not in METHODS:
        raise VariableError("cls", method, _("Klasifikasi tidak dikenal."))
    raw_k = params.get("k") or str(DEFAULT_K)
    if not raw_k.isdigit() or not MIN_K <= int(raw_k) <= MAX_CLASSES:
        raise VariableError(
            "k", raw_k, _("Jumlah kelas harus %(lo)d sampai %(hi)d.") % {"lo": MIN_K, "hi": MAX_CLASSES}
        )
    if compare is None:
        palette = params.get("pal") or palettes.DEFAULT
        if palette not in palettes.NAMES + palettes.DIVERGING_NAMES:
            raise VariableError("pal", palette, _("Palet warna tidak dikenal."))
        return MapState(run, level, variable, method, int(raw_k), palette)
    banding = str(compare.pk)
    if compare.pk == run.pk:
        raise VariableError("banding", banding, _("Pilih run lain sebagai pembanding."))
    if not is_static(variable):
        raise VariableError("banding", banding, _("Perbandingan hanya tersedia untuk variabel indeks Smart City."))
    find(compare, variable.code, lang, field="banding")
    if int(raw_k) % 2 == 0:
        raise VariableError(
            "k", raw_k, _("Perbandingan memakai jumlah kelas ganjil, agar perubahan 0 berada di kelas tengah.")
        )
    palette = params.get("pal") or palettes.DIVERGING_DEFAULT
    if palette not in palettes.DIVERGING_NAMES:
        raise VariableError(
            "pal",
            palette,
            _("Perbandingan memakai palet divergen: %(names)s.") % {"names": ", ".join(palettes.DIVERGING_NAMES)},
        )
    return MapState(run, level, variable, method, int(raw_k), palette, compare)


def is_static(variable: Variable) -> bool:
    """Index variables come from the immutable run alone."""
    return variable.group not in ("idm", "commodity")


def static_etag(state: MapState, lang: str) -> str:
    key = ":".join([f"v{PAYLOAD_VERSION}", *state.query().values(), lang])
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def legend_and_classes(state: MapState, values: Values) -> tuple[list[dict[str, Any]], np.ndarray, list[float]]:
    """Legend entries (one per class, then "data belum cukup"), each value's class (-1 missing) and the breaks."""
    variable = values.variable
    numbers = values.numbers
    legend: list[dict[str, Any]] = []
    if variable.kind == CATEGORY:
        finite = np.isfinite(numbers)
        classes = np.where(finite, np.nan_to_num(numbers, nan=-1), -1).astype(np.int64)
        n = len(variable.categories)
        counts = np.bincount(classes[classes >= 0], minlength=n)
        colours = palettes.colours(state.palette, n)
        for i, (code, label) in enumerate(variable.categories):
            legend.append({"class": i, "colour": colours[i], "label": label, "category": code, "count": int(counts[i])})
        breaks: list[float] = []
    else:
        result = classify(numbers, state.method, state.k)
        classes = result.classes
        colours = palettes.colours(state.palette, result.k) if result.k else ()
        b = result.breaks
        for i in range(result.k):
            lower, upper = float(b[i]), float(b[i + 1])
            same = fmt(lower, variable.digits) == fmt(upper, variable.digits)
            label = (
                fmt(upper, variable.digits)
                if same
                else f"{fmt(lower, variable.digits)} – {fmt(upper, variable.digits)}"
            )
            legend.append(
                {
                    "class": i,
                    "colour": colours[i],
                    "label": label,
                    "lower": lower,
                    "upper": upper,
                    "count": int(result.counts[i]),
                }
            )
        breaks = [float(x) for x in b]
    legend.append(missing_entry(classes))
    return legend, classes, breaks


def missing_entry(classes: np.ndarray) -> dict[str, Any]:
    """The legend's last entry: the areas without a value (class -1), hatched."""
    return {
        "class": -1,
        "colour": palettes.MISSING,
        "hatch": True,
        "label": _("data belum cukup"),
        "count": int((classes < 0).sum()),
    }


def diverging_breaks(change: np.ndarray, method: str, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Breaks symmetric around 0 and each value's class, for an odd ``k`` (missing: -1).

    The magnitudes |x| are classified by ``method`` into h = (k + 1) / 2 classes with edges 0 = e_0 < e_1 ≤ … ≤ e_m
    (m ≤ h when the data allow fewer); the breaks are −e_m … −e_1, e_1 … e_m, so there are 2m − 1 classes and the
    middle one, [−e_1, e_1], holds 0. A value goes to class (m − 1) + sign(x)·j where j is the class of |x|, so x and
    −x always fall in mirrored classes. All changes 0: one class [0, 0]."""
    change = np.asarray(change, dtype=float)
    finite = np.isfinite(change)
    classes = np.full(change.shape, -1, dtype=np.int64)
    if not finite.any():
        return np.zeros(0), classes
    magnitude = np.abs(change[finite])
    if magnitude.max() == 0:
        classes[finite] = 0
        return np.zeros(2), classes
    edges = classify(magnitude, method, (k + 1) // 2).breaks.astype(float)
    edges[0] = 0.0
    edges = edges[np.concatenate([[True], edges[1:] > 0])]  # a class of zeros alone is the middle one anyway
    m = len(edges) - 1
    j = assign(magnitude, edges)
    classes[finite] = (m - 1) + np.sign(change[finite]).astype(np.int64) * j
    return np.concatenate([-edges[:0:-1], edges[1:]]), classes


def compare_legend(state: MapState, change: Values) -> tuple[list[dict[str, Any]], np.ndarray, list[float]]:
    """Legend entries of a change (diverging, symmetric around 0, then "data belum cukup"), classes and breaks."""
    breaks, classes = diverging_breaks(change.numbers, state.method, state.k)
    n = max(len(breaks) - 1, 0)
    counts = np.bincount(classes[classes >= 0], minlength=n)[:n] if n else np.zeros(0, dtype=np.int64)
    # an odd number of colours keeps the palette's neutral middle for the class around 0
    colours = palettes.colours(state.palette, n) if n else ()
    digits = change.variable.digits
    legend: list[dict[str, Any]] = []
    for i in range(n):
        lower, upper = float(breaks[i]), float(breaks[i + 1])
        text_lower, text_upper = signed(lower, digits), signed(upper, digits)
        label = text_upper if text_lower == text_upper else f"{text_lower} – {text_upper}"
        legend.append(
            {"class": i, "colour": colours[i], "label": label, "lower": lower, "upper": upper, "count": int(counts[i])}
        )
    legend.append(missing_entry(classes))
    return legend, classes, [float(x) for x in breaks]


def signed(value: float, digits: int = 1) -> str:
    """A change as text: "+1,2", "−0,4", "0,0" (the sign of what rounds to zero is dropped)."""
    text = fmt(abs(value), digits)
    zero = fmt(0.0, digits)
    if text == zero or not np.isfinite(value):
        return text
    return ("+" if value > 0 else "−") + text


def run_label(run: Run) -> str:
    return f"{run.year} · run #{run.pk}"


def compare_payload(state: MapState, shown: Values, other: Values) -> dict[str, Any]:
    """The map data of a comparison: ``values`` holds the change (classified), ``values_run`` and
    ``values_compare`` the two runs' values."""
    assert state.compare is not None
    change = np.round(shown.numbers - other.numbers, 6)  # NaN when either side is missing
    diff = Values(shown.variable, shown.level, shown.codes, change, shown.note)
    legend, classes, breaks = compare_legend(state, diff)
    data = payload(state, diff, (legend, classes, breaks))
    n_classes = len(legend) - 1
    note = _("Perubahan = nilai %(run)s − nilai %(compare)s; kelas simetris di sekitar 0.") % {
        "run": run_label(state.run),
        "compare": run_label(state.compare),
    }
    if 0 < n_classes < state.k:
        note += " " + _("Hanya %(n)d kelas: datanya tidak cukup beragam.") % {"n": n_classes}
    data.update(
        {
            "note": " ".join(filter(None, [shown.note, note])),
            "compare": {
                "run": state.compare.pk,
                "year": state.compare.year,
                "label": run_label(state.compare),
                "demo": state.compare.is_demo,
            },
            "run_label": run_label(state.run),
            "change_name": _("Perubahan"),
            "values_run": dict(zip(shown.codes, json_numbers(shown.numbers), strict=True)),
            "values_compare": dict(zip(other.codes, json_numbers(other.numbers), strict=True)),
        }
    )
    return data


def payload(
    state: MapState,
    values: Values,
    classified: tuple[list[dict[str, Any]], np.ndarray, list[float]] | None = None,
) -> dict[str, Any]:
    run, variable = state.run, values.variable
    legend, classes, breaks = classified or legend_and_classes(state, values)
    requested = state.k if variable.kind != CATEGORY else len(variable.categories)
    n_classes = len(legend) - 1
    note = values.note
    if variable.kind != CATEGORY and 0 < n_classes < requested and classified is None:
        note = " ".join(filter(None, [note, _("Hanya %(n)d kelas: datanya tidak cukup beragam.") % {"n": n_classes}]))
    return {
        "run": run.pk,
        "year": run.year,
        "framework": f"{run.framework} {run.framework_version}",
        "demo": run.is_demo,
        "level": state.level,
        "var": variable.code,
        "name": variable.name,
        "group": variable.group_name,
        "kind": variable.kind,
        "digits": variable.digits,
        "unit": variable.unit,
        "method": state.method if variable.kind != CATEGORY else "category",
        "method_name": method_names().get(state.method, "") if variable.kind != CATEGORY else "",
        "k": n_classes,
        "requested_k": requested,
        "palette": state.palette,
        "breaks": breaks,
        "legend": legend,
        "note": note,
        "values": dict(zip(values.codes, json_numbers(values.numbers), strict=True)),
        "classes": dict(zip(values.codes, classes.tolist(), strict=True)),
        "imputed": values.imputed,
        "imputed_label": _("diimputasi"),
    }


def json_numbers(numbers: np.ndarray) -> list[float | None]:
    out = numbers.astype(object)
    out[~np.isfinite(numbers)] = None
    return out.tolist()


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def cached_static(etag: str) -> str | None:
    return cache.get(f"maps-data:{etag}")


def store_static(etag: str, content: str) -> None:
    # Runs are immutable: the content behind this ETag never changes (a day keeps the cache small and fresh).
    cache.set(f"maps-data:{etag}", content, 24 * 3600)
