"""Login throttling: refuse to check passwords after too many recent failures for a username or an address."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from petakan.accounts.models import LoginFailure

# An address may fail more often than one username: several village operators can share one office connection.
ADDRESS_FACTOR = 4


def client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def is_locked(request: HttpRequest, username: str) -> bool:
    since = timezone.now() - timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW_SECONDS)
    recent = LoginFailure.objects.filter(at__gte=since)
    limit = settings.LOGIN_THROTTLE_FAILURES
    return (
        recent.filter(username=username.lower()).count() >= limit
        or recent.filter(address=client_address(request)).count() >= limit * ADDRESS_FACTOR
    )


def record_failure(request: HttpRequest, username: str) -> None:
    LoginFailure.objects.create(username=username.lower(), address=client_address(request))


def clear(username: str) -> None:
    LoginFailure.objects.filter(username=username.lower()).delete()
