"""Helpers of the proposal tests: a proposal made directly in the database, and the cast's areas."""

from __future__ import annotations

from petakan.monitoring.models import Proposal
from petakan.regions.models import Area
from tests.conftest import KENDAL_VILLAGE

YEAR = 2026


def make_proposal(area_code: str = KENDAL_VILLAGE, **fields) -> Proposal:  # type: ignore[no-untyped-def]
    defaults = {
        "year": YEAR,
        "title": "Bank sampah dusun",
        "dimension": "env",
        "element": "env_waste",
        "location": "Dusun Krajan",
        "estimated_cost": 25_000_000,
    }
    return Proposal.objects.create(area=Area.objects.get(code=area_code), **{**defaults, **fields})
