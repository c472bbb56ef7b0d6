"""Findings computed from generated values say so: ``petakan planning gaps`` and the gaps page's IDM line."""

from __future__ import annotations

import io

from django.core.management import call_command

from petakan.planning.models import Period
from tests.planning.conftest import make_programme


def gaps() -> str:
    out = io.StringIO()
    call_command("planning", "gaps", stdout=out)
    return out.getvalue()


def test_the_gaps_command_says_data_contoh_when_the_idm_statuses_are_generated(period: Period) -> None:
    make_programme(period)
    assert "DATA CONTOH" not in gaps()  # nothing generated yet: no label
    call_command("idm", "load-demo", "--year", "2026", stdout=io.StringIO())
    text = gaps()
    assert text.splitlines()[0].startswith("DATA CONTOH") and "status IDM 2026" in text


def test_the_gaps_command_says_data_contoh_for_demo_programmes(period: Period) -> None:
    make_programme(period, is_demo=True)
    assert gaps().splitlines()[0].startswith("DATA CONTOH") and "program contoh" in gaps()


def test_the_gaps_page_marks_the_idm_line_of_generated_statuses(period: Period, login) -> None:
    make_programme(period)
    call_command("idm", "load-demo", "--year", "2026", stdout=io.StringIO())
    html = login("analyst").get("/rencana/celah/").content.decode()
    line = html.split('class="measured"')[1].split("</p>")[0]
    assert "Status IDM tahun 2026" in line and 'id="idm-demo"' in line and "DATA CONTOH" in line
