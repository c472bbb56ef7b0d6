"""The map's state (run, level, variable, classification) and what the data endpoint and the downloads return.

Geometry and values travel apart: the geometry is a static layer (petakan.regions.layers), the values of one
variable come as ``{code: value}`` with their classes, colours and legend. A run is immutable, so for index
variables the ETag is known before anything is read: run + level + variable + classification + palette + language.
IDM results and profiles can change, so their ETag is a hash of the content.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final

import numpy as np
from django.core.cache import cache
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from petakan.indices.models import Run
from petakan.lib.classify import MAX_CLASSES, METHODS, classify
from petakan.maps import palettes
from petakan.maps.variables import CATEGORY, LEVELS, VILLAGE, Values, Variable, VariableError, find

# Bump when the payload's shape changes, so that browsers do not keep an old one under a still-valid ETag.
PAYLOAD_VERSION: Final = 3
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

    def query(self) -> dict[str, str]:
        return {
            "run": str(self.run.pk),
            "level": self.level,
            "var": self.variable.code,
            "cls": self.method,
            "k": str(self.k),
            "pal": self.palette,
        }


def index_code(run: Run) -> str:
    return run.tree[0]["code"] if run.tree else "sci"


def parse_state(run: Run, params: Mapping[str, str], lang: str) -> MapState:
    """State from URL parameters; absent ones take the defaults (village level, the index, 5 quantile classes,
    YlGnBu). A present but invalid one raises VariableError naming the parameter."""
    level = params.get("level") or VILLAGE
    if level not in LEVELS:
        raise VariableError("level", level, _("Tingkat harus desa atau kecamatan."))
    variable = find(run, params.get("var") or index_code(run), lang)
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
    palette = params.get("pal") or palettes.DEFAULT
    if palette not in palettes.NAMES:
        raise VariableError("pal", palette, _("Palet warna tidak dikenal."))
    return MapState(run, level, variable, method, int(raw_k), palette)


def is_static(variable: Variable) -> bool:
    """Index variables come from the immutable run alone."""
    return variable.group not in ("idm", "commodity")


def static_etag(state: MapState, lang: str) -> str:
    key = ":".join([f"v{PAYLOAD_VERSION}", *state.query().values(), lang])
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def fmt(value: float | None, digits: int = 1) -> str:
    """``value`` in the active language with ``digits`` decimals, rounded half away from zero on its exact binary
    value — as the browser's Intl.NumberFormat does, so the legend, table and tooltip agree. (Django's
    number_format alone truncates floats: 0.99 → "0,9".)"""
    if value is None or not np.isfinite(value):
        return "–"
    exact = Decimal(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return number_format(exact, digits, use_l10n=True)


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
    legend.append(
        {
            "class": -1,
            "colour": palettes.MISSING,
            "hatch": True,
            "label": _("data belum cukup"),
            "count": int((classes < 0).sum()),
        }
    )
    return legend, classes, breaks


def payload(state: MapState, values: Values) -> dict[str, Any]:
    run, variable = state.run, values.variable
    legend, classes, breaks = legend_and_classes(state, values)
    requested = state.k if variable.kind != CATEGORY else len(variable.categories)
    n_classes = len(legend) - 1
    note = values.note
    if variable.kind != CATEGORY and 0 < n_classes < requested:
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
