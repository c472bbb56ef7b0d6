"""A hand-made three-year programme (2024–2026) with budget lines, two indicators (one numeric, one qualitative) and
a client logged in as any member of the cast."""

from __future__ import annotations

import pytest

from petakan.planning.models import Programme, ProgrammeBudget, ProgrammeIndicator
from tests.planning.conftest import login, make_programme, period  # noqa: F401  (fixtures shared with planning)

MILLION = 1_000_000


@pytest.fixture
def programme(period) -> Programme:  # type: ignore[no-untyped-def]  # noqa: F811
    p = make_programme(period, name="Layanan Desa Daring", start_year=2024, end_year=2026)
    for year, source, amount in [(2024, "apbd", 100), (2025, "apbd", 200), (2025, "csr", 50), (2026, "apbd", 300)]:
        ProgrammeBudget.objects.create(programme=p, year=year, source=source, amount=amount * MILLION)
    ProgrammeIndicator.objects.create(
        programme=p,
        kind="output",
        name="Desa dengan layanan daring",
        unit="desa",
        baseline="0",
        target="30",
        target_year=2026,
        targets={"2024": "10", "2025": "20"},
    )
    ProgrammeIndicator.objects.create(
        programme=p, kind="outcome", name="Opini BPK", target="WTP", target_year=2026, targets={"2025": "WTP"}
    )
    return p


def measures(programme: Programme) -> tuple[ProgrammeIndicator, ProgrammeIndicator]:
    """The numeric indicator and the qualitative one."""
    return (
        programme.measures.get(name="Desa dengan layanan daring"),
        programme.measures.get(name="Opini BPK"),
    )


def form_data(programme: Programme, version: int = 0, **extra: str) -> dict[str, str]:
    """A realisation form as the analyst fills it: status, APBD spend, both indicators, evidence text."""
    numeric, qualitative = measures(programme)
    data = {
        "version": str(version),
        "status": "running",
        "spend_apbd": "",
        "spend_apbdes": "",
        "spend_csr": "",
        "spend_other": "",
        f"target_{numeric.pk}": "20",
        f"value_{numeric.pk}": "",
        f"note_{numeric.pk}": "",
        f"target_{qualitative.pk}": "WTP",
        f"value_{qualitative.pk}": "",
        f"note_{qualitative.pk}": "",
        "evidence_text": "",
        "evidence_link": "",
        "submit": "0",
    }
    return {**data, **extra}
