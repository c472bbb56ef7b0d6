"""Read-only links to the live Bimtek board, for a projector: a secret token in the URL, revocable by the admin."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    """32 random bytes, URL-safe (256 bits: not guessable, not enumerable)."""
    return secrets.token_urlsafe(32)


class BoardLink(models.Model):
    token = models.CharField(max_length=64, unique=True, default=new_token)
    label = models.CharField(_("keterangan"), max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.label or self.token[:8]
