"""How profile values, sections and history read on a page, in the visitor's language (``"id"`` or ``"en"``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import translation

from petakan.lib.profile import Field, Schema, Value, derive, format_number
from petakan.profiles.models import FieldChange, Profile, WorkflowEvent
from petakan.profiles.problems import STATUS_TEXT
from petakan.regions.models import Area

YES_NO = {"id": ("Ya", "Tidak"), "en": ("Yes", "No")}
EMPTY = "–"
_THOUSANDS_DOT = re.compile(r"^[1-9]\d{0,2}(?:\.\d{3})+$")


def current_lang() -> str:
    """``"en"`` when the visitor chose English, else ``"id"`` (the platform's default)."""
    return "en" if (translation.get_language() or "id").startswith("en") else "id"


def status_label(status: str, lang: str) -> str:
    return STATUS_TEXT[status][0 if lang == "id" else 1]


def display(f: Field, value: Value, lang: str) -> str:
    """A stored value as a visitor reads it: ``1.234 jiwa``, ``45,5 %``, ``Ya``, a choice's label."""
    if value is None:
        return EMPTY
    if f.type == "boolean":
        return YES_NO[lang][0 if value else 1]
    if f.type == "choice":
        try:
            return f.choice(str(value)).label.get(lang)
        except KeyError:
            return str(value)
    if f.is_numeric and isinstance(value, int | float) and not isinstance(value, bool):
        shown = round(value, f.decimals) if f.decimals is not None and isinstance(value, float) else value
        text = format_number(shown, lang)
        if f.type == "percent":
            return f"{text} %"
        return f"{text} {f.unit.label.get(lang)}" if f.unit else text
    return str(value)


def edit_text(f: Field, value: Value, lang: str) -> str:
    """A stored value as the text of a form input, read back exactly by :func:`petakan.lib.profile.coerce`.

    Integers without grouping (``1234``); decimals with the decimal comma in Indonesian (``12,5``) and the
    point in English, where a value like ``1.234`` gets a trailing zero (``1.2340``) because the reader would
    take ``1.234`` for one thousand two hundred thirty-four.
    """
    if value is None:
        return ""
    if f.type == "boolean":
        return "ya" if value else "tidak"
    if f.is_numeric and isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, int) or float(value).is_integer():
            return str(int(value))
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        if lang == "id":
            return text.replace(".", ",")
        return text + "0" if _THOUSANDS_DOT.match(text) else text
    return str(value)


def region_values(area: Area) -> dict[str, Value]:
    """The identity fields of a village, from the region register."""
    return {
        "village_code": area.code,
        "village_name": area.name,
        "village_type": area.kind or None,
        "kecamatan_name": area.parent.name if area.parent else None,
        "area_km2": area.area_km2,
    }


@dataclass
class FieldView:
    code: str
    label: str
    help: str
    value: str
    filled: bool
    required: bool


@dataclass
class SectionView:
    code: str
    label: str
    help: str
    fields: list[FieldView]
    editable: bool
    n_filled: int = 0
    n_entered: int = 0
    missing_required: list[str] = field(default_factory=list)


def section_views(schema: Schema, values: Mapping[str, Value], area: Area, lang: str) -> list[SectionView]:
    """Every section with its fields' display values and how much of it is filled in."""
    full: dict[str, Value] = {**region_values(area), **values, **derive(schema, values)}
    out = []
    for s in schema.sections:
        views = []
        view = SectionView(s.code, s.label.get(lang), s.help.get(lang), views, editable=False)
        for f in s.fields:
            value = full.get(f.code)
            views.append(
                FieldView(
                    f.code, f.label.get(lang), f.help.get(lang), display(f, value, lang), value is not None, f.required
                )
            )
            if f.is_entered:
                view.editable = True
                view.n_entered += 1
                view.n_filled += value is not None
                if f.required and value is None:
                    view.missing_required.append(f.label.get(lang))
        out.append(view)
    return out


@dataclass
class ChangeView:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    """One line of the visible history: a save (its changed fields) or a workflow step (with its comment)."""

    at: datetime
    by: str
    kind: str  # "changes" or a workflow action
    via: str
    text: str
    comment: str = ""
    changes: list[ChangeView] = field(default_factory=list)


def _field_or_none(schema: Schema, code: str) -> Field | None:
    return schema.field(code) if schema.has_field(code) else None


# What each workflow step and each kind of save reads as, after the actor's name: (Indonesian, English).
STEP_TEXT = {
    "submitted": ("mengajukan profil untuk diverifikasi", "submitted the profile for verification"),
    "returned": ("mengembalikan profil untuk diperbaiki", "returned the profile for correction"),
    "verified": ("memverifikasi profil", "verified the profile"),
    "published": ("mempublikasikan profil", "published the profile"),
    "withdrawn": ("menarik publikasi profil", "withdrew the publication of the profile"),
}
SAVE_TEXT = {
    "form": ("mengubah {n} isian lewat formulir", "changed {n} fields in the form"),
    "import": ("mengubah {n} isian lewat impor Excel", "changed {n} fields by Excel import"),
    "workflow": ("mengubah {n} isian", "changed {n} fields"),
    "demo": ("mengisi {n} isian (data contoh)", "filled in {n} fields (sample data)"),
}


def history_entries(
    schema: Schema, changes: list[FieldChange], events: list[WorkflowEvent], lang: str
) -> list[HistoryEntry]:
    """Field changes grouped by save (same time, author and way), and workflow events, newest first.

    Each entry reads as a sentence after its actor ("Kecamatan Plantungan mengembalikan profil untuk diperbaiki"),
    the actor named by :func:`petakan.accounts.naming.person`, never by a bare account id.
    """
    from petakan.accounts.naming import person

    i = 0 if lang == "id" else 1
    groups: dict[tuple[Any, ...], HistoryEntry] = {}
    for c in changes:
        key = (c.at, c.by_id, c.via)
        entry = groups.get(key)
        if entry is None:
            entry = HistoryEntry(c.at, person(c.by), "changes", c.via, "")
            groups[key] = entry
        f = _field_or_none(schema, c.field)
        entry.changes.append(
            ChangeView(
                f.label.get(lang) if f else c.field,
                display(f, c.old, lang) if f else str(c.old),
                display(f, c.new, lang) if f else str(c.new),
            )
        )
    for entry in groups.values():
        template = SAVE_TEXT.get(entry.via, SAVE_TEXT["workflow"])[i]
        entry.text = template.format(n=len(entry.changes))
    # Events first: at the same instant (the demo fills and publishes at once) the step reads as the later one.
    entries = [
        HistoryEntry(
            e.at,
            person(e.by),
            e.action,
            e.via,
            STEP_TEXT.get(e.action, (e.action, e.action))[i],
            # the demo's own steps say DATA CONTOH through the badge, not as a comment
            comment="" if e.via == "demo" and e.comment == "DATA CONTOH" else e.comment,
        )
        for e in events
    ]
    entries += groups.values()
    entries.sort(key=lambda h: h.at, reverse=True)
    return entries


def profile_summary(profile: Profile | None, lang: str) -> dict[str, Any]:
    status = profile.status if profile else "not_started"
    return {"status": status, "status_label": status_label(status, lang)}
