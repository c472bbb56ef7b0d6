"""The GeoPackage binary header in front of each geometry's WKB: byte order, envelope size, empty flag, srs_id."""

from __future__ import annotations

import pytest
import shapely
from shapely.geometry import shape

from petakan.lib.geofiles import parse_gpkg_geometry
from tests.lib.geofiles.conftest import SQUARE
from tests.lib.geofiles.writers import gpkg_blob


@pytest.mark.parametrize("envelope", [0, 1, 2, 3, 4])
@pytest.mark.parametrize("little_endian", [True, False])
def test_it_skips_every_envelope_size_in_either_byte_order(envelope: int, little_endian: bool) -> None:
    srs_id, geom = parse_gpkg_geometry(gpkg_blob(SQUARE, 32749, envelope, little_endian))
    assert srs_id == 32749
    assert geom is not None and geom.equals_exact(shape(SQUARE), 0)


def test_an_empty_geometry_flag_gives_no_geometry() -> None:
    blob = bytearray(gpkg_blob(SQUARE, envelope=0))
    blob[3] |= 0b10000
    assert parse_gpkg_geometry(bytes(blob)) == (4326, None)


def test_z_coordinates_are_dropped() -> None:
    polygon_z = shapely.Polygon([(110, -7, 5), (110.01, -7, 5), (110.01, -7.01, 5), (110, -7, 5)])
    _srs, geom = parse_gpkg_geometry(gpkg_blob(polygon_z))
    assert geom is not None and not geom.has_z


@pytest.mark.parametrize(
    ("blob", "reason"),
    [
        (b"XX\x00\x01\xe6\x10\x00\x00", "'GP'"),
        (b"GP\x01\x01\xe6\x10\x00\x00", "version 2"),
        (b"GP\x00\x0b\xe6\x10\x00\x00", "envelope indicator 5"),
        (b"GP\x00\x21\xe6\x10\x00\x00", "extended"),
        (b"GP\x00\x01\xe6\x10\x00\x00\x01\x03", "WKB"),
    ],
)
def test_it_names_what_is_wrong_with_a_broken_blob(blob: bytes, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_gpkg_geometry(blob)
