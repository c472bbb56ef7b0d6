"""IDM editions as data: load and validate an edition file (``src/petakan/frameworks/idm/<code>.yaml``).

An edition fixes the item catalogue (codes in the published order, index, dimension and variable, maximum
score), the aggregation (index = Σ item scores / Σ maximum scores; IDM = mean of the indices), the status
levels and their cut-offs with the boundary rule, the recommended activity and the implementers per item, and
the published rubric fragments. Every problem of a file is collected and reported with its path
(``items[3].max_score``).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import numpy as np
import yaml

EDITIONS_DIR = Path(__file__).resolve().parents[2] / "frameworks" / "idm"
DEFAULT_EDITION = "idm-2020"
LANGUAGES = ("id", "en")
RESPONSIBLE_LEVELS = ("pusat", "provinsi", "kabupaten", "desa", "csr", "lainnya")
CONDITION_OPS = ("eq", "ne", "lt", "le", "gt", "ge", "in")
INPUT_TYPES = ("number", "boolean", "category")
AT_CUTOFF_RULES = ("lower_status", "higher_status")
COMPARE_RULES = ("exact", "rounded")
COMPOSITE_FORMULAS = ("mean",)
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_DECIMAL = re.compile(r"^(0|[1-9]\d*)(\.\d{1,10})?$")


@dataclass(frozen=True)
class EditionProblem:
    """One problem of an edition file: where (a dotted path into the YAML) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class EditionError(ValueError):
    """An edition file that cannot be used; ``problems`` lists every problem found, not only the first."""

    def __init__(self, source: str, problems: list[EditionProblem]) -> None:
        self.source = source
        self.problems = problems
        lines = "\n".join(f"  {problem}" for problem in problems)
        super().__init__(f"{source}: {len(problems)} problem(s) in the IDM edition:\n{lines}")


@dataclass(frozen=True)
class LocalText:
    """A text in Bahasa Indonesia (``id``, the default) and English (``en``)."""

    id: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language.startswith("en") else self.id


@dataclass(frozen=True)
class IndexDef:
    code: str
    name: LocalText


@dataclass(frozen=True)
class Variable:
    code: str
    name: LocalText
    dimension: str


@dataclass(frozen=True)
class Dimension:
    code: str
    index: str
    name: LocalText
    variables: tuple[Variable, ...]


@dataclass(frozen=True)
class Condition:
    """``field <op> value``; ``in`` takes a list."""

    field: str
    op: str
    value: Any

    def holds(self, actual: Any) -> bool:
        if self.op == "in":
            return actual in self.value
        if self.op == "eq":
            return actual == self.value
        if self.op == "ne":
            return actual != self.value
        if self.op == "lt":
            return actual < self.value
        if self.op == "le":
            return actual <= self.value
        if self.op == "gt":
            return actual > self.value
        return actual >= self.value  # "ge"; ops are validated when the edition is loaded

    def describe(self) -> str:
        symbol = {"eq": "=", "ne": "≠", "lt": "<", "le": "≤", "gt": ">", "ge": "≥", "in": "in"}[self.op]
        return f"{self.field} {symbol} {self.value}"


@dataclass(frozen=True)
class Rule:
    conditions: tuple[Condition, ...]
    score: int
    text: LocalText


@dataclass(frozen=True)
class RubricInput:
    code: str
    type: Literal["number", "boolean", "category"]
    name: LocalText
    unit: LocalText | None = None
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rubric:
    """Published fragment of an item's 0–5 score table: rules tried in order, the first that holds wins."""

    source: str
    inputs: Mapping[str, RubricInput]
    derived: Mapping[str, tuple[str, str]]  # name -> (numerator, denominator): name = numerator / denominator
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Item:
    code: str
    position: int
    index: str
    dimension: str
    variable: str
    max_score: int
    report_label: str
    name: LocalText
    activity: LocalText
    responsible: Mapping[str, str]
    rubric: Rubric | None


@dataclass(frozen=True)
class StatusLevel:
    code: str
    name: LocalText


@dataclass(frozen=True)
class ThresholdSet:
    name: str
    cutoffs: tuple[Fraction, ...]
    cutoff_texts: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class StatusRule:
    """How an IDM value becomes a status.

    ``cutoffs`` are ascending; the status index is the number of cut-offs the value passes. With
    ``at_cutoff == "lower_status"`` a value passes cut-off c when value > c (so value == c keeps the lower
    status: "0.4907 < IDM ≤ 0.5989"); with ``"higher_status"`` when value ≥ c. ``compare == "exact"``
    classifies the exact IDM, ``"rounded"`` the IDM rounded half-up to ``decimals``.
    """

    thresholds: str
    cutoffs: tuple[Fraction, ...]
    at_cutoff: Literal["lower_status", "higher_status"]
    compare: Literal["exact", "rounded"]
    decimals: int

    def describe(self) -> str:
        op = ">" if self.at_cutoff == "lower_status" else "≥"
        texts = ", ".join(_fraction_text(c) for c in self.cutoffs)
        return f"{self.thresholds}: cut-offs {texts}; next status when IDM {op} cut-off ({self.compare} IDM)"


@dataclass(frozen=True, eq=False)
class Edition:
    """A validated IDM edition. Arrays are read-only and ordered like ``items``."""

    code: str
    name: LocalText
    sources: Mapping[str, str]
    indices: tuple[IndexDef, ...]
    composite_code: str
    composite_name: LocalText
    composite_formula: str
    decimals: int
    statuses: tuple[StatusLevel, ...]
    thresholds: Mapping[str, ThresholdSet]
    default_thresholds: str
    at_cutoff: Literal["lower_status", "higher_status"]
    compare: Literal["exact", "rounded"]
    responsible_levels: Mapping[str, LocalText]
    dimensions: tuple[Dimension, ...]
    items: tuple[Item, ...]
    path: str = ""
    # Derived, exact integer arithmetic: IDM = numerator / denominator with numerator = Σ item_weight × score.
    item_index: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64), repr=False)
    max_scores: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64), repr=False)
    index_max: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64), repr=False)
    item_weights: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64), repr=False)
    denominator: int = 1

    @property
    def item_codes(self) -> tuple[str, ...]:
        return tuple(item.code for item in self.items)

    @property
    def index_codes(self) -> tuple[str, ...]:
        return tuple(index.code for index in self.indices)

    def item(self, code: str) -> Item:
        for item in self.items:
            if item.code == code:
                return item
        raise KeyError(f"{self.code}: no item {code!r}")

    def status_rule(self, thresholds: str | None = None) -> StatusRule:
        """The status rule with the named threshold set (the edition's default when None)."""
        name = self.default_thresholds if thresholds is None else thresholds
        if name not in self.thresholds:
            known = ", ".join(sorted(self.thresholds))
            raise KeyError(f"{self.code}: no threshold set {name!r} (known: {known})")
        return StatusRule(name, self.thresholds[name].cutoffs, self.at_cutoff, self.compare, self.decimals)

    def status_index(self, code_or_name: str) -> int | None:
        """Position of a status given by code (``sangat_tertinggal``) or name (``Sangat Tertinggal``,
        ``DESA MAJU``, ``Very Underdeveloped``); None when unknown."""
        key = re.sub(r"[\s_-]+", " ", code_or_name.strip().lower())
        key = key.removeprefix("desa ").strip()
        for position, level in enumerate(self.statuses):
            names = {level.code.replace("_", " "), level.name.id.lower(), level.name.en.lower()}
            if key in names:
                return position
        return None

    @property
    def point_values(self) -> dict[str, float]:
        """IDM gain of one score point per index (e.g. iks 1/525, ike 1/180, ikl 1/45)."""
        values: dict[str, float] = {}
        for position, index in enumerate(self.indices):
            values[index.code] = 1.0 / (len(self.indices) * int(self.index_max[position]))
        return values


def _fraction_text(value: Fraction) -> str:
    text = f"{float(value):.10f}".rstrip("0").rstrip(".")
    return text


def available_editions() -> list[str]:
    """Codes of the edition files shipped in ``frameworks/idm``."""
    return sorted(path.stem for path in EDITIONS_DIR.glob("*.yaml"))


def load_edition(ref: str | Path = DEFAULT_EDITION) -> Edition:
    """Load and validate an edition by code (``idm-2020``) or by path to a YAML file.

    Raises EditionError listing every problem; FileNotFoundError names the known editions.
    """
    path = _resolve(ref)
    stat = path.stat()
    return _load_cached(str(path), stat.st_mtime_ns)


def _resolve(ref: str | Path) -> Path:
    text = str(ref)
    if isinstance(ref, Path) or text.endswith((".yaml", ".yml")) or "/" in text:
        path = Path(ref).expanduser()
        if not path.is_file():
            raise FileNotFoundError(f"IDM edition file not found: {path}")
        return path.resolve()
    path = EDITIONS_DIR / f"{text}.yaml"
    if not path.is_file():
        known = ", ".join(available_editions()) or "none"
        raise FileNotFoundError(f"unknown IDM edition {text!r} (known: {known})")
    return path


@lru_cache(maxsize=16)
def _load_cached(path: str, mtime_ns: int) -> Edition:
    with open(path, encoding="utf-8") as handle:
        try:
            raw = yaml.safe_load(handle)
        except yaml.YAMLError as exc:
            raise EditionError(path, [EditionProblem("", f"not valid YAML: {exc}")]) from exc
    return parse_edition(raw, source=path)


class _Checker:
    def __init__(self) -> None:
        self.problems: list[EditionProblem] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(EditionProblem(path, message))

    def mapping(self, value: Any, path: str) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        self.add(path, f"expected a mapping, got {_kind(value)}")
        return {}

    def sequence(self, value: Any, path: str) -> list[Any]:
        if isinstance(value, list):
            return value
        self.add(path, f"expected a list, got {_kind(value)}")
        return []

    def text(self, value: Any, path: str) -> str:
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.add(path, f"expected a non-empty text, got {_kind(value)}")
        return ""

    def code(self, value: Any, path: str) -> str:
        if isinstance(value, str) and _CODE.match(value):
            return value
        self.add(path, f"expected a code of lowercase letters, digits and _, got {value!r}")
        return str(value)

    def local(self, value: Any, path: str) -> LocalText:
        data = self.mapping(value, path)
        if data and set(data) != set(LANGUAGES):
            self.add(path, f"expected exactly the languages {list(LANGUAGES)}, got {sorted(map(str, data))}")
        return LocalText(self.text(data.get("id"), f"{path}.id"), self.text(data.get("en"), f"{path}.en"))

    def keys(self, data: dict[str, Any], path: str, required: set[str], optional: set[str] = frozenset()) -> None:
        for key in sorted(required - set(data)):
            self.add(f"{path}.{key}" if path else key, "missing")
        for key in sorted(set(data) - required - set(optional), key=str):
            self.add(f"{path}.{key}" if path else str(key), "unknown key")


def _kind(value: Any) -> str:
    return "nothing" if value is None else f"{type(value).__name__} {value!r}"


def parse_edition(raw: Any, source: str = "<edition>") -> Edition:
    """Validate the parsed YAML of an edition and build the Edition (EditionError lists every problem)."""
    check = _Checker()
    top = check.mapping(raw, "")
    check.keys(
        top,
        "",
        {"code", "name", "sources", "indices", "composite", "decimals", "status", "dimensions", "items"},
        {"responsible_levels"},
    )
    code = top.get("code")
    if not isinstance(code, str) or not re.match(r"^[a-z][a-z0-9_-]*$", code):
        check.add("code", f"expected an edition code like idm-2020, got {code!r}")
    name = check.local(top.get("name"), "name")
    sources = {str(k): check.text(v, f"sources.{k}") for k, v in check.mapping(top.get("sources"), "sources").items()}

    def check_source(value: Any, path: str) -> str:
        text = check.text(value, path)
        if text and text not in sources:
            check.add(path, f"unknown source {text!r} (declare it under sources)")
        return text

    indices: list[IndexDef] = []
    for i, entry in enumerate(check.sequence(top.get("indices"), "indices")):
        path = f"indices[{i}]"
        data = check.mapping(entry, path)
        check.keys(data, path, {"code", "name"})
        indices.append(
            IndexDef(check.code(data.get("code"), f"{path}.code"), check.local(data.get("name"), f"{path}.name"))
        )
    index_codes = [index.code for index in indices]
    _no_duplicates(check, index_codes, "indices")
    if not indices:
        check.add("indices", "at least one index is needed")

    composite = check.mapping(top.get("composite"), "composite")
    check.keys(composite, "composite", {"code", "name", "formula"}, {"source"})
    composite_code = check.code(composite.get("code"), "composite.code")
    composite_name = check.local(composite.get("name"), "composite.name")
    formula = composite.get("formula")
    if formula not in COMPOSITE_FORMULAS:
        check.add("composite.formula", f"unknown formula {formula!r} (known: {', '.join(COMPOSITE_FORMULAS)})")
    if "source" in composite:
        check_source(composite["source"], "composite.source")

    decimals = top.get("decimals")
    if not isinstance(decimals, int) or isinstance(decimals, bool) or not 0 <= decimals <= 10:
        check.add("decimals", f"expected an integer 0–10, got {decimals!r}")
        decimals = 4

    statuses, thresholds, default_thresholds, at_cutoff, compare = _parse_status(check, top.get("status"), check_source)

    levels_raw = check.mapping(top.get("responsible_levels", {}), "responsible_levels")
    responsible_levels: dict[str, LocalText] = {}
    for key, value in levels_raw.items():
        if key not in RESPONSIBLE_LEVELS:
            check.add(f"responsible_levels.{key}", f"unknown level (known: {', '.join(RESPONSIBLE_LEVELS)})")
        responsible_levels[str(key)] = check.local(value, f"responsible_levels.{key}")

    dimensions: list[Dimension] = []
    variables: dict[str, Variable] = {}
    dimension_index: dict[str, str] = {}
    for i, entry in enumerate(check.sequence(top.get("dimensions"), "dimensions")):
        path = f"dimensions[{i}]"
        data = check.mapping(entry, path)
        check.keys(data, path, {"code", "index", "name", "variables"})
        dim_code = check.code(data.get("code"), f"{path}.code")
        index = data.get("index")
        if index not in index_codes:
            check.add(f"{path}.index", f"unknown index {index!r} (known: {', '.join(index_codes)})")
        dim_vars: list[Variable] = []
        for j, var_entry in enumerate(check.sequence(data.get("variables"), f"{path}.variables")):
            vpath = f"{path}.variables[{j}]"
            vdata = check.mapping(var_entry, vpath)
            check.keys(vdata, vpath, {"code", "name"})
            var = Variable(
                check.code(vdata.get("code"), f"{vpath}.code"),
                check.local(vdata.get("name"), f"{vpath}.name"),
                dim_code,
            )
            if var.code in variables:
                check.add(f"{vpath}.code", f"duplicate variable {var.code!r}")
            variables[var.code] = var
            dim_vars.append(var)
        if dim_code in dimension_index:
            check.add(f"{path}.code", f"duplicate dimension {dim_code!r}")
        dimension_index[dim_code] = str(index)
        dimensions.append(
            Dimension(dim_code, str(index), check.local(data.get("name"), f"{path}.name"), tuple(dim_vars))
        )

    items: list[Item] = []
    counters: dict[str, int] = {}
    for i, entry in enumerate(check.sequence(top.get("items"), "items")):
        path = f"items[{i}]"
        data = check.mapping(entry, path)
        check.keys(
            data,
            path,
            {"code", "variable", "max_score", "name", "activity", "responsible"},
            {"report_label", "rubric"},
        )
        item_code = check.code(data.get("code"), f"{path}.code")
        var_code = data.get("variable")
        variable = variables.get(var_code) if isinstance(var_code, str) else None
        if variable is None:
            check.add(f"{path}.variable", f"unknown variable {var_code!r}")
        dimension = variable.dimension if variable else ""
        index = dimension_index.get(dimension, "")
        # Item codes carry their index and their position in the published order: iks_01, iks_02, ...
        match = re.match(r"^([a-z]+)_(\d+)$", item_code)
        if match is None or (index and match.group(1) != index):
            check.add(
                f"{path}.code",
                f"expected <index>_<number> with the index of its variable ({index}_..), got {item_code!r}",
            )
        elif index:
            counters[index] = counters.get(index, 0) + 1
            if int(match.group(2)) != counters[index]:
                check.add(
                    f"{path}.code",
                    f"expected {index}_{counters[index]:02d} (items in published order), got {item_code!r}",
                )
        max_score = data.get("max_score")
        if not isinstance(max_score, int) or isinstance(max_score, bool) or max_score < 1:
            check.add(f"{path}.max_score", f"expected a positive integer, got {max_score!r}")
            max_score = 1
        responsible = {}
        for level, agencies in check.mapping(data.get("responsible"), f"{path}.responsible").items():
            if level not in RESPONSIBLE_LEVELS:
                check.add(f"{path}.responsible.{level}", f"unknown level (known: {', '.join(RESPONSIBLE_LEVELS)})")
            responsible[str(level)] = check.text(agencies, f"{path}.responsible.{level}")
        rubric = None
        if "rubric" in data:
            rubric = _parse_rubric(check, data["rubric"], f"{path}.rubric", max_score, check_source)
        items.append(
            Item(
                code=item_code,
                position=i,
                index=index,
                dimension=dimension,
                variable=str(var_code),
                max_score=max_score,
                report_label=check.text(data.get("report_label", item_code), f"{path}.report_label"),
                name=check.local(data.get("name"), f"{path}.name"),
                activity=check.local(data.get("activity"), f"{path}.activity"),
                responsible=responsible,
                rubric=rubric,
            )
        )
    _no_duplicates(check, [item.code for item in items], "items")
    for index in index_codes:
        if not any(item.index == index for item in items):
            check.add("items", f"index {index!r} has no item")
    # Keep the published order index by index, so that item positions in a score matrix are predictable.
    order = [item.index for item in items]
    if order != sorted(order, key=lambda value: index_codes.index(value) if value in index_codes else -1):
        check.add("items", f"items must be grouped by index in the order {index_codes}")
    used = {item.variable for item in items}
    for var in variables:
        if var not in used:
            check.add("dimensions", f"variable {var!r} has no item")

    if check.problems:
        raise EditionError(source, check.problems)

    item_index = np.array([index_codes.index(item.index) for item in items], dtype=np.int64)
    max_scores = np.array([item.max_score for item in items], dtype=np.int64)
    index_max = np.bincount(item_index, weights=max_scores, minlength=len(indices)).astype(np.int64)
    # IDM = (1/n) Σ_k S_k / M_k = N / D with D = n · lcm(M_k) and N = Σ_k S_k · D / (n · M_k): all integers,
    # so indices, IDM and the status are computed without floating-point error at the cut-offs.
    n = len(indices)
    lcm = math.lcm(*(int(m) for m in index_max))
    denominator = n * lcm
    item_weights = np.array([denominator // (n * int(index_max[k])) for k in item_index], dtype=np.int64)
    for array in (item_index, max_scores, index_max, item_weights):
        array.setflags(write=False)
    return Edition(
        code=code,
        name=name,
        sources=sources,
        indices=tuple(indices),
        composite_code=composite_code,
        composite_name=composite_name,
        composite_formula=str(formula),
        decimals=decimals,
        statuses=tuple(statuses),
        thresholds=thresholds,
        default_thresholds=default_thresholds,
        at_cutoff=at_cutoff,  # type: ignore[arg-type]
        compare=compare,  # type: ignore[arg-type]
        responsible_levels=responsible_levels,
        dimensions=tuple(dimensions),
        items=tuple(items),
        path=source,
        item_index=item_index,
        max_scores=max_scores,
        index_max=index_max,
        item_weights=item_weights,
        denominator=denominator,
    )


def _no_duplicates(check: _Checker, codes: list[str], path: str) -> None:
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            check.add(path, f"duplicate code {code!r}")
        seen.add(code)


def _parse_status(
    check: _Checker, raw: Any, check_source: Any
) -> tuple[list[StatusLevel], dict[str, ThresholdSet], str, str, str]:
    data = check.mapping(raw, "status")
    check.keys(data, "status", {"levels", "thresholds", "at_cutoff", "compare"})
    levels: list[StatusLevel] = []
    for i, entry in enumerate(check.sequence(data.get("levels"), "status.levels")):
        path = f"status.levels[{i}]"
        level = check.mapping(entry, path)
        check.keys(level, path, {"code", "name"})
        levels.append(
            StatusLevel(check.code(level.get("code"), f"{path}.code"), check.local(level.get("name"), f"{path}.name"))
        )
    _no_duplicates(check, [level.code for level in levels], "status.levels")
    if len(levels) < 2:
        check.add("status.levels", "at least two status levels are needed")

    tdata = check.mapping(data.get("thresholds"), "status.thresholds")
    check.keys(tdata, "status.thresholds", {"default", "sets"})
    sets: dict[str, ThresholdSet] = {}
    for name, entry in check.mapping(tdata.get("sets"), "status.thresholds.sets").items():
        path = f"status.thresholds.sets.{name}"
        sdata = check.mapping(entry, path)
        check.keys(sdata, path, {"cutoffs", "source"})
        texts: list[str] = []
        values: list[Fraction] = []
        for j, value in enumerate(check.sequence(sdata.get("cutoffs"), f"{path}.cutoffs")):
            # Cut-offs are decimal strings ("0.4907") so that YAML never turns them into binary floats.
            if not isinstance(value, str) or not _DECIMAL.match(value.strip()):
                check.add(
                    f"{path}.cutoffs[{j}]",
                    f'expected a quoted decimal with at most 10 decimals like "0.491", got {value!r}',
                )
                continue
            texts.append(value.strip())
            values.append(Fraction(value.strip()))
        if len(values) != max(len(levels) - 1, 0):
            check.add(
                f"{path}.cutoffs",
                f"expected {len(levels) - 1} cut-offs for {len(levels)} levels, got {len(values)}",
            )
        if any(b <= a for a, b in itertools.pairwise(values)):
            check.add(f"{path}.cutoffs", "cut-offs must increase strictly")
        if any(not 0 < v < 1 for v in values):
            check.add(f"{path}.cutoffs", "cut-offs must lie strictly between 0 and 1")
        sets[str(name)] = ThresholdSet(
            str(name), tuple(values), tuple(texts), check_source(sdata.get("source"), f"{path}.source")
        )
    default = tdata.get("default")
    if default not in sets:
        check.add("status.thresholds.default", f"unknown threshold set {default!r} (known: {', '.join(sets)})")
    at_cutoff = data.get("at_cutoff")
    if at_cutoff not in AT_CUTOFF_RULES:
        check.add("status.at_cutoff", f"expected one of {', '.join(AT_CUTOFF_RULES)}, got {at_cutoff!r}")
    compare = data.get("compare")
    if compare not in COMPARE_RULES:
        check.add("status.compare", f"expected one of {', '.join(COMPARE_RULES)}, got {compare!r}")
    return levels, sets, str(default), str(at_cutoff), str(compare)


def _parse_rubric(check: _Checker, raw: Any, path: str, max_score: int, check_source: Any) -> Rubric:
    data = check.mapping(raw, path)
    check.keys(data, path, {"source", "inputs", "rules"}, {"derived"})
    source = check_source(data.get("source"), f"{path}.source")
    inputs: dict[str, RubricInput] = {}
    for name, entry in check.mapping(data.get("inputs"), f"{path}.inputs").items():
        ipath = f"{path}.inputs.{name}"
        idata = check.mapping(entry, ipath)
        check.keys(idata, ipath, {"type", "name"}, {"unit", "values"})
        kind = idata.get("type")
        if kind not in INPUT_TYPES:
            check.add(f"{ipath}.type", f"expected one of {', '.join(INPUT_TYPES)}, got {kind!r}")
        values: tuple[str, ...] = ()
        if kind == "category":
            raw_values = check.sequence(idata.get("values"), f"{ipath}.values")
            values = tuple(check.code(v, f"{ipath}.values[{k}]") for k, v in enumerate(raw_values))
            if not values:
                check.add(f"{ipath}.values", "a category input needs its list of values")
        elif "values" in idata:
            check.add(f"{ipath}.values", "only a category input has values")
        unit = check.local(idata["unit"], f"{ipath}.unit") if "unit" in idata else None
        inputs[check.code(name, ipath)] = RubricInput(
            str(name), kind, check.local(idata.get("name"), f"{ipath}.name"), unit, values
        )
    derived: dict[str, tuple[str, str]] = {}
    for name, entry in check.mapping(data.get("derived", {}), f"{path}.derived").items():
        dpath = f"{path}.derived.{name}"
        ddata = check.mapping(entry, dpath)
        check.keys(ddata, dpath, {"divide"})
        args = check.sequence(ddata.get("divide"), f"{dpath}.divide")
        if len(args) != 2 or any(inputs.get(a) is None or inputs[a].type != "number" for a in args):
            check.add(
                f"{dpath}.divide",
                f"expected [numerator, denominator], two declared number inputs, got {args!r}",
            )
            continue
        if name in inputs:
            check.add(dpath, "a derived value cannot reuse an input name")
        derived[str(name)] = (str(args[0]), str(args[1]))
    rules: list[Rule] = []
    for i, entry in enumerate(check.sequence(data.get("rules"), f"{path}.rules")):
        rpath = f"{path}.rules[{i}]"
        rdata = check.mapping(entry, rpath)
        check.keys(rdata, rpath, {"when", "score", "text"})
        score = rdata.get("score")
        if not isinstance(score, int) or isinstance(score, bool) or not 0 <= score <= max_score:
            check.add(f"{rpath}.score", f"expected an integer 0–{max_score}, got {score!r}")
            score = 0
        conditions: list[Condition] = []
        for field_name, ops in check.mapping(rdata.get("when"), f"{rpath}.when").items():
            cpath = f"{rpath}.when.{field_name}"
            if field_name in inputs:
                kind = inputs[field_name].type
            elif field_name in derived:
                kind = "number"
            else:
                check.add(cpath, "unknown field (declare it under inputs or derived)")
                continue
            for op, value in check.mapping(ops, cpath).items():
                conditions.append(
                    _parse_condition(check, f"{cpath}.{op}", str(field_name), op, value, kind, inputs.get(field_name))
                )
        if not conditions:
            check.add(f"{rpath}.when", "a rule needs at least one condition")
        rules.append(Rule(tuple(conditions), score, check.local(rdata.get("text"), f"{rpath}.text")))
    if not rules:
        check.add(f"{path}.rules", "a rubric needs at least one rule")
    return Rubric(source, inputs, derived, tuple(rules))


def _parse_condition(
    check: _Checker,
    path: str,
    field_name: str,
    op: Any,
    value: Any,
    kind: str | None,
    spec: RubricInput | None,
) -> Condition:
    if op not in CONDITION_OPS:
        check.add(path, f"unknown operator (known: {', '.join(CONDITION_OPS)})")
        return Condition(field_name, "eq", value)
    values = value if op == "in" else [value]
    if op == "in" and not isinstance(value, list):
        check.add(path, "'in' takes a list")
        values = []
    for v in values:
        if kind == "number" and (isinstance(v, bool) or not isinstance(v, int | float)):
            check.add(path, f"expected a number, got {v!r}")
        elif kind == "boolean" and (not isinstance(v, bool) or op not in ("eq", "ne")):
            check.add(path, f"a yes/no input takes eq/ne with true or false, got {op} {v!r}")
        elif kind == "category" and spec is not None and (v not in spec.values or op not in ("eq", "ne", "in")):
            check.add(path, f"expected eq/ne/in with one of {list(spec.values)}, got {op} {v!r}")
    return Condition(field_name, str(op), tuple(value) if op == "in" and isinstance(value, list) else value)
