"""``petakan indices compute``: a run from the stored profiles, reporting each step as it finishes."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from petakan.indices.models import Run
from petakan.profiles.services import load_demo


def test_it_computes_a_run_from_the_stored_profiles_and_reports_each_step(kendal) -> None:  # type: ignore[no-untyped-def]
    load_demo(2026)
    out = io.StringIO()
    call_command("indices", "compute", "--year", "2026", "--status", "all", "--sensitivity-runs", "0", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Menghitung smart-city-v1 untuk 2026 (semua profil, termasuk draf)…"
    assert [line.split("]")[0].strip() for line in lines[1:4]] == ["[1/3", "[2/3", "[3/3"]
    assert "profil dibaca" in lines[1] and "skor disimpan" in lines[3] and lines[3].endswith(" s)")
    run = Run.objects.get(is_current=True, year=2026, profile_status="all")
    assert lines[4].startswith(f"Run #{run.pk}: {run.n_units} desa diberi skor") and lines[4].endswith("DATA CONTOH")
    assert run.n_units > 270 and run.units.count() > 286


def test_it_refuses_a_year_without_profiles_by_name(kendal) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError, match="tidak ada profil terpublikasi untuk tahun 1999"):
        call_command("indices", "compute", "--year", "1999", stdout=io.StringIO())
    assert not Run.objects.filter(year=1999).exists()
