"""IDM numbers in the current language's format: 4 decimals, decimal comma in Indonesian ("0,6419")."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


def _undefined(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


def _fixed(value: float, decimals: int) -> Decimal:
    # IDM values are fractions of small integers (N / 6300): never a tie at the 5th decimal, so rounding the float
    # half-up gives the library's exact half-up text.
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


@register.filter
def idm4(value: float | None, decimals: int = 4) -> str:
    """0.641904…|idm4 → '0,6419' (id) / '0.6419' (en); None or NaN → '–'."""
    if _undefined(value):
        return "–"
    return number_format(_fixed(float(value), int(decimals)), int(decimals), use_l10n=True)  # type: ignore[arg-type]


@register.filter
def signed4(value: float | None, decimals: int = 4) -> str:
    """A difference or a gain with its sign: '+0,0019', '−0,0012', '0,0000'."""
    if _undefined(value):
        return "–"
    fixed = _fixed(float(value), int(decimals))  # type: ignore[arg-type]
    text = number_format(abs(fixed), int(decimals), use_l10n=True)
    if fixed > 0:
        return f"+{text}"
    if fixed < 0:
        return f"−{text}"
    return text
