"""The upload guard of :mod:`petakan.lib.uploads` with the limits from the settings, for every importer.

``PETAKAN_UPLOAD_LIMITS`` gives the largest file per kind (bytes) and ``PETAKAN_UPLOAD_CELL_CHARS`` the longest cell
text; each importer adds the rows and columns its template allows for its scope.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import get_language

from petakan.lib.uploads import Limits, UploadError


def limits(kind: str, **caps: Any) -> Limits:
    """The limits for a ``kind`` of file (a key of ``PETAKAN_UPLOAD_LIMITS``) with the importer's own ``caps``
    (``max_rows``, ``max_columns``, ``max_features``, …)."""
    return Limits(
        kind=kind,
        max_bytes=int(settings.PETAKAN_UPLOAD_LIMITS[kind]),
        max_cell_chars=int(settings.PETAKAN_UPLOAD_CELL_CHARS),
        **caps,
    )


def max_bytes(kind: str) -> int:
    return int(settings.PETAKAN_UPLOAD_LIMITS[kind])


def message(error: UploadError) -> str:
    """The guard's sentence in the current language."""
    return error.text("en" if (get_language() or "id").startswith("en") else "id")
