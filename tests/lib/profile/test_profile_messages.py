"""Problems carry a message key and params, and the rendered text in Bahasa Indonesia and English."""

from __future__ import annotations

import json

import pytest

from petakan.lib.profile import MESSAGES, Problem, ProfileInputError, Text, format_number


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (1234567, "id", "1.234.567"),
        (1234567, "en", "1,234,567"),
        (1234.5, "id", "1.234,5"),
        (1234.5, "en", "1,234.5"),
        (100.0, "id", "100"),
        (0.125, "id", "0,125"),
    ],
)
def test_it_formats_numbers_the_way_each_language_writes_them(value: float, lang: str, expected: str) -> None:
    assert format_number(value, lang) == expected


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    import string

    for key, (text_id, text_en) in MESSAGES.items():
        names_id = {n for _, n, _, _ in string.Formatter().parse(text_id) if n}
        names_en = {n for _, n, _, _ in string.Formatter().parse(text_en) if n}
        assert names_id == names_en, key
        if key == "upload_rejected":  # the upload guard's sentence, carried whole (a Text in both languages)
            continue
        assert text_id != text_en, key


def test_a_problem_renders_labels_and_numbers_per_language() -> None:
    problem = Problem("below_min", {"value": -1.5, "min": 0}, field="land_sawah_ha", value=-1.5)
    assert problem.message_id == "-1,5 kurang dari batas bawah 0."
    assert problem.message_en == "-1.5 is below the minimum of 0."
    labelled = Problem("unknown_column", {"field": Text("Sawah", "Rice fields")})
    assert labelled.message("id") == "Kolom 'Sawah' tidak dikenal."


def test_a_workbook_problem_names_its_cell() -> None:
    problem = Problem("not_a_number", {"value": "x"}, field="pop_male", value="x", sheet="Profil", row=7, column="D")
    assert problem.describe("en") == "Profil!D7 (pop_male): 'x' is not a number."


def test_a_problem_is_json_serialisable() -> None:
    problem = Problem(
        "not_a_choice", {"value": "x", "choices": [Text("Ya", "Yes")]}, field="geo_zone", value="x", row=3
    )
    data = json.loads(json.dumps(problem.to_dict()))
    assert data["key"] == "not_a_choice" and data["row"] == 3 and data["params"]["choices"] == "Yes"
    assert data["message_id"].startswith("'x' bukan pilihan")


def test_the_input_error_lists_every_problem() -> None:
    problems = [Problem("required", {}, field=f"f{i}") for i in range(3)]
    error = ProfileInputError(problems)
    assert error.problems == problems
    assert str(error).count("This field is required.") == 3
