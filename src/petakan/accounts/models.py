from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin (Kominfo)")
    ANALYST = "analyst", _("Analis (Bappeda/OPD)")
    COUNCIL = "council", _("Dewan Smart City")
    DISTRICT = "district", _("Kecamatan")
    VILLAGE = "village", _("Desa/Kelurahan")


class User(AbstractUser):
    role = models.CharField(_("peran"), max_length=10, choices=Role.choices, default=Role.VILLAGE)
    # A district account is bound to one kecamatan, a village account to one desa/kelurahan.
    area = models.ForeignKey(
        "regions.Area",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accounts",
        verbose_name=_("wilayah"),
    )

    # Set while the account holds a one-time password from a slip: until its holder chooses their own, the
    # FirstLoginMiddleware opens nothing but the set-password page and logout.
    must_set_password = models.BooleanField(_("harus mengganti kata sandi"), default=False)

    def __str__(self) -> str:
        return self.username


class LoginFailure(models.Model):
    """One failed login, counted per username and per client address to throttle guessing."""

    username = models.CharField(max_length=150, db_index=True)
    address = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
