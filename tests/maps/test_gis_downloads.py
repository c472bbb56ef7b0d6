"""/peta/unduh.gpkg and .shp.zip: the shown layer as QGIS opens it, with values, classes and the web map's style."""

from __future__ import annotations

import io
import json
import re
import sqlite3
import zipfile
from pathlib import Path

import pyogrio
import pytest
from django.test import Client

from petakan.indices.models import Run

QUERY = {"var": "living", "level": "village", "cls": "equal", "k": "4", "pal": "YlOrRd"}


def shown(client: Client, run: Run, **query: str) -> dict:
    return json.loads(client.get("/peta/data.json", {"run": run.pk, **QUERY, **query}).content)


def rgba(colour: str) -> str:
    return ",".join(str(int(colour[i : i + 2], 16)) for i in (1, 3, 5)) + ",255"


def assert_styled_like_the_map(qml: str, data: dict) -> None:
    """Every legend class is a category of the renderer on "class", drawn in the legend's colour."""
    assert 'type="categorizedSymbol" attr="class"' in qml
    categories = dict(re.findall(r'<category render="true" symbol="(\d+)" value="([^"]*)"', qml))
    fills = dict(re.findall(r'<symbol type="fill" name="(\d+)".*?name="color" value="([^"]+)"', qml, re.S))
    drawn = {categories[s]: fills[s] for s in categories}
    expected = {("" if e["class"] < 0 else str(e["class"] + 1)): rgba(e["colour"]) for e in data["legend"]}
    assert drawn == expected and len(expected) >= 4


def test_the_geopackage_holds_every_village_with_values_classes_and_its_style(  # type: ignore[no-untyped-def]
    published: Run, client: Client, tmp_path: Path
) -> None:
    response = client.get("/peta/unduh.gpkg", {"run": published.pk, **QUERY})
    assert response.status_code == 200 and response["Content-Type"] == "application/geopackage+sqlite3"
    assert f"petakan-peta-2026-run{published.pk}-village-living.gpkg" in response["Content-Disposition"]
    path = tmp_path / "peta.gpkg"
    path.write_bytes(response.content)
    data = shown(client, published)
    meta, _fids, wkb, columns = pyogrio.raw.read(path, layer="petakan_village_living")
    assert meta["crs"] == "EPSG:4326" and len(wkb) == 286
    fields = dict(zip(meta["fields"], columns, strict=True))
    for code, value, cls, label in zip(fields["code"], fields["value"], fields["class"], fields["data"], strict=True):
        expected = data["values"][code]
        assert (value != value) if expected is None else value == pytest.approx(expected)  # NaN is null
        assert cls == data["classes"][code] + 1 or data["classes"][code] < 0
        assert label == "DATA CONTOH"
    with sqlite3.connect(path) as con:
        ((table, qml, default),) = con.execute("SELECT f_table_name, styleQML, useAsDefault FROM layer_styles")
    con.close()
    assert (table, default) == ("petakan_village_living", 1)
    assert_styled_like_the_map(qml, data)


def test_the_zipped_shapefile_holds_every_village_and_a_qml_beside_the_shp(  # type: ignore[no-untyped-def]
    published: Run, client: Client, tmp_path: Path
) -> None:
    response = client.get("/peta/unduh.shp.zip", {"run": published.pk, **QUERY})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = sorted(archive.namelist())
        archive.extractall(tmp_path)
    stem = "petakan_village_living"
    assert names == sorted(f"{stem}{ext}" for ext in (".cpg", ".dbf", ".prj", ".qml", ".shp", ".shx"))
    data = shown(client, published)
    meta, _fids, wkb, columns = pyogrio.raw.read(tmp_path / f"{stem}.shp")
    fields = dict(zip(meta["fields"], columns, strict=True))
    assert len(wkb) == 286 and {"code", "value", "class", "class_labe"} <= set(fields)
    # a null class (no data) reads back as NaN
    classes = {str(c): None if k != k else int(k) for c, k in zip(fields["code"], fields["class"], strict=True)}
    assert classes == {code: cls + 1 if cls >= 0 else None for code, cls in data["classes"].items()}
    assert_styled_like_the_map((tmp_path / f"{stem}.qml").read_text(), data)


def test_the_kecamatan_geopackage_has_20_features(published: Run, client: Client, tmp_path: Path) -> None:
    response = client.get("/peta/unduh.gpkg", {"run": published.pk, "level": "district"})
    path = tmp_path / "kec.gpkg"
    path.write_bytes(response.content)
    assert pyogrio.read_info(path, layer="petakan_district_sci")["features"] == 20


@pytest.mark.parametrize(("var", "layer"), [("idm:status", "petakan_village_idm_status"), ("lq:com_padi_ton", None)])
def test_idm_status_and_commodity_layers_download_styled_too(  # type: ignore[no-untyped-def]
    published: Run, profiles, client: Client, tmp_path: Path, var: str, layer: str | None
) -> None:
    from petakan.idm.services import load_demo as load_idm_demo

    load_idm_demo(published.year)
    query = {"run": published.pk, "var": var, "level": "village"}
    data = json.loads(client.get("/peta/data.json", query).content)
    path = tmp_path / "peta.gpkg"
    path.write_bytes(client.get("/peta/unduh.gpkg", query).content)
    layer = layer or "petakan_village_" + re.sub(r"[^a-z0-9_]", "_", var)
    meta, _fids, _wkb, columns = pyogrio.raw.read(path, layer=layer)
    fields = dict(zip(meta["fields"], columns, strict=True))
    assert len(fields["code"]) == 286 and set(fields["variable"]) == {var}
    with sqlite3.connect(path) as con:
        ((qml,),) = con.execute("SELECT styleQML FROM layer_styles")
    con.close()
    assert_styled_like_the_map(qml, data)
