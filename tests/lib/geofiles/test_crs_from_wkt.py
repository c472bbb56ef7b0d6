"""Which coordinate reference systems a .prj or a GeoPackage definition names, and which of them is WGS 84."""

from __future__ import annotations

import pytest

from petakan.lib.geofiles import crs_from_wkt
from tests.lib.geofiles.writers import UTM49S_ESRI_PRJ, UTM49S_WKT, WGS84_ESRI_PRJ, WGS84_WKT

WGS84_WKT2_WITHOUT_ID = (
    'GEOGCRS["WGS 84",ENSEMBLE["World Geodetic System 1984 ensemble",MEMBER["World Geodetic System 1984 (G730)"],'
    'ELLIPSOID["WGS 84",6378137,298.257223563,LENGTHUNIT["metre",1]],ENSEMBLEACCURACY[2.0]],'
    'PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]],CS[ellipsoidal,2],'
    'AXIS["geodetic latitude (Lat)",north,ORDER[1],ANGLEUNIT["degree",0.0174532925199433]],'
    'AXIS["geodetic longitude (Lon)",east,ORDER[2],ANGLEUNIT["degree",0.0174532925199433]]]'
)
UTM49S_WKT2 = (
    'PROJCRS["WGS 84 / UTM zone 49S",BASEGEOGCRS["WGS 84",DATUM["World Geodetic System 1984",'
    'ELLIPSOID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0]],CONVERSION["UTM zone 49S",'
    'METHOD["Transverse Mercator",ID["EPSG",9807]]],CS[Cartesian,2],AXIS["(E)",east],AXIS["(N)",north],'
    'ID["EPSG",32749]]'
)
DGN95 = (
    'GEOGCS["DGN95",DATUM["Datum_Geodesi_Nasional_1995",SPHEROID["WGS 84",6378137,298.257223563]],'
    'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4755"]]'
)


@pytest.mark.parametrize("wkt", [WGS84_WKT, WGS84_ESRI_PRJ, WGS84_WKT2_WITHOUT_ID], ids=["ogc", "esri", "wkt2"])
def test_it_recognises_wgs84_longitude_latitude_in_every_wkt_dialect(wkt: str) -> None:
    assert crs_from_wkt(wkt).kind == "wgs84"


def test_it_names_utm_zone_49s_from_an_esri_prj_as_projected() -> None:
    crs = crs_from_wkt(UTM49S_ESRI_PRJ)
    assert (crs.kind, str(crs)) == ("projected", "WGS_1984_UTM_Zone_49S")


@pytest.mark.parametrize("wkt", [UTM49S_WKT, UTM49S_WKT2], ids=["wkt1", "wkt2"])
def test_it_takes_the_epsg_code_of_the_whole_crs_not_of_its_base(wkt: str) -> None:
    crs = crs_from_wkt(wkt)
    assert (crs.kind, str(crs)) == ("projected", "WGS 84 / UTM zone 49S (EPSG:32749)")


def test_another_datum_is_geographic_but_not_wgs84() -> None:
    crs = crs_from_wkt(DGN95)
    assert (crs.kind, str(crs)) == ("geographic", "DGN95 (EPSG:4755)")


def test_a_geographic_crs_in_grads_is_not_wgs84_degrees() -> None:
    assert crs_from_wkt(WGS84_ESRI_PRJ.replace('UNIT["Degree"', 'UNIT["Grad"')).kind == "geographic"


@pytest.mark.parametrize("text", ["", "not a crs [", 'GEOGCS["x"', 'GEOGCS["x"]]', "[[1]]"])
def test_it_rejects_text_that_is_not_wkt(text: str) -> None:
    with pytest.raises(ValueError):
        crs_from_wkt(text)
