"""An import is a dry run unless the user commits: the dry run shows the parsed table and stores nothing."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import Client

from petakan.economy.models import PdrbSeries, PdrbTotal, PdrbValue
from tests.economy.conftest import post_import


def _nothing_stored() -> bool:
    return not (PdrbSeries.objects.exists() or PdrbValue.objects.exists() or PdrbTotal.objects.exists())


def test_a_dry_run_shows_the_parsed_table_and_writes_nothing(login: Callable[[str], Client], bps_csv: bytes) -> None:
    response = post_import(login("analyst"), bps_csv)
    assert response.status_code == 200
    html = response.content.decode()
    assert _nothing_stored()
    assert "Tabel valid. Belum ada yang disimpan" in html
    assert response.context["table"] is not None
    assert len(response.context["table"]["rows"]) == 17
    assert "2.500.000,37" in html  # A in 2019, shown in the Indonesian format
    assert 'name="commit"' in html


def test_the_dry_run_hands_the_checked_file_back_to_the_commit_button(
    login: Callable[[str], Client], bps_csv: bytes
) -> None:
    response = post_import(login("analyst"), bps_csv, name="tabel.csv")
    form = response.context["form"]
    assert form.data["file_name"] == "tabel.csv"
    assert form.data["content"] and 'name="content"' in response.content.decode()


def test_the_command_without_commit_only_reports(bps_file: Path, db) -> None:  # type: ignore[no-untyped-def]
    out = StringIO()
    call_command(
        "economy", "import", str(bps_file), "--region", "Kabupaten Contoh", "--price-basis", "adhk2010", stdout=out
    )
    assert _nothing_stored()
    assert "Uji coba (dry run)" in out.getvalue() and "--commit" in out.getvalue()
