"""The whole role × action table, pinned: every cell is written out, so a change to permissions.py shows here."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from petakan.accounts.permissions import RULES, can, village_scope
from petakan.regions.models import Area
from tests.conftest import (
    KENDAL_DISTRICT,
    KENDAL_VILLAGE,
    OTHER_DISTRICT,
    OTHER_VILLAGE,
    SAME_DISTRICT_OTHER_VILLAGE,
)

Y, N = True, False
# target: "own" village (Blumah), a "sibling" village in the same kecamatan, a village in "another" kecamatan,
# the "own kecamatan", the "other kecamatan", or None for actions that concern no single area.
TARGETS = {
    "own": KENDAL_VILLAGE,
    "sibling": SAME_DISTRICT_OTHER_VILLAGE,
    "another": OTHER_VILLAGE,
    "own_kec": KENDAL_DISTRICT,
    "other_kec": OTHER_DISTRICT,
    "none": None,
}
ROLES = ["admin", "analyst", "council", "district", "village", "anonymous"]

#                                      admin analyst council district village anonymous
MATRIX: dict[tuple[str, str], tuple[bool, ...]] = {
    ("public.view", "none"): (Y, Y, Y, Y, Y, Y),
    ("account.change_own_password", "none"): (Y, Y, Y, Y, Y, N),
    ("account.manage", "none"): (Y, N, N, N, N, N),
    ("account.clear_throttle", "none"): (Y, N, N, N, N, N),
    ("regions.import", "none"): (Y, N, N, N, N, N),
    ("profile.view", "own"): (Y, Y, Y, Y, Y, N),
    ("profile.view", "sibling"): (Y, Y, Y, Y, N, N),
    ("profile.view", "another"): (Y, Y, Y, N, N, N),
    ("profile.edit", "own"): (Y, N, N, N, Y, N),
    ("profile.edit", "sibling"): (Y, N, N, N, N, N),
    ("profile.edit", "another"): (Y, N, N, N, N, N),
    ("profile.submit", "own"): (Y, N, N, N, Y, N),
    ("profile.submit", "another"): (Y, N, N, N, N, N),
    ("profile.verify", "own"): (Y, N, N, Y, N, N),
    ("profile.verify", "another"): (Y, N, N, N, N, N),
    ("profile.return", "sibling"): (Y, N, N, Y, N, N),
    ("profile.return", "another"): (Y, N, N, N, N, N),
    ("profile.publish", "own"): (Y, N, N, N, N, N),
    ("profile.request_reopen", "own"): (N, N, N, N, Y, N),
    ("profile.request_reopen", "sibling"): (N, N, N, N, N, N),
    ("profile.import", "own"): (Y, N, N, Y, Y, N),
    ("profile.import", "another"): (Y, N, N, N, N, N),
    ("profile.export", "own"): (Y, Y, Y, Y, Y, N),
    ("profile.export", "another"): (Y, Y, Y, N, N, N),
    ("profile.completeness", "own_kec"): (Y, Y, N, Y, N, N),
    ("profile.completeness", "other_kec"): (Y, Y, N, N, N, N),
    ("analysis.view_unpublished", "none"): (Y, Y, Y, N, N, N),
    ("analysis.run", "none"): (Y, Y, N, N, N, N),
    ("analysis.import", "none"): (Y, Y, N, N, N, N),
    ("idm.edit", "own"): (Y, N, N, N, Y, N),
    ("idm.edit", "sibling"): (Y, N, N, N, N, N),
    ("idm.verify", "sibling"): (Y, N, N, Y, N, N),
    ("idm.verify", "another"): (Y, N, N, N, N, N),
    ("plan.view_draft", "none"): (Y, Y, Y, N, N, N),
    ("plan.edit", "none"): (Y, Y, N, N, N, N),
    ("plan.approve", "none"): (N, N, Y, N, N, N),
    ("account.reset_password", "none"): (Y, N, N, N, N, N),
    ("board.view", "none"): (Y, N, N, N, N, N),
    ("board.share", "none"): (Y, N, N, N, N, N),
    ("realisation.view", "none"): (Y, Y, Y, N, N, N),
    ("realisation.edit", "none"): (Y, Y, N, N, N, N),
    ("realisation.review", "none"): (Y, N, N, N, N, N),
    ("proposal.view", "own"): (Y, Y, Y, Y, Y, N),
    ("proposal.view", "sibling"): (Y, Y, Y, Y, N, N),
    ("proposal.view", "another"): (Y, Y, Y, N, N, N),
    ("proposal.submit", "own"): (Y, N, N, N, Y, N),
    ("proposal.submit", "sibling"): (Y, N, N, N, N, N),
    ("proposal.rank", "own_kec"): (Y, N, N, Y, N, N),
    ("proposal.rank", "sibling"): (Y, N, N, Y, N, N),
    ("proposal.rank", "other_kec"): (Y, N, N, N, N, N),
    ("proposal.decide", "own"): (Y, Y, N, N, N, N),
    ("job.view_own", "none"): (Y, Y, Y, Y, Y, N),
    ("job.retry_own", "none"): (Y, Y, Y, Y, Y, N),
    ("job.view_all", "none"): (Y, N, N, N, N, N),
    ("job.retry_all", "none"): (Y, N, N, N, N, N),
}


def test_the_matrix_covers_every_action() -> None:
    assert {action for action, _target in MATRIX} == set(RULES)


@pytest.mark.parametrize(("action", "target"), list(MATRIX))
def test_each_role_gets_exactly_its_cell(cast, action: str, target: str) -> None:  # type: ignore[no-untyped-def]
    users = {
        "admin": cast["admin"],
        "analyst": cast["analyst"],
        "council": cast["council"],
        "district": cast["district"],
        "village": cast["village"],
        "anonymous": AnonymousUser(),
    }
    area = Area.objects.get(code=TARGETS[target]) if TARGETS[target] else None
    got = tuple(can(users[role], action, area) for role in ROLES)
    assert got == MATRIX[(action, target)], dict(zip(ROLES, got, strict=True))


def test_it_refuses_an_unknown_action_loudly(cast) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(KeyError):
        can(cast["admin"], "profile.edti")


def test_an_inactive_account_is_treated_as_anonymous(cast) -> None:  # type: ignore[no-untyped-def]
    cast["admin"].is_active = False
    assert not can(cast["admin"], "account.manage")


def test_a_scoped_account_without_an_area_reaches_nothing(cast) -> None:  # type: ignore[no-untyped-def]
    village = cast["village"]
    village.area = None
    assert not can(village, "profile.edit", Area.objects.get(code=KENDAL_VILLAGE))


def test_village_scope_lists_only_what_each_role_may_read(cast) -> None:  # type: ignore[no-untyped-def]
    assert village_scope(cast["admin"]).count() == 286
    assert list(village_scope(cast["village"]).values_list("code", flat=True)) == [KENDAL_VILLAGE]
    district_codes = set(village_scope(cast["district"]).values_list("code", flat=True))
    assert len(district_codes) == 12 and all(c.startswith(KENDAL_DISTRICT + ".") for c in district_codes)
    assert village_scope(AnonymousUser()).count() == 0
