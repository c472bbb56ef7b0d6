"""The regency-wide workbook of 286 villages round-trips: download → change 10 cells → dry run → commit."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from petakan.jobs.models import Job, State
from petakan.jobs.worker import run_pending
from petakan.lib.profile import Value, load_schema
from petakan.profiles.models import FieldChange, Profile, Upload
from petakan.regions.models import Area
from tests.profiles.conftest import YEAR

FIRST_ROW = 5


@pytest.fixture
def drafts(kendal, demo_records: dict[str, dict[str, Value]]) -> dict[str, dict[str, Value]]:  # type: ignore[no-untyped-def]
    """All 286 villages with a draft profile (the generated values, entered as real drafts)."""
    areas = dict(Area.objects.filter(code__in=list(demo_records)).values_list("code", "id"))
    Profile.objects.bulk_create(
        Profile(
            area_id=areas[code],
            year=YEAR,
            schema=load_schema().code,
            values=values,
            version=1,
            changed_at=timezone.now(),
        )
        for code, values in demo_records.items()
    )
    return demo_records


@pytest.fixture
def regency_template(client: Client, login: Callable[..., Client], drafts: dict[str, Any]) -> bytes:
    login(client, "admin")
    response = client.get(f"/profil/excel/templat.xlsx?cakupan=33.24&tahun={YEAR}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="profil-desa-33.24-{YEAR}.xlsx"'
    return response.content


def columns(ws: Any) -> dict[str, str]:
    return {c.value: get_column_letter(c.column) for c in ws[1] if c.value}


# (row offset, field, new cell value, the typed value expected afterwards)
EDITS: list[tuple[int, str, Any, Value]] = [
    (0, "pop_male", 4321, 4321),
    (1, "land_sawah_ha", 77.25, 77.25),
    (2, "conn_4g", "Tidak", False),
    (3, "geo_zone", "Pesisir", "pesisir"),
    (4, "notes_problems", "Jembatan dusun putus.", "Jembatan dusun putus."),
    (50, "edu_library", "Tidak", False),
    (100, "fin_banks", 3, 3),
    (150, "health_jkn_pct", 88.5, 88.5),
    (200, "risk_flood", "Tinggi", "high"),
    (285, "tour_events_year", 12, 12),
]


def _edit(content: bytes, edits: list[tuple[int, str, Any, Value]]) -> tuple[bytes, list[tuple[str, str]]]:
    wb = load_workbook(io.BytesIO(content))
    ws = wb["Profil"]
    col = columns(ws)
    touched = []
    for offset, code, value, _ in edits:
        row = FIRST_ROW + offset
        ws[f"{col[code]}{row}"] = value
        touched.append((ws[f"A{row}"].value, code))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), touched


def _choice_label(code: str, value: str) -> str:
    return load_schema().field(code).choice(value).label.id


def test_ten_changed_cells_show_as_exactly_ten_changes_and_commit_with_history(
    client: Client, regency_template: bytes, drafts: dict[str, dict[str, Value]], cast: dict[str, Any]
) -> None:
    wb = load_workbook(io.BytesIO(regency_template))
    assert wb["Profil"].max_row == FIRST_ROW + 285
    codes = [wb["Profil"][f"A{FIRST_ROW + i}"].value for i in range(286)]
    # make every edit a real change whatever the generated value was
    edits = []
    for offset, code, value, typed in EDITS:
        if drafts[codes[offset]].get(code) == typed:
            raise AssertionError(f"pick another edit: {codes[offset]} already has {code}={typed!r}")
        edits.append((offset, code, value, typed))
    assert _choice_label("risk_flood", "high") == "Tinggi"
    content, touched = _edit(regency_template, edits)

    response = client.post("/profil/excel/", {"year": YEAR, "file": SimpleUploadedFile("kendal.xlsx", content)})
    text = response.content.decode()
    assert response.status_code == 200
    assert 'id="problems"' not in text
    shown = re.findall(r'<tr data-village="([\d.]+)" data-field="(\w+)">', text)
    assert sorted(shown) == sorted(touched)
    assert "286 baris dibaca; 10 isian di 10 desa akan berubah" in text
    assert FieldChange.objects.count() == 0  # a dry run writes nothing

    upload = Upload.objects.get()
    response = client.post(f"/profil/excel/{upload.pk}/simpan/")
    # 286 villages: the worker writes them (a job); its page links back to the Excel page
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/tugas/{job.pk}/"
    assert FieldChange.objects.count() == 0
    run_pending()
    job.refresh_from_db()
    assert job.state == State.DONE and job.result_url == "/profil/excel/" and "10 isian diubah" in job.result_label
    for offset, code, _, typed in edits:
        profile = Profile.objects.get(area__code=codes[offset], year=YEAR)
        assert profile.values[code] == typed and type(profile.values[code]) is type(typed)
        assert profile.version == 2 and profile.changed_by == cast["admin"]
    history = list(FieldChange.objects.values_list("profile__area__code", "field", "new", "via", "by__username"))
    assert sorted(h[:2] for h in history) == sorted(touched)
    assert {h[3:] for h in history} == {("import", "alice-admin")}
    # the untouched villages keep version 1 and their values
    untouched = Profile.objects.exclude(area__code__in=[t[0] for t in touched])
    assert untouched.count() == 276 and set(untouched.values_list("version", flat=True)) == {1}
    # committing again is not possible
    assert client.post(f"/profil/excel/{upload.pk}/simpan/").status_code == 404


def test_one_bad_cell_among_286_rows_changes_nothing(
    client: Client, regency_template: bytes, drafts: dict[str, dict[str, Value]]
) -> None:
    content, _ = _edit(regency_template, [*EDITS[:9], (143, "households", "dua ratus", None)])
    response = client.post("/profil/excel/", {"year": YEAR, "file": SimpleUploadedFile("kendal.xlsx", content)})
    text = response.content.decode()
    assert "1 masalah — tidak ada yang disimpan." in text
    assert "&#x27;dua ratus&#x27; bukan angka." in text
    assert 'id="commit"' not in text and not Upload.objects.exists()
    assert FieldChange.objects.count() == 0
    assert set(Profile.objects.values_list("version", flat=True)) == {1}
    stored = dict(Profile.objects.values_list("area__code", "values"))
    assert stored == drafts


def test_a_profile_changed_between_dry_run_and_commit_stops_the_whole_commit(
    client: Client, regency_template: bytes, drafts: dict[str, dict[str, Value]], cast: dict[str, Any]
) -> None:
    from petakan.profiles import services

    content, touched = _edit(regency_template, EDITS[:3])
    client.post("/profil/excel/", {"year": YEAR, "file": SimpleUploadedFile("kendal.xlsx", content)})
    upload = Upload.objects.get()
    village = Area.objects.get(code=touched[2][0])
    services.save_section(village, YEAR, "notes", {"notes_proposals": "Sumur bor."}, user=cast["admin"], version=1)
    client.post(f"/profil/excel/{upload.pk}/simpan/")
    run_pending()
    job = Job.objects.get()
    assert job.state == State.FAILED and touched[2][0] in job.error and "Tidak ada yang disimpan" in job.error
    assert touched[2][0] in client.get(f"/tugas/{job.pk}/").content.decode()
    assert FieldChange.objects.exclude(via="form").count() == 0
    assert Profile.objects.get(area__code=touched[0][0]).values == drafts[touched[0][0]]
