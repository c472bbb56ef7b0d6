"""Turn raw profile values into an item score with the published rubric fragments of an edition.

Only fragments of the Kemendesa 0–5 score tables are published (spec: shared/spec/methodology/idm.md, section
4). A rubric here is the list of those fragments as rules; the first rule whose conditions all hold gives the
score and its text is shown as the reason. When no rule covers the values, the result has no score and says
so: the score must then be entered — a rubric never guesses between published points.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from petakan.lib.idm.edition import Edition, Item, LocalText, Rule

Outcome = Literal["matched", "no_rubric", "missing_input", "invalid_input", "no_rule"]


@dataclass(frozen=True)
class RubricResult:
    """The derived score (None unless ``outcome == "matched"``), the rule used and the values it looked at."""

    item: str
    outcome: Outcome
    score: int | None = None
    rule: Rule | None = None
    values: Mapping[str, Any] = field(default_factory=dict)
    fields: tuple[str, ...] = ()  # the inputs concerned by a missing_input / invalid_input outcome
    detail: str = ""

    @property
    def text(self) -> LocalText | None:
        """The rubric text of the rule that gave the score (to show next to it)."""
        return self.rule.text if self.rule else None


def apply_rubric(item: Item, profile: Mapping[str, Any]) -> RubricResult:
    """Score one item from profile values (a mapping input name -> value) with the item's rubric.

    Numbers are int/float/Decimal (not bool), yes/no inputs are bool, categories one of the declared values.
    A derived ratio ``a / b`` needs b ≠ 0. Outcomes: ``matched`` (score and rule), ``no_rubric`` (the edition
    publishes none for the item), ``missing_input``/``invalid_input`` (``fields`` names them), ``no_rule``
    (the values fall between the published fragments: enter the score).
    """
    rubric = item.rubric
    if rubric is None:
        return RubricResult(item.code, "no_rubric", detail=f"{item.code}: no published rubric; enter the score")
    values: dict[str, Any] = {}
    missing: list[str] = []
    invalid: list[str] = []
    for name, spec in rubric.inputs.items():
        value = profile.get(name)
        if value is None:
            missing.append(name)
            continue
        if spec.type == "number":
            if isinstance(value, bool) or not isinstance(value, int | float | Decimal) or value != value or value < 0:
                invalid.append(name)
                continue
            values[name] = float(value) if isinstance(value, Decimal) else value
        elif spec.type == "boolean":
            if not isinstance(value, bool):
                invalid.append(name)
                continue
            values[name] = value
        else:
            if value not in spec.values:
                invalid.append(name)
                continue
            values[name] = value
    if missing:
        return RubricResult(
            item.code,
            "missing_input",
            values=values,
            fields=tuple(missing),
            detail=f"{item.code}: missing profile value(s) {', '.join(missing)}",
        )
    if invalid:
        described = ", ".join(f"{name}={profile.get(name)!r} ({_expected(item, name)})" for name in invalid)
        return RubricResult(
            item.code,
            "invalid_input",
            values=values,
            fields=tuple(invalid),
            detail=f"{item.code}: invalid {described}",
        )
    for name, (numerator, denominator) in rubric.derived.items():
        if values[denominator] == 0:
            return RubricResult(
                item.code,
                "invalid_input",
                values=values,
                fields=(denominator,),
                detail=f"{item.code}: {name} = {numerator} / {denominator} needs {denominator} > 0",
            )
        values[name] = values[numerator] / values[denominator]
    for rule in rubric.rules:
        if all(condition.holds(values[condition.field]) for condition in rule.conditions):
            return RubricResult(item.code, "matched", rule.score, rule, values)
    shown = ", ".join(f"{name} = {_show(value)}" for name, value in values.items())
    return RubricResult(
        item.code,
        "no_rule",
        values=values,
        detail=f"{item.code}: {shown} matches no published rule; enter the score",
    )


def derive_scores(edition: Edition, profile: Mapping[str, Any]) -> dict[str, RubricResult]:
    """Apply every item's rubric to one village's profile values; keyed by item code, edition order."""
    return {item.code: apply_rubric(item, profile) for item in edition.items}


def rubric_inputs(edition: Edition) -> dict[str, list[str]]:
    """Profile value names the rubrics read, with the items using each (to map profile fields onto them)."""
    used: dict[str, list[str]] = {}
    for item in edition.items:
        if item.rubric is not None:
            for name in item.rubric.inputs:
                used.setdefault(name, []).append(item.code)
    return used


def _expected(item: Item, name: str) -> str:
    assert item.rubric is not None
    spec = item.rubric.inputs[name]
    if spec.type == "number":
        return "expected a number ≥ 0"
    if spec.type == "boolean":
        return "expected true or false"
    return f"expected one of {', '.join(spec.values)}"


def _show(value: Any) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)
