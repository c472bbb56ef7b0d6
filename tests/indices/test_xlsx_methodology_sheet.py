"""The XLSX export's methodology sheet documents every indicator in both languages, rationale included, so that a
reader of the file alone knows what each column of scores means and why it is there."""

from __future__ import annotations

import io

from django.test import Client
from openpyxl import load_workbook

from petakan.indices import services
from petakan.indices.models import Run


def test_each_indicator_has_its_definition_and_rationale_in_both_languages(published: Run, client: Client) -> None:
    book = load_workbook(io.BytesIO(client.get(f"/indeks/run/{published.pk}/skor.xlsx").content))
    rows = list(book["Metodologi"].iter_rows(values_only=True))
    header = list(rows[0])
    for column in ("definisi", "definition", "alasan", "rationale"):
        assert column in header, column
    by_code = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    fw = services.framework("smart-city-v1")
    assert len(fw.indicators) == 53
    for indicator in fw.indicators:
        row = by_code[indicator.code]
        assert row["definisi"] == indicator.definition["id"] and row["definition"] == indicator.definition["en"]
        assert row["alasan"] == indicator.rationale["id"] and row["rationale"] == indicator.rationale["en"]
