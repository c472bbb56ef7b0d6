from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from petakan.accounts.permissions import can


def site(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    return {
        "regency_code": settings.PETAKAN_REGENCY_CODE,
        "tile_url": settings.PETAKAN_TILE_URL,
        "may_manage_accounts": can(user, "account.manage"),
        "may_see_completeness": can(user, "profile.completeness"),
        "may_use_excel": can(user, "profile.export"),
        "may_view_realisation": can(user, "realisation.view"),
        # the queue's jobs in the menu for those who start long work from the web (runs) and the admin
        "may_see_jobs": can(user, "job.view_all") or can(user, "analysis.run"),
    }
