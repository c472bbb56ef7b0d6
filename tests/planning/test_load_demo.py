"""`petakan planning load-demo`: Kendal's real RPJMD vision, misi 1 and themes, the 2018 applications as existing
programmes, the rest flagged as illustrative; loading twice leaves one copy."""

from __future__ import annotations

import io

from django.core.management import call_command

from petakan.planning.models import (
    AnnualTheme,
    ChangeLog,
    Indicator,
    Misi,
    Period,
    Programme,
    Sasaran,
    SwotEntry,
    VisionElement,
)


def load() -> str:
    out = io.StringIO()
    call_command("planning", "load-demo", stdout=out)
    return out.getvalue()


def counts() -> tuple[int, ...]:
    models = (Period, VisionElement, AnnualTheme, Misi, Sasaran, Indicator, Programme, SwotEntry)
    return tuple(m.objects.count() for m in models)


def test_it_loads_the_verbatim_parts_of_the_rpjmd(kendal) -> None:  # type: ignore[no-untyped-def]
    assert "10 program" in load()
    period = Period.objects.get()
    assert period.vision == "Kendal Handal, Unggul, Makmur dan Berkeadilan" and period.is_current
    assert [e.name for e in period.vision_elements.all()] == ["Handal", "Unggul", "Makmur", "Berkeadilan"]
    assert not period.vision_elements.filter(is_demo=True).exists()
    misi = period.misi.get(code="1")
    assert misi.text.startswith("Mewujudkan Kendal sebagai pusat industri dan pariwisata di Jawa Tengah")
    assert not misi.is_demo and period.misi.exclude(code="1").filter(is_demo=False).count() == 0
    themes = {t.year: t.theme for t in period.themes.all()}
    assert themes == {
        2022: "Kendal Recovery",
        2023: "Kendal Competitive",
        2024: "Kendal Smart City",
        2025: "Kendal Inclusive",
        2026: "Kendal Sustainable",
    }
    assert period.themes.get(year=2024).focus_is_verbatim


def test_the_2018_applications_are_existing_real_programmes(kendal) -> None:  # type: ignore[no-untyped-def]
    load()
    existing = Programme.objects.filter(is_existing=True)
    assert sorted(p.name for p in existing) == [
        "Pelayanan Kesehatan PSC 119 Siaga",
        "Pengaduan Masyarakat (UP4) Diskominfo Kendal",
        "Poskamling Pintar (Pospin)",
    ]
    assert all(not p.is_demo and p.start_year == 2018 and "suarakeadilan" in p.source for p in existing)
    # the council never approved them in Petakan: only illustrative programmes carry a (demo) approval
    assert not existing.filter(approved_at__isnull=False).exists()
    assert Programme.objects.filter(approved_at__isnull=False, is_demo=False).count() == 0
    assert Programme.objects.filter(is_existing=False, is_demo=False).count() == 0
    pospin = Programme.objects.get(name="Poskamling Pintar (Pospin)")
    assert not pospin.sasaran.exists() and not pospin.rpjmd_programs.exists()


def test_everything_not_verbatim_is_flagged_illustrative(kendal) -> None:  # type: ignore[no-untyped-def]
    load()
    assert not Sasaran.objects.filter(is_demo=False).exists()
    assert not Indicator.objects.filter(is_demo=False).exists()
    assert Period.objects.get().is_demo


def test_loading_twice_leaves_one_copy(kendal) -> None:  # type: ignore[no-untyped-def]
    load()
    first = counts()
    load()
    assert counts() == first
    assert ChangeLog.objects.filter(action="demo").count() == 2


def test_the_demo_pages_show_the_demo_badge(kendal, login) -> None:  # type: ignore[no-untyped-def]
    load()
    for url in ("/rencana/", "/rencana/rpjmd/", "/rencana/program/"):
        assert "DATA CONTOH" in login("anonymous").get(url).content.decode(), url
