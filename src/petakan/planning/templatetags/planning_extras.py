from __future__ import annotations

from typing import Any

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def year_value(mapping: dict[str, Any] | None, year: int) -> Any:
    """``targets|year_value:2024`` — JSON maps keep years as strings."""
    if not mapping:
        return ""
    return mapping.get(str(year), "")


@register.filter
def score(value: float | None) -> str:
    """One decimal in the visitor's language (72,5 in Indonesian); a dash for "no score"."""
    return "—" if value is None else floatformat(value, 1)
