"""A second ``petakan idm load-demo`` leaves alone the demo rows someone has worked on since (returned, saved)."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from petakan.idm.models import Action, ItemScoreChange, ItemScores, ReviewStatus
from tests.idm.conftest import VILLAGE


def test_a_returned_demo_row_stays_returned_after_a_second_demo(kendal, cast) -> None:  # type: ignore[no-untyped-def]
    call_command("idm", "load-demo", "--year", "2026", stdout=StringIO())
    record = ItemScores.objects.get(village__code=VILLAGE, year=2026)
    record.status = ReviewStatus.RETURNED
    record.save(update_fields=["status"])
    ItemScoreChange.objects.create(
        record=record,
        action=Action.RETURN,
        by=cast["district"],
        status_before=ReviewStatus.VERIFIED,
        status_after=ReviewStatus.RETURNED,
        comment="Periksa skor kesehatan.",
    )
    out = StringIO()
    call_command("idm", "load-demo", "--year", "2026", stdout=out)
    record.refresh_from_db()
    assert record.status == ReviewStatus.RETURNED
    assert ItemScoreChange.objects.filter(record=record).count() == 2
