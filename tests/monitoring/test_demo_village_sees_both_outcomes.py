"""The demo shows the whole proposal loop: the demo village account ("desa") finds two proposals of its own, ranked
by its kecamatan, one taken into a programme and one declined with a reason — all DATA CONTOH, and loading the demo
again changes nothing."""

from __future__ import annotations

import io

from django.core.management import call_command

from petakan.monitoring.models import Proposal, ProposalStatus


def load() -> str:
    out = io.StringIO()
    call_command("monitoring", "load-demo", "--year", "2026", stdout=out)
    return out.getvalue()


def test_the_demo_village_sees_one_proposal_linked_and_one_declined_with_its_reason(kendal) -> None:  # type: ignore[no-untyped-def]
    call_command("planning", "load-demo", stdout=io.StringIO())
    call_command("accounts", "create-demo", stdout=io.StringIO())
    assert "2 diputuskan" in load()
    mine = list(Proposal.objects.filter(area__code="33.24.01.2001").order_by("district_rank"))
    assert [p.district_rank for p in mine] == [1, 2] and all(p.is_demo for p in mine)
    linked, declined = mine
    assert linked.status == ProposalStatus.LINKED and linked.programme is not None
    assert linked.element in linked.programme.elements  # the best-matching programme, same element first
    assert declined.status == ProposalStatus.DECLINED and declined.decline_reason.startswith("DATA CONTOH")
    before = sorted(Proposal.objects.values_list("pk", "status", "district_rank", "programme_id"))
    assert "0 baru, 0 diputuskan" in load()
    assert sorted(Proposal.objects.values_list("pk", "status", "district_rank", "programme_id")) == before
