"""Numbers for people, in the current language's format (Indonesian 1.234,56; English 1,234.56)."""

from __future__ import annotations

import math

from django.utils.formats import number_format


def format_number(value: float | None, decimals: int = 2) -> str:
    """Rounded (not truncated, as Django's number_format does with floats) and grouped; None or NaN → '–'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    rounded = round(float(value), decimals) + 0.0  # + 0.0 turns -0.0 into 0.0
    return number_format(rounded, decimals, use_l10n=True, force_grouping=True)
