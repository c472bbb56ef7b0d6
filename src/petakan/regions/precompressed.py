"""The village layer under an area, served from a copy compressed once, not gzipped anew on every request.

Gzipping the regency's 490 KB of GeoJSON cost ~0.2 s a request (15 req/s under 20 clients). Instead, the first
request for an area after the village layer changed (a new boundary generation, or the layer rebuilt) cuts the
area's villages out of the layer, compresses them with gzip (level 9, no timestamp) and brotli (quality 11: about a
third smaller than gzip for the regency, worth its ~3 s once) and stores the three encodings with their ETags in
:class:`~petakan.regions.models.LayerCopy`. Every later request, on any app server, reads the encoding its
``Accept-Encoding`` allows. The bytes are deterministic, so two servers that race to build the same copy build the
same one. ETags: the content's hash for the uncompressed copy, with ``-gzip`` / ``-br`` for the encodings (each
encoding is its own representation, RFC 9110 §8.8.3).
"""

from __future__ import annotations

import gzip
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import brotli
from django.db import IntegrityError, transaction

from petakan.regions.layers import villages_under
from petakan.regions.models import Area, Layer, LayerCopy
from petakan.web.http import negotiate_encoding as negotiate

__all__ = ["negotiate", "village_layer"]

GZIP_LEVEL: Final = 9
BROTLI_QUALITY: Final = 11
SUFFIX: Final = {"br": "-br", "gzip": "-gzip", "identity": ""}
COLUMN: Final = {"br": "brotli", "gzip": "gzip", "identity": "identity"}
# compressed copies this process has built, so that it compresses each at most once (bounded: areas × versions)
MEMO_ENTRIES: Final = 64


@dataclass(frozen=True)
class Encoded:
    identity: bytes
    gzip: bytes
    brotli: bytes
    etag: str


_memo: OrderedDict[tuple[str, str], Encoded] = OrderedDict()
_memo_lock = threading.Lock()
_building: dict[tuple[str, str], threading.Lock] = {}


def current_source_etag() -> str | None:
    """The ETag of the active generation's village layer (one query, without reading the layer itself)."""
    return (
        Layer.objects.filter(generation__active=True, key="village")
        .order_by("-generation__created")
        .values_list("etag", flat=True)
        .first()
    )


def encode(content: str) -> tuple[bytes, bytes, bytes]:
    raw = content.encode()
    return raw, gzip.compress(raw, GZIP_LEVEL, mtime=0), brotli.compress(raw, quality=BROTLI_QUALITY)


def encoded_copy(key: tuple[str, str], load: Callable[[], tuple[str, str] | None]) -> Encoded | None:
    """The three encodings of what ``load`` gives (ETag, GeoJSON text) for ``key`` (layer ETag, area code),
    compressed at most once per process. The first request after a new layer often comes from many threads at
    once: one compresses, the others wait for it."""
    with _memo_lock:
        building = _building.setdefault(key, threading.Lock())
    with building:
        with _memo_lock:
            encoded = _memo.get(key)
        if encoded is None:
            found = load()
            if found is None:
                return None
            etag, content = found
            encoded = Encoded(*encode(content), etag=etag)
            with _memo_lock:
                _memo[key] = encoded
                while len(_memo) > MEMO_ENTRIES:
                    _memo.popitem(last=False)
                _building.pop(key, None)
    return encoded


def build(source_etag: str, code: str) -> bool:
    """Build and store the copy of ``code`` for this layer version; False when there is no such area (so that
    requests for made-up codes store nothing)."""

    def load() -> tuple[str, str] | None:
        return villages_under(code) if Area.objects.filter(code=code).exists() else None

    encoded = encoded_copy((source_etag, code), load)
    if encoded is None:
        return False
    try:
        with transaction.atomic():
            LayerCopy.objects.create(
                source_etag=source_etag,
                code=code,
                etag=encoded.etag,
                identity=encoded.identity,
                gzip=encoded.gzip,
                brotli=encoded.brotli,
            )
    except IntegrityError:
        pass  # another server stored the same copy first: same bytes, nothing to do
    # copies of older layer versions are never served again
    LayerCopy.objects.filter(code=code).exclude(source_etag=source_etag).delete()
    return True


def village_layer(code: str, encoding: str) -> tuple[str, bytes] | None:
    """(ETag, body) of the villages under ``code`` in ``encoding``; None when there is no active village layer or
    no area ``code``. Two small queries when the copy exists; it is built (once) when it does not."""
    source_etag = current_source_etag()
    if source_etag is None:
        return None
    column = COLUMN[encoding]
    for _attempt in range(2):
        row = LayerCopy.objects.filter(source_etag=source_etag, code=code).values_list("etag", column).first()
        if row is not None:
            return row[0] + SUFFIX[encoding], bytes(row[1])
        if not build(source_etag, code):
            return None
    return None
