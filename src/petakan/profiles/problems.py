"""Problems found by the profiles app itself (beyond the schema and workbook checks of petakan.lib.profile).

They are :class:`~petakan.lib.profile.Problem` objects like the library's, so pages, commands and tests treat
every problem the same way: ``message(lang)``, ``message_id``, ``message_en`` and the location fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from petakan.lib.profile import Problem

STATUS_TEXT = {
    "not_started": ("belum mulai", "not started"),
    "draft": ("draf", "draft"),
    "submitted": ("diajukan", "submitted"),
    "returned": ("dikembalikan", "returned"),
    "verified": ("diverifikasi", "verified"),
    "published": ("dipublikasikan", "published"),
}

# key -> (Indonesian template, English template)
MESSAGES: dict[str, tuple[str, str]] = {
    "profile_locked": (
        "Profil desa {value} berstatus {status}: hanya profil berstatus draf atau dikembalikan yang dapat diubah.",
        "The profile of village {value} is {status}: only draft or returned profiles can be changed.",
    ),
    "comment_required": (
        "Tulis catatan untuk desa: apa yang harus diperbaiki.",
        "Write a comment for the village: what must be corrected.",
    ),
}


@dataclass(frozen=True)
class AppProblem(Problem):
    """A problem whose message lives in :data:`MESSAGES` (``params`` may use ``status``, a status code)."""

    def message(self, lang: str) -> str:
        templates = MESSAGES[self.key]
        i = 0 if lang == "id" else 1
        params: dict[str, Any] = dict(self.params)
        if "status" in params:
            params["status"] = STATUS_TEXT[str(params["status"])][i]
        return templates[i].format(**params)

    @property
    def message_id(self) -> str:
        return self.message("id")

    @property
    def message_en(self) -> str:
        return self.message("en")
