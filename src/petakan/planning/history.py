"""The plan's history: every create, update, delete, approval and import is written to ChangeLog."""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.db import models

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
