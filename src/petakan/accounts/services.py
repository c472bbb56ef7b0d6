"""Accounts for the Bimtek: one per kecamatan and village with a one-time password, printed on slips; a forgotten
password is reset by the admin, which gives a new one-time password and a new slip.

Passwords are never stored in clear: the slip (and the command's XLSX) is the only copy, handed to its holder.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from petakan.accounts.hashers import OneTimePasswordHasher
from petakan.accounts.models import Role, User
from petakan.accounts.slips import Slip, write_slips
from petakan.regions.models import Area, Kind, Level

# Easy to read aloud and type on a phone: no 0/O, 1/l/I.
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
DEFAULT_SITE_URL = "http://127.0.0.1:8000"


def new_password(length: int = 12) -> str:
    """A random one-time password: 12 characters of 31 (≈ 59 bits)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def set_one_time_password(user: User, password: str) -> None:
    """Store ``password`` with the cheap one-time hasher (random passwords need no key stretching; see hashers.py)."""
    user.password = make_password(password, hasher=OneTimePasswordHasher())
    user.must_set_password = True


def username_for(area: Area) -> str:
    digits = area.code.replace(".", "")
    return f"kec-{digits}" if area.level == Level.DISTRICT else f"desa-{digits}"


def site_url(request: HttpRequest | None = None) -> str:
    """The address printed on the slips: ``PETAKAN_SITE_URL`` if set, else the address the admin is using."""
    configured = getattr(settings, "PETAKAN_SITE_URL", "")
    if configured:
        return configured
    if request is not None:
        return request.build_absolute_uri("/")
    return DEFAULT_SITE_URL + "/"


@dataclass(frozen=True)
class NewAccount:
    user: User
    password: str


def area_accounts_missing(within: str) -> list[Area]:
    """The kecamatan and villages under regency ``within`` that have no account of their own yet, by code."""
    areas = list(
        Area.objects.filter(level__in=[Level.DISTRICT, Level.VILLAGE], code__startswith=within + ".")
        .select_related("parent")
        .order_by("code")
    )
    existing = set(
        User.objects.filter(username__in=[username_for(a) for a in areas]).values_list("username", flat=True)
    )
    return [a for a in areas if username_for(a) not in existing]


def create_area_accounts(areas: list[Area]) -> list[NewAccount]:
    """One account per area (district role for a kecamatan, village role for a village), all or nothing, each with
    a one-time password its holder must replace at first login."""
    created = []
    with transaction.atomic():
        for area in areas:
            role = Role.DISTRICT if area.level == Level.DISTRICT else Role.VILLAGE
            password = new_password()
            user = User(username=username_for(area), role=role, area=area, first_name=area.name[:150])
            set_one_time_password(user, password)
            user.save()
            created.append(NewAccount(user, password))
    return created


def reset_password(user: User) -> NewAccount:
    """A new one-time password for ``user`` (the old one stops working), to be replaced at the next login."""
    password = new_password()
    set_one_time_password(user, password)
    user.save(update_fields=["password", "must_set_password"])
    return NewAccount(user, password)


def _kind(area: Area | None) -> str:
    if area is None:
        return ""
    if area.level == Level.DISTRICT:
        return _("Kecamatan")
    return _("Kelurahan") if area.kind == Kind.KELURAHAN else _("Desa")


def slip_of(account: NewAccount) -> Slip:
    user, area = account.user, account.user.area
    district = area.parent if area is not None and area.level == Level.VILLAGE else None
    return Slip(
        area_name=area.name if area is not None else (user.get_full_name() or user.username),
        kind=_kind(area),
        district=district.name if district is not None else "",
        username=user.username,
        password=account.password,
    )


def write_account_slips(accounts: list[NewAccount], url: str, stream: IO[bytes]) -> int:
    """The slips of ``accounts`` as an A4 PDF; returns the number of pages."""
    return write_slips([slip_of(a) for a in accounts], url, stream, title=_("Slip akun Petakan"))
