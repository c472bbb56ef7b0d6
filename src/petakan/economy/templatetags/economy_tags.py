"""Numbers on the economy pages, in the current language's format (Indonesian: 1.234,56), "–" when undefined."""

from __future__ import annotations

import math

from django import template

from petakan.economy.formatting import format_number

register = template.Library()


def _undefined(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


@register.filter
def num(value: float | None, decimals: int = 2) -> str:
    """1234.5|num:2 → '1.234,50' (id) / '1,234.50' (en); None or NaN → '–'."""
    if _undefined(value):
        return "–"
    return format_number(float(value), int(decimals))  # type: ignore[arg-type]


@register.filter
def pct(value: float | None, decimals: int = 2) -> str:
    """A fraction as percent: 0.0523|pct → '5,23 %'."""
    if _undefined(value):
        return "–"
    return f"{num(float(value) * 100.0, decimals)} %"  # type: ignore[arg-type]


@register.filter
def billion(value: float | None, decimals: int = 0) -> str:
    """Juta rupiah shown as miliar rupiah: 7_000_000 → '7.000'."""
    if _undefined(value):
        return "–"
    return num(float(value) / 1000.0, decimals)  # type: ignore[arg-type]
