"""Login throttling that slows password guessing without locking the owner out.

Failures are counted per (username, client address) and per client address, never per username alone: a hard lock
of a username from every address would let anyone lock out the admin (or every kecamatan) by typing wrong
passwords. For each key, the first ``free`` failures in the window cost nothing; every failure after that makes
the next attempt wait twice as long as the one before, from the last failure::

    wait = min(LOGIN_THROTTLE_BASE_DELAY_SECONDS × 2 ** (failures − free), LOGIN_THROTTLE_MAX_DELAY_SECONDS)

with ``free`` = ``LOGIN_THROTTLE_FAILURES`` for a (username, address) pair and ``ADDRESS_FACTOR`` times that for an
address (one office connection serves several village operators). While a key waits, passwords are not checked and
no failure is recorded, so an attacker gets about one guess per wait, which doubles up to the cap. A browser that
has logged in as a user before carries a signed "known device" cookie for that username; such a login is not
slowed by failures of *other* usernames from its address (an attacker behind the same office connection).

The state lives in the database (:class:`~petakan.accounts.models.LoginFailure`), shared by every app server
process, not in a per-process cache. Usernames are keyed case-insensitively (``VICTIM`` is ``victim``); an IPv6
client is keyed by its /64 network, which one household or attacker usually controls whole.
"""

from __future__ import annotations

import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db.models import Count, Max, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from petakan.accounts.models import LoginFailure

# An address may fail more often than one username: several village operators can share one office connection.
ADDRESS_FACTOR = 4
DEVICE_COOKIE = "petakan_device"
DEVICE_SALT = "petakan.accounts.throttle.device"
DEVICE_MAX_AGE_SECONDS = 365 * 24 * 3600


def client_address(request: HttpRequest) -> str:
    """The address failures are counted under: REMOTE_ADDR (behind a reverse proxy, the address the proxy appends
    to X-Forwarded-For, when ``TRUSTED_PROXY_COUNT`` says how many proxies to trust); IPv6 as its /64 network."""
    raw = request.META.get("REMOTE_ADDR", "") or ""
    hops = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if hops:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        # each trusted proxy appends the address it saw; the entry `hops` from the right is the client's
        if len(forwarded) >= hops:
            raw = forwarded[-hops]
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw[:64] or "unknown"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False))
    return str(address)


def normal_username(username: str) -> str:
    return username.strip().casefold()[:150]


def delay_seconds(failures: int, free: int) -> float:
    """Seconds to wait after the last failure when a key has ``failures`` in the window and ``free`` are allowed."""
    if failures < free:
        return 0.0
    base = settings.LOGIN_THROTTLE_BASE_DELAY_SECONDS
    cap = settings.LOGIN_THROTTLE_MAX_DELAY_SECONDS
    exponent = failures - free
    # 2 ** exponent overflows nothing here, but there is no point computing past the cap
    return float(cap) if exponent > 40 else float(min(base * 2**exponent, cap))


@dataclass(frozen=True)
class Throttle:
    """One throttled key: a (username, address) pair, or an address alone (``username`` empty)."""

    username: str
    address: str
    failures: int
    last: datetime
    until: datetime

    @property
    def active(self) -> bool:
        return self.until > timezone.now()


def _recent(now: datetime) -> QuerySet[LoginFailure]:
    return LoginFailure.objects.filter(at__gte=now - timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW_SECONDS))


def _until(failures: int, last: datetime | None, free: int) -> datetime | None:
    wait = delay_seconds(failures, free)
    if not wait or last is None:
        return None
    return last + timedelta(seconds=wait)


def wait_until(request: HttpRequest, username: str, now: datetime | None = None) -> datetime | None:
    """When ``username`` may next try from this request's address, or None when it may try now."""
    now = now or timezone.now()
    address = client_address(request)
    recent = _recent(now)
    free = settings.LOGIN_THROTTLE_FAILURES
    pair = recent.filter(username=normal_username(username), address=address).aggregate(n=Count("id"), last=Max("at"))
    candidates = [_until(pair["n"], pair["last"], free)]
    if not known_device(request, username):
        wide = recent.filter(address=address).aggregate(n=Count("id"), last=Max("at"))
        candidates.append(_until(wide["n"], wide["last"], free * ADDRESS_FACTOR))
    until = max((c for c in candidates if c is not None), default=None)
    return until if until is not None and until > now else None


def record_failure(request: HttpRequest, username: str) -> None:
    now = timezone.now()
    # forget what no longer counts, so the table stays as small as the window
    LoginFailure.objects.filter(at__lt=now - timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW_SECONDS)).delete()
    LoginFailure.objects.create(username=normal_username(username), address=client_address(request))


def succeeded(request: HttpRequest, username: str) -> None:
    """The right password from this address: its failures for this username no longer count (other usernames' do)."""
    LoginFailure.objects.filter(username=normal_username(username), address=client_address(request)).delete()


def remember_device(response: HttpResponse, username: str) -> None:
    """Mark the browser that has just logged in as ``username`` (signed, so it cannot be forged)."""
    value = signing.dumps(normal_username(username), salt=DEVICE_SALT, compress=True)
    response.set_cookie(
        DEVICE_COOKIE,
        value,
        max_age=DEVICE_MAX_AGE_SECONDS,
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Lax",
        path=settings.SESSION_COOKIE_PATH,
    )


def known_device(request: HttpRequest, username: str) -> bool:
    raw = request.COOKIES.get(DEVICE_COOKIE)
    if not raw:
        return False
    try:
        remembered = signing.loads(raw, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE_SECONDS)
    except signing.BadSignature:
        return False
    return remembered == normal_username(username)


def minutes_left(until: datetime, now: datetime | None = None) -> int:
    """Whole minutes until ``until``, rounded up (at least 1), for "Coba lagi dalam N menit"."""
    seconds = (until - (now or timezone.now())).total_seconds()
    return max(1, math.ceil(seconds / 60))


def throttles(now: datetime | None = None) -> list[Throttle]:
    """Every key that waits now or has failures in the window, pairs first then addresses, longest wait first."""
    now = now or timezone.now()
    recent = _recent(now)
    free = settings.LOGIN_THROTTLE_FAILURES
    found: list[Throttle] = []
    for row in recent.values("username", "address").annotate(n=Count("id"), last=Max("at")):
        until = _until(row["n"], row["last"], free) or row["last"]
        found.append(Throttle(row["username"], row["address"], row["n"], row["last"], until))
    for row in recent.values("address").annotate(n=Count("id"), last=Max("at")):
        until = _until(row["n"], row["last"], free * ADDRESS_FACTOR) or row["last"]
        found.append(Throttle("", row["address"], row["n"], row["last"], until))
    return sorted(found, key=lambda t: (t.username == "", -t.until.timestamp(), t.address, t.username))


def clear(address: str, username: str = "") -> int:
    """Forget the failures of a (username, address) pair, or of an address altogether; how many were forgotten."""
    failures = LoginFailure.objects.filter(address=address)
    if username:
        failures = failures.filter(username=normal_username(username))
    deleted, _ = failures.delete()
    return deleted
