"""``petakan idm items`` and ``petakan idm editions``."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation


def run(*args: str) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("idm", *args, stdout=out)
    return out.getvalue()


def test_it_prints_the_catalogue_with_formulas_and_cut_offs(edition):
    text = run("items", "--language", "en")

    for code in edition.item_codes:
        assert f"\n{code} " in text
    assert "IKS = sum of IKS item scores / 175; one point adds 0.0019048 to IDM" in text
    assert "dirjen-ppmd-4dp: cut-offs 0.4907, 0.5989, 0.7072, 0.8155" in text
    assert "BPJS health insurance coverage" in text


def test_it_prints_indonesian_names_by_default():
    assert "Tingkat kepesertaan BPJS Kesehatan" in run("items")


def test_it_lists_the_editions_and_refuses_an_unknown_one():
    assert run("editions").split() == ["idm-2020"]
    with pytest.raises(CommandError, match="unknown IDM edition 'idm-1999'"):
        run("items", "--edition", "idm-1999")
