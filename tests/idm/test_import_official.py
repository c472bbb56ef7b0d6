"""Official series import: source-tagged, separate from computed results, dry run first, warnings kept."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from petakan.idm.models import ItemScores, OfficialResult
from tests.idm.conftest import VILLAGE, YEAR

URL = "/idm/impor/resmi/"
HEADER = "code,year,iks,ike,ikl,idm,status"


def _file(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "idm-resmi.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_a_dry_run_checks_and_writes_nothing(login, tmp_path) -> None:
    path = _file(tmp_path, f"{VILLAGE},{YEAR},0.7257,0.5333,0.6667,0.6419,Berkembang")
    response = login("analyst").post(
        URL, {"file": SimpleUploadedFile(path.name, path.read_bytes()), "source": "Kemendesa 2024"}
    )
    assert "UJI COBA: 1 baris" in response.content.decode()
    assert not OfficialResult.objects.exists()


def test_commit_stores_the_series_with_its_source_and_the_village_page_shows_it(login, tmp_path) -> None:
    path = _file(
        tmp_path,
        f'{VILLAGE},{YEAR},"0,7257","0,5333","0,6667","0,6419",DESA BERKEMBANG',
        f"33.24.01.2002,{YEAR},0.8,0.8,0.8,0.8,Maju",
    )
    client = login("analyst")
    upload = SimpleUploadedFile(path.name, path.read_bytes())

    response = client.post(URL, {"file": upload, "source": "Kemendesa 2024", "commit": "on"})

    assert response.context["report"].committed
    stored = OfficialResult.objects.get(village__code=VILLAGE)
    assert (stored.source, stored.idm, stored.status) == ("Kemendesa 2024", 0.6419, "berkembang")
    assert not ItemScores.objects.exists()  # the official series never becomes item scores
    client.logout()
    html = client.get(f"/idm/desa/{VILLAGE}/{YEAR}/").content.decode()
    assert "Kemendesa 2024" in html and "0,6419" in html


def test_bad_rows_are_named_and_nothing_is_stored(login, tmp_path) -> None:
    path = _file(
        tmp_path,
        f"{VILLAGE},{YEAR},0.7257,0.5333,0.6667,0.6419,Berkembang",
        f"33.24.01.2002,{YEAR},1.7,0.5,0.6,0.6,Berkembang",
        f"33.24.01.2003,{YEAR},0.5,0.5,0.6,0.5333,Luar biasa",
    )
    response = login("analyst").post(
        URL, {"file": SimpleUploadedFile(path.name, path.read_bytes()), "source": "X", "commit": "on"}
    )
    found = {(p.row, p.column) for p in response.context["report"].problems}
    assert found == {(3, "iks"), (4, "status")}
    assert not OfficialResult.objects.exists()


def test_contradictions_are_warnings_not_errors(kendal, tmp_path) -> None:
    path = _file(tmp_path, f"{VILLAGE},{YEAR},0.7257,0.5333,0.6667,0.6419,Maju")
    out, err = StringIO(), StringIO()

    call_command("idm", "import-official", str(path), "--source", "Situs desa", "--commit", stdout=out, stderr=err)

    assert "published status Maju" in err.getvalue()
    assert OfficialResult.objects.get().status == "maju"


def test_the_command_fails_on_bad_input_with_the_row_named(kendal, tmp_path) -> None:
    path = _file(tmp_path, f"33.24.99.9999,{YEAR},0.7,0.5,0.6,0.6,Berkembang")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("idm", "import-official", str(path), "--source", "X", "--commit", stderr=err)
    assert "row 2, column code" in err.getvalue()
    assert not OfficialResult.objects.exists()


def test_reimporting_a_source_replaces_its_rows_only(kendal, tmp_path) -> None:
    first = _file(tmp_path, f"{VILLAGE},{YEAR},0.7,0.5,0.6,0.6,Berkembang")
    call_command("idm", "import-official", str(first), "--source", "A", "--commit", stdout=StringIO())
    call_command("idm", "import-official", str(first), "--source", "B", "--commit", stdout=StringIO())
    second = _file(tmp_path, f"{VILLAGE},{YEAR},0.7,0.5,0.6,0.6000,Berkembang")
    call_command("idm", "import-official", str(second), "--source", "A", "--commit", stdout=StringIO())

    assert sorted(OfficialResult.objects.values_list("source", flat=True)) == ["A", "B"]
