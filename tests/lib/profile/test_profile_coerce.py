"""Raw input (form text, Excel cells) is coerced to typed values; Indonesian number formats are understood."""

from __future__ import annotations

import pytest

from petakan.lib.profile import CoercionError, Schema, coerce, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,5", 1234.5),
        ("1.234", 1234),
        ("12.345.678", 12345678),
        ("1,5", 1.5),
        ("1,234", 1.234),
        ("2.5", 2.5),
        ("0.500", 0.5),
        ("1234.5", 1234.5),
        ("1,234.5", 1234.5),
        ("1,234,567", 1234567),
        (" 1 234 ", 1234),
        ("-3,25", -3.25),
        ("7,0", 7),
    ],
)
def test_it_reads_indonesian_and_unambiguous_english_numbers(text: str, expected: float) -> None:
    value = parse_number(text)
    assert value == expected
    assert isinstance(value, int) == isinstance(expected, int)


@pytest.mark.parametrize("text", ["", "abc", "12a", "1.23.4", "1,2,3", "1..2", "sekitar 100", "--1", "1.234,5,6"])
def test_it_refuses_text_that_is_not_a_number(text: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        parse_number(text)


def test_it_coerces_an_integer_field_from_indonesian_text(schema: Schema) -> None:
    assert coerce(schema.field("pop_male"), "12.345") == 12345


def test_it_accepts_a_whole_float_for_an_integer_field(schema: Schema) -> None:
    value = coerce(schema.field("pop_male"), 120.0)
    assert value == 120 and isinstance(value, int)


def test_it_rejects_a_fraction_for_an_integer_field(schema: Schema) -> None:
    with pytest.raises(CoercionError) as info:
        coerce(schema.field("households"), "12,5")
    problem = info.value.problem()
    assert problem.key == "not_a_whole_number" and problem.field == "households"
    assert problem.message_id == "12,5 bukan bilangan bulat."
    assert problem.message_en == "12.5 is not a whole number."


def test_it_rejects_words_in_a_numeric_field_in_both_languages(schema: Schema) -> None:
    with pytest.raises(CoercionError) as info:
        coerce(schema.field("com_padi_ton"), "banyak")
    problem = info.value.problem()
    assert (problem.key, problem.value) == ("not_a_number", "banyak")
    assert problem.message_id == "'banyak' bukan angka."
    assert problem.message_en == "'banyak' is not a number."


def test_it_rejects_a_boolean_in_a_numeric_field(schema: Schema) -> None:
    with pytest.raises(CoercionError):
        coerce(schema.field("com_padi_ton"), True)


def test_it_reads_a_decimal_field_as_float(schema: Schema) -> None:
    value = coerce(schema.field("com_padi_ton"), 12)
    assert value == 12.0 and isinstance(value, float)


def test_it_reads_a_percent_with_a_percent_sign(schema: Schema) -> None:
    assert coerce(schema.field("util_clean_water_pct"), "45,5 %") == 45.5


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ya", True),
        ("tidak", False),
        ("Yes", True),
        ("NO", False),
        ("ada", True),
        ("Tidak ada", False),
        (1, True),
        (0, False),
        (True, True),
    ],
)
def test_it_reads_yes_and_no_in_both_languages(schema: Schema, raw: object, expected: bool) -> None:
    assert coerce(schema.field("gov_office_internet"), raw) is expected


def test_it_rejects_an_unknown_yes_no_answer(schema: Schema) -> None:
    with pytest.raises(CoercionError) as info:
        coerce(schema.field("gov_office_internet"), "mungkin")
    assert info.value.key == "not_a_boolean"


@pytest.mark.parametrize("raw", ["pegunungan", "Pegunungan", "HIGHLAND", "pegunungan "])
def test_it_reads_a_choice_by_value_or_label_in_either_language(schema: Schema, raw: str) -> None:
    assert coerce(schema.field("geo_zone"), raw) == "pegunungan"


def test_it_rejects_an_unknown_choice_listing_the_choices(schema: Schema) -> None:
    with pytest.raises(CoercionError) as info:
        coerce(schema.field("risk_flood"), "parah")
    problem = info.value.problem()
    assert problem.key == "not_a_choice"
    assert problem.message_id == "'parah' bukan pilihan yang tersedia: Tidak ada / Rendah / Sedang / Tinggi."
    assert problem.message_en == "'parah' is not one of the choices: None / Low / Medium / High."


@pytest.mark.parametrize("raw", [None, "", "   ", float("nan")])
def test_it_reads_empty_input_as_not_filled(schema: Schema, raw: object) -> None:
    assert coerce(schema.field("pop_male"), raw) is None
    assert coerce(schema.field("notes_problems"), raw) is None


def test_it_keeps_text_and_writes_numbers_in_text_fields_without_a_decimal_point(schema: Schema) -> None:
    assert coerce(schema.field("tour_main_site"), "  Curug Sewu ") == "Curug Sewu"
    assert coerce(schema.field("tour_main_site"), 2024.0) == "2024"
