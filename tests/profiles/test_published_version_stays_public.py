"""Returning a published profile for correction does not take its published values from the public: the public
page, the index input, open data and the maps keep reading the last published version until the correction is
published; withdrawing the publication takes it away."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client

from petakan.opendata import public
from petakan.profiles import services
from petakan.profiles.models import Profile, PublishedVersion
from petakan.profiles.presentation import edit_text
from tests.conftest import KENDAL_VILLAGE
from tests.profiles.conftest import YEAR

P = f"/profil/{KENDAL_VILLAGE}/{YEAR}"


def _publish(p: Profile, cast: dict[str, Any]) -> Profile:
    p = services.transition(p, "verify", user=cast["district"], version=p.version)
    return services.transition(p, "publish", user=cast["admin"], version=p.version)


def _correct(p: Profile, cast: dict[str, Any], households: int) -> Profile:
    p = services.transition(p, "return", user=cast["admin"], version=p.version, comment="Perbaiki jumlah KK.")
    # a section is saved whole: the other fields of the section keep their values
    raw = {f.code: edit_text(f, p.values.get(f.code), "id") for f in services.entered_fields("population")}
    raw["households"] = str(households)
    result = services.save_section(p.area, YEAR, "population", raw, user=cast["village"], version=p.version)
    return result.profile


def _public_households() -> Any:
    frame, _demo = services.profiles_frame(YEAR, "published")
    return frame.loc[KENDAL_VILLAGE, "households"] if KENDAL_VILLAGE in frame.index else None


def test_publishing_stores_the_published_values_as_a_version(
    make_profile: Callable[..., Profile], complete_values: dict[str, Any], cast: dict[str, Any]
) -> None:
    p = _publish(make_profile(status="submitted", values=complete_values), cast)
    version = PublishedVersion.objects.get(profile=p)
    assert p.public_version == version
    assert version.values == complete_values and version.version == p.version and version.published_by == cast["admin"]


def test_a_published_profile_returned_for_correction_stays_public_with_its_published_values(
    make_profile: Callable[..., Profile], complete_values: dict[str, Any], cast: dict[str, Any], client: Client
) -> None:
    published = complete_values["households"]
    p = _correct(_publish(make_profile(status="submitted", values=complete_values), cast), cast, published + 111)
    assert p.status == "returned" and p.values["households"] == published + 111

    assert _public_households() == published  # the index, the maps and the economy read this frame
    records = public.profile_records(public.published_profiles(YEAR))
    assert records[KENDAL_VILLAGE]["households"] == published  # the JSON API and the CKAN package
    assert YEAR in public.published_years()
    csv = client.get(f"/data-terbuka/profil-desa-{YEAR}.csv").content.decode("utf-8-sig")
    assert KENDAL_VILLAGE in csv and str(published + 111) not in csv

    page = client.get(f"/wilayah/{KENDAL_VILLAGE}/").content.decode()
    assert 'id="public-copy"' in page and str(published + 111) not in page.replace(".", "")


def test_the_correction_replaces_the_public_values_only_once_it_is_published(
    make_profile: Callable[..., Profile], complete_values: dict[str, Any], cast: dict[str, Any]
) -> None:
    p = _correct(_publish(make_profile(status="submitted", values=complete_values), cast), cast, 902)
    p = services.transition(p, "submit", user=cast["village"], version=p.version)
    p = services.transition(p, "verify", user=cast["district"], version=p.version)
    assert _public_households() == complete_values["households"]
    services.transition(p, "publish", user=cast["admin"], version=p.version)
    assert _public_households() == 902
    assert PublishedVersion.objects.filter(profile=p).count() == 2


def test_a_profile_published_before_versions_existed_keeps_its_values_public_when_returned(
    make_profile: Callable[..., Profile], complete_values: dict[str, Any], cast: dict[str, Any]
) -> None:
    # e.g. published by `petakan demo`, which writes published rows directly
    p = make_profile(status="published", values=complete_values, is_demo=True)
    _correct(p, cast, 950)
    assert _public_households() == complete_values["households"]
    assert public.published_is_demo(YEAR)


def test_withdrawing_a_publication_takes_the_values_from_the_public(
    make_profile: Callable[..., Profile], complete_values: dict[str, Any], cast: dict[str, Any]
) -> None:
    p = _publish(make_profile(status="submitted", values=complete_values), cast)
    p = services.transition(p, "unpublish", user=cast["admin"], version=p.version)
    assert p.status == "verified" and p.public_version is None
    assert _public_households() is None
    assert YEAR not in public.published_years()


def test_the_signed_in_page_of_a_returned_profile_says_the_published_version_stays_public(
    make_profile: Callable[..., Profile],
    complete_values: dict[str, Any],
    cast: dict[str, Any],
    client: Client,
    login: Callable[..., Client],
) -> None:
    _correct(_publish(make_profile(status="submitted", values=complete_values), cast), cast, 902)
    login(client, "village")
    page = client.get(f"{P}/").content.decode()
    assert "Versi terbit tetap tampil untuk publik sampai perbaikan diterbitkan." in page
