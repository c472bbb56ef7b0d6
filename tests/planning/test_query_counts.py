"""List pages do not make a query per programme."""

from __future__ import annotations

from tests.planning.conftest import make_programme


def test_the_programme_list_and_gap_page_take_a_fixed_number_of_queries(
    period, login, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = login("analyst")
    for i in range(3):
        make_programme(period, name=f"P{i}")
    with django_assert_max_num_queries(30) as few:
        client.get("/rencana/program/")
    for i in range(3, 20):
        make_programme(period, name=f"P{i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/rencana/program/")
    with django_assert_max_num_queries(40) as few:
        client.get("/rencana/celah/")
    for i in range(20, 30):
        make_programme(period, name=f"P{i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/rencana/celah/")
