"""How a person is named in histories and sentences: by name and role, never by a database id."""

from __future__ import annotations

from typing import Any

from petakan.accounts.models import Role


def role_text(user: Any) -> str:
    """The role as people say it, with the area of a kecamatan or village account: "Kecamatan Plantungan",
    "Desa Blumah", "Dewan Smart City"."""
    role = getattr(user, "role", "")
    if not role:
        return ""
    area = getattr(user, "area", None)
    if role == Role.DISTRICT and area is not None:
        return f"{Role.DISTRICT.label} {area.name}"
    if role == Role.VILLAGE and area is not None:
        kind = area.get_kind_display() if area.kind else Role.VILLAGE.label
        return f"{kind} {area.name}"
    return str(Role(role).label)


def person(user: Any, username: str = "") -> str:
    """Who acted: "Sari (Admin (Kominfo))", "Kecamatan Plantungan", "Dewan Smart City"; the stored name of a deleted
    account; "Petakan" for the system itself (a command, the demo)."""
    if user is None:
        return username or "Petakan"
    role = role_text(user)
    name = user.get_full_name().strip()
    area = getattr(user, "area", None)
    if name and area is not None and name == area.name:
        name = ""  # area accounts carry the area's name: "Plantungan (Kecamatan Plantungan)" says it twice
    if name and role:
        return f"{name} ({role})"
    return name or role or user.get_username()
