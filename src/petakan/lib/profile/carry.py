"""Next year's profile starts from last year's: which values are carried over, and when they count.

A village opening the profile of a year for which it has nothing sees its last *published* values, each marked
"from <year> — check". A carried value is not part of the profile's values (so it counts for no completeness and
no submission) until the village confirms its section ("all still correct") or changes it.

A field whose *definition* changed between the two schema versions (type, unit or choices: see
:func:`field_fingerprint`) is not carried over: a number in hectares must not become a number in km², nor an old
choice a value the new list does not have.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .schema import Field, Schema
from .values import Value


def field_fingerprint(f: Field) -> str:
    """A short hash of what a stored value of ``f`` means: its type, unit code and choice values (in order).

    Labels, help texts and bounds may change without changing the meaning of a value already stored.
    """
    meaning = {
        "type": f.type,
        "unit": f.unit.code if f.unit is not None else None,
        "choices": [c.value for c in f.choices],
    }
    return hashlib.sha256(json.dumps(meaning, sort_keys=True).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class CarryOver:
    """The values carried from the published profile of ``from_year`` (awaiting confirmation) and the fields
    left behind because their definition changed."""

    from_year: int
    values: dict[str, Value]
    changed: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        """How a profile stores it (``Profile.carried``)."""
        return {"from": self.from_year, "values": dict(self.values), "changed": list(self.changed)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> CarryOver | None:
        if not data:
            return None
        return cls(int(data["from"]), dict(data.get("values") or {}), tuple(data.get("changed") or ()))


def carry_over(old: Schema, new: Schema, values: Mapping[str, Value], *, from_year: int) -> CarryOver:
    """The entered values of a profile of schema ``old`` that a profile of schema ``new`` may start from.

    Kept: every filled value of an entered field of ``new`` whose fingerprint is the same in ``old``. Left
    behind (listed in ``changed``): filled values whose field changed definition or no longer exists as an entered
    field in ``old``. Fields of ``old`` that ``new`` dropped are silently left behind.
    """
    kept: dict[str, Value] = {}
    changed: list[str] = []
    for f in new.fields:
        value = values.get(f.code)
        if value is None:
            continue
        before = old.field(f.code) if old.has_field(f.code) else None
        if before is not None and before.is_entered and field_fingerprint(before) == field_fingerprint(f):
            kept[f.code] = value
        else:
            changed.append(f.code)
    return CarryOver(from_year, kept, tuple(changed))


def settle_section(
    carried: Mapping[str, Value], typed: Mapping[str, Value], *, confirm: bool
) -> tuple[dict[str, Value], dict[str, Value]]:
    """What a save of one section keeps: ``(values to save, values still carried)``.

    ``typed`` is the section's input (field → value, None for empty). A carried field is saved when the section
    is confirmed or when its input differs from the carried value (emptying it is a change too); otherwise it
    stays carried, unsaved. Fields not in ``typed`` keep their carried state.
    """
    to_save: dict[str, Value] = {}
    still: dict[str, Value] = {k: v for k, v in carried.items() if k not in typed}
    for code, value in typed.items():
        if code in carried and not confirm and _same(value, carried[code]):
            still[code] = carried[code]
        else:
            to_save[code] = value
    return to_save, still


def _same(a: Value, b: Value) -> bool:
    # 2 == 2.0 but True is not 1: a boolean stays a boolean
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return a == b
