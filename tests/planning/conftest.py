"""Fixtures for the masterplan app: a small hand-made cascade, Smart City index runs with chosen scores, and a
client logged in as any member of the cast."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from petakan.indices import scores
from petakan.indices.models import Run, UnitScores
from petakan.planning.framework import DIMENSIONS, ELEMENTS
from petakan.planning.models import Misi, Period, Programme, RpjmdProgram, Sasaran, Tujuan
from petakan.regions.models import Area
from tests.conftest import PASSWORD


@pytest.fixture
def login(cast) -> Callable[[str], Client]:  # type: ignore[no-untyped-def]
    def as_role(role: str) -> Client:
        client = Client()
        if role != "anonymous":
            assert client.login(username=cast[role].username, password=PASSWORD)
        return client

    return as_role


@pytest.fixture
def period(kendal) -> Period:  # type: ignore[no-untyped-def]
    """2024–2026 with one misi → tujuan → two sasaran, and an RPJMD program under the first."""
    p = Period.objects.create(name="RPJMD Uji 2024–2026", start_year=2024, end_year=2026, is_current=True)
    misi = Misi.objects.create(period=p, code="1", text="Misi uji")
    tujuan = Tujuan.objects.create(misi=misi, code="1.1", text="Tujuan uji")
    first = Sasaran.objects.create(tujuan=tujuan, code="1.1.1", text="Meningkatnya layanan publik")
    Sasaran.objects.create(tujuan=tujuan, code="1.1.2", text="Menurunnya kemiskinan")
    RpjmdProgram.objects.create(sasaran=first, code="P1", name="Program Aplikasi", opd="Diskominfo")
    return p


def make_programme(period: Period, **fields) -> Programme:  # type: ignore[no-untyped-def]
    links = {k: fields.pop(k) for k in ("sasaran", "rpjmd_programs", "districts", "villages") if k in fields}
    defaults = {
        "name": "Program uji",
        "dimension": "gov",
        "elements": ["gov_service"],
        "horizon": "medium",
        "start_year": period.start_year,
        "end_year": period.start_year + 1,
        "opd": "Diskominfo",
        "whole_regency": True,
    }
    programme = Programme.objects.create(period=period, **{**defaults, **fields})
    for key, values in links.items():
        getattr(programme, key).set(values)
    return programme


def tree() -> list[dict]:
    nodes = [{"code": "sci", "parent": None, "level": "index", "name_id": "Indeks Smart City", "name_en": "SCI"}]
    nodes += [{"code": c, "parent": "sci", "level": "dimension", "name_id": n, "name_en": e} for c, n, e in DIMENSIONS]
    nodes += [{"code": c, "parent": d, "level": "element", "name_id": n, "name_en": e} for c, d, n, e in ELEMENTS]
    nodes += [
        {
            "code": "puskesmas_access",
            "parent": "living_health",
            "level": "indicator",
            "name_id": "Akses puskesmas",
            "name_en": "Health centre access",
        }
    ]
    return nodes


@pytest.fixture
def make_run(kendal) -> Callable[..., Run]:  # type: ignore[no-untyped-def]
    """make_run(elements={code: score}, villages={village code: score}) → a current, published run."""

    def build(elements: dict[str, float | None], villages: dict[str, float | None] | None = None, **fields) -> Run:  # type: ignore[no-untyped-def]
        run = Run.objects.create(
            framework="smart-city-v1",
            framework_version="1",
            framework_hash="x",
            data_hash="y",
            year=2025,
            is_current=True,
            is_demo=True,
            tree=tree(),
            **fields,
        )
        regency = Area.objects.get(code="33.24")
        rows = [scores.row(run, "regency", elements, area=regency)]
        areas = {a.code: a for a in Area.objects.filter(code__in=list(villages or {}))}
        rows += [
            scores.row(run, "village", {"sci": value}, area=areas[code]) for code, value in (villages or {}).items()
        ]
        UnitScores.objects.bulk_create(rows)
        return run

    return build
