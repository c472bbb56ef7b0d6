"""Filters of the monitoring pages."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def pct(value: float | None) -> str:
    """A percentage with one decimal in the reader's style ("42,5 %"); "—" when there is none (nothing planned)."""
    if value is None:
        return "—"
    return f"{number_format(round(value, 1), 1)} %"  # number_format cuts decimals off; round first
