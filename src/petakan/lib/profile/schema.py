"""The village potential profile schema: loading ``frameworks/profile-v1.yaml`` and checking it.

The schema is data (see the comments at the top of the YAML file). :func:`load_schema` parses it into frozen
dataclasses and refuses a file with any defect, reporting all of them at once in a :class:`SchemaError`
(duplicate codes, unknown types, sections, units or choice sets, choice fields without choices, min > max,
unknown keys, dangling references in rules ...).

Three kinds of fields exist, by ``source``:

- ``entry``: filled in by the village. ``Schema.fields`` lists only these, in file order; they are the columns of
  the demo data and of the Excel template, and what :func:`~petakan.lib.profile.values.validate_values` checks.
- ``region``: read from the region register (code, name, kecamatan, area), never entered (``Schema.region_fields``).
- ``derived``: computed, e.g. ``pop_total = pop_male + pop_female`` (``Schema.derived_fields``).
"""

from __future__ import annotations

import functools
import importlib.resources
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .messages import Text

FIELD_TYPES = ("integer", "decimal", "percent", "boolean", "choice", "text")
NUMERIC_TYPES = ("integer", "decimal", "percent")
SOURCES = ("entry", "region", "derived")
RULE_KINDS = ("at_most", "only_if")

CODE_RE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
CHOICE_VALUE_RE = re.compile(r"^[a-z0-9][a-z0-9_]*$")
ELEMENT_RE = re.compile(r"^[a-z]+\.[a-z_]+$")

ROOT_KEYS = {"schema", "version", "title", "units", "choice_sets", "sections", "fields", "rules", "element_hints"}
SECTION_KEYS = {"code", "label", "help"}
FIELD_KEYS = {
    "code",
    "section",
    "type",
    "source",
    "unit",
    "min",
    "max",
    "decimals",
    "max_length",
    "required",
    "choices",
    "group",
    "sum_of",
    "label",
    "help",
}
RULE_KEYS = {"code", "kind", "left", "right", "limit", "fields", "condition"}
HINT_KEYS = {"element", "label", "fields"}


@dataclass(frozen=True)
class Unit:
    code: str
    label: Text


@dataclass(frozen=True)
class Choice:
    value: str
    label: Text


@dataclass(frozen=True)
class Field:
    """One profile field.

    ``min``/``max`` are inclusive bounds in the field's ``unit``; for ``percent`` fields they default to 0 and
    100. ``decimals`` is a display precision only (values are not rounded). ``sum_of`` names the fields a
    derived field adds up.
    """

    code: str
    section: str
    type: str
    label: Text
    help: Text
    source: str = "entry"
    unit: Unit | None = None
    min: float | None = None
    max: float | None = None
    decimals: int | None = None
    max_length: int | None = None
    required: bool = False
    choices: tuple[Choice, ...] = ()
    group: str | None = None
    sum_of: tuple[str, ...] = ()

    @property
    def is_numeric(self) -> bool:
        return self.type in NUMERIC_TYPES

    @property
    def is_entered(self) -> bool:
        return self.source == "entry"

    @property
    def choice_values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)

    def choice(self, value: str) -> Choice:
        """The choice with this ``value``; KeyError names the field and the valid values."""
        for c in self.choices:
            if c.value == value:
                return c
        raise KeyError(f"field {self.code!r} has no choice {value!r} (choices: {', '.join(self.choice_values)})")


@dataclass(frozen=True)
class Section:
    code: str
    label: Text
    help: Text
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Rule:
    """A cross-field rule.

    ``at_most``: ``sum(left) <= sum(right)``, or ``sum(left) <= limit`` when ``limit`` is set.
    ``only_if``: each of ``fields`` may be filled (not empty, not 0, not No) only when the field
    ``condition_field`` is filled and, if ``condition_in`` is given, has one of those choice values.
    See :func:`petakan.lib.profile.values.check_rules` for when a rule is checked on incomplete values.
    """

    code: str
    kind: str
    left: tuple[str, ...] = ()
    right: tuple[str, ...] = ()
    limit: float | None = None
    fields: tuple[str, ...] = ()
    condition_field: str | None = None
    condition_in: tuple[str, ...] = ()

    @property
    def field_codes(self) -> tuple[str, ...]:
        """Every field the rule names, in order: ``left + right`` or ``fields + condition``."""
        if self.kind == "at_most":
            return self.left + self.right
        return self.fields + ((self.condition_field,) if self.condition_field else ())


@dataclass(frozen=True)
class ElementHint:
    """The raw fields that can measure one Smart City element (e.g. ``branding.tourism``)."""

    element: str
    label: Text
    fields: tuple[str, ...]

    @property
    def dimension(self) -> str:
        return self.element.split(".", 1)[0]


@dataclass(frozen=True)
class Schema:
    """A validated profile schema. ``fields`` are the entered fields only, in file order."""

    name: str
    version: int
    title: Text
    sections: tuple[Section, ...]
    fields: tuple[Field, ...]
    region_fields: tuple[Field, ...]
    derived_fields: tuple[Field, ...]
    rules: tuple[Rule, ...]
    units: tuple[Unit, ...]
    element_hints: tuple[ElementHint, ...]
    origin: str = ""

    def __post_init__(self) -> None:
        index = {f.code: f for f in (*self.region_fields, *self.fields, *self.derived_fields)}
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_sections", {s.code: s for s in self.sections})

    @property
    def code(self) -> str:
        """Name and version, e.g. ``village-profile-v1``: store it with every profile."""
        return f"{self.name}-v{self.version}"

    @property
    def codes(self) -> tuple[str, ...]:
        """The entered field codes, in order."""
        return tuple(f.code for f in self.fields)

    @property
    def all_fields(self) -> tuple[Field, ...]:
        """Every field of every source, in section order."""
        return tuple(f for s in self.sections for f in s.fields)

    @property
    def required_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.required)

    @property
    def commodity_fields(self) -> tuple[Field, ...]:
        """The commodity production fields (the columns of a villages × commodities matrix)."""
        return tuple(f for f in self.fields if f.section == "commodities")

    def field(self, code: str) -> Field:
        """The field with this code (any source); KeyError for an unknown code."""
        try:
            return self._index[code]  # type: ignore[attr-defined]
        except KeyError:
            raise KeyError(f"unknown profile field {code!r} in schema {self.code}") from None

    def has_field(self, code: str) -> bool:
        return code in self._index  # type: ignore[attr-defined]

    def section(self, code: str) -> Section:
        try:
            return self._sections[code]  # type: ignore[attr-defined]
        except KeyError:
            raise KeyError(f"unknown profile section {code!r} in schema {self.code}") from None

    def element_fields(self, element: str) -> tuple[Field, ...]:
        for hint in self.element_hints:
            if hint.element == element:
                return tuple(self.field(c) for c in hint.fields)
        raise KeyError(f"no element hint {element!r} in schema {self.code}")


@dataclass(frozen=True)
class SchemaProblem:
    """One defect of a schema file: ``path`` locates it (e.g. ``fields[12] 'pop_male'.max``)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class SchemaError(ValueError):
    """The schema file is invalid; ``problems`` lists every defect found."""

    def __init__(self, origin: str, problems: list[SchemaProblem]):
        self.origin = origin
        self.problems = list(problems)
        lines = "\n".join(f"- {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in profile schema {origin}:\n{lines}")


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses duplicate mapping keys (PyYAML silently keeps the last one)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first on line {seen[key] + 1})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def default_schema_path() -> Path:
    """The packaged schema file ``petakan/frameworks/profile-v1.yaml``."""
    return Path(str(importlib.resources.files("petakan").joinpath("frameworks", "profile-v1.yaml")))


def load_schema(path: str | Path | None = None) -> Schema:
    """Load and validate a profile schema file (default: the packaged ``profile-v1.yaml``).

    Raises :class:`SchemaError` listing every defect, or FileNotFoundError.
    """
    if path is None:
        return _load_default()
    return _load(Path(path))


@functools.cache
def _load_default() -> Schema:
    return _load(default_schema_path())


def _load(path: Path) -> Schema:
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        raise SchemaError(str(path), [SchemaProblem("<yaml>", str(exc).replace("\n", " "))]) from None
    return parse_schema(data, origin=str(path))


def parse_schema(data: Any, origin: str = "<data>") -> Schema:
    """Build a :class:`Schema` from the parsed YAML mapping, collecting every defect into a SchemaError."""
    return _Parser(origin).parse(data)


class _Parser:
    def __init__(self, origin: str):
        self.origin = origin
        self.problems: list[SchemaProblem] = []

    def add(self, path: str, reason: str) -> None:
        self.problems.append(SchemaProblem(path, reason))

    # -- small typed readers ------------------------------------------------------------------------------
    def text(self, value: Any, path: str) -> Text:
        if not isinstance(value, Mapping):
            self.add(path, "expected a mapping with 'id' (Bahasa Indonesia) and 'en' (English) texts")
            return Text("", "")
        for lang in ("id", "en"):
            if not isinstance(value.get(lang), str) or not value.get(lang).strip():
                self.add(f"{path}.{lang}", "missing or empty text")
        extra = set(value) - {"id", "en"}
        if extra:
            self.add(path, f"unknown language key(s) {sorted(extra)}; expected 'id' and 'en'")
        return Text(str(value.get("id") or ""), str(value.get("en") or ""))

    def number(self, value: Any, path: str) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            self.add(path, f"expected a number, got {value!r}")
            return None
        return value

    def code_list(self, value: Any, path: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            self.add(path, "expected a non-empty list of field codes")
            return ()
        return tuple(value)

    def unknown_keys(self, item: Mapping[str, Any], allowed: set[str], path: str) -> None:
        for key in sorted(set(item) - allowed, key=str):
            self.add(path, f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})")

    # -- parts ----------------------------------------------------------------------------------------------
    def parse(self, data: Any) -> Schema:
        if not isinstance(data, Mapping):
            self.add("<root>", "the schema must be a YAML mapping")
            raise SchemaError(self.origin, self.problems)
        self.unknown_keys(data, ROOT_KEYS, "<root>")
        for key in ("schema", "version", "sections", "fields"):
            if key not in data:
                self.add("<root>", f"missing key {key!r}")
        name = data.get("schema")
        if not isinstance(name, str) or not name:
            self.add("schema", "expected the schema name as text")
        version = data.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            self.add("version", f"expected a positive integer, got {version!r}")
        title = self.text(data.get("title"), "title") if "title" in data else Text(str(name), str(name))

        units = self.units(data.get("units") or {})
        choice_sets = self.choice_sets(data.get("choice_sets") or {})
        section_specs = self.sections(data.get("sections"))
        fields = self.fields(data.get("fields"), {s[0] for s in section_specs}, units, choice_sets)
        by_code = {f.code: f for f in fields}
        self.check_derived(fields, by_code)
        rules = self.rules(data.get("rules") or [], by_code)
        hints = self.hints(data.get("element_hints") or [], by_code)

        if self.problems:
            raise SchemaError(self.origin, self.problems)

        sections = tuple(
            Section(code, label, help_, tuple(f for f in fields if f.section == code))
            for code, label, help_ in section_specs
        )
        ordered = [f for s in sections for f in s.fields]
        return Schema(
            name=str(name),
            version=int(version),
            title=title,
            sections=sections,
            fields=tuple(f for f in ordered if f.source == "entry"),
            region_fields=tuple(f for f in ordered if f.source == "region"),
            derived_fields=tuple(f for f in ordered if f.source == "derived"),
            rules=rules,
            units=tuple(units.values()),
            element_hints=hints,
            origin=self.origin,
        )

    def units(self, raw: Any) -> dict[str, Unit]:
        if not isinstance(raw, Mapping):
            self.add("units", "expected a mapping of unit code to {id, en} labels")
            return {}
        out = {}
        for code, label in raw.items():
            if not isinstance(code, str) or not CODE_RE.match(code):
                self.add(f"units.{code}", "unit codes must be snake_case")
                continue
            out[code] = Unit(code, self.text(label, f"units.{code}"))
        return out

    def choice_list(self, raw: Any, path: str) -> tuple[Choice, ...]:
        if not isinstance(raw, list) or not raw:
            self.add(path, "expected a non-empty list of {value, label} choices")
            return ()
        out: list[Choice] = []
        seen: set[str] = set()
        for i, item in enumerate(raw):
            where = f"{path}[{i}]"
            if not isinstance(item, Mapping):
                self.add(where, "expected a mapping with 'value' and 'label'")
                continue
            self.unknown_keys(item, {"value", "label"}, where)
            value = item.get("value")
            if not isinstance(value, str) or not CHOICE_VALUE_RE.match(value):
                self.add(where, f"choice value {value!r} must be lower-case letters, digits and '_'")
                continue
            if value in seen:
                self.add(where, f"duplicate choice value {value!r}")
            seen.add(value)
            label = self.text(item.get("label"), f"{where}.label")
            for lang in ("id", "en"):
                if "," in label.get(lang):
                    # Excel drop-down lists are comma-separated: a comma would split the label in two.
                    self.add(f"{where}.label.{lang}", f"choice labels may not contain commas: {label.get(lang)!r}")
            out.append(Choice(value, label))
        return tuple(out)

    def choice_sets(self, raw: Any) -> dict[str, tuple[Choice, ...]]:
        if not isinstance(raw, Mapping):
            self.add("choice_sets", "expected a mapping of set name to a list of choices")
            return {}
        return {name: self.choice_list(items, f"choice_sets.{name}") for name, items in raw.items()}

    def sections(self, raw: Any) -> list[tuple[str, Text, Text]]:
        if not isinstance(raw, list) or not raw:
            self.add("sections", "expected a non-empty list of sections")
            return []
        out: list[tuple[str, Text, Text]] = []
        seen: set[str] = set()
        for i, item in enumerate(raw):
            where = f"sections[{i}]"
            if not isinstance(item, Mapping):
                self.add(where, "expected a mapping")
                continue
            code = item.get("code")
            if isinstance(code, str):
                where = f"{where} {code!r}"
            self.unknown_keys(item, SECTION_KEYS, where)
            if not isinstance(code, str) or not CODE_RE.match(code):
                self.add(where, f"section code {code!r} must be snake_case")
                continue
            if code in seen:
                self.add(where, f"duplicate section code {code!r}")
                continue
            seen.add(code)
            out.append(
                (code, self.text(item.get("label"), f"{where}.label"), self.text(item.get("help"), f"{where}.help"))
            )
        return out

    def fields(
        self,
        raw: Any,
        section_codes: set[str],
        units: dict[str, Unit],
        choice_sets: dict[str, tuple[Choice, ...]],
    ) -> list[Field]:
        if not isinstance(raw, list) or not raw:
            self.add("fields", "expected a non-empty list of fields")
            return []
        out: list[Field] = []
        seen: dict[str, int] = {}
        for i, item in enumerate(raw):
            where = f"fields[{i}]"
            if not isinstance(item, Mapping):
                self.add(where, "expected a mapping")
                continue
            code = item.get("code")
            if isinstance(code, str):
                where = f"{where} {code!r}"
            self.unknown_keys(item, FIELD_KEYS, where)
            if not isinstance(code, str) or not CODE_RE.match(code):
                self.add(where, f"field code {code!r} must be snake_case (e.g. 'pop_male')")
                continue
            if code in seen:
                self.add(where, f"duplicate field code {code!r} (first defined at fields[{seen[code]}])")
                continue
            seen[code] = i
            field = self.field(item, code, where, section_codes, units, choice_sets)
            if field is not None:
                out.append(field)
        return out

    def field(
        self,
        item: Mapping[str, Any],
        code: str,
        where: str,
        section_codes: set[str],
        units: dict[str, Unit],
        choice_sets: dict[str, tuple[Choice, ...]],
    ) -> Field | None:
        n_before = len(self.problems)
        section = item.get("section")
        if section not in section_codes:
            self.add(f"{where}.section", f"unknown section {section!r} (sections: {', '.join(sorted(section_codes))})")
        ftype = item.get("type")
        if ftype not in FIELD_TYPES:
            self.add(f"{where}.type", f"unknown type {ftype!r} (types: {', '.join(FIELD_TYPES)})")
        source = item.get("source", "entry")
        if source not in SOURCES:
            self.add(f"{where}.source", f"unknown source {source!r} (sources: {', '.join(SOURCES)})")
        numeric = ftype in NUMERIC_TYPES

        unit = None
        if "unit" in item:
            if not numeric:
                self.add(f"{where}.unit", f"a unit is only allowed on numeric fields, not on type {ftype!r}")
            elif item["unit"] not in units:
                self.add(f"{where}.unit", f"unknown unit {item['unit']!r} (units: {', '.join(sorted(units))})")
            else:
                unit = units[item["unit"]]

        lo = self.number(item.get("min"), f"{where}.min")
        hi = self.number(item.get("max"), f"{where}.max")
        if not numeric and ("min" in item or "max" in item):
            self.add(where, f"min/max are only allowed on numeric fields, not on type {ftype!r}")
        if ftype == "percent":
            lo = 0 if lo is None else lo
            hi = 100 if hi is None else hi
            if lo < 0 or hi > 100:
                self.add(where, f"percent bounds must lie within 0-100, got min {lo} and max {hi}")
        if lo is not None and hi is not None and lo > hi:
            self.add(where, f"min {lo} is greater than max {hi}")

        decimals = item.get("decimals")
        if decimals is not None:
            if ftype not in ("decimal", "percent"):
                self.add(f"{where}.decimals", f"decimals are only allowed on decimal and percent fields, not {ftype!r}")
            elif isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= 6:
                self.add(f"{where}.decimals", f"expected an integer from 0 to 6, got {decimals!r}")

        max_length = item.get("max_length")
        if ftype == "text":
            if isinstance(max_length, bool) or not isinstance(max_length, int) or max_length < 1:
                self.add(f"{where}.max_length", f"text fields need a positive max_length, got {max_length!r}")
        elif max_length is not None:
            self.add(f"{where}.max_length", f"max_length is only allowed on text fields, not {ftype!r}")

        choices: tuple[Choice, ...] = ()
        raw_choices = item.get("choices")
        if ftype == "choice":
            if raw_choices is None:
                self.add(where, "a choice field needs 'choices' (a list or the name of a choice set)")
            elif isinstance(raw_choices, str):
                if raw_choices not in choice_sets:
                    self.add(
                        f"{where}.choices",
                        f"unknown choice set {raw_choices!r} (sets: {', '.join(sorted(choice_sets))})",
                    )
                else:
                    choices = choice_sets[raw_choices]
            else:
                choices = self.choice_list(raw_choices, f"{where}.choices")
        elif raw_choices is not None:
            self.add(f"{where}.choices", f"choices are only allowed on choice fields, not on type {ftype!r}")

        required = item.get("required", False)
        if not isinstance(required, bool):
            self.add(f"{where}.required", f"expected true or false, got {required!r}")
        elif required and source != "entry":
            self.add(f"{where}.required", f"a {source} field is not entered and cannot be required")

        sum_of = item.get("sum_of")
        if source == "derived":
            if sum_of is None:
                self.add(where, "a derived field needs 'sum_of' (the fields it adds up)")
            sum_codes = self.code_list(sum_of, f"{where}.sum_of") if sum_of is not None else ()
            if not numeric:
                self.add(f"{where}.type", "a derived field must be numeric")
        else:
            sum_codes = ()
            if sum_of is not None:
                self.add(f"{where}.sum_of", "sum_of is only allowed on derived fields (source: derived)")

        group = item.get("group")
        if group is not None and (not isinstance(group, str) or not CODE_RE.match(group)):
            self.add(f"{where}.group", f"group {group!r} must be snake_case")

        label = self.text(item.get("label"), f"{where}.label")
        help_ = self.text(item.get("help"), f"{where}.help")
        if len(self.problems) > n_before:
            return None
        return Field(
            code=code,
            section=str(section),
            type=str(ftype),
            label=label,
            help=help_,
            source=str(source),
            unit=unit,
            min=lo,
            max=hi,
            decimals=decimals,
            max_length=max_length if ftype == "text" else None,
            required=bool(required),
            choices=choices,
            group=group,
            sum_of=sum_codes,
        )

    def check_derived(self, fields: Iterable[Field], by_code: dict[str, Field]) -> None:
        for f in fields:
            for term in f.sum_of:
                other = by_code.get(term)
                if other is None:
                    self.add(f"fields {f.code!r}.sum_of", f"unknown field {term!r}")
                elif not other.is_entered or not other.is_numeric:
                    self.add(f"fields {f.code!r}.sum_of", f"{term!r} must be a numeric entered field")

    def rules(self, raw: Any, by_code: dict[str, Field]) -> tuple[Rule, ...]:
        if not isinstance(raw, list):
            self.add("rules", "expected a list of rules")
            return ()
        out: list[Rule] = []
        seen: set[str] = set()
        for i, item in enumerate(raw):
            where = f"rules[{i}]"
            if not isinstance(item, Mapping):
                self.add(where, "expected a mapping")
                continue
            code = item.get("code")
            if isinstance(code, str):
                where = f"{where} {code!r}"
            self.unknown_keys(item, RULE_KEYS, where)
            if not isinstance(code, str) or not CODE_RE.match(code):
                self.add(where, f"rule code {code!r} must be snake_case")
                continue
            if code in seen:
                self.add(where, f"duplicate rule code {code!r}")
                continue
            seen.add(code)
            kind = item.get("kind")
            if kind == "at_most":
                rule = self.at_most_rule(item, code, where, by_code)
            elif kind == "only_if":
                rule = self.only_if_rule(item, code, where, by_code)
            else:
                self.add(f"{where}.kind", f"unknown rule kind {kind!r} (kinds: {', '.join(RULE_KINDS)})")
                rule = None
            if rule is not None:
                out.append(rule)
        return tuple(out)

    def known_fields(self, codes: tuple[str, ...], path: str, by_code: dict[str, Field], *, numeric: bool) -> bool:
        ok = True
        for code in codes:
            f = by_code.get(code)
            if f is None:
                self.add(path, f"unknown field {code!r}")
                ok = False
            elif f.source == "region":
                self.add(path, f"field {code!r} comes from the region register and cannot be used in a rule")
                ok = False
            elif numeric and not f.is_numeric:
                self.add(path, f"field {code!r} is not numeric (type {f.type!r})")
                ok = False
        return ok

    def at_most_rule(self, item: Mapping[str, Any], code: str, where: str, by_code: dict[str, Field]) -> Rule | None:
        left = self.code_list(item.get("left"), f"{where}.left")
        ok = bool(left) and self.known_fields(left, f"{where}.left", by_code, numeric=True)
        has_right, has_limit = "right" in item, "limit" in item
        if has_right == has_limit:
            self.add(where, "an at_most rule needs exactly one of 'right' (field codes) or 'limit' (a number)")
            return None
        if has_right:
            right = self.code_list(item.get("right"), f"{where}.right")
            ok = ok and bool(right) and self.known_fields(right, f"{where}.right", by_code, numeric=True)
            return Rule(code, "at_most", left=left, right=right) if ok else None
        limit = self.number(item.get("limit"), f"{where}.limit")
        return Rule(code, "at_most", left=left, limit=limit) if ok and limit is not None else None

    def only_if_rule(self, item: Mapping[str, Any], code: str, where: str, by_code: dict[str, Field]) -> Rule | None:
        fields = self.code_list(item.get("fields"), f"{where}.fields")
        ok = bool(fields) and self.known_fields(fields, f"{where}.fields", by_code, numeric=False)
        condition = item.get("condition")
        if not isinstance(condition, Mapping) or "field" not in condition:
            self.add(f"{where}.condition", "expected {field: CODE} or {field: CODE, in: [choice values]}")
            return None
        self.unknown_keys(condition, {"field", "in"}, f"{where}.condition")
        cfield = condition["field"]
        if not self.known_fields((cfield,), f"{where}.condition", by_code, numeric=False):
            return None
        allowed: tuple[str, ...] = ()
        if "in" in condition:
            target = by_code[cfield]
            values = condition["in"]
            if target.type != "choice":
                self.add(f"{where}.condition.in", f"'in' needs a choice field, {cfield!r} is {target.type!r}")
                return None
            if not isinstance(values, list) or not values:
                self.add(f"{where}.condition.in", "expected a non-empty list of choice values")
                return None
            unknown = [v for v in values if v not in target.choice_values]
            if unknown:
                self.add(f"{where}.condition.in", f"unknown choice value(s) {unknown} of {cfield!r}")
                return None
            allowed = tuple(values)
        return Rule(code, "only_if", fields=fields, condition_field=cfield, condition_in=allowed) if ok else None

    def hints(self, raw: Any, by_code: dict[str, Field]) -> tuple[ElementHint, ...]:
        if not isinstance(raw, list):
            self.add("element_hints", "expected a list")
            return ()
        out: list[ElementHint] = []
        seen: set[str] = set()
        for i, item in enumerate(raw):
            where = f"element_hints[{i}]"
            if not isinstance(item, Mapping):
                self.add(where, "expected a mapping")
                continue
            self.unknown_keys(item, HINT_KEYS, where)
            element = item.get("element")
            if not isinstance(element, str) or not ELEMENT_RE.match(element):
                self.add(where, f"element {element!r} must look like 'dimension.element'")
                continue
            if element in seen:
                self.add(where, f"duplicate element {element!r}")
                continue
            seen.add(element)
            fields = self.code_list(item.get("fields"), f"{where}.fields")
            for code in fields:
                if code not in by_code:
                    self.add(f"{where}.fields", f"unknown field {code!r}")
            out.append(ElementHint(element, self.text(item.get("label"), f"{where}.label"), fields))
        return tuple(out)
