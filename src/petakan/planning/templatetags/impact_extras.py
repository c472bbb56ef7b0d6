from __future__ import annotations

from typing import Any

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def signed(value: float | None) -> str:
    """A change with its sign and one decimal in the visitor's language ("+1,2", "−0,4"); what rounds to zero has
    no sign, and "no value" is a dash."""
    if value is None:
        return "—"
    text = floatformat(abs(value), 1)
    if text == floatformat(0, 1):
        return text
    return ("+" if value > 0 else "−") + text


@register.filter
def get(mapping: dict[str, Any] | None, key: str) -> Any:
    """``zone_names|get:v.zone`` — a dictionary looked up by a variable key."""
    return (mapping or {}).get(key, "")
