"""Village profiles: reading, saving, the workflow, the Excel round trip and the demo — the app's one entry point.

Other apps call :func:`profiles_frame` and :func:`load_demo`; views and commands call the rest. Every function
that changes something takes the acting ``user`` and asks :func:`petakan.accounts.permissions.can` itself, so a
command and a page cannot disagree about who may do what. Values are validated by :mod:`petakan.lib.profile`.

Optimistic locking: every change of a profile row raises its ``version`` by one, through a conditional
``UPDATE … WHERE version = <the version the user saw>``. A form or a transition prepared against an older
version raises :class:`ConflictError` listing what changed in between; nothing is overwritten.
"""

from __future__ import annotations

import functools
import hashlib
import io
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, Any

import pandas as pd
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from petakan import uploads
from petakan.accounts.permissions import can, village_scope
from petakan.lib.cells import csv_writer, neutralise_workbook
from petakan.lib.profile import (
    FRAME_DTYPES,
    Change,
    CoercionError,
    DemoInputs,
    Field,
    Problem,
    Schema,
    Value,
    coerce,
    completeness_frame,
    default_schema_path,
    diff,
    frame_to_records,
    load_demo_inputs,
    load_schema,
    read_workbook,
    records_to_frame,
    template_rows,
    validate_values,
    write_template,
)
from petakan.lib.profile.carry import CarryOver, carry_over, settle_section
from petakan.lib.profile.xlsx import SHEET_GUIDE, SHEET_PROFILE
from petakan.profiles.models import (
    EDITABLE,
    NOT_STARTED,
    Action,
    FieldChange,
    Profile,
    PublishedVersion,
    ReopenRequest,
    ReopenStatus,
    Status,
    Upload,
    Via,
    WorkflowEvent,
)
from petakan.profiles.problems import STATUS_TEXT, AppProblem
from petakan.regions.models import Area, Level

log = logging.getLogger("petakan.profiles")

# A checked upload waits this long for its commit.
UPLOAD_TTL = timedelta(days=1)
FRAME_STATUSES = ("published", "all")


def schema() -> Schema:
    """The profile schema every stored profile follows (loaded once)."""
    return load_schema()


# ---------------------------------------------------------------------------------------------- errors
class ProfileError(Exception):
    """A refused change that is not a permission matter."""


class NotAllowed(PermissionDenied):
    """The user may not do this (the views answer 403)."""


class IllegalTransitionError(ProfileError):
    """The action is not possible from the profile's current status (e.g. publishing a draft)."""

    def __init__(self, action: str, status: str):
        self.action, self.status = action, status
        super().__init__(f"cannot {action} a profile that is {status}")


@dataclass(frozen=True)
class MissedChange:
    """A change saved after the version a user's form was loaded from."""

    field: str | None  # None for a workflow step
    new: Value
    action: str | None
    by: str
    at: datetime


class ConflictError(ProfileError):
    """The profile changed since the user loaded it; ``missed`` lists what changed in between."""

    def __init__(self, current_version: int, missed: list[MissedChange]):
        self.current_version = current_version
        self.missed = missed
        super().__init__(f"the profile changed since it was loaded (now version {current_version})")

    @property
    def fields(self) -> list[str]:
        """The field codes changed in between, in the order they were changed, each once."""
        return list(dict.fromkeys(m.field for m in self.missed if m.field is not None))


class ProfileProblemsError(ProfileError):
    """Values that do not pass validation; ``problems`` lists every one."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(p.describe() for p in self.problems[:10]))


class StaleImportError(ProfileError):
    """Profiles changed between an upload's dry run and its commit; ``villages`` names them."""

    def __init__(self, villages: list[str]):
        self.villages = villages
        super().__init__(f"{len(villages)} profile(s) changed since the dry run: {', '.join(villages[:10])}")


# ---------------------------------------------------------------------------------------------- reading
def profiles_frame(year: int, status: str, prefix: str = "") -> tuple[pd.DataFrame, bool]:
    """The stored profiles of ``year`` as a villages × fields frame, and whether any of them is demo data.

    Index: village code (``village_code``); columns: the schema's entered field codes, typed as
    :func:`petakan.lib.profile.records_to_frame` types them (``Int64``, ``Float64``, ``boolean``, choice codes
    and text as objects; missing values as NA). ``status == "published"`` gives what the public may read
    (:func:`public_profiles`): published profiles, and a profile returned for a correction as its last published
    version; ``"all"`` takes every profile's current values whatever its status; ``prefix`` keeps the villages
    whose code starts with it (one regency's, of a national year). One query.
    """
    if status not in FRAME_STATUSES:
        raise ValueError(f"status must be one of {FRAME_STATUSES}, not {status!r}")
    if connection.vendor == "postgresql":
        return _profiles_frame_postgresql(year, status, prefix)
    return _profiles_frame_records(year, status, prefix)


def _profiles_frame_records(year: int, status: str, prefix: str = "") -> tuple[pd.DataFrame, bool]:
    rows = public_profiles(year) if status == "published" else Profile.objects.filter(year=year)
    if prefix:
        rows = rows.filter(area__code__startswith=prefix)
    records: dict[str, dict[str, Value]] = {}
    any_demo = False
    fields = ("area__code", "status", "values", "public_version__values", "is_demo")
    for code, current, values, kept, is_demo in rows.order_by("area__code").values_list(*fields):
        records[code] = kept if status == "published" and current != Status.PUBLISHED else values
        any_demo = any_demo or is_demo
    return records_to_frame(schema(), records), any_demo


# field types read as numbers (then typed as in FRAME_DTYPES)
NUMERIC_TYPES = ("integer", "decimal", "percent")


def _profiles_frame_postgresql(year: int, status: str, prefix: str = "") -> tuple[pd.DataFrame, bool]:
    """:func:`profiles_frame` for 84,000 profiles in seconds rather than half a minute.

    PostgreSQL unpacks each profile's JSON once (``jsonb_to_record``: one detoast per row, where 120
    ``values->>'code'`` would detoast it 120 times) and streams the table as CSV, which pandas' C parser reads:
    no Python object is made per value. The frame equals the generic path's (a test compares the two).
    """
    fields = schema().fields
    sql_types = {"integer": "float8", "decimal": "float8", "percent": "float8", "boolean": "boolean"}
    # field codes are identifiers (the schema loader checks them), so they can be quoted as column names
    record = ", ".join(f'"{f.code}" {sql_types.get(f.type, "text")}' for f in fields)
    # the public reads a published row as it is, and a row back with the village as its last published version
    published = "AND (p.status = %s OR p.public_version_id IS NOT NULL)" if status == "published" else ""
    values = "CASE WHEN p.status = %s THEN p.values ELSE v.values END" if status == "published" else "p.values"
    within = "AND a.code LIKE %s" if prefix else ""
    query = (
        f"COPY (SELECT a.code, p.is_demo, r.* FROM {Profile._meta.db_table} p "
        f"JOIN {Area._meta.db_table} a ON a.id = p.area_id "
        f"LEFT JOIN {PublishedVersion._meta.db_table} v ON v.id = p.public_version_id "
        f"CROSS JOIN LATERAL jsonb_to_record({values}) AS r({record}) "
        f"WHERE p.year = %s {published} {within} ORDER BY a.code) TO STDOUT WITH (FORMAT csv, NULL '\\N')"
    )
    params: list[Any] = [Status.PUBLISHED, year, Status.PUBLISHED] if status == "published" else [year]
    if prefix:
        params.append(prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    buffer = io.BytesIO()
    with connection.cursor() as cursor, cursor.cursor.copy(query, params) as copy:
        for block in copy:
            buffer.write(block)
    if not buffer.tell():
        return records_to_frame(schema(), {}), False
    buffer.seek(0)
    names = ["village_code", "is_demo", *(f.code for f in fields)]
    dtypes: dict[str, Any] = {f.code: (float if f.type in NUMERIC_TYPES else object) for f in fields}
    frame = pd.read_csv(
        buffer,
        header=None,
        names=names,
        dtype={"village_code": object, "is_demo": object, **dtypes},
        na_values=["\\N"],
        keep_default_na=False,
    ).set_index("village_code")
    any_demo = bool((frame.pop("is_demo") == "t").any())
    for f in fields:
        column = frame[f.code]
        if f.type in NUMERIC_TYPES:
            frame[f.code] = column.astype(FRAME_DTYPES[f.type])
        elif f.type == "boolean":
            frame[f.code] = column.map({"t": True, "f": False}).astype("boolean")
        else:
            frame[f.code] = column.astype(object).where(column.notna(), None)
    return frame, any_demo


def stored_values(year: int, codes: Iterable[str]) -> dict[str, dict[str, Value]]:
    """Current values of the given villages' profiles for ``year`` (villages without a profile are absent)."""
    rows = Profile.objects.filter(year=year, area__code__in=list(codes)).values_list("area__code", "values")
    return dict(rows)


def public_profiles(year: int | None = None) -> QuerySet[Profile]:
    """The profiles the public may read: published ones, and those sent back for a correction after publication
    (the public then reads their last published version, :func:`public_values`). Every reader of published
    profile values (index, open data, maps, the public village page) goes through this and :func:`public_values`
    or :func:`profiles_frame` with ``"published"``, which follows the same rule."""
    rows = Profile.objects.filter(Q(status=Status.PUBLISHED) | Q(public_version__isnull=False))
    return rows if year is None else rows.filter(year=year)


def public_values(profile: Profile) -> dict[str, Value] | None:
    """The values the public reads of ``profile``: its own while published (they cannot change then), its last
    published version while it is back with the village, or None when it has never been published."""
    if profile.status == Status.PUBLISHED:
        return profile.values
    if profile.public_version_id is not None:
        return profile.public_version.values  # type: ignore[union-attr]
    return None


def may_read(user: Any, profile: Profile) -> bool:
    """Published profiles are public; the others only for who may view that village's profile."""
    return public_values(profile) is not None or can(user, "profile.view", profile.area)


def profile_of(area: Area, year: int) -> Profile | None:
    return Profile.objects.filter(area=area, year=year).select_related("changed_by", "public_version").first()


def history(profile: Profile, saves: int | None = None) -> tuple[list[FieldChange], list[WorkflowEvent]]:
    """The field changes and workflow events of a profile, newest first.

    ``saves`` keeps only the changes of the latest that many saves (the rows of one save share ``at``), so a
    shortened history never shows part of a save; the workflow events since the oldest save kept come along.
    """
    changes = profile.changes.select_related("by__area").order_by("-at", "-id")
    events = profile.events.select_related("by__area").order_by("-at", "-id")
    if saves:
        instants = list(profile.changes.order_by("-at").values_list("at", flat=True).distinct()[:saves])
        if len(instants) == saves:
            changes = changes.filter(at__gte=instants[-1])
            events = events.filter(at__gte=instants[-1])
    return list(changes), list(events)


def _missed_since(profile: Profile, version: int) -> list[MissedChange]:
    from petakan.accounts.naming import person

    # who saved in between is named as in the history ("Kecamatan Plantungan"), not by account id
    out = [
        MissedChange(c.field, c.new, None, person(c.by), c.at)
        for c in profile.changes.filter(version__gt=version).select_related("by__area").order_by("at", "id")
    ]
    out += [
        MissedChange(None, e.to_status, e.action, person(e.by), e.at)
        for e in profile.events.filter(version__gt=version).select_related("by__area").order_by("at", "id")
    ]
    return sorted(out, key=lambda m: m.at)


def _conflict(profile_pk: int, since: int) -> ConflictError:
    """The conflict for a form loaded at version ``since`` of the profile ``profile_pk``."""
    fresh = Profile.objects.get(pk=profile_pk)
    return ConflictError(fresh.version, _missed_since(fresh, since))


# ---------------------------------------------------------------------------------------------- saving
@dataclass
class SaveResult:
    profile: Profile
    changes: list[Change]


def entered_fields(section_code: str) -> list[Field]:
    """The fields of a section a village fills in (KeyError for an unknown section)."""
    return [f for f in schema().section(section_code).fields if f.is_entered]


def editable_sections() -> list[str]:
    """Sections with at least one entered field, in schema order."""
    return [s.code for s in schema().sections if any(f.is_entered for f in s.fields)]


def clean_section(
    current: Mapping[str, Value], fields: list[Field], raw: Mapping[str, Any]
) -> tuple[dict[str, Value], list[Problem]]:
    """Coerce one section's raw input and validate it together with the profile's other stored values.

    Returns the section's typed values (None for empty) and the problems that concern the section: its own
    fields, and cross-field rules naming one of them. Required fields may stay empty (a draft is saved per
    section); they are checked when the profile is submitted.
    """
    typed: dict[str, Value] = {}
    problems: list[Problem] = []
    for f in fields:
        try:
            typed[f.code] = coerce(f, raw.get(f.code))
        except CoercionError as exc:
            problems.append(exc.problem())
            typed[f.code] = None
    codes = set(typed)
    merged = {k: v for k, v in current.items() if k not in codes}
    merged.update({k: v for k, v in typed.items() if v is not None})
    unreadable = {p.field for p in problems}
    rules = {r.code: set(r.field_codes) for r in schema().rules}
    for p in validate_values(schema(), merged, partial=True):
        if p.field in unreadable:
            continue
        if p.field in codes or (p.rule is not None and rules.get(p.rule, set()) & codes):
            problems.append(p)
    return typed, problems


def _compact(values: Mapping[str, Value]) -> dict[str, Value]:
    """Values as stored: empty fields are left out."""
    return {k: v for k, v in values.items() if v is not None}


def _field_changes(
    profile_id: int, changes: Iterable[Change], *, user: Any, at: datetime, via: str, version: int
) -> list[FieldChange]:
    by = user if getattr(user, "is_authenticated", False) else None
    return [
        FieldChange(profile_id=profile_id, field=c.field, old=c.old, new=c.new, by=by, at=at, via=via, version=version)
        for c in changes
    ]


def _schema_of_code(code: str) -> Schema | None:
    """The schema a stored profile followed (None when its file is no longer packaged)."""
    if code == schema().code:
        return schema()
    return _packaged_schema(code)


@functools.cache
def _packaged_schema(code: str) -> Schema | None:
    folder = default_schema_path().parent
    for path in sorted(folder.glob("profile-v*.yaml")):
        candidate = load_schema(path)
        if candidate.code == code:
            return candidate
    return None


def carry_source(area: Area, year: int) -> Profile | None:
    """The village's last public profile of an earlier year, which a new year's profile starts from: a published
    one, or one sent back for a correction after publication (its published version is carried, see
    :func:`public_values`, not the correction in progress)."""
    return public_profiles().filter(area=area, year__lt=year).select_related("public_version").order_by("-year").first()


def pending_carry(area: Area, year: int, profile: Profile | None) -> CarryOver | None:
    """The carried values of ``year`` still awaiting confirmation: stored on the profile once it exists, computed
    from the last published profile while the village has nothing for the year yet."""
    if profile is not None:
        carry = CarryOver.from_json(profile.carried)
        if carry is None:
            return None
        # a value stored since (an Excel import of the pre-filled template) is no longer awaiting confirmation
        still = {k: v for k, v in carry.values.items() if k not in profile.values}
        return CarryOver(carry.from_year, still, carry.changed)
    source = carry_source(area, year)
    if source is None:
        return None
    values = public_values(source) or {}
    old = _schema_of_code(source.schema)
    if old is None:  # its definitions are unknown: nothing can be trusted to mean the same
        return CarryOver(source.year, {}, tuple(k for k, v in values.items() if v is not None))
    return carry_over(old, schema(), values, from_year=source.year)


def save_section(
    area: Area,
    year: int,
    section_code: str,
    raw: Mapping[str, Any],
    *,
    user: Any,
    version: int,
    confirm: bool = False,
) -> SaveResult:
    """Save one section of a village's profile from form input (raw text), creating the draft if needed.

    Values carried from last year (:func:`pending_carry`) are saved when they were changed, or all of the
    section's when ``confirm`` ("semua masih benar"); the others stay carried, unsaved.
    ``version`` is the profile version the form was loaded from (0 when there was no profile). Raises
    :class:`NotAllowed`, :class:`IllegalTransitionError` (the profile is not draft or returned),
    :class:`ProfileProblemsError` (nothing saved) or :class:`ConflictError` (someone saved in between; nothing saved).
    """
    if not can(user, "profile.edit", area):
        raise NotAllowed
    fields = entered_fields(section_code)
    with transaction.atomic():
        profile = Profile.objects.select_for_update().filter(area=area, year=year).first()
        current: dict[str, Value] = profile.values if profile else {}
        if profile is not None and not profile.is_editable:
            raise IllegalTransitionError("edit", profile.status)
        if (profile.version if profile else 0) != version:
            raise _conflict(profile.pk, version) if profile else ConflictError(0, [])
        typed, problems = clean_section(current, fields, raw)
        if problems:
            raise ProfileProblemsError(problems)
        carry = pending_carry(area, year, profile)
        carried_json = profile.carried if profile else {}
        if carry is not None:
            typed, still = settle_section(carry.values, typed, confirm=confirm)
            carried_json = CarryOver(carry.from_year, still, carry.changed).as_json()
        key = area.code
        changes = diff({key: current}, {key: typed})
        if not changes and (profile is None or carried_json == profile.carried):
            return SaveResult(profile or Profile(area=area, year=year, schema=schema().code), [])
        values = _compact({**current, **typed})
        now = timezone.now()
        by = user if getattr(user, "is_authenticated", False) else None
        if profile is None:
            try:
                with transaction.atomic():
                    profile = Profile.objects.create(
                        area=area,
                        year=year,
                        schema=schema().code,
                        values=values,
                        carried=carried_json,
                        version=1,
                        changed_by=by,
                        changed_at=now,
                    )
            except IntegrityError:
                # someone created the profile between our read and our insert
                fresh = Profile.objects.get(area=area, year=year)
                raise _conflict(fresh.pk, 0) from None
        else:
            updated = Profile.objects.filter(pk=profile.pk, version=version).update(
                values=values, carried=carried_json, version=version + 1, changed_by=by, changed_at=now
            )
            if not updated:
                raise _conflict(profile.pk, version)
            profile.refresh_from_db()
        FieldChange.objects.bulk_create(
            _field_changes(profile.pk, changes, user=user, at=now, via=Via.FORM, version=profile.version)
        )
    return SaveResult(profile, changes)


# ---------------------------------------------------------------------------------------------- workflow
@dataclass(frozen=True)
class Transition:
    action: str
    permission: str
    sources: tuple[str, ...]
    target: str


TRANSITIONS: dict[str, Transition] = {
    "submit": Transition(Action.SUBMITTED, "profile.submit", (Status.DRAFT, Status.RETURNED), Status.SUBMITTED),
    "verify": Transition(Action.VERIFIED, "profile.verify", (Status.SUBMITTED,), Status.VERIFIED),
    # A published profile can be sent back for a correction, by whoever may publish.
    "return": Transition(
        Action.RETURNED, "profile.return", (Status.SUBMITTED, Status.VERIFIED, Status.PUBLISHED), Status.RETURNED
    ),
    "publish": Transition(Action.PUBLISHED, "profile.publish", (Status.VERIFIED,), Status.PUBLISHED),
    # Withdrawing a publication takes the profile (and its published version) away from the public.
    "unpublish": Transition(Action.WITHDRAWN, "profile.publish", (Status.PUBLISHED,), Status.VERIFIED),
}


def allowed_actions(user: Any, profile: Profile | None) -> list[str]:
    """The workflow actions ``user`` may take on ``profile`` now (status and permission both allow them)."""
    if profile is None:
        return []
    out = []
    for name, t in TRANSITIONS.items():
        if profile.status not in t.sources or not can(user, t.permission, profile.area):
            continue
        if name == "return" and profile.status == Status.PUBLISHED and not can(user, "profile.publish", profile.area):
            continue
        out.append(name)
    return out


def may_edit(user: Any, area: Area, profile: Profile | None) -> bool:
    return can(user, "profile.edit", area) and (profile is None or profile.is_editable)


def submission_problems(profile: Profile) -> list[Problem]:
    """What keeps a profile from being submitted: every required field empty, every invalid value or rule."""
    return validate_values(schema(), profile.values, partial=False)


def check_transition(profile: Profile, name: str, *, user: Any, comment: str = "") -> None:
    """Whether ``profile`` may take the step ``name`` now, without taking it (the confirmation page asks first).

    Raises what :func:`transition` raises, except :class:`ConflictError`.
    """
    t = TRANSITIONS[name]
    area = profile.area
    if not can(user, t.permission, area):
        raise NotAllowed
    if name == "return" and profile.status == Status.PUBLISHED and not can(user, "profile.publish", area):
        raise NotAllowed
    if profile.status not in t.sources:
        raise IllegalTransitionError(name, profile.status)
    if name == "return" and not comment.strip():
        raise ProfileProblemsError([AppProblem("comment_required", {}, field="comment")])
    if name == "submit":
        problems = submission_problems(profile)
        if problems:
            raise ProfileProblemsError(problems)


def transition(profile: Profile, name: str, *, user: Any, version: int, comment: str = "") -> Profile:
    """Move ``profile`` along the workflow: ``submit``, ``verify``, ``return`` (needs ``comment``), ``publish`` or
    ``unpublish``.

    Publishing stores the values as a :class:`PublishedVersion`, which the public keeps reading when the profile
    is later returned for a correction, until the corrected profile is published; ``unpublish`` withdraws it.
    Raises :class:`NotAllowed`, :class:`IllegalTransitionError`, :class:`ProfileProblemsError` (submitting an incomplete
    or invalid profile, or returning without a comment) or :class:`ConflictError` (stale ``version``).
    """
    check_transition(profile, name, user=user, comment=comment)
    t = TRANSITIONS[name]
    comment = comment.strip()
    now = timezone.now()
    by = user if getattr(user, "is_authenticated", False) else None
    with transaction.atomic():
        fields: dict[str, Any] = {}
        if name == "publish":
            snapshot = PublishedVersion.objects.create(
                profile=profile,
                version=version + 1,
                values=profile.values,
                is_demo=profile.is_demo,
                published_at=now,
                published_by=by,
            )
            fields["public_version"] = snapshot
        elif name == "return" and profile.status == Status.PUBLISHED and profile.public_version_id is None:
            # published before versions were stored (or by the demo): keep what the public read until now
            fields["public_version"] = PublishedVersion.objects.create(
                profile=profile,
                version=version,
                values=profile.values,
                is_demo=profile.is_demo,
                published_at=profile.changed_at or now,
            )
        elif name == "unpublish":
            fields["public_version"] = None
        updated = Profile.objects.filter(pk=profile.pk, version=version, status=profile.status).update(
            status=t.target,
            version=F("version") + 1,
            changed_by=by,
            changed_at=now,
            return_comment=comment if name == "return" else "",
            **fields,
        )
        if not updated:
            raise _conflict(profile.pk, version)
        if name == "return" and profile.status == Status.PUBLISHED:
            # returned for correction, whoever asked: a waiting reopen request has got what it asked for
            ReopenRequest.objects.filter(profile=profile, status=ReopenStatus.OPEN).update(
                status=ReopenStatus.ACCEPTED, decided_by=by, decided_at=now
            )
        WorkflowEvent.objects.create(
            profile=profile,
            action=t.action,
            from_status=profile.status,
            to_status=t.target,
            comment=comment,
            by=by,
            at=now,
            version=version + 1,
        )
    profile.refresh_from_db()
    return profile


# ---------------------------------------------------------------------------------------------- reopen requests
class ReopenError(ProfileError):
    """A reopen request that cannot be made or decided (``key`` names why: see the views' texts)."""

    def __init__(self, key: str):
        self.key = key
        super().__init__(key)


def open_reopen_request(profile: Profile) -> ReopenRequest | None:
    return profile.reopen_requests.filter(status=ReopenStatus.OPEN).select_related("by").first()


def request_reopen(profile: Profile, *, user: Any, reason: str) -> ReopenRequest:
    """A village asks Kominfo to open its published profile again for a correction (``reason`` required).

    Raises :class:`NotAllowed`, :class:`ReopenError` (``"reason"`` empty, ``"not_locked"`` the profile is not
    published, ``"pending"`` a request is already waiting).
    """
    if not can(user, "profile.request_reopen", profile.area):
        raise NotAllowed
    reason = reason.strip()
    if not reason:
        raise ReopenError("reason")
    if profile.status != Status.PUBLISHED:
        raise ReopenError("not_locked")
    with transaction.atomic():
        if open_reopen_request(profile) is not None:
            raise ReopenError("pending")
        return ReopenRequest.objects.create(profile=profile, reason=reason[:2000], by=user, at=timezone.now())


def decide_reopen(request: ReopenRequest, *, user: Any, accept: bool, comment: str = "") -> ReopenRequest:
    """Kominfo answers a reopen request: ``accept`` returns the profile to the village for a correction (the
    public keeps the published version meanwhile), otherwise ``comment`` says why not (required).

    Raises :class:`NotAllowed`, :class:`ReopenError` (``"decided"``, ``"reason"``), and what :func:`transition`
    raises when accepting.
    """
    profile = request.profile
    if not can(user, "profile.publish", profile.area):
        raise NotAllowed
    if request.status != ReopenStatus.OPEN:
        raise ReopenError("decided")
    comment = comment.strip()
    if not accept and not comment:
        raise ReopenError("reason")
    with transaction.atomic():
        if accept:
            note = comment or request.reason
            transition(profile, "return", user=user, version=profile.version, comment=note)
        request.status = ReopenStatus.ACCEPTED if accept else ReopenStatus.DECLINED
        request.decided_by = user
        request.decided_at = timezone.now()
        request.decision = comment
        request.save(update_fields=["status", "decided_by", "decided_at", "decision"])
    return request


# ---------------------------------------------------------------------------------------------- completeness
@dataclass(frozen=True)
class CompletenessRow:
    kecamatan_code: str
    kecamatan_name: str
    village_code: str
    village_name: str
    status: str  # a Status value or NOT_STARTED
    filled: float  # share of the entered fields filled, 0–1 (0 when not started)
    changed_at: datetime | None
    changed_by: str
    is_demo: bool

    @property
    def submitted(self) -> bool:
        return self.status not in (NOT_STARTED, *EDITABLE)


def completeness_rows(user: Any, year: int) -> list[CompletenessRow]:
    """Status and share of fields filled of every village ``user`` may oversee, by kecamatan (two queries)."""
    if not can(user, "profile.completeness"):
        raise NotAllowed
    villages = list(
        village_scope(user).order_by("code").values_list("id", "code", "name", "parent__code", "parent__name")
    )
    ids = [v[0] for v in villages]
    rows = Profile.objects.filter(year=year, area_id__in=ids).values_list(
        "area_id", "status", "values", "changed_at", "changed_by__username", "is_demo"
    )
    found = {r[0]: r for r in rows}
    frame = records_to_frame(schema(), {str(k): r[2] for k, r in found.items()})
    share = completeness_frame(schema(), frame) if len(frame) else pd.Series(dtype=float)
    out = []
    for pk, code, name, kec_code, kec_name in villages:
        r = found.get(pk)
        out.append(
            CompletenessRow(
                kecamatan_code=kec_code or "",
                kecamatan_name=kec_name or "",
                village_code=code,
                village_name=name,
                status=r[1] if r else NOT_STARTED,
                filled=float(share[str(pk)]) if r else 0.0,
                changed_at=r[3] if r else None,
                changed_by=(r[4] or "") if r else "",
                is_demo=bool(r[5]) if r else False,
            )
        )
    return out


EXPORT_COLUMNS = (
    "kecamatan_code",
    "kecamatan",
    "village_code",
    "village",
    "status",
    "filled_pct",
    "last_change",
    "note",
)


def not_submitted_table(rows: Iterable[CompletenessRow], lang: str) -> list[list[Any]]:
    """The export rows (see :data:`EXPORT_COLUMNS`) of the villages that have not submitted their profile."""
    i = 0 if lang == "id" else 1
    demo = "DATA CONTOH" if lang == "id" else "DATA CONTOH (demo data)"
    return [
        [
            r.kecamatan_code,
            r.kecamatan_name,
            r.village_code,
            r.village_name,
            STATUS_TEXT[r.status][i],
            round(100 * r.filled, 1),
            timezone.localtime(r.changed_at).strftime("%Y-%m-%d %H:%M") if r.changed_at else "",
            demo if r.is_demo else "",
        ]
        for r in rows
        if not r.submitted
    ]


def write_table(table: list[list[Any]], fmt: str, *, title: str) -> bytes:
    """The export as CSV (UTF-8 with BOM, so that Excel reads the names right) or as an XLSX sheet."""
    if fmt == "csv":
        text = io.StringIO()
        writer = csv_writer(text)
        writer.writerow(EXPORT_COLUMNS)
        writer.writerows(table)
        return ("\ufeff" + text.getvalue()).encode("utf-8")
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(list(EXPORT_COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in table:
        ws.append(row)
    out = io.BytesIO()
    neutralise_workbook(wb).save(out)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------- excel
def scope_villages(scope: Area) -> QuerySet[Area]:
    """The villages a template for ``scope`` lists: the village itself, a kecamatan's or a regency's villages."""
    villages = Area.objects.filter(level=Level.VILLAGE)
    if scope.level == Level.VILLAGE:
        return villages.filter(pk=scope.pk)
    return villages.filter(code__startswith=scope.code + ".")


DEMO_NOTE = {
    "id": "DATA CONTOH: nilai yang sudah terisi dibuat otomatis untuk demo, bukan data resmi desa.",
    "en": "DATA CONTOH (demo data): the values filled in were generated for the demo; they are not official data.",
}


def template_carry(codes: list[str], year: int, rows: QuerySet[Profile]) -> dict[str, CarryOver]:
    """The values each village's template row of ``year`` starts from, as the form does (:func:`pending_carry`):
    carried values still awaiting confirmation on existing profiles, else the last published profile's (three
    queries for the whole regency)."""
    out: dict[str, CarryOver] = {}
    for code, values, data in rows.values_list("area__code", "values", "carried"):
        carry = CarryOver.from_json(data)
        if carry is not None:
            out[code] = CarryOver(carry.from_year, {k: v for k, v in carry.values.items() if k not in values})
    started = set(rows.values_list("area__code", flat=True))
    published = (
        public_profiles()
        .filter(area__code__in=[c for c in codes if c not in started], year__lt=year)
        .order_by("area__code", "-year")
        .values_list("area__code", "year", "schema", "values", "status", "public_version__values")
    )
    schemas: dict[str, Schema | None] = {}
    for code, source_year, schema_code, current, status, published_values in published:
        if code in out:
            continue  # an older year of a village already seen (newest first)
        # what the public reads (public_values): a profile back for correction carries its published version
        values = current if status == Status.PUBLISHED else (published_values or {})
        old = schemas.setdefault(schema_code, _schema_of_code(schema_code))
        out[code] = carry_over(old, schema(), values, from_year=source_year) if old else CarryOver(source_year, {})
    return out


def write_scope_template(scope: Area, year: int, stream: IO[bytes], *, lang: str) -> bool:
    """Write the XLSX template of ``scope`` for ``year`` with the current values filled in.

    Returns whether any filled-in profile is demo data; the instructions sheet then says "DATA CONTOH".
    """
    villages = list(scope_villages(scope).order_by("code").values_list("code", "name", "parent__name"))
    table = pd.DataFrame(villages, columns=["code", "name", "kecamatan_name"])
    rows = Profile.objects.filter(year=year, area__code__in=list(table["code"]))
    current = dict(rows.values_list("area__code", "values"))
    demo = rows.filter(is_demo=True).exists()
    carried = template_carry(list(table["code"]), year, rows)
    for code, carry in carried.items():
        current[code] = {**carry.values, **current.get(code, {})}
    frame = records_to_frame(schema(), current) if current else None
    content = template_rows(schema(), frame, table)
    marks = {code: (c.from_year, tuple(c.values)) for code, c in carried.items() if c.values}
    if not demo:
        write_template(schema(), content, stream, lang=lang, year=year, carried=marks)
        return False
    # The library writes the workbook; the demo note is added to its instructions sheet afterwards.
    raw = io.BytesIO()
    write_template(schema(), content, raw, lang=lang, year=year, carried=marks)
    wb = load_workbook(io.BytesIO(raw.getvalue()))
    note = wb[SHEET_GUIDE].cell(3, 1, DEMO_NOTE[lang])
    note.font = Font(bold=True, color="9C0006")
    neutralise_workbook(wb).save(stream)
    return True


@dataclass
class ImportPreview:
    """What an upload would do: every problem, and every change if there is none."""

    problems: list[Problem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    versions: dict[str, int] = field(default_factory=dict)  # village code -> profile version seen (0 = none)
    row_numbers: dict[str, int] = field(default_factory=dict)
    rows: dict[str, dict[str, Value]] = field(default_factory=dict)
    demo_villages: set[str] = field(default_factory=set)  # stored profiles that hold demo data

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def changed_villages(self) -> list[str]:
        return list(dict.fromkeys(c.code for c in self.changes))


def import_codes(user: Any) -> set[str]:
    """The villages ``user`` may import values for (empty when the user may not import at all)."""
    if not can(user, "profile.import"):
        return set()
    return set(village_scope(user).values_list("code", flat=True))


def max_upload_bytes() -> int:
    """The largest workbook accepted (``PETAKAN_UPLOAD_LIMITS["profile"]``), checked before it is parsed."""
    return uploads.max_bytes("profile")


def preview_import(source: bytes | Path | IO[bytes], *, user: Any, year: int) -> ImportPreview:
    """Dry run of an upload: read the workbook, list every problem, and the changes it would make.

    Besides the workbook checks of :func:`petakan.lib.profile.read_workbook` (scope, codes, types, ranges,
    formulas, merged cells, sheets, size), a village whose profile is submitted, verified or published may
    not be changed (problem ``profile_locked`` on its row).
    """
    if not can(user, "profile.import"):
        raise NotAllowed
    known = set(Area.objects.filter(level=Level.VILLAGE).values_list("code", flat=True))
    result = read_workbook(
        schema(), source, allowed_codes=import_codes(user), known_codes=known, max_bytes=max_upload_bytes()
    )
    preview = ImportPreview(problems=list(result.problems), row_numbers=result.row_numbers, rows=result.rows)
    rows = Profile.objects.filter(year=year, area__code__in=list(result.rows)).values_list(
        "area__code", "values", "version", "status", "is_demo"
    )
    stored = {code: (values, version, status) for code, values, version, status, _ in rows}
    preview.demo_villages = {code for code, *_, is_demo in rows if is_demo}
    preview.versions = {code: stored[code][1] if code in stored else 0 for code in result.rows}
    changes = diff({code: s[0] for code, s in stored.items()}, result.rows)
    changed = dict.fromkeys(c.code for c in changes)
    for code in changed:
        status = stored[code][2] if code in stored else Status.DRAFT
        if status not in EDITABLE:
            preview.problems.append(
                AppProblem(
                    "profile_locked",
                    {"value": code, "status": status},
                    field="village_code",
                    value=code,
                    sheet=SHEET_PROFILE,
                    row=result.row_numbers.get(code),
                    column="A",
                    village=code,
                )
            )
    if not preview.problems:
        preview.changes = changes
    return preview


def _apply_import(preview: ImportPreview, *, user: Any, year: int, expected: Mapping[str, int]) -> int:
    """Write a clean preview's changes, all or nothing; refuse if any profile moved from ``expected``."""
    codes = preview.changed_villages
    if not codes:
        return 0
    by = user if getattr(user, "is_authenticated", False) else None
    now = timezone.now()
    by_village: dict[str, list[Change]] = {}
    for c in preview.changes:
        by_village.setdefault(c.code, []).append(c)
    with transaction.atomic():
        # On PostgreSQL the rows stay locked until the commit; SQLite serialises writers anyway.
        existing = {
            p.area.code: p
            for p in Profile.objects.select_for_update(of=("self",))
            .filter(year=year, area__code__in=codes)
            .select_related("area")
        }
        stale = [c for c in codes if (existing[c].version if c in existing else 0) != expected.get(c, 0)]
        if stale:
            raise StaleImportError(stale)
        locked = [c for c in codes if c in existing and not existing[c].is_editable]
        if locked:
            raise StaleImportError(locked)
        area_ids = dict(Area.objects.filter(code__in=[c for c in codes if c not in existing]).values_list("code", "id"))
        created = [
            Profile(
                area_id=area_ids[code],
                year=year,
                schema=schema().code,
                values=_compact(preview.rows[code]),
                version=1,
                changed_by=by,
                changed_at=now,
            )
            for code in codes
            if code not in existing
        ]
        Profile.objects.bulk_create(created)
        for code, p in existing.items():
            p.values = _compact({**p.values, **preview.rows[code]})
            p.version += 1
            p.changed_by = by
            p.changed_at = now
        Profile.objects.bulk_update(list(existing.values()), ["values", "version", "changed_by", "changed_at"])
        ids = dict(Profile.objects.filter(year=year, area__code__in=codes).values_list("area__code", "id"))
        versions = {code: (existing[code].version if code in existing else 1) for code in codes}
        rows = []
        for code in codes:
            rows += _field_changes(
                ids[code], by_village[code], user=user, at=now, via=Via.IMPORT, version=versions[code]
            )
        FieldChange.objects.bulk_create(rows, batch_size=2000)
    return len(preview.changes)


def import_now(source: bytes | Path | IO[bytes], *, user: Any, year: int) -> tuple[ImportPreview, int]:
    """Dry run and, if it is clean, commit at once (the command line's ``--commit``)."""
    preview = preview_import(source, user=user, year=year)
    if not preview.ok:
        return preview, 0
    return preview, _apply_import(preview, user=user, year=year, expected=preview.versions)


def keep_upload(content: bytes, preview: ImportPreview, *, user: Any, year: int, file_name: str) -> Upload:
    """Keep a clean dry run's file for its commit (and drop expired uploads)."""
    Upload.objects.filter(created__lt=timezone.now() - UPLOAD_TTL).delete()
    return Upload.objects.create(
        user=user,
        year=year,
        file_name=file_name[:200],
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        versions=preview.versions,
        n_changes=len(preview.changes),
    )


def commit_upload(upload: Upload, *, user: Any) -> int:
    """Commit a kept upload: re-check it, refuse if any profile changed since its dry run, write all or nothing."""
    if upload.user_id != getattr(user, "pk", None) or upload.committed_at is not None:
        raise NotAllowed
    preview = preview_import(bytes(upload.content), user=user, year=upload.year)
    if not preview.ok:
        raise ProfileProblemsError(preview.problems)
    with transaction.atomic():
        n = _apply_import(preview, user=user, year=upload.year, expected=upload.versions)
        upload.committed_at = timezone.now()
        upload.save(update_fields=["committed_at"])
    return n


# ---------------------------------------------------------------------------------------------- demo
# The comment the demo's one returned profile carries (what a kecamatan clerk would write).
DEMO_RETURN_COMMENT = (
    "Jumlah rumah tangga miskin lebih besar dari tahun lalu padahal penduduk berkurang; mohon periksa bagian "
    "Kependudukan dan isi sumber datanya."
)
# Villages outside the demo kecamatan left with work, by their position in code order: a few drafts, a few
# waiting for their kecamatan, a few waiting for Kominfo. Spread over several kecamatan so that the regency's
# progress table is not uniform.
_DEMO_ELSEWHERE = {40: Status.DRAFT, 95: Status.DRAFT, 170: Status.DRAFT, 60: Status.SUBMITTED, 130: Status.SUBMITTED}
_DEMO_ELSEWHERE |= {210: Status.SUBMITTED, 80: Status.VERIFIED, 240: Status.VERIFIED}
# In the demo kecamatan (the first, the one of the demo accounts), by position: its first village is the demo
# village account's and stays a draft, filled in up to "Komoditas unggulan"; the others give the kecamatan clerk
# something to verify, one returned profile waiting for its village, and one more draft.
_DEMO_KECAMATAN = {
    0: Status.DRAFT,
    1: Status.SUBMITTED,
    2: Status.SUBMITTED,
    3: Status.RETURNED,
    4: Status.VERIFIED,
    5: Status.DRAFT,
}
# How a generated profile reached each status: the workflow steps it is given (action, from, to).
_DEMO_PATHS: dict[str, list[tuple[str, str, str]]] = {
    Status.DRAFT: [],
    Status.SUBMITTED: [(Action.SUBMITTED, Status.DRAFT, Status.SUBMITTED)],
    Status.RETURNED: [
        (Action.SUBMITTED, Status.DRAFT, Status.SUBMITTED),
        (Action.RETURNED, Status.SUBMITTED, Status.RETURNED),
    ],
    Status.VERIFIED: [
        (Action.SUBMITTED, Status.DRAFT, Status.SUBMITTED),
        (Action.VERIFIED, Status.SUBMITTED, Status.VERIFIED),
    ],
    Status.PUBLISHED: [(Action.PUBLISHED, Status.DRAFT, Status.PUBLISHED)],
}


def demo_work(codes: Iterable[str]) -> dict[str, Status]:
    """The status the demo leaves each village in when it gives every role work (villages not listed: published).

    The demo kecamatan is the first in code order (the demo ``kecamatan`` account's); its first village is the
    demo ``desa`` account's (see ``petakan accounts create-demo``).
    """
    ordered = sorted(codes)
    if not ordered:
        return {}
    first_district = ordered[0].rsplit(".", 1)[0]
    own = [c for c in ordered if c.rsplit(".", 1)[0] == first_district]
    others = [c for c in ordered if c.rsplit(".", 1)[0] != first_district]
    plan = {own[i]: s for i, s in _DEMO_KECAMATAN.items() if i < len(own)}
    plan |= {others[i]: s for i, s in _DEMO_ELSEWHERE.items() if i < len(others)}
    return plan


def _demo_draft(values: Mapping[str, Value], *, stop_before: str) -> dict[str, Value]:
    """A draft's values: the sections before ``stop_before`` filled in, the rest not yet."""
    sections = [s.code for s in schema().sections]
    keep = set(sections[: sections.index(stop_before)]) if stop_before in sections else set(sections[:1])
    section_of = {f.code: f.section for f in schema().fields}
    return {k: v for k, v in values.items() if section_of.get(k, sections[0]) in keep}


@functools.lru_cache(maxsize=2)
def _demo_inputs(data_dir: str, regency: str) -> DemoInputs:
    # read once per process: `petakan demo` loads two years from the same reference files
    return load_demo_inputs(data_dir, regency_code=regency)


@functools.lru_cache(maxsize=4)
def _demo_frame(data_dir: str, regency: str, year: int, seed: int, schema_code: str) -> pd.DataFrame:
    return _demo_inputs(data_dir, regency).generate(year=year, seed=seed, schema=schema())


def demo_improved(year: int, codes: Iterable[str]) -> dict[str, set[str]]:
    """Smart City element → the villages among ``codes`` that a demo masterplan programme at work in ``year``
    reached (:data:`petakan.planning.demo.PROGRAMMES`: start ≤ ``year`` ≤ end, its kecamatan or the whole regency),
    for the elements the demo generator knows how to improve."""
    # the fixed lists of the planning demo, not its database rows: the profiles are loaded before the masterplan
    from petakan.lib.profile.demo import IMPROVED_FIELDS
    from petakan.planning.demo import PROGRAMMES

    out: dict[str, set[str]] = {}
    for d in PROGRAMMES:
        if not d.years[0] <= year <= d.years[1]:
            continue
        reached = set(codes) if d.whole_regency else {c for c in codes if c.rsplit(".", 1)[0] in set(d.districts)}
        for element in d.elements:
            if element in IMPROVED_FIELDS and reached:
                out.setdefault(element, set()).update(reached)
    return out


def demo_frame(year: int, seed: int = 1, *, leads_to: int | None = None) -> pd.DataFrame:
    """The generated profiles of ``year``: drawn by the generator, or, with ``leads_to`` (a later year), the
    profiles that the generated ones of ``leads_to`` grew from (same villages, small drift, and the work of the
    demo programmes at work in ``year`` undone: :func:`demo_improved`)."""
    if settings.PETAKAN_DATA_DIR is None:
        raise ValueError("PETAKAN_DATA_DIR is not set: the demo needs the reference data directory")
    key = (str(settings.PETAKAN_DATA_DIR), settings.PETAKAN_REGENCY_CODE)
    if leads_to is None:
        return _demo_frame(*key, year, seed, schema().code)
    if leads_to <= year:
        raise ValueError(f"--leads-to {leads_to} must be a later year than {year}")
    later = _demo_frame(*key, leads_to, seed, schema().code)
    improved = demo_improved(year, later.index)
    return _demo_inputs(*key).earlier(later, year=year, seed=seed, improved=improved, schema=schema())


def _demo_carried(area_id: int, year: int, values: Mapping[str, Value]) -> dict[str, Any]:
    """``Profile.carried`` of a demo draft: the last published profile's values of the fields the draft lacks."""
    carry = pending_carry(area_id, year, None)  # type: ignore[arg-type]  # the lookups take the area's id
    if carry is None:
        return {}
    still = {k: v for k, v in carry.values.items() if k not in values}
    return CarryOver(carry.from_year, still, carry.changed).as_json()


def load_demo(year: int, seed: int = 1, *, work: bool = False, leads_to: int | None = None) -> int:
    """Store generated profiles ("data contoh") for every village of the regency; idempotent.

    Values come from :func:`demo_frame` (:func:`petakan.lib.profile.generate_demo_profiles` over the reference
    data in ``settings.PETAKAN_DATA_DIR``; with ``leads_to``, the earlier year those profiles grew from). Without
    ``work`` every profile is published; with it, :func:`demo_work` leaves a
    few villages in draft (partly filled), submitted, returned (with :data:`DEMO_RETURN_COMMENT`) or verified, so
    that every role of the demo has something to do. A village without a profile for ``year`` gets one
    (``is_demo``, history via "demo"); a demo profile nobody has touched since is brought to the generated values
    and status again; a profile with real entries (any change or workflow step not via "demo") is left alone and
    logged. A draft starts from the village's last published profile as a village head would: its sections not yet
    filled in carry last year's values awaiting confirmation (``Profile.carried``). Returns the number of profiles
    created or changed (0 when run again with the same seed).
    """
    frame = demo_frame(year, seed, leads_to=leads_to)
    generated = {code: _compact(values) for code, values in frame_to_records(schema(), frame).items()}
    areas = dict(Area.objects.filter(level=Level.VILLAGE, code__in=list(generated)).values_list("code", "id"))
    missing = sorted(set(generated) - set(areas))
    if missing:
        raise ValueError(
            f"{len(missing)} village(s) of the demo are not in the region register (run "
            f"'petakan regions load-kendal --commit' first): {', '.join(missing[:5])}"
        )
    plan = demo_work(generated) if work else {}
    first_of_plan = min(plan) if plan else None
    for code, status in plan.items():
        if status == Status.DRAFT:
            # the demo village account's draft stops early (population, geography and livelihood filled in):
            # its next step is "Komoditas unggulan"
            generated[code] = _demo_draft(
                generated[code], stop_before="commodities" if code == first_of_plan else "education"
            )
    # a draft opens like a village head's next year: what it has not filled in yet is carried from last year
    carried = {code: _demo_carried(areas[code], year, generated[code]) for code in plan if plan[code] == Status.DRAFT}
    existing = {p.area_id: p for p in Profile.objects.filter(year=year, area_id__in=areas.values())}
    # a profile someone has edited or moved along the workflow is real work, not demo data any more
    touched = set(
        FieldChange.objects.filter(profile__in=existing.values())
        .exclude(via=Via.DEMO)
        .values_list("profile_id", flat=True)
    ) | set(
        WorkflowEvent.objects.filter(profile__in=existing.values())
        .exclude(via=Via.DEMO)
        .values_list("profile_id", flat=True)
    )
    now = timezone.now()
    created: list[Profile] = []
    updated: list[Profile] = []
    changes: dict[str, list[Change]] = {}
    events: dict[str, list[tuple[str, str, str]]] = {}
    kept = []
    for code, values in generated.items():
        target = plan.get(code, Status.PUBLISHED)
        comment = DEMO_RETURN_COMMENT if target == Status.RETURNED else ""
        p = existing.get(areas[code])
        if p is None:
            p = Profile(
                area_id=areas[code],
                year=year,
                schema=schema().code,
                values=values,
                status=target,
                version=1,
                is_demo=True,
                changed_at=now,
                return_comment=comment,
                carried=carried.get(code, {}),
            )
            created.append(p)
            changes[code] = diff({}, {code: values})
            events[code] = _DEMO_PATHS[target]
            continue
        if not p.is_demo or p.pk in touched:
            kept.append(code)
            continue
        found = diff({code: p.values}, {code: {f.code: values.get(f.code) for f in schema().fields}})
        if not found and p.status == target and p.carried == carried.get(code, {}):
            continue
        p.version += 1
        if p.status != target:
            events[code] = _DEMO_PATHS[target][-1:] if target != Status.DRAFT else []
            events[code] = [(a, p.status, to) for a, _source, to in events[code]]
        p.values, p.status, p.changed_at, p.changed_by = values, target, now, None
        p.return_comment, p.carried = comment, carried.get(code, {})
        updated.append(p)
        changes[code] = found
    if kept:
        log.warning("load-demo %s: %d profile(s) with real entries left as they are", year, len(kept))
    with transaction.atomic():
        Profile.objects.bulk_create(created, batch_size=500)
        Profile.objects.bulk_update(
            updated, ["values", "status", "version", "changed_at", "changed_by", "return_comment", "carried"]
        )
        ids = dict(Profile.objects.filter(year=year, area__code__in=list(changes)).values_list("area__code", "id"))
        versions = {p.area_id: p.version for p in (*created, *updated)}
        rows: list[FieldChange] = []
        for code, found in changes.items():
            rows += _field_changes(ids[code], found, user=None, at=now, via=Via.DEMO, version=versions[areas[code]])
        FieldChange.objects.bulk_create(rows, batch_size=2000)
        WorkflowEvent.objects.bulk_create(
            [
                WorkflowEvent(
                    profile_id=ids[code],
                    action=action,
                    from_status=source,
                    to_status=to,
                    comment=DEMO_RETURN_COMMENT if action == Action.RETURNED else "DATA CONTOH",
                    at=now,
                    via=Via.DEMO,
                    version=versions[areas[code]],
                )
                for code, path in events.items()
                for action, source, to in path
            ]
        )
    return len(created) + len(updated)
