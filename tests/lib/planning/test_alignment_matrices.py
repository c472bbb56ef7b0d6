from __future__ import annotations

from petakan.lib.planning import Sasaran, element_matrix, sasaran_matrix
from tests.lib.planning.conftest import programme

SASARAN = [Sasaran(1, "1.1.1", "a"), Sasaran(2, "1.1.2", "b"), Sasaran(3, "2.1.1", "c")]


def test_the_sasaran_matrix_marks_direct_links_and_links_through_an_rpjmd_program() -> None:
    programmes = [
        programme(1, name="A", sasaran={1}, rpjmd_programs={10}),
        programme(2, name="B", sasaran={3}),
        programme(3, name="C"),
    ]
    m = sasaran_matrix(programmes, SASARAN, program_sasaran={10: 1, 11: 2})
    assert m.rows == [(1, "A"), (2, "B"), (3, "C")]
    assert m.columns == [(1, "1.1.1"), (2, "1.1.2"), (3, "2.1.1")]
    assert m.cells == [["L+P", "", ""], ["", "", "L"], ["", "", ""]]
    assert m.marked() == 2


def test_the_element_matrix_marks_elements_and_indicators() -> None:
    programmes = [programme(1, elements={"gov_service"}, indicators={"ikm"}), programme(2, indicators={"bed"})]
    m = element_matrix(
        programmes,
        [("gov_service", "Layanan"), ("living_health", "Kesehatan")],
        indicator_element={"ikm": "gov_service", "bed": "living_health"},
    )
    assert m.cells == [["E+I", ""], ["", "I"]]


def test_with_no_programmes_the_matrices_have_columns_but_no_rows() -> None:
    m = sasaran_matrix([], SASARAN)
    assert m.rows == [] and len(m.columns) == 3 and m.cells == []
