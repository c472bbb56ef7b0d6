"""`petakan profiles load-demo`: 286 published demo profiles with history, idempotent, labelled DATA CONTOH."""

from __future__ import annotations

import io
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from openpyxl import load_workbook

from petakan.lib.profile import Value
from petakan.profiles import services
from petakan.profiles.models import FieldChange, Profile, WorkflowEvent
from tests.conftest import KENDAL_VILLAGE
from tests.profiles.conftest import YEAR


@pytest.fixture
def demo(kendal, settings, data_dir: Path) -> int:  # type: ignore[no-untyped-def]
    settings.PETAKAN_DATA_DIR = data_dir
    return services.load_demo(YEAR)


def test_it_stores_a_published_demo_profile_for_every_village_with_its_history(
    demo: int, demo_records: dict[str, dict[str, Value]]
) -> None:
    assert demo == 286
    stored = dict(Profile.objects.filter(year=YEAR).values_list("area__code", "values"))
    assert stored == demo_records
    assert set(Profile.objects.values_list("status", "is_demo", "version")) == {("published", True, 1)}
    assert FieldChange.objects.count() == sum(len(v) for v in demo_records.values())
    assert set(FieldChange.objects.values_list("via", "old")) == {("demo", None)}
    events = WorkflowEvent.objects.all()
    assert events.count() == 286
    assert set(events.values_list("action", "to_status", "via")) == {("published", "published", "demo")}


def test_loading_again_changes_nothing(demo: int) -> None:
    changes = FieldChange.objects.count()
    assert services.load_demo(YEAR) == 0
    assert FieldChange.objects.count() == changes and WorkflowEvent.objects.count() == 286
    assert Profile.objects.count() == 286


def test_a_profile_with_real_entries_is_left_alone(demo: int, cast: dict[str, Any]) -> None:
    blumah = Profile.objects.get(area__code=KENDAL_VILLAGE)
    blumah = services.transition(blumah, "return", user=cast["admin"], version=1, comment="Isi data asli.")
    services.save_section(
        blumah.area, YEAR, "notes", {"notes_problems": "Data asli desa."}, user=cast["village"], version=2
    )
    assert services.load_demo(YEAR) == 0
    blumah.refresh_from_db()
    assert blumah.status == "returned" and blumah.values["notes_problems"] == "Data asli desa."


def test_the_analyses_read_the_demo_profiles_as_demo_data(demo: int) -> None:
    frame, is_demo = services.profiles_frame(YEAR, "published")
    assert len(frame) == 286 and is_demo is True


def test_pages_and_exports_that_show_generated_values_say_data_contoh(
    demo: int, client: Client, login: Callable[..., Client]
) -> None:
    public_page = client.get(f"/wilayah/{KENDAL_VILLAGE}/").content.decode()
    assert 'class="demo-badge">DATA CONTOH' in public_page
    assert 'class="demo-badge">DATA CONTOH' in client.get(f"/profil/{KENDAL_VILLAGE}/{YEAR}/").content.decode()
    login(client, "admin")
    assert 'class="demo-badge">DATA CONTOH' in client.get("/profil/kelengkapan/").content.decode()
    response = client.get(f"/profil/excel/templat.xlsx?cakupan={KENDAL_VILLAGE}&tahun={YEAR}")
    assert "DATA-CONTOH" in response["Content-Disposition"]
    guide = load_workbook(io.BytesIO(response.content))["Petunjuk"]
    assert guide["A3"].value.startswith("DATA CONTOH")


def test_the_command_loads_and_reports(kendal, settings, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    settings.PETAKAN_DATA_DIR = data_dir
    out = StringIO()
    call_command("profiles", "load-demo", "--year", str(YEAR), stdout=out)
    assert "286 profil contoh (DATA CONTOH) tahun 2026" in out.getvalue()
    out = StringIO()
    call_command("profiles", "load-demo", "--year", str(YEAR), stdout=out)
    assert "sudah ada; tidak ada yang berubah" in out.getvalue()


def test_the_command_needs_the_data_directory(kendal, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PETAKAN_DATA_DIR = None
    with pytest.raises(CommandError, match="PETAKAN_DATA_DIR"):
        call_command("profiles", "load-demo", "--year", str(YEAR), stdout=StringIO())
    assert not Profile.objects.exists()


def test_an_import_preview_over_demo_values_says_data_contoh(
    demo: int, client: Client, login: Callable[..., Client], cast: dict[str, Any]
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl.utils import get_column_letter

    blumah = Profile.objects.get(area__code=KENDAL_VILLAGE)
    services.transition(blumah, "return", user=cast["admin"], version=1, comment="Perbarui.")
    login(client, "village")
    content = client.get(f"/profil/excel/templat.xlsx?cakupan={KENDAL_VILLAGE}&tahun={YEAR}").content
    wb = load_workbook(io.BytesIO(content))
    ws = wb["Profil"]
    column = next(get_column_letter(c.column) for c in ws[1] if c.value == "pop_male")
    ws[f"{column}5"] = 1700
    out = io.BytesIO()
    wb.save(out)
    text = client.post("/profil/excel/", {"year": YEAR, "file": SimpleUploadedFile("b.xlsx", out.getvalue())})
    page = text.content.decode()
    assert 'data-field="pop_male"' in page and 'class="demo-badge">DATA CONTOH' in page


def test_the_village_page_shows_whole_saves_only(demo: int, client: Client) -> None:
    # the demo filled ~110 fields in one save: the shortened history on the village page keeps all of them
    text = client.get(f"/wilayah/{KENDAL_VILLAGE}/").content.decode()
    n = len(Profile.objects.get(area__code=KENDAL_VILLAGE).values)
    history = text[text.index('id="history"') :]
    assert f"<strong>Petakan</strong> mengisi {n} isian (data contoh)" in history
    assert history.count("<li>", history.index('class="changes"')) >= n
