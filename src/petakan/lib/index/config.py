"""Pipeline configuration: a plain dict (usually loaded from YAML) validated and resolved against the inputs.

A configuration lists the steps in the order they run::

    name: ASEM example
    steps:
      - {step: denominate, by: meta}
      - {step: impute, method: group_mean, group: EurAsia_group}
      - {step: screen, by: na, min_availability: 0.9}
      - {step: treat, method: winsorise_log, winmax: 5}
      - {step: normalise, method: minmax, range: [0, 100]}
      - {step: weight, method: meta}
      - {step: aggregate, method: arithmetic}
    ranks: {ties: min}

Resolution fills every parameter the user left out with its documented default and writes it into the
resolved configuration, which is what the run log stores: a run can be regenerated from it exactly. Unknown
steps, unknown keys, values of the wrong type, codes that do not exist and steps in an impossible order are
all reported together as :class:`IndexConfigError`.

Steps (each at most once): ``denominate``, ``screen``, ``impute``, ``treat`` (any order, before
``normalise``), ``normalise`` (required), ``weight`` (optional; without it the meta weights are used and the
resolved configuration says so), ``aggregate`` (required, last).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from typing import Any

from .errors import IndexConfigError, Problem, problem
from .framework import Framework

DATA_STEPS = ("denominate", "screen", "impute", "treat")
STEP_ORDER_NAMES = (*DATA_STEPS, "normalise", "weight", "aggregate")
DATASET_OF_STEP = {
    "denominate": "Denominated",
    "screen": "Screened",
    "impute": "Imputed",
    "treat": "Treated",
    "normalise": "Normalised",
    "aggregate": "Aggregated",
}

IMPUTE_METHODS = ("none", "mean", "median", "group_mean", "group_median")
SCREEN_BY = ("na", "zeros", "na_and_zeros")
TREAT_METHODS = ("winsorise_log", "none")
TREAT_TRANSFORMS = ("log_ct", "log_ct_orig", "none")
WEIGHT_METHODS = ("meta", "equal", "pca")
AGGREGATE_METHODS = ("arithmetic", "geometric", "harmonic", "generalised")
TIES = ("min", "max", "average", "dense")

# normalisation method -> {parameter: default}; REQUIRED marks parameters without default
REQUIRED = object()
NORMALISE_METHODS: dict[str, dict[str, Any]] = {
    "minmax": {"range": [0.0, 100.0]},
    "zscore": {"mean_sd": [0.0, 1.0]},
    "rank": {"ties": "min"},
    "prank": {"scale": 100.0},
    "goalposts": {"goalposts": REQUIRED, "scale": 100.0},
    "dist2target": {"scale": 100.0, "cap": False, "targets": {}},
    "dist2frontier": {"scale": 100.0},
    "fracmax": {"scale": 100.0},
}


class _Ctx:
    """Collects problems while resolving; ``path`` strings name the configuration field."""

    def __init__(self, framework: Framework, unit_codes: set[str] | None) -> None:
        self.fw = framework
        self.units = unit_codes
        self.problems: list[Problem] = []

    def add(self, path: str, reason: str, message: str, value: Any = None, code: str | None = None) -> None:
        self.problems.append(problem("config", reason, f"config {path}: {message}", field=path, value=value, code=code))


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(float(v))


def _check_keys(ctx: _Ctx, path: str, params: dict[str, Any], allowed: set[str]) -> None:
    for key in params:
        if key not in allowed:
            ctx.add(
                f"{path}.{key}",
                "unknown_key",
                f"unknown parameter '{key}' (allowed: {', '.join(sorted(allowed))})",
                value=key,
            )


def _enum(ctx: _Ctx, path: str, value: Any, options: tuple[str, ...]) -> str | None:
    if value not in options:
        ctx.add(path, "bad_value", f"'{value}' is not one of {', '.join(options)}", value=value)
        return None
    return str(value)


def _fraction(ctx: _Ctx, path: str, value: Any) -> float | None:
    if not _is_number(value) or not 0 <= float(value) <= 1:
        ctx.add(path, "bad_value", f"{value!r} is not a number between 0 and 1", value=value)
        return None
    return float(value)


def _number(ctx: _Ctx, path: str, value: Any, positive: bool = False) -> float | None:
    if not _is_number(value) or (positive and float(value) <= 0):
        kind = "a positive number" if positive else "a number"
        ctx.add(path, "bad_value", f"{value!r} is not {kind}", value=value)
        return None
    return float(value)


def _pair(
    ctx: _Ctx, path: str, value: Any, increasing: bool = True, positive_second: bool = False
) -> list[float] | None:
    if not (isinstance(value, list | tuple) and len(value) == 2 and all(_is_number(v) for v in value)):
        ctx.add(path, "bad_value", f"{value!r} is not a pair of numbers [a, b]", value=value)
        return None
    a, b = float(value[0]), float(value[1])
    if increasing and not a < b:
        ctx.add(path, "bad_value", f"[{a:g}, {b:g}]: the first number must be smaller than the second", value=value)
        return None
    if positive_second and not b > 0:
        ctx.add(path, "bad_value", f"[{a:g}, {b:g}]: the second number must be positive", value=value)
        return None
    return [a, b]


def _indicator_codes(ctx: _Ctx, path: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        ctx.add(path, "bad_value", "expected a mapping of indicator code to settings", value=value)
        return {}
    for code in value:
        if code not in ctx.fw.indicators:
            ctx.add(f"{path}.{code}", "unknown_code", f"'{code}' is not an indicator code", value=code, code=code)
    return {k: v for k, v in value.items() if k in ctx.fw.indicators}


# -- steps -----------------------------------------------------------------------------------------------
def _denominate(ctx: _Ctx, path: str, p: dict[str, Any]) -> dict[str, Any]:
    _check_keys(ctx, path, p, {"step", "by", "scale"})
    by = p.get("by", "meta")
    mapping: dict[str, str] = {}
    if by == "meta":
        mapping = {c: ctx.fw.nodes[c].denominator for c in ctx.fw.indicators if ctx.fw.nodes[c].denominator}  # type: ignore[misc]
        if not mapping:
            ctx.add(f"{path}.by", "nothing_to_do", "no indicator has a Denominator in the meta table")
    elif isinstance(by, dict):
        for code, den in _indicator_codes(ctx, f"{path}.by", by).items():
            if den not in ctx.fw.denominators:
                ctx.add(
                    f"{path}.by.{code}",
                    "unknown_denominator",
                    f"'{den}' is not declared with type Denominator in the meta table",
                    value=den,
                    code=code,
                )
            else:
                mapping[code] = str(den)
    else:
        ctx.add(f"{path}.by", "bad_value", "expected 'meta' or a mapping of indicator to denominator", value=by)
    scale: dict[str, float] = {}
    for code, s in _indicator_codes(ctx, f"{path}.scale", p.get("scale", {})).items():
        v = _number(ctx, f"{path}.scale.{code}", s, positive=True)
        if v is not None:
            if code not in mapping:
                ctx.add(f"{path}.scale.{code}", "not_denominated", f"{code} is not denominated", code=code)
            scale[code] = v
    return {"step": "denominate", "by": "meta" if by == "meta" else dict(by), "denominators": mapping, "scale": scale}


def _screen(ctx: _Ctx, path: str, p: dict[str, Any]) -> dict[str, Any]:
    _check_keys(ctx, path, p, {"step", "by", "min_availability", "min_nonzero", "force_include", "force_exclude"})
    out: dict[str, Any] = {"step": "screen"}
    out["by"] = _enum(ctx, f"{path}.by", p.get("by", "na"), SCREEN_BY)
    out["min_availability"] = _fraction(ctx, f"{path}.min_availability", p.get("min_availability", 2 / 3))
    out["min_nonzero"] = _fraction(ctx, f"{path}.min_nonzero", p.get("min_nonzero", 0.05))
    for key in ("force_include", "force_exclude"):
        codes = p.get(key, [])
        if not isinstance(codes, list):
            ctx.add(f"{path}.{key}", "bad_value", "expected a list of unit codes", value=codes)
            codes = []
        codes = [str(c) for c in codes]
        if ctx.units is not None:
            for c in codes:
                if c not in ctx.units:
                    ctx.add(f"{path}.{key}", "unknown_unit", f"unit '{c}' is not in the data", value=c)
        out[key] = codes
    both = set(out["force_include"]) & set(out["force_exclude"])
    if both:
        ctx.add(path, "bad_value", f"units both forced in and out: {', '.join(sorted(both))}")
    return out


def _impute(ctx: _Ctx, path: str, p: dict[str, Any]) -> dict[str, Any]:
    _check_keys(ctx, path, p, {"step", "method", "group"})
    if "method" not in p:
        ctx.add(f"{path}.method", "missing_key", f"required: one of {', '.join(IMPUTE_METHODS)}")
    method = _enum(ctx, f"{path}.method", p.get("method"), IMPUTE_METHODS) if "method" in p else None
    out: dict[str, Any] = {"step": "impute", "method": method}
    if method in ("group_mean", "group_median"):
        group = p.get("group")
        if group not in ctx.fw.groups:
            ctx.add(
                f"{path}.group",
                "unknown_group",
                f"'{group}' is not a column declared with type Group in the meta table "
                f"(declared: {', '.join(ctx.fw.groups) or 'none'})",
                value=group,
            )
        out["group"] = group
    elif "group" in p:
        ctx.add(f"{path}.group", "unknown_key", f"'group' only applies to group_mean / group_median, not {method}")
    return out


def _treat_params(ctx: _Ctx, path: str, p: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    if "method" in p:
        out["method"] = _enum(ctx, f"{path}.method", p["method"], TREAT_METHODS)
    if "winmax" in p:
        w = p["winmax"]
        if w is not None and not (isinstance(w, int) and not isinstance(w, bool) and w >= 0):
            ctx.add(f"{path}.winmax", "bad_value", f"{w!r} is not a whole number ≥ 0 (or null for no limit)", value=w)
        out["winmax"] = w
    if "skew_threshold" in p:
        out["skew_threshold"] = _number(ctx, f"{path}.skew_threshold", p["skew_threshold"], positive=True)
    if "kurt_threshold" in p:
        out["kurt_threshold"] = _number(ctx, f"{path}.kurt_threshold", p["kurt_threshold"])
    if "transform" in p:
        out["transform"] = _enum(ctx, f"{path}.transform", p["transform"], TREAT_TRANSFORMS)
    if "combine" in p:
        if not isinstance(p["combine"], bool):
            ctx.add(f"{path}.combine", "bad_value", "expected true or false", value=p["combine"])
        out["combine"] = bool(p["combine"])
    return out


TREAT_DEFAULTS: dict[str, Any] = {
    "method": "winsorise_log",
    "winmax": 5,
    "skew_threshold": 2.0,
    "kurt_threshold": 3.5,
    "transform": "log_ct",
    "combine": False,
}
TREAT_KEYS = set(TREAT_DEFAULTS)


def _treat(ctx: _Ctx, path: str, p: dict[str, Any]) -> dict[str, Any]:
    _check_keys(ctx, path, p, {"step", "indicators", *TREAT_KEYS})
    out = _treat_params(ctx, path, p, TREAT_DEFAULTS)
    indiv: dict[str, dict[str, Any]] = {}
    for code, spec in _indicator_codes(ctx, f"{path}.indicators", p.get("indicators", {})).items():
        sub = f"{path}.indicators.{code}"
        if spec == "none":
            spec = {"method": "none"}
        if not isinstance(spec, dict):
            ctx.add(sub, "bad_value", "expected 'none' or a mapping of treatment parameters", value=spec, code=code)
            continue
        _check_keys(ctx, sub, spec, TREAT_KEYS)
        indiv[code] = _treat_params(ctx, sub, spec, {k: out[k] for k in TREAT_KEYS})
    return {"step": "treat", **out, "indicators": indiv}


def _normalise_spec(ctx: _Ctx, path: str, p: dict[str, Any], method_required: bool = True) -> dict[str, Any]:
    method = p.get("method")
    if method is None:
        ctx.add(f"{path}.method", "missing_key", f"required: one of {', '.join(NORMALISE_METHODS)}")
        return {"method": None}
    if method not in NORMALISE_METHODS:
        ctx.add(f"{path}.method", "bad_value", f"'{method}' is not one of {', '.join(NORMALISE_METHODS)}", value=method)
        return {"method": None}
    defaults = NORMALISE_METHODS[method]
    _check_keys(ctx, path, {k: v for k, v in p.items() if k not in ("step", "indicators")}, {"method", *defaults})
    out: dict[str, Any] = {"method": method}
    for key, default in defaults.items():
        value = p.get(key, default)
        if value is REQUIRED:
            ctx.add(f"{path}.{key}", "missing_key", f"method {method} requires '{key}'")
            continue
        if key == "range":
            out[key] = _pair(ctx, f"{path}.range", value)
        elif key == "mean_sd":
            out[key] = _pair(ctx, f"{path}.mean_sd", value, increasing=False, positive_second=True)
        elif key == "scale":
            out[key] = _number(ctx, f"{path}.scale", value, positive=True)
        elif key == "ties":
            out[key] = _enum(ctx, f"{path}.ties", value, TIES)
        elif key == "cap":
            if not isinstance(value, bool):
                ctx.add(f"{path}.cap", "bad_value", "expected true or false", value=value)
            out[key] = bool(value)
        elif key == "goalposts":
            gp: dict[str, list[float]] = {}
            for code, pair in _indicator_codes(ctx, f"{path}.goalposts", value).items():
                v = _pair(ctx, f"{path}.goalposts.{code}", pair)
                if v is not None:
                    gp[code] = v
            out[key] = gp
        elif key == "targets":
            tg: dict[str, float] = {}
            for code, t in _indicator_codes(ctx, f"{path}.targets", value).items():
                v = _number(ctx, f"{path}.targets.{code}", t)
                if v is not None:
                    tg[code] = v
            out[key] = tg
    return out


def _normalise(ctx: _Ctx, path: str, p: dict[str, Any]) -> dict[str, Any]:
    glob = _normalise_spec(ctx, path, p)
    indiv: dict[str, dict[str, Any]] = {}
    for code, spec in _indicator_codes(ctx, f"{path}.indicators", p.get("indicators", {})).items():
        if not isinstance(spec, dict):
            ctx.add(f"{path}.indicators.{code}", "bad_value", "expected a mapping with a method", value=spec)
            continue
        indiv[code] = _normalise_spec(ctx, f"{path}.indicators.{code}", spec)
    # per-indicator completeness of method-specific inputs
    for code in ctx.fw.indicators:
        spec = indiv.get(code, glob)
        where = f"{path}.indicators.{code}" if code in indiv else path
        goalposts, targets = spec.get("goalposts"), spec.get("targets")
        if spec.get("method") == "goalposts" and isinstance(goalposts, dict) and code not in goalposts:
            ctx.add(f"{where}.goalposts", "missing_goalposts", f"no goalposts for indicator {code}", code=code)
        if (
            spec.get("method") == "dist2target"
            and isinstance(targets, dict)
            and code not in targets
            and ctx.fw.nodes[code].target is None
        ):
            ctx.add(
                f"{where}.targets",
                "missing_target",
                f"indicator {code} has no Target in the meta table and none in the configuration",
                code=code,
            )
        if spec.get("method") == "fracmax" and ctx.fw.nodes[code].direction == -1:
            ctx.add(
                where,
                "bad_method",
                f"fracmax (x / max) is undefined for indicator {code} with direction -1; use minmax or dist2frontier",
                code=code,
            )
    return {"step": "normalise", **glob, "indicators": indiv}


def _weight(ctx: _Ctx, path: str, p: dict[str, Any]) -> dict[str, Any]:
    _check_keys(ctx, path, p, {"step", "method", "overrides"})
    method = _enum(ctx, f"{path}.method", p.get("method", "meta"), WEIGHT_METHODS)
    overrides: dict[str, float] = {}
    raw = p.get("overrides", {})
    if not isinstance(raw, dict):
        ctx.add(f"{path}.overrides", "bad_value", "expected a mapping of code to weight", value=raw)
        raw = {}
    for code, w in raw.items():
        node = ctx.fw.nodes.get(code)
        if node is None or node.level is None:
            ctx.add(
                f"{path}.overrides.{code}", "unknown_code", f"'{code}' is not an indicator or aggregate", value=code
            )
            continue
        if node.parent is None:
            ctx.add(f"{path}.overrides.{code}", "bad_value", f"'{code}' is at the top level and has no weight")
            continue
        v = _number(ctx, f"{path}.overrides.{code}", w, positive=True)
        if v is not None:
            overrides[code] = v
    if method == "pca" and overrides:
        ctx.add(f"{path}.overrides", "bad_value", "overrides cannot be combined with PCA-derived weights")
    return {"step": "weight", "method": method, "overrides": overrides}


def _aggregate_params(ctx: _Ctx, path: str, p: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    if "method" in p:
        out["method"] = _enum(ctx, f"{path}.method", p["method"], AGGREGATE_METHODS)
    if "p" in p:
        out["p"] = _number(ctx, f"{path}.p", p["p"])
        if out["p"] == 0:
            ctx.add(f"{path}.p", "bad_value", "p = 0 is the geometric mean; use method: geometric", value=0)
    if "min_share" in p:
        out["min_share"] = _fraction(ctx, f"{path}.min_share", p["min_share"])
    if out.get("method") == "generalised" and out.get("p") is None:
        ctx.add(f"{path}.p", "missing_key", "method generalised requires the exponent p")
    if out.get("method") != "generalised":
        out.pop("p", None)
    return out


def _aggregate(ctx: _Ctx, path: str, p: dict[str, Any]) -> dict[str, Any]:
    _check_keys(ctx, path, p, {"step", "method", "p", "min_share", "levels"})
    base = _aggregate_params(ctx, path, p, {"method": "arithmetic", "min_share": 0.0})
    levels: dict[int, dict[str, Any]] = {}
    raw = p.get("levels", {})
    if not isinstance(raw, dict):
        ctx.add(f"{path}.levels", "bad_value", "expected a mapping of level number to settings", value=raw)
        raw = {}
    top = ctx.fw.n_levels
    for key, spec in raw.items():
        sub = f"{path}.levels.{key}"
        try:
            lvl = int(key)
        except (TypeError, ValueError):
            lvl = -1
        if not 2 <= lvl <= top:
            ctx.add(sub, "bad_value", f"'{key}' is not an aggregation level (2..{top})", value=key)
            continue
        if not isinstance(spec, dict):
            ctx.add(sub, "bad_value", "expected a mapping with method / p / min_share", value=spec)
            continue
        _check_keys(ctx, sub, spec, {"method", "p", "min_share"})
        levels[lvl] = _aggregate_params(ctx, sub, spec, {k: v for k, v in base.items()})
    resolved_levels = {str(lvl): levels.get(lvl, dict(base)) for lvl in range(2, top + 1)}
    return {"step": "aggregate", **base, "levels": resolved_levels}


STEP_RESOLVERS: dict[str, Callable[[_Ctx, str, dict[str, Any]], dict[str, Any]]] = {
    "denominate": _denominate,
    "screen": _screen,
    "impute": _impute,
    "treat": _treat,
    "normalise": _normalise,
    "weight": _weight,
    "aggregate": _aggregate,
}

TOP_KEYS = {"name", "description", "version", "steps", "ranks", "sensitivity"}


def resolve_config(config: dict[str, Any], framework: Framework, unit_codes: set[str] | None = None) -> dict[str, Any]:
    """Validate a configuration and return the resolved copy with every default written out.

    Raises :class:`IndexConfigError` with all problems found.
    """
    ctx = _Ctx(framework, unit_codes)
    if not isinstance(config, dict):
        raise IndexConfigError([problem("config", "bad_value", "the configuration must be a mapping", field="")])
    _check_keys(ctx, "", config, TOP_KEYS)
    steps_in = config.get("steps")
    steps: list[dict[str, Any]] = []
    if not isinstance(steps_in, list) or not steps_in:
        ctx.add("steps", "missing_key", "a non-empty list of steps is required (at least normalise and aggregate)")
        steps_in = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(steps_in):
        path = f"steps[{i}]"
        if not isinstance(raw, dict) or "step" not in raw:
            ctx.add(path, "bad_value", "each step must be a mapping with a 'step' key", value=raw)
            continue
        name = raw["step"]
        if name not in STEP_RESOLVERS:
            ctx.add(f"{path}.step", "unknown_step", f"'{name}' is not one of {', '.join(STEP_RESOLVERS)}", value=name)
            continue
        if name in seen:
            ctx.add(
                f"{path}.step", "duplicate_step", f"step '{name}' already appears at steps[{seen[name]}]", value=name
            )
            continue
        seen[name] = i
        steps.append(STEP_RESOLVERS[name](ctx, path, raw))
    names = [s["step"] for s in steps]
    for required in ("normalise", "aggregate"):
        if required not in names and isinstance(steps_in, list) and steps_in:
            ctx.add("steps", "missing_step", f"the step '{required}' is required")
    if "aggregate" in names and names[-1] != "aggregate":
        ctx.add("steps", "step_order", "aggregate must be the last step")
    if "normalise" in names:
        ni = names.index("normalise")
        for s in names[ni + 1 :]:
            if s in DATA_STEPS:
                ctx.add("steps", "step_order", f"{s} must come before normalise")
    if "weight" not in names and "aggregate" in names:
        steps.insert(names.index("aggregate"), {"step": "weight", "method": "meta", "overrides": {}, "implicit": True})
    ranks = config.get("ranks", {})
    if not isinstance(ranks, dict):
        ctx.add("ranks", "bad_value", "expected a mapping like {ties: min}", value=ranks)
        ranks = {}
    _check_keys(ctx, "ranks", ranks, {"ties"})
    ties = _enum(ctx, "ranks.ties", ranks.get("ties", "min"), TIES)
    name = config.get("name", "")
    if not isinstance(name, str):
        ctx.add("name", "bad_value", "expected text", value=name)
    version = config.get("version", 1)
    if version != 1:
        ctx.add(
            "version", "bad_value", f"configuration version {version!r} is not supported (expected 1)", value=version
        )
    if ctx.problems:
        raise IndexConfigError(ctx.problems)
    out: dict[str, Any] = {
        "version": 1,
        "name": name,
        "description": config.get("description", ""),
        "steps": steps,
        "ranks": {"ties": ties},
    }
    if "sensitivity" in config:
        out["sensitivity"] = copy.deepcopy(config["sensitivity"])
    return out


def step_params(config: dict[str, Any], name: str) -> dict[str, Any] | None:
    """The resolved parameters of step ``name`` in a resolved configuration (None if absent)."""
    for s in config["steps"]:
        if s["step"] == name:
            return s
    return None


def replace_step(config: dict[str, Any], name: str, params: dict[str, Any], merge: bool) -> dict[str, Any]:
    """A copy of a (resolved or raw) configuration with step ``name``'s parameters replaced or merged.

    With ``merge`` the given keys overwrite the step's keys; otherwise the step becomes exactly ``params``.
    The result must be resolved again. Raises KeyError when the step is not in the configuration.
    """
    new = copy.deepcopy(config)
    for i, s in enumerate(new["steps"]):
        if s["step"] == name:
            base = {k: v for k, v in s.items() if k not in ("implicit", "denominators")} if merge else {"step": name}
            if merge and name == "aggregate":
                base.pop("levels", None)
            base.update(copy.deepcopy(params))
            base["step"] = name
            new["steps"][i] = base
            return new
    raise KeyError(name)


def unresolve(config: dict[str, Any]) -> dict[str, Any]:
    """Turn a resolved configuration back into input form (drop derived keys) so it can be resolved again."""
    new = copy.deepcopy(config)
    steps = []
    for s in new["steps"]:
        if s.get("implicit"):
            continue
        s = dict(s)
        if s["step"] == "denominate":
            s.pop("denominators", None)
        if s["step"] == "aggregate":
            levels = s.get("levels", {})
            base = {k: s[k] for k in ("method", "p", "min_share") if k in s}
            s["levels"] = {k: v for k, v in levels.items() if v != base}
        steps.append(s)
    new["steps"] = steps
    return new
