"""Errors of the composite index engine.

Every problem a user can cause (a bad data table, indicator tree or pipeline configuration) is reported as a
:class:`Problem` with structured fields, and all problems of one input are collected before failing, so a web
page or a command can show the whole report at once and translate it from ``reason`` and the fields.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One problem in an input.

    ``table`` is ``"data"``, ``"meta"``, ``"config"`` or ``"log"``; ``reason`` is a stable machine code
    (e.g. ``"unknown_parent"``); ``message`` is an English sentence naming the row / column / code.
    ``row`` is the 1-based data row (the header is not counted), ``column`` a column name, ``code`` an
    indicator or aggregate code, ``value`` the offending value (as text), ``field`` a configuration path.
    """

    table: str
    reason: str
    message: str
    row: int | None = None
    column: str | None = None
    code: str | None = None
    value: str | None = None
    field: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(eq=False)
class IndexInputError(ValueError):
    """Raised with the full list of problems found in an input (never only the first)."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.summary())

    def summary(self, limit: int = 20) -> str:
        lines = [p.message for p in self.problems[:limit]]
        more = len(self.problems) - limit
        if more > 0:
            lines.append(f"... and {more} more problem(s)")
        return f"{len(self.problems)} problem(s) in the index inputs:\n" + "\n".join(f"- {x}" for x in lines)

    def __str__(self) -> str:
        return self.summary()

    def to_dict(self) -> dict[str, Any]:
        return {"problems": [p.to_dict() for p in self.problems]}


class IndexConfigError(IndexInputError):
    """Problems in the pipeline configuration (or in sensitivity assumptions)."""


@dataclass(eq=False)
class IndexMethodError(ValueError):
    """A method cannot be applied to the data it receives (e.g. a geometric mean over zeros).

    ``step`` names the pipeline step, ``codes`` the indicators or aggregates concerned, ``reason`` a stable
    machine code; the message says what to change.
    """

    step: str
    reason: str
    message: str
    codes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


def problem(table: str, reason: str, message: str, **fields: Any) -> Problem:
    """Build a :class:`Problem`, rendering ``value`` as text so that problems stay JSON-able."""
    if "value" in fields and fields["value"] is not None:
        fields["value"] = str(fields["value"])
    return Problem(table=table, reason=reason, message=message, **fields)
