"""Submit, return, publish and unpublish first say what will happen and ask; only the confirmed second post acts.
Returning without a comment says so beside the comment box, as a return (not a submission) problem."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from petakan.profiles.models import Profile, WorkflowEvent
from tests.conftest import KENDAL_VILLAGE
from tests.profiles.conftest import YEAR

P = f"/profil/{KENDAL_VILLAGE}/{YEAR}"

CASES = {
    # slug: (status before, who, status after, sentence on the confirmation page)
    "ajukan": ("draft", "village", "submitted", "akan diajukan ke Kecamatan Plantungan"),
    "kembalikan": ("submitted", "district", "returned", "akan dikembalikan ke desa untuk diperbaiki"),
    "publikasikan": ("verified", "admin", "published", "akan dipublikasikan"),
    "tarik-publikasi": ("published", "admin", "verified", "akan ditarik"),
}


@pytest.mark.parametrize("slug", list(CASES))
def test_the_first_post_asks_for_confirmation_and_changes_nothing(
    slug: str,
    client: Client,
    login: Callable[..., Client],
    make_profile: Callable[..., Profile],
    complete_values: dict[str, Any],
) -> None:
    before, who, after, sentence = CASES[slug]
    p = make_profile(status=before, values=complete_values)
    login(client, who)
    data = {"version": p.version, "comment": "Jumlah KK belum sesuai."}
    response = client.post(f"{P}/{slug}/", data)
    text = response.content.decode()
    assert response.status_code == 200
    assert sentence in text and 'id="confirm-action"' in text and 'name="konfirmasi"' in text
    p.refresh_from_db()
    assert (p.status, p.version) == (before, 1) and not WorkflowEvent.objects.exists()

    response = client.post(f"{P}/{slug}/", {**data, "konfirmasi": "ya"})
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.status == after


def test_verifying_needs_no_confirmation(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile], complete_values: dict[str, Any]
) -> None:
    p = make_profile(status="submitted", values=complete_values)
    login(client, "district")
    assert client.post(f"{P}/verifikasi/", {"version": p.version}).status_code == 302
    p.refresh_from_db()
    assert p.status == "verified"


def test_returning_without_a_comment_shows_a_return_message_beside_the_comment_box(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile], complete_values: dict[str, Any]
) -> None:
    p = make_profile(status="submitted", values=complete_values)
    login(client, "district")
    text = client.post(f"{P}/kembalikan/", {"version": p.version, "comment": "  "}).content.decode()
    assert "Profil belum dapat dikembalikan: Tulis catatan untuk desa" in text
    assert "diajukan:" not in text and "comment:" not in text
    # the message sits between the comment box's label and the box itself
    label, error, box = (
        text.index(s) for s in ('for="comment-kembalikan"', 'id="return-error"', 'id="comment-kembalikan"')
    )
    assert label < error < box
    p.refresh_from_db()
    assert p.status == "submitted"


def test_the_confirmation_page_of_returning_a_published_profile_says_the_public_keeps_the_published_version(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile], complete_values: dict[str, Any]
) -> None:
    p = make_profile(status="published", values=complete_values)
    login(client, "admin")
    text = client.post(f"{P}/kembalikan/", {"version": p.version, "comment": "Perbaiki."}).content.decode()
    assert "Versi terbit tetap tampil untuk publik sampai perbaikan diterbitkan." in text


def test_a_confirmation_for_a_step_no_longer_possible_is_refused_before_asking(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile], complete_values: dict[str, Any]
) -> None:
    p = make_profile(status="draft", values=complete_values)
    login(client, "admin")
    response = client.post(f"{P}/publikasikan/", {"version": p.version})
    assert response.status_code == 409 and 'id="confirm-action"' not in response.content.decode()
