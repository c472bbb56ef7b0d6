"""Profile values: coercion of raw input, validation against the schema, derived fields and completeness.

A *profile* is a dict ``{field code: value}`` over the entered fields (``Schema.fields``). Values are typed:
``int`` for integer fields, ``float`` for decimal and percent fields (percent on a 0–100 scale), ``bool`` for
boolean fields, the choice ``value`` (``str``) for choice fields, ``str`` for text, and ``None`` for "not
filled in". :func:`coerce` turns raw input (form text, Excel cells) into that; :func:`validate_values` checks
typed values; :func:`clean_values` does both.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from .messages import Problem, Text
from .schema import Field, Rule, Schema

Value = int | float | bool | str | None

TRUE_WORDS = frozenset({"ya", "y", "yes", "true", "benar", "ada", "1"})
FALSE_WORDS = frozenset({"tidak", "t", "no", "n", "false", "salah", "tidak ada", "0"})

_SPACES = re.compile(r"[\s\u00a0\u2009\u202f]+")
_PLAIN = re.compile(r"^\d+(?:[.,]\d+)?$")
_THOUSANDS_DOT = re.compile(r"^[1-9]\d{0,2}(?:\.\d{3})+$")
_THOUSANDS_COMMA = re.compile(r"^[1-9]\d{0,2}(?:,\d{3})+$")


class CoercionError(ValueError):
    """Raw input that cannot be read as the field's type; carries the message ``key`` and ``params``."""

    def __init__(self, field: Field, raw: Any, key: str, params: dict[str, Any]):
        self.field = field
        self.raw = raw
        self.key = key
        self.params = params
        super().__init__(f"{field.code}: {self.problem().message_en}")

    def problem(self) -> Problem:
        return Problem(self.key, self.params, field=self.field.code, value=self.raw)


def parse_number(text: str) -> int | float:
    """Read a number written the Indonesian way (or the English way where that is unambiguous).

    Rules, with examples:

    - spaces are ignored: ``"1 234"`` → 1234; a leading ``+``/``-`` sign is kept;
    - both ``.`` and ``,`` present: the last one is the decimal separator and the other must group thousands:
      ``"1.234,5"`` → 1234.5, ``"1,234.5"`` → 1234.5;
    - only ``,``: one comma is the Indonesian decimal comma (``"1,5"`` → 1.5, ``"1,234"`` → 1.234); several
      group thousands (``"1,234,567"`` → 1234567);
    - only ``.``: dots that group thousands with a leading digit 1–9 are thousands separators
      (``"1.234"`` → 1234, ``"12.345.678"`` → 12345678); any other single dot is a decimal point
      (``"2.5"`` → 2.5, ``"0.500"`` → 0.5, ``"1234.5"`` → 1234.5).

    Returns an ``int`` when there is no fractional part, else a ``float``. Raises ValueError otherwise.
    """
    s = _SPACES.sub("", text)
    sign = 1
    if s[:1] in "+-" and s:
        sign = -1 if s[0] == "-" else 1
        s = s[1:]
    if not s or not s[0].isdigit():
        raise ValueError(f"not a number: {text!r}")
    has_dot, has_comma = "." in s, "," in s
    if has_dot and has_comma:
        decimal_sep = "." if s.rfind(".") > s.rfind(",") else ","
        group_sep = "," if decimal_sep == "." else "."
        whole, _, frac = s.rpartition(decimal_sep)
        grouping = _THOUSANDS_COMMA if group_sep == "," else _THOUSANDS_DOT
        if not grouping.match(whole) or not frac.isdigit():
            raise ValueError(f"not a number: {text!r}")
        digits = whole.replace(group_sep, "") + "." + frac
    elif has_comma:
        if s.count(",") > 1:
            if not _THOUSANDS_COMMA.match(s):
                raise ValueError(f"not a number: {text!r}")
            digits = s.replace(",", "")
        else:
            if not _PLAIN.match(s):
                raise ValueError(f"not a number: {text!r}")
            digits = s.replace(",", ".")
    elif has_dot:
        if _THOUSANDS_DOT.match(s):
            digits = s.replace(".", "")
        elif s.count(".") == 1 and _PLAIN.match(s):
            digits = s
        else:
            raise ValueError(f"not a number: {text!r}")
    else:
        if not s.isdigit():
            raise ValueError(f"not a number: {text!r}")
        digits = s
    if "." in digits:
        whole, frac = digits.split(".")
        if set(frac) <= {"0"}:
            return sign * int(whole)
        return sign * float(digits)
    return sign * int(digits)


def _is_missing(raw: Any) -> bool:
    if raw is None or raw is pd.NA or raw is pd.NaT:
        return True
    if isinstance(raw, float) and math.isnan(raw):
        return True
    return isinstance(raw, str) and not raw.strip()


def coerce(field: Field, raw: Any) -> Value:
    """Turn raw input into the field's typed value (see the module docstring); ``None`` for empty input.

    Numbers may be given as numbers or as text in Indonesian format (:func:`parse_number`); a percent may end
    in ``%``. Booleans accept Ya/Tidak, Yes/No, Ada/Tidak ada, true/false, 1/0. A choice accepts its value or
    its label in either language (case-insensitive). Ranges are not checked here (see
    :func:`validate_values`). Raises :class:`CoercionError`.
    """
    # Fast paths for what spreadsheets mostly hold: plain numbers of the right kind.
    kind = type(raw)
    if kind is int and field.type == "integer":
        return raw
    if kind is float and field.type in ("decimal", "percent") and math.isfinite(raw):
        return raw
    if _is_missing(raw):
        return None
    if isinstance(raw, np.generic):
        raw = raw.item()
    if isinstance(raw, str):
        raw = raw.strip()
    if field.is_numeric:
        return _coerce_number(field, raw)
    if field.type == "boolean":
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int | float) and raw in (0, 1):
            return bool(raw)
        if isinstance(raw, str) and raw.casefold() in TRUE_WORDS:
            return True
        if isinstance(raw, str) and raw.casefold() in FALSE_WORDS:
            return False
        raise CoercionError(field, raw, "not_a_boolean", {"value": raw})
    if field.type == "choice":
        if isinstance(raw, str):
            folded = raw.casefold()
            for choice in field.choices:
                if folded in (choice.value.casefold(), choice.label.id.casefold(), choice.label.en.casefold()):
                    return choice.value
        raise CoercionError(field, raw, "not_a_choice", {"value": raw, "choices": [c.label for c in field.choices]})
    # text
    if isinstance(raw, bool):
        raise CoercionError(field, raw, "not_text", {"value": raw})
    if isinstance(raw, numbers.Integral):
        return str(int(raw))
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else repr(raw)
    if isinstance(raw, str):
        return raw
    raise CoercionError(field, raw, "not_text", {"value": raw})


def _coerce_number(field: Field, raw: Any) -> Value:
    if isinstance(raw, bool):
        raise CoercionError(field, raw, "not_a_number", {"value": raw})
    if isinstance(raw, str):
        text = raw[:-1].rstrip() if field.type == "percent" and raw.endswith("%") else raw
        try:
            number: int | float = parse_number(text)
        except ValueError:
            raise CoercionError(field, raw, "not_a_number", {"value": raw}) from None
    elif isinstance(raw, numbers.Real):
        number = raw
    else:
        raise CoercionError(field, raw, "not_a_number", {"value": raw})
    if isinstance(number, float) and not math.isfinite(number):
        raise CoercionError(field, raw, "not_a_number", {"value": raw})
    if field.type == "integer":
        if isinstance(number, float):
            if not number.is_integer():
                raise CoercionError(field, raw, "not_a_whole_number", {"value": number})
            return int(number)
        return int(number)
    return float(number)


def _type_problem(field: Field, value: Any) -> Problem | None:
    """A problem if ``value`` (not None) is not of the field's Python type."""
    ok: bool
    # numbers.Integral/Real also admit numpy scalars; bool is an int subclass and is excluded.
    if field.type == "integer":
        ok = isinstance(value, numbers.Integral) and not isinstance(value, bool | np.bool_)
        if not ok and isinstance(value, float) and math.isfinite(value):
            return Problem("not_a_whole_number", {"value": value}, field=field.code, value=value)
    elif field.type in ("decimal", "percent"):
        ok = isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_) and math.isfinite(value)
    elif field.type == "boolean":
        if not isinstance(value, bool | np.bool_):
            return Problem("not_a_boolean", {"value": value}, field=field.code, value=value)
        return None
    elif field.type == "choice":
        if value not in field.choice_values:
            params = {"value": value, "choices": [c.label for c in field.choices]}
            return Problem("not_a_choice", params, field=field.code, value=value)
        return None
    else:
        if not isinstance(value, str):
            return Problem("not_text", {"value": value}, field=field.code, value=value)
        return None
    if not ok:
        return Problem("not_a_number", {"value": value}, field=field.code, value=value)
    return None


def check_field(field: Field, value: Value) -> list[Problem]:
    """Type and range problems of one typed, non-empty value."""
    problem = _type_problem(field, value)
    if problem is not None:
        return [problem]
    out = []
    if field.is_numeric:
        if field.min is not None and value < field.min:  # type: ignore[operator]
            out.append(Problem("below_min", {"value": value, "min": field.min}, field=field.code, value=value))
        if field.max is not None and value > field.max:  # type: ignore[operator]
            out.append(Problem("above_max", {"value": value, "max": field.max}, field=field.code, value=value))
    elif field.type == "text" and field.max_length is not None and len(value) > field.max_length:  # type: ignore[arg-type]
        params = {"length": len(value), "max_length": field.max_length}  # type: ignore[arg-type]
        out.append(Problem("text_too_long", params, field=field.code, value=value))
    return out


def derive(schema: Schema, values: Mapping[str, Value]) -> dict[str, Value]:
    """The derived fields of one profile: each ``sum_of`` field is the sum of its terms, None if one is missing.

    Example: ``pop_total = pop_male + pop_female``.
    """
    out: dict[str, Value] = {}
    for f in schema.derived_fields:
        terms = [values.get(c) for c in f.sum_of]
        if any(t is None or isinstance(t, bool) or not isinstance(t, int | float) for t in terms):
            out[f.code] = None
        else:
            total = sum(terms)  # type: ignore[arg-type]
            out[f.code] = int(total) if f.type == "integer" else float(total)
    return out


def _filled(value: Value) -> bool:
    """Filled for only_if rules: not empty, not 0, not No."""
    return value is not None and value is not False and value != 0 and value != ""


def _labels(schema: Schema, codes: tuple[str, ...]) -> list[Text]:
    return [schema.field(c).label for c in codes]


def _sum_of_labels(schema: Schema, codes: tuple[str, ...]) -> Text:
    # " + " rather than commas: several labels contain commas themselves.
    labels = _labels(schema, codes)
    return Text(" + ".join(t.id for t in labels), " + ".join(t.en for t in labels))


def check_rules(schema: Schema, values: Mapping[str, Value]) -> list[Problem]:
    """Problems with the cross-field rules, for typed values (invalid values should be removed first).

    ``at_most``: Σ left ≤ Σ right (or ≤ limit); checked when the right side is complete and either the left
    side is complete or its filled part already decides (non-negative terms). ``only_if``: the dependent fields
    are filled (not empty, 0 or No) only if the condition holds; checked when the condition field is filled.
    """
    full = {**values, **derive(schema, values)}
    out: list[Problem] = []
    for rule in schema.rules:
        if rule.kind == "at_most":
            if _at_most_checkable(schema, rule, full):
                out.extend(_check_at_most(schema, rule, full))
        elif full.get(rule.condition_field) is not None:  # type: ignore[arg-type]
            out.extend(_check_only_if(schema, rule, full))
    return out


def _at_most_checkable(schema: Schema, rule: Rule, values: Mapping[str, Value]) -> bool:
    """Whether the filled values already decide an at_most rule.

    The right side must be complete. On the left, empty terms are allowed when every left field has a
    minimum of 0 or more: filling them in can only raise the sum, so a partial sum above the bound is already
    a violation (e.g. two livelihood shares of 60 and 50).
    """
    if any(values.get(c) is None for c in rule.right):
        return False
    present = [c for c in rule.left if values.get(c) is not None]
    if len(present) == len(rule.left):
        return True
    nonnegative = all(schema.field(c).min is not None and schema.field(c).min >= 0 for c in rule.left)
    return bool(present) and nonnegative


def _total(values: Mapping[str, Value], codes: tuple[str, ...]) -> float | int:
    total = sum(values[c] for c in codes if values.get(c) is not None)  # type: ignore[misc]
    return round(total, 9) if isinstance(total, float) else total


def _check_at_most(schema: Schema, rule: Rule, values: Mapping[str, Value]) -> list[Problem]:
    total = _total(values, rule.left)
    if rule.limit is not None:
        if total <= rule.limit:
            return []
        params = {"fields": _sum_of_labels(schema, rule.left), "total": total, "limit": rule.limit}
        return [Problem("sum_above_limit", params, field=rule.left[0], value=total, rule=rule.code)]
    other = _total(values, rule.right)
    if total <= other:
        return []
    params = {
        "fields": _sum_of_labels(schema, rule.left),
        "total": total,
        "others": _sum_of_labels(schema, rule.right),
        "other_total": other,
    }
    return [Problem("sum_above_other", params, field=rule.left[0], value=total, rule=rule.code)]


def _condition_text(schema: Schema, rule: Rule) -> Text:
    cond = schema.field(rule.condition_field)  # type: ignore[arg-type]
    if rule.condition_in:
        labels = [cond.choice(v).label for v in rule.condition_in]
        return Text(
            f"{cond.label.id} = {' atau '.join(t.id for t in labels)}",
            f"{cond.label.en} is {' or '.join(t.en for t in labels)}",
        )
    if cond.type == "boolean":
        return Text(f"{cond.label.id} = Ya", f"{cond.label.en} is Yes")
    return Text(f"{cond.label.id} diisi lebih dari 0", f"{cond.label.en} is more than 0")


def _check_only_if(schema: Schema, rule: Rule, values: Mapping[str, Value]) -> list[Problem]:
    cond_value = values[rule.condition_field]  # type: ignore[index]
    holds = _filled(cond_value) and (not rule.condition_in or cond_value in rule.condition_in)
    if holds:
        return []
    offending = tuple(c for c in rule.fields if _filled(values.get(c)))
    if not offending:
        return []
    params = {"fields": _labels(schema, offending), "condition": _condition_text(schema, rule)}
    return [Problem("only_if_condition", params, field=offending[0], value=values[offending[0]], rule=rule.code)]


def validate_values(schema: Schema, values: Mapping[str, Value], *, partial: bool) -> list[Problem]:
    """Every problem of one profile's typed values, in schema order (field problems first, then rules).

    Values are typed as :func:`coerce` returns them (numpy scalars are accepted too); text in a numeric
    field is a problem here, not coerced.

    ``partial=True`` checks a draft: empty required fields are allowed. ``partial=False`` checks a profile
    being submitted: every required field must be filled. Keys that are not entered fields are reported
    (``unknown_field``, or ``not_entered`` for region and derived fields). Rules are checked over the values
    that passed their own checks.
    """
    problems: list[Problem] = []
    entered = set(schema.codes)
    for code in values:
        if code in entered:
            continue
        key = "not_entered" if schema.has_field(code) else "unknown_field"
        problems.append(Problem(key, {"field": code}, field=code, value=values[code]))
    valid: dict[str, Value] = {}
    for f in schema.fields:
        value = values.get(f.code)
        if value is None:
            if f.required and not partial:
                problems.append(Problem("required", {}, field=f.code))
            continue
        field_problems = check_field(f, value)
        problems.extend(field_problems)
        if not field_problems:
            valid[f.code] = value
    problems.extend(check_rules(schema, valid))
    return problems


def clean_values(schema: Schema, raw: Mapping[str, Any], *, partial: bool) -> tuple[dict[str, Value], list[Problem]]:
    """Coerce raw input (e.g. form text) and validate it: ``(typed values over all entered fields, problems)``.

    Fields missing from ``raw`` are None. A value that cannot be coerced is reported and left out (None).
    """
    problems: list[Problem] = []
    typed: dict[str, Value] = {}
    for f in schema.fields:
        try:
            typed[f.code] = coerce(f, raw.get(f.code))
        except CoercionError as exc:
            problems.append(exc.problem())
            typed[f.code] = None
    extra = {k: v for k, v in raw.items() if k not in typed}
    coerced_ok = {k: v for k, v in typed.items() if v is not None}
    bad_fields = {p.field for p in problems}
    problems.extend(
        p for p in validate_values(schema, {**coerced_ok, **extra}, partial=partial) if p.field not in bad_fields
    )
    return typed, problems


def completeness(schema: Schema, values: Mapping[str, Value], *, required_only: bool = False) -> float:
    """Share of the entered fields (or of the required ones) that are filled: filled / total, in [0, 1]."""
    fields = schema.required_fields if required_only else schema.fields
    if not fields:
        return 1.0
    return sum(values.get(f.code) is not None for f in fields) / len(fields)


def completeness_frame(schema: Schema, frame: pd.DataFrame, *, required_only: bool = False) -> pd.Series:
    """:func:`completeness` for every row of a villages × fields frame at once (vectorised)."""
    fields = schema.required_fields if required_only else schema.fields
    codes = [f.code for f in fields]
    missing = [c for c in codes if c not in frame.columns]
    if missing:
        raise KeyError(f"the frame lacks profile field column(s): {', '.join(missing)}")
    return frame[codes].notna().mean(axis=1)


def frame_to_records(schema: Schema, frame: pd.DataFrame) -> dict[str, dict[str, Value]]:
    """Rows of a villages × fields frame (index = village code) as typed profile dicts (missing → None)."""
    codes = list(schema.codes)
    missing = [c for c in codes if c not in frame.columns]
    if missing:
        raise KeyError(f"the frame lacks profile field column(s): {', '.join(missing)}")
    out: dict[str, dict[str, Value]] = {}
    converters = [(f.code, _python_converter(f)) for f in schema.fields]
    columns = {code: frame[code].tolist() for code in codes}
    for i, village in enumerate(frame.index):
        out[str(village)] = {code: conv(columns[code][i]) for code, conv in converters}
    return out


def _python_converter(field: Field) -> Any:
    def to_int(v: Any) -> Value:
        return None if _is_missing(v) else int(v)

    def to_float(v: Any) -> Value:
        return None if _is_missing(v) else float(v)

    def to_bool(v: Any) -> Value:
        return None if _is_missing(v) else bool(v)

    def to_str(v: Any) -> Value:
        return None if _is_missing(v) else str(v)

    return {"integer": to_int, "decimal": to_float, "percent": to_float, "boolean": to_bool}.get(field.type, to_str)


# the nullable pandas dtype of each field type in a profiles frame; choice and text stay ``object``
FRAME_DTYPES: dict[str, str] = {"integer": "Int64", "decimal": "Float64", "percent": "Float64", "boolean": "boolean"}


def records_to_frame(schema: Schema, records: Mapping[str, Mapping[str, Value]]) -> pd.DataFrame:
    """Typed profile dicts (village code → values) as a frame with nullable dtypes, index ``village_code``.

    Integer fields become ``Int64``, decimal and percent ``Float64``, boolean ``boolean``, choice and text
    ``object`` (None for missing).
    """
    index = pd.Index(list(records), name="village_code", dtype=object)
    data: dict[str, pd.Series] = {}
    for f in schema.fields:
        column = [records[v].get(f.code) for v in records]
        dtype = FRAME_DTYPES.get(f.type, object)
        data[f.code] = pd.Series(column, index=index, dtype=dtype)
    return pd.DataFrame(data, index=index)
