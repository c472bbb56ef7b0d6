"""A run may cover more than the regency (a province, the country: the national benchmark). The regency's pages
then show its own kecamatan, with their rank in the whole run, not every kecamatan of the run."""

from __future__ import annotations

import pytest
from django.test import Client

from petakan.indices import scores
from petakan.indices.models import Run, Unit, UnitScores
from petakan.regions.models import Area


@pytest.fixture
def wider(published: Run) -> Run:
    """The published Kendal run plus one kecamatan of the neighbouring regency (Batang), ranked first."""
    province = Area.objects.get(code="33")
    batang = Area.objects.create(code="33.25", name="Batang", level="regency", parent=province)
    district = Area.objects.create(code="33.25.01", name="Wonotunggal", level="district", parent=batang)
    values = {n["code"]: 99.0 for n in published.tree}
    ranks = {n["code"]: 1 for n in published.tree}
    for unit in (Unit.DISTRICT, Unit.DISTRICT_WEIGHTED):
        UnitScores.objects.bulk_create([scores.row(published, unit, values, area=district, ranks=ranks)])
    return published


@pytest.mark.parametrize("url", ["/indeks/run/{pk}/", "/peta/dasbor/?run={pk}"])
def test_the_kecamatan_table_lists_the_regencys_twenty_and_not_the_others(url: str, wider: Run, client: Client) -> None:
    html = client.get(url.format(pk=wider.pk)).content.decode()
    table = html[html.index("Kecamatan</h2>") if "Kecamatan</h2>" in html else html.index('id="district-table"') :]
    table = table[: table.index("</table>")]
    assert "Wonotunggal" not in table
    assert table.count('href="/wilayah/33.24.') == 20
    assert UnitScores.objects.filter(run=wider, unit=Unit.DISTRICT).count() == 21  # it is in the run
