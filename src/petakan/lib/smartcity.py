"""The Smart City framework as data: loading and validating the framework file, computing village indicators from
profile values, and turning both into the two tables the index engine takes. No Django here.

A framework file (``frameworks/smart-city-v1.yaml``) declares dimensions → elements → indicators; each indicator
has a formula over profile field codes (see the file's header for the small formula language). The formulas are
parsed once with :mod:`ast` into a tree of numpy operations, so a framework is evaluated for all villages at once,
and anything outside the language (attribute access, unknown functions, unknown fields) is refused on load with a
message that names the indicator.
"""

from __future__ import annotations

import ast
import hashlib
import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

FRAMEWORKS_DIR = Path(__file__).resolve().parents[1] / "frameworks"
POPULATION_FIELDS = ("pop_male", "pop_female")
LEVELS = ("indicator", "element", "dimension", "index")
FUNCTIONS = ("per1000", "share", "level", "mean", "min", "max")


class FrameworkError(ValueError):
    """A framework file that cannot be used; ``problems`` lists every reason, each naming where."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Indicator:
    code: str
    element: str
    name: dict[str, str]
    definition: dict[str, str]
    formula: str
    unit: str
    direction: int
    bounds: tuple[float, float]  # [worst, best] in the indicator's unit
    weight: float
    rationale: dict[str, str]
    levels: dict[str, dict[str, float]]
    fields: tuple[str, ...]  # profile fields the formula reads


@dataclass(frozen=True)
class Node:
    """An aggregate: an element, a dimension or the index."""

    code: str
    level: str
    parent: str | None
    name: dict[str, str]
    weight: float


AREA_WEIGHTINGS = ("unweighted", "population")


@dataclass
class SmartCityFramework:
    code: str
    version: str
    name: dict[str, str]
    source: dict[str, str]
    index: Node
    dimensions: list[Node]
    elements: list[Node]
    indicators: list[Indicator]
    grouping: str
    pipeline: list[dict[str, Any]]
    uncertainty: dict[str, Any]
    raw: dict[str, Any] = field(repr=False)
    # how kecamatan, zone and regency values are formed from village scores: "unweighted" (simple mean, the
    # default) or "population" (population-weighted mean); the file's `areas: {weighting: …}`
    area_weighting: str = "unweighted"
    _formulas: dict[str, Callable[[Frame], np.ndarray]] = field(default_factory=dict, repr=False)

    @property
    def hash(self) -> str:
        """SHA-256 of the framework's canonical JSON: any change of methodology changes it."""
        canonical = json.dumps(self.raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()

    def node(self, code: str) -> Node | Indicator:
        for item in [self.index, *self.dimensions, *self.elements, *self.indicators]:
            if item.code == code:
                return item
        raise KeyError(code)

    def fields(self) -> set[str]:
        used = {f for ind in self.indicators for f in ind.fields} | set(POPULATION_FIELDS)
        return used | {self.grouping}

    def tree(self) -> list[dict[str, Any]]:
        """Every node as a JSON-able dict (code, parent, level, names, weight, direction, unit, formula).

        Bilingual texts are flattened to ``<key>_id`` / ``<key>_en`` (names, definitions, rationales), the form
        stored in ``Run.tree``.
        """
        rows: list[dict[str, Any]] = []
        for n in [self.index, *self.dimensions, *self.elements]:
            rows.append(
                {
                    "code": n.code,
                    "parent": n.parent,
                    "level": n.level,
                    "name_id": n.name["id"],
                    "name_en": n.name["en"],
                    "weight": n.weight,
                }
            )
        for i in self.indicators:
            rows.append(
                {
                    "code": i.code,
                    "parent": i.element,
                    "level": "indicator",
                    "name_id": i.name["id"],
                    "name_en": i.name["en"],
                    "weight": i.weight,
                    "direction": i.direction,
                    "unit": i.unit,
                    "formula": i.formula,
                    "bounds": list(i.bounds),
                    "definition_id": i.definition["id"],
                    "definition_en": i.definition["en"],
                    "rationale_id": i.rationale["id"],
                    "rationale_en": i.rationale["en"],
                }
            )
        return rows

    def compute_indicators(self, profiles: pd.DataFrame) -> pd.DataFrame:
        """Indicator values (units × indicator codes) from profile values (units × field codes).

        Missing profile values, divisions by zero and unknown choice values give NaN. Vectorised: one numpy
        expression per indicator over all villages.
        """
        frame = Frame(profiles)
        out = {code: fn(frame) for code, fn in self._formulas.items()}
        return pd.DataFrame(out, index=profiles.index)

    def engine_tables(
        self, profiles: pd.DataFrame, indicators: pd.DataFrame, names: pd.Series | None = None
    ) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The engine's data table (uCode, uName, group, indicators) and meta table (the tree, COINr style)."""
        data = pd.DataFrame({"uCode": profiles.index.astype(str)}, index=profiles.index)
        data["uName"] = names.reindex(profiles.index).astype(str) if names is not None else data["uCode"]
        group = profiles[self.grouping] if self.grouping in profiles else pd.Series("", index=profiles.index)
        data[self.grouping] = group.fillna("tidak diketahui").astype(str)
        data = pd.concat([data, indicators[[i.code for i in self.indicators]]], axis=1)
        meta = [
            {
                "Level": None,
                "iCode": self.grouping,
                "iName": self.grouping,
                "Parent": None,
                "Type": "Group",
                "Weight": 1.0,
                "Direction": 1,
            }
        ]
        for i in self.indicators:
            meta.append(
                {
                    "Level": 1,
                    "iCode": i.code,
                    "iName": i.name["id"],
                    "Parent": i.element,
                    "Type": "Indicator",
                    "Weight": i.weight,
                    "Direction": i.direction,
                }
            )
        for level, nodes in ((2, self.elements), (3, self.dimensions), (4, [self.index])):
            for n in nodes:
                meta.append(
                    {
                        "Level": level,
                        "iCode": n.code,
                        "iName": n.name["id"],
                        "Parent": n.parent,
                        "Type": "Aggregate",
                        "Weight": n.weight,
                        "Direction": 1,
                    }
                )
        return data.reset_index(drop=True), pd.DataFrame(meta)

    def engine_config(self) -> dict[str, Any]:
        """The pipeline declared in the file, with goalposts filled in from the indicators' bounds."""
        goalposts = {i.code: [min(i.bounds), max(i.bounds)] for i in self.indicators}
        steps = []
        for step in self.pipeline:
            step = dict(step)
            if step.get("step") == "normalise" and step.get("method") == "goalposts":
                step["goalposts"] = goalposts
            steps.append(step)
        assumptions = []
        for a in self.uncertainty.get("assumptions", []):
            a = json.loads(json.dumps(a))
            for alt in a.get("alternatives", []):
                if a.get("step") == "normalise" and alt.get("method") == "goalposts":
                    alt["goalposts"] = goalposts
            assumptions.append(a)
        return {
            "name": f"{self.code} {self.version}",
            "steps": steps,
            "sensitivity": {"assumptions": assumptions, "target": self.index.code},
        }


class Frame:
    """Column access for formulas: a field as a float array (booleans 1/0), or its raw values for ``level``."""

    def __init__(self, profiles: pd.DataFrame) -> None:
        self.profiles = profiles
        self.n = len(profiles)

    def number(self, code: str) -> np.ndarray:
        if code == "population":
            return self.number(POPULATION_FIELDS[0]) + self.number(POPULATION_FIELDS[1])
        if code not in self.profiles:
            return np.full(self.n, np.nan)
        col = self.profiles[code]
        if col.dtype == object:
            col = col.map(lambda v: {True: 1.0, False: 0.0}.get(v, v) if isinstance(v, bool) else v)
        return pd.to_numeric(col, errors="coerce").to_numpy(dtype=float)

    def raw(self, code: str) -> pd.Series:
        if code not in self.profiles:
            return pd.Series([None] * self.n, index=self.profiles.index, dtype=object)
        return self.profiles[code]


def level_key(value: Any) -> str | None:
    """The key a choice or yes/no value has in a ``levels`` table: booleans become "true"/"false"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    return str(value)


def _level_values(raw: pd.Series, mapping: dict[str, float]) -> np.ndarray:
    """The ``levels`` score of each value; a value the table does not name, or none, gives NaN.

    Looks up each distinct value once (a column holds a handful of choices) instead of once per village.
    """
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    lookup = np.array([mapping.get(level_key(u), np.nan) for u in uniques] + [np.nan], dtype=float)
    return lookup[codes]  # the sentinel -1 (missing) picks the trailing NaN


def _compile(
    node: ast.AST,
    ind_code: str,
    levels: dict[str, dict[str, float]],
    known: set[str],
    used: set[str],
    problems: list[str],
) -> Callable[[Frame], np.ndarray]:
    """Turn a formula's syntax tree into a function of a Frame; unknown constructs are reported, not run."""
    where = f"indikator {ind_code}"
    if isinstance(node, ast.Expression):
        return _compile(node.body, ind_code, levels, known, used, problems)
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
        value = float(node.value)
        return lambda f: np.full(f.n, value)
    if isinstance(node, ast.Name):
        name = node.id
        if name != "population" and name not in known:
            problems.append(f"{where}: kolom profil '{name}' tidak dikenal")
        used.add(name)
        return lambda f: f.number(name)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _compile(node.operand, ind_code, levels, known, used, problems)
        return lambda f: -inner(f)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub | ast.Mult | ast.Div):
        left = _compile(node.left, ind_code, levels, known, used, problems)
        right = _compile(node.right, ind_code, levels, known, used, problems)
        op = node.op
        if isinstance(op, ast.Add):
            return lambda f: left(f) + right(f)
        if isinstance(op, ast.Sub):
            return lambda f: left(f) - right(f)
        if isinstance(op, ast.Mult):
            return lambda f: left(f) * right(f)
        return lambda f: _divide(left(f), right(f))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        fn = node.func.id
        if fn == "level":
            if len(node.args) != 1 or not isinstance(node.args[0], ast.Name):
                problems.append(f"{where}: level() menerima satu nama kolom")
                return lambda f: np.full(f.n, np.nan)
            name = node.args[0].id
            used.add(name)
            if name not in known:
                problems.append(f"{where}: kolom profil '{name}' tidak dikenal")
            table = levels.get(name)
            if table is None:
                problems.append(f"{where}: level({name}) tanpa tabel 'levels' untuk {name}")
                return lambda f: np.full(f.n, np.nan)
            mapping = {str(k): float(v) for k, v in table.items()}
            return lambda f: _level_values(f.raw(name), mapping)
        args = [_compile(a, ind_code, levels, known, used, problems) for a in node.args]
        if fn == "per1000" and len(args) == 1:
            return lambda f: _divide(args[0](f), f.number("population")) * 1000.0
        if fn == "share" and len(args) == 2:
            return lambda f: _divide(args[0](f), args[1](f)) * 100.0
        if fn == "mean" and args:

            def mean(f: Frame) -> np.ndarray:
                stacked = np.vstack([a(f) for a in args])
                with np.errstate(invalid="ignore"):
                    counts = np.sum(~np.isnan(stacked), axis=0)
                    total = np.nansum(stacked, axis=0)
                return np.where(counts > 0, total / np.maximum(counts, 1), np.nan)

            return mean
        if fn in ("min", "max") and len(args) == 2:
            pick = np.fmin if fn == "min" else np.fmax
            # fmin/fmax ignore one NaN; a missing input must stay missing
            return lambda f: np.where(np.isnan(args[0](f)) | np.isnan(args[1](f)), np.nan, pick(args[0](f), args[1](f)))
        problems.append(
            f"{where}: fungsi {fn}() dengan {len(args)} argumen tidak dikenal (ada: {', '.join(FUNCTIONS)})"
        )
        return lambda f: np.full(f.n, np.nan)
    problems.append(f"{where}: bentuk rumus tidak didukung: {ast.dump(node)[:60]}")
    return lambda f: np.full(f.n, np.nan)


def _divide(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(b == 0, np.nan, a / np.where(b == 0, 1.0, b))


def _names(value: Any, where: str, problems: list[str]) -> dict[str, str]:
    if not isinstance(value, dict) or not value.get("id") or not value.get("en"):
        problems.append(f"{where}: perlu nama 'id' dan 'en'")
        return {"id": str(value), "en": str(value)}
    extra = sorted(str(k) for k in value if k not in ("id", "en"))
    if extra:
        # the usual cause: an unquoted comma inside {id: …, en: …} splits the text into extra keys
        problems.append(f"{where}: kunci selain 'id' dan 'en' ({', '.join(extra)}); teks berkoma perlu tanda kutip")
    return {"id": str(value["id"]), "en": str(value["en"])}


def _texts(value: Any, where: str, problems: list[str]) -> dict[str, str]:
    """An optional bilingual text (rationale, source): ``{id: …, en: …}`` checked like a name.

    A plain string is accepted on purpose, for files written before the texts were bilingual, and stands for the
    same text in both languages; an absent text is empty in both.
    """
    if value is None:
        return {"id": "", "en": ""}
    if isinstance(value, str):
        return {"id": value, "en": value}
    return _names(value, where, problems)


def _weight(value: Any, where: str, problems: list[str]) -> float:
    if value is None:
        problems.append(f"{where}: bobot (weight) tidak ada")
        return 1.0
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        problems.append(f"{where}: bobot harus bilangan positif, bukan {value!r}")
        return 1.0
    return float(value)


def parse_framework(raw: dict[str, Any], known_fields: Iterable[str]) -> SmartCityFramework:
    """Validate a framework document against the profile fields it may read; every problem is collected.

    Names and definitions are ``{id: …, en: …}`` with both languages required. An indicator's ``rationale`` and
    the framework's ``source`` are optional and bilingual the same way; as a deliberate rule for older files, a
    plain string is also accepted and used for both languages.
    """
    known = set(known_fields)
    problems: list[str] = []
    if not isinstance(raw, dict):
        raise FrameworkError(["berkas kerangka harus berupa mapping YAML"])
    for key in ("code", "version", "name", "index", "dimensions", "pipeline", "grouping"):
        if key not in raw:
            problems.append(f"kunci '{key}' tidak ada")
    if problems:
        raise FrameworkError(problems)
    seen: dict[str, str] = {}

    def claim(code: Any, where: str) -> str:
        code = str(code or "")
        if not code or not code.replace("_", "").isalnum():
            problems.append(f"{where}: kode '{code}' tidak valid (huruf, angka, garis bawah)")
        elif code in seen:
            problems.append(f"{where}: kode '{code}' ganda (juga di {seen[code]})")
        seen[code] = where
        return code

    index_raw = raw["index"] or {}
    index = Node(
        claim(index_raw.get("code"), "index"), "index", None, _names(index_raw.get("name"), "index", problems), 1.0
    )
    if raw["grouping"] not in known:
        problems.append(f"grouping: kolom profil '{raw['grouping']}' tidak dikenal")
    dimensions: list[Node] = []
    elements: list[Node] = []
    indicators: list[Indicator] = []
    formulas: dict[str, Callable[[Frame], np.ndarray]] = {}
    for d_i, d in enumerate(raw["dimensions"] or [], start=1):
        dwhere = f"dimensi ke-{d_i}"
        dcode = claim(d.get("code"), dwhere)
        dimensions.append(
            Node(
                dcode,
                "dimension",
                index.code,
                _names(d.get("name"), dcode, problems),
                _weight(d.get("weight"), dcode, problems),
            )
        )
        if not d.get("elements"):
            problems.append(f"{dcode}: tidak punya elemen")
        for e_i, e in enumerate(d.get("elements") or [], start=1):
            ecode = claim(e.get("code"), f"{dcode} elemen ke-{e_i}")
            elements.append(
                Node(
                    ecode,
                    "element",
                    dcode,
                    _names(e.get("name"), ecode, problems),
                    _weight(e.get("weight"), ecode, problems),
                )
            )
            inds = e.get("indicators") or []
            if len(inds) < 2:
                problems.append(f"{ecode}: perlu sedikitnya 2 indikator, ada {len(inds)}")
            for i_i, ind in enumerate(inds, start=1):
                icode = claim(ind.get("code"), f"{ecode} indikator ke-{i_i}")
                direction = ind.get("direction")
                if direction not in (1, -1):
                    problems.append(f"{icode}: arah (direction) harus 1 atau -1, bukan {direction!r}")
                    direction = 1
                bounds = ind.get("bounds")
                if (
                    not isinstance(bounds, list)
                    or len(bounds) != 2
                    or not all(isinstance(b, int | float) for b in bounds)
                    or bounds[0] == bounds[1]
                ):
                    problems.append(f"{icode}: bounds harus [terburuk, terbaik] dua angka berbeda")
                    bounds = [0, 1]
                elif (bounds[1] - bounds[0]) * direction < 0:
                    problems.append(f"{icode}: bounds [terburuk, terbaik] tidak cocok dengan arah {direction}")
                levels = ind.get("levels") or {}
                formula = str(ind.get("formula") or "")
                used: set[str] = set()
                try:
                    tree = ast.parse(formula, mode="eval")
                    formulas[icode] = _compile(tree, icode, levels, known, used, problems)
                except SyntaxError as exc:
                    problems.append(f"{icode}: rumus '{formula}' tidak bisa dibaca ({exc.msg})")
                for lf in levels:
                    if lf not in used:
                        problems.append(f"{icode}: levels untuk '{lf}' tetapi rumus tidak memakainya")
                indicators.append(
                    Indicator(
                        code=icode,
                        element=ecode,
                        name=_names(ind.get("name"), icode, problems),
                        definition=_names(ind.get("definition"), f"{icode} definition", problems),
                        formula=formula,
                        unit=str(ind.get("unit", "")),
                        direction=int(direction),
                        bounds=(float(bounds[0]), float(bounds[1])),
                        weight=_weight(ind.get("weight"), icode, problems),
                        rationale=_texts(ind.get("rationale"), f"{icode} rationale", problems),
                        levels=levels,
                        fields=tuple(sorted(used - {"population"})),
                    )
                )
    if len(dimensions) == 0:
        problems.append("tidak ada dimensi")
    pipeline = raw.get("pipeline")
    if not isinstance(pipeline, list) or not all(isinstance(s, dict) and "step" in s for s in pipeline):
        problems.append("pipeline harus daftar langkah {step: …}")
        pipeline = []
    name = _names(raw["name"], "name", problems)
    source = _texts(raw.get("source"), "source", problems)
    areas = raw.get("areas") or {}
    area_weighting = str(areas.get("weighting", "unweighted")) if isinstance(areas, dict) else ""
    if area_weighting not in AREA_WEIGHTINGS:
        problems.append(f"areas.weighting: '{area_weighting}' bukan salah satu dari {', '.join(AREA_WEIGHTINGS)}")
    if problems:
        raise FrameworkError(problems)
    return SmartCityFramework(
        code=str(raw["code"]),
        version=str(raw["version"]),
        name=name,
        source=source,
        index=index,
        dimensions=dimensions,
        elements=elements,
        indicators=indicators,
        grouping=str(raw["grouping"]),
        pipeline=pipeline,
        uncertainty=raw.get("uncertainty") or {},
        raw=raw,
        area_weighting=area_weighting,
        _formulas=formulas,
    )


def framework_path(code: str, directory: Path | None = None) -> Path:
    return (directory or FRAMEWORKS_DIR) / f"{code}.yaml"


def load_framework(code_or_path: str | Path, known_fields: Iterable[str]) -> SmartCityFramework:
    """Load ``frameworks/<code>.yaml`` (or a path) and validate it; errors name the file."""
    path = Path(code_or_path) if str(code_or_path).endswith((".yaml", ".yml")) else framework_path(str(code_or_path))
    if not path.is_file():
        available = ", ".join(sorted(p.stem for p in FRAMEWORKS_DIR.glob("smart-city-*.yaml")))
        raise FrameworkError([f"kerangka '{code_or_path}' tidak ditemukan (ada: {available})"])
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise FrameworkError([f"{path.name}: YAML tidak valid: {exc}"]) from exc
    try:
        return parse_framework(raw, known_fields)
    except FrameworkError as exc:
        raise FrameworkError([f"{path.name}: {p}" for p in exc.problems]) from exc


def weighted_group_means(
    values: np.ndarray, groups: np.ndarray, weights: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Mean of each column of ``values`` (units × nodes) per group, ignoring missing values, optionally weighted.

    Returns (group labels, means of shape groups × nodes). ``weights`` (e.g. population) are per unit; a unit
    whose weight is missing counts in no weighted mean.
    """
    labels, inverse = np.unique(groups, return_inverse=True)
    w = np.ones(len(groups)) if weights is None else np.nan_to_num(np.asarray(weights, dtype=float), nan=0.0)
    present = ~np.isnan(values)
    filled = np.where(present, values, 0.0) * w[:, None]
    counted = present * w[:, None]
    # one bincount per node (a few dozen), never a loop over units nor a dense groups × units matrix
    num = np.column_stack([np.bincount(inverse, filled[:, j], len(labels)) for j in range(values.shape[1])])
    den = np.column_stack([np.bincount(inverse, counted[:, j], len(labels)) for j in range(values.shape[1])])
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
    return labels, means
