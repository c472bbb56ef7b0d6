"""``{% proposals_url area year as url %}``: the village's proposals page, when the visitor may read it (else "")."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from petakan.accounts.permissions import can

register = template.Library()


@register.simple_tag(takes_context=True)
def proposals_url(context: dict[str, Any], area: Any, year: int) -> str:
    request = context.get("request")
    user = getattr(request, "user", None)
    if area is None or not year or not can(user, "proposal.view", area):
        return ""
    return reverse("proposals:village", args=[area.code, year])
