"""Who may do what: the one place that decides every permission in Petakan.

``can(user, action, area)`` answers for a single object; ``village_scope(user)`` gives the villages a user may act
on, for list views and imports. Views never test roles themselves: they ask this module, and
tests/accounts/test_permission_matrix.py pins the whole role × action table.

Actions are plain strings ``"<thing>.<verb>"``. Actions that concern one village or kecamatan take that area; a
``district`` account acts only inside its kecamatan, a ``village`` account only on its own village.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from petakan.accounts.models import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import QuerySet

    from petakan.accounts.models import User
    from petakan.jobs.models import Job
    from petakan.regions.models import Area

ANONYMOUS = "anonymous"
ROLES = [Role.ADMIN, Role.ANALYST, Role.COUNCIL, Role.DISTRICT, Role.VILLAGE, ANONYMOUS]

# action -> roles allowed. Roles in SCOPED are additionally limited to their own kecamatan / village.
RULES: dict[str, set[str]] = {
    # reading published things is open to everyone, including the public
    "public.view": {Role.ADMIN, Role.ANALYST, Role.COUNCIL, Role.DISTRICT, Role.VILLAGE, ANONYMOUS},
    # accounts and reference data
    "account.change_own_password": {Role.ADMIN, Role.ANALYST, Role.COUNCIL, Role.DISTRICT, Role.VILLAGE},
    "account.manage": {Role.ADMIN},
    "account.clear_throttle": {Role.ADMIN},
    "regions.import": {Role.ADMIN},
    # village potential profiles
    "profile.view": {Role.ADMIN, Role.ANALYST, Role.COUNCIL, Role.DISTRICT, Role.VILLAGE},
    "profile.edit": {Role.ADMIN, Role.VILLAGE},
    "profile.submit": {Role.ADMIN, Role.VILLAGE},
    "profile.verify": {Role.ADMIN, Role.DISTRICT},
    "profile.return": {Role.ADMIN, Role.DISTRICT},
    "profile.publish": {Role.ADMIN},
    # a village whose published profile needs a correction asks Kominfo (who may publish) to open it again
    "profile.request_reopen": {Role.VILLAGE},
    "profile.import": {Role.ADMIN, Role.DISTRICT, Role.VILLAGE},
    "profile.export": {Role.ADMIN, Role.ANALYST, Role.COUNCIL, Role.DISTRICT, Role.VILLAGE},
    "profile.completeness": {Role.ADMIN, Role.ANALYST, Role.DISTRICT},
    # analyses
    "analysis.view_unpublished": {Role.ADMIN, Role.ANALYST, Role.COUNCIL},
    "analysis.run": {Role.ADMIN, Role.ANALYST},
    "analysis.import": {Role.ADMIN, Role.ANALYST},
    # IDM item scores entered by the village, checked like the profile
    "idm.edit": {Role.ADMIN, Role.VILLAGE},
    "idm.verify": {Role.ADMIN, Role.DISTRICT},
    # masterplan
    "plan.view_draft": {Role.ADMIN, Role.ANALYST, Role.COUNCIL},
    "plan.edit": {Role.ADMIN, Role.ANALYST},
    "plan.approve": {Role.COUNCIL},
    # Bimtek: account slips (one-time passwords) and the live progress board with its read-only projector links
    "account.reset_password": {Role.ADMIN},
    "board.view": {Role.ADMIN},
    "board.share": {Role.ADMIN},
    # monitoring: yearly realisation of the programmes (entered by analysts, reviewed by Kominfo, read by the council)
    "realisation.view": {Role.ADMIN, Role.ANALYST, Role.COUNCIL},
    "realisation.edit": {Role.ADMIN, Role.ANALYST},
    "realisation.review": {Role.ADMIN},
    # village proposals (usulan): the village submits, its kecamatan ranks, the analyst links or declines
    "proposal.view": {Role.ADMIN, Role.ANALYST, Role.COUNCIL, Role.DISTRICT, Role.VILLAGE},
    "proposal.submit": {Role.ADMIN, Role.VILLAGE},
    "proposal.rank": {Role.ADMIN, Role.DISTRICT},
    "proposal.decide": {Role.ADMIN, Role.ANALYST},
    # queued jobs (petakan.jobs): everyone signed in sees and retries the jobs they started; the admin all jobs,
    # with the traceback of a failure
    "job.view_own": {Role.ADMIN, Role.ANALYST, Role.COUNCIL, Role.DISTRICT, Role.VILLAGE},
    "job.retry_own": {Role.ADMIN, Role.ANALYST, Role.COUNCIL, Role.DISTRICT, Role.VILLAGE},
    "job.view_all": {Role.ADMIN},
    "job.retry_all": {Role.ADMIN},
}

SCOPED = {Role.DISTRICT, Role.VILLAGE}


def role_of(user: User | AnonymousUser | None) -> str:
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    return user.role


def in_scope(user: User, area: Area) -> bool:
    """A district account reaches its kecamatan and the villages in it; a village account its own village."""
    if user.area_id is None:
        return False
    if user.role == Role.VILLAGE:
        return area.pk == user.area_id
    if user.role == Role.DISTRICT:
        return area.pk == user.area_id or area.parent_id == user.area_id
    return True


def can(user: User | AnonymousUser | None, action: str, area: Area | None = None) -> bool:
    """May ``user`` perform ``action`` (on ``area``, when the action concerns one area)?

    Unknown actions are refused loudly: a typo in a view must not become an open door.
    """
    if action not in RULES:
        raise KeyError(f"unknown action {action!r}")
    role = role_of(user)
    if role not in RULES[action]:
        return False
    if role in SCOPED:
        # a scoped account acting without a target area only gets actions on its own things
        if area is None:
            return action in {"account.change_own_password", "public.view"} or user.area_id is not None
        return in_scope(user, area)  # type: ignore[arg-type]
    return True


def can_on_job(user: User | AnonymousUser | None, verb: str, job: Job) -> bool:
    """``job.<verb>_own`` for the user who started ``job``, ``job.<verb>_all`` for anyone else's."""
    own = user is not None and user.is_authenticated and job.started_by_id == user.pk
    return can(user, f"job.{verb}_own" if own else f"job.{verb}_all")


def village_scope(user: User | AnonymousUser | None) -> QuerySet[Area]:
    """The villages whose non-public data ``user`` may read: all for regency-wide roles, none for the public."""
    from petakan.regions.models import Area, Level

    villages = Area.objects.filter(level=Level.VILLAGE)
    role = role_of(user)
    if role == ANONYMOUS:
        return villages.none()
    if role == Role.VILLAGE:
        return villages.filter(pk=user.area_id)  # type: ignore[union-attr]
    if role == Role.DISTRICT:
        return villages.filter(parent_id=user.area_id)  # type: ignore[union-attr]
    return villages
