"""The plan's history: every create, update, delete, approval and import is written to ChangeLog, and read back
as sentences ("Dewan Smart City menyetujui program *Poskamling Pintar*") with values formatted as on the pages."""

from __future__ import annotations

import datetime
import decimal
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext_lazy as _

from petakan.accounts.naming import person
from petakan.planning.models import ChangeLog


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The object's concrete fields and many-to-many ids as JSON-able values (the 'before' or 'after' of a change)."""
    out: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        if f.name in {"id", "version", "created", "updated", "rated_at"}:
            continue
        out[f.name] = _jsonable(getattr(obj, f.attname))
    if obj.pk:
        for f in obj._meta.many_to_many:
            out[f.name] = sorted(getattr(obj, f.name).values_list("pk", flat=True))
    return out


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    keys = sorted(set(before) | set(after))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def record(
    user: Any, obj: models.Model | None, action: str, changes: dict[str, Any] | None = None, label: str = ""
) -> ChangeLog:
    authenticated = user is not None and getattr(user, "is_authenticated", False)
    return ChangeLog.objects.create(
        user=user if authenticated else None,
        username=user.get_username() if authenticated else "",
        object_type=obj._meta.model_name if obj is not None else "",
        object_id=obj.pk if obj is not None else None,
        label=(label or str(obj))[:300],
        action=action,
        changes=changes or {},
    )


# ------------------------------------------------------------------------------------------- reading the history
# What each recorded action reads as: "<who> <verb> <what> <label>".
VERBS = {
    "create": _("menambahkan"),
    "update": _("mengubah"),
    "delete": _("menghapus"),
    "approve": _("menyetujui"),
    "withdraw": _("mencabut persetujuan atas"),
    "import": _("mengimpor cascade RPJMD ke"),
    "demo": _("memuat data contoh"),
    # the yearly realisation's review (petakan.monitoring)
    "submit": _("mengajukan untuk ditinjau"),
    "accept": _("menerima"),
    "return": _("mengembalikan"),
}
# Values of the import summary's keys, which are not model fields.
IMPORT_KEYS = {"created": _("butir baru"), "updated": _("butir diubah"), "years": _("tahun")}
# Fields without a verbose name of their own (and reverse relations in the programme's snapshot).
FIELD_LABELS = {
    "approved_by": _("disetujui oleh"),
    "is_demo": _("data contoh"),
    "budget_lines": _("anggaran (tahun · sumber · jumlah)"),
    "measures": _("indikator keluaran dan hasil"),
    "order": _("urutan"),
    "period": _("periode"),
    "rated_by": _("dinilai oleh"),
    # a realisation's rows, written as text by petakan.monitoring.services.realisation_snapshot
    "spending": _("realisasi anggaran per sumber"),
    "values": _("nilai indikator"),
    "files": _("berkas bukti"),
    "removed_file": _("berkas bukti dihapus"),  # the name of an evidence file removed on its own
    # village proposals (monitoring.Proposal): fields without a verbose name
    "programme": _("program"),
    "ranked_by": _("diperingkat oleh"),
    "ranked_at": _("diperingkat pada"),
    "decided_by": _("diputuskan oleh"),
    "decided_at": _("diputuskan pada"),
    "created_by": _("diajukan oleh"),
}
EMPTY = "—"


@dataclass
class ChangeLine:
    label: str
    before: str
    after: str


@dataclass
class HistoryLine:
    """One entry of the plan's history as a sentence, with its changes formatted as the pages show them."""

    at: datetime.datetime
    actor: str
    verb: str
    noun: str
    label: str
    changes: list[ChangeLine] = field(default_factory=list)


def _model(object_type: str) -> type[models.Model] | None:
    # monitoring's rows (realisations, village proposals) are written to the same history as the plan
    for app in ("planning", "monitoring"):
        try:
            return apps.get_model(app, object_type)
        except LookupError:
            continue
    return None


def _number(value: float | int) -> str:
    from petakan.lib.profile import format_number

    return format_number(value, _lang())


def format_value(f: models.Field | None, value: Any, lookups: dict[tuple[type, Any], str]) -> str:
    """A stored before/after value as the pages show it: dates localised, a foreign key by its label, a choice by
    its name, yes/no in words, numbers with the reader's separators."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(f, models.DateTimeField) and isinstance(value, str):
        try:
            at = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
        at = timezone.localtime(at) if timezone.is_aware(at) else at
        return f"{date_format(at, 'j M Y')}, {time_format(at)}"  # "4 Des 2026, 21.04" / "4 Dec 2026, 9:04 p.m."
    if isinstance(f, models.DateField) and isinstance(value, str):
        try:
            return date_format(datetime.date.fromisoformat(value), "j M Y")
        except ValueError:
            return value
    if isinstance(f, models.ForeignKey | models.ManyToManyField):
        target = f.related_model
        pks = value if isinstance(value, list) else [value]
        return ", ".join(lookups.get((target, pk), f"#{pk}") for pk in pks) or EMPTY
    if f is not None and f.choices:
        names = {str(k): str(v) for k, v in f.flatchoices}
        if isinstance(value, list):
            return ", ".join(names.get(str(v), str(v)) for v in value)
        return names.get(str(value), str(value))
    if isinstance(value, bool):
        return str(_("ya") if value else _("tidak"))
    if isinstance(value, int | float):
        # years are written without a thousands separator
        return str(value) if isinstance(f, models.PositiveSmallIntegerField) and value <= 9999 else _number(value)
    if isinstance(f, models.DecimalField) and isinstance(value, str):
        try:
            return _number(float(value))
        except ValueError:
            return value
    if isinstance(value, dict):
        return "; ".join(f"{k}: {format_value(None, v, lookups)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(
            " · ".join(format_value(None, x, lookups) for x in v)
            if isinstance(v, list)
            else format_value(None, v, lookups)
            for v in value
        )
    return str(value)


def _lang() -> str:
    return "en" if (translation.get_language() or "id").startswith("en") else "id"


def _special(name: str, value: Any, lookups: dict[tuple[type, Any], str]) -> str | None:
    """Values that are codes or rows rather than model fields: Smart City elements by name, budget lines and
    measures field by field. None when ``name`` is an ordinary field."""
    from petakan.planning.framework import ELEMENT_NAMES
    from petakan.planning.models import ProgrammeBudget, ProgrammeIndicator

    if name == "elements" and isinstance(value, list):
        i = 0 if _lang() == "id" else 1
        return ", ".join(ELEMENT_NAMES.get(str(c), (str(c), str(c)))[i] for c in value) or EMPTY
    rows = {
        "budget_lines": (ProgrammeBudget, "year source amount"),
        "measures": (ProgrammeIndicator, "kind name target"),
    }
    if name in rows and isinstance(value, list):
        model, names = rows[name]
        fs = [model._meta.get_field(n) for n in names.split()]
        return (
            "; ".join(
                " · ".join(format_value(f, v, lookups) for f, v in zip(fs, row, strict=False))  # type: ignore[arg-type]
                for row in value
                if isinstance(row, list)
            )
            or EMPTY
        )
    return None


def readable(entries: list[ChangeLog]) -> list[HistoryLine]:
    """The history entries as sentences in the active language, their changes formatted as on the pages.

    Foreign keys and many-to-many ids are looked up once per model (one query each), so a page of 300 entries
    costs a handful of queries.
    """
    wanted: dict[type[models.Model], set[Any]] = {}
    fields: dict[tuple[str, str], models.Field | None] = {}
    for e in entries:
        model = _model(e.object_type)
        for name, pair in (e.changes or {}).items():
            try:
                f = model._meta.get_field(name) if model is not None else None
            except FieldDoesNotExist:
                f = None
            fields[(e.object_type, name)] = f  # type: ignore[assignment]
            if isinstance(f, models.ForeignKey | models.ManyToManyField):
                for v in pair if isinstance(pair, list) else []:
                    wanted.setdefault(f.related_model, set()).update(v if isinstance(v, list) else [v])
    lookups: dict[tuple[type, Any], str] = {}
    for target, pks in wanted.items():
        pks.discard(None)
        for obj in target._default_manager.filter(pk__in=pks):
            lookups[(target, obj.pk)] = _object_label(obj)
    out = []
    for e in entries:
        model = _model(e.object_type)
        noun = str(model._meta.verbose_name) if model is not None else ""
        line = HistoryLine(
            at=e.at,
            actor=person(e.user, e.username),
            verb=str(VERBS.get(e.action, e.action)),
            noun=noun if e.action != "demo" else "",
            label=e.label,
        )
        for name, pair in (e.changes or {}).items():
            f = fields.get((e.object_type, name))
            before, after = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
            if e.action == "import" and name in IMPORT_KEYS:
                label = str(IMPORT_KEYS[name])
            elif name in FIELD_LABELS:
                label = str(FIELD_LABELS[name])
            elif isinstance(f, models.Field):
                label = str(f.verbose_name)
            elif f is not None and getattr(f, "related_model", None) is not None:
                label = str(f.related_model._meta.verbose_name_plural)  # budget lines, measures
            else:
                label = name.replace("_", " ")
            f = f if isinstance(f, models.Field) else None  # a reverse relation's rows are plain lists
            old, new = (_special(name, v, lookups) or format_value(f, v, lookups) for v in (before, after))
            if old != new:  # e.g. an empty list replaced by an empty string: nothing a reader would call a change
                line.changes.append(ChangeLine(label, old, new))
        out.append(line)
    return out


def _object_label(obj: models.Model) -> str:
    """A related object as people name it: a user by name and role, anything else by its own text."""
    if hasattr(obj, "get_role_display") and hasattr(obj, "get_full_name"):
        return person(obj)
    return str(obj)
