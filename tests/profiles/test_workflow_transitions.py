"""The workflow: village submits → kecamatan verifies or returns with a comment → admin publishes; nothing else."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from petakan.profiles import services
from petakan.profiles.models import Profile, WorkflowEvent
from tests.conftest import KENDAL_VILLAGE
from tests.profiles.conftest import YEAR

P = f"/profil/{KENDAL_VILLAGE}/{YEAR}"


def test_the_whole_path_from_draft_to_published_is_recorded_step_by_step(
    make_profile: Callable[..., Profile], complete_values: dict[str, Any], cast: dict[str, Any]
) -> None:
    p = make_profile(values=complete_values)
    p = services.transition(p, "submit", user=cast["village"], version=p.version)
    p = services.transition(p, "return", user=cast["district"], version=p.version, comment="Cek jumlah KK.")
    assert p.status == "returned" and p.return_comment == "Cek jumlah KK."
    p = services.transition(p, "submit", user=cast["village"], version=p.version)
    assert p.return_comment == ""
    p = services.transition(p, "verify", user=cast["district"], version=p.version)
    p = services.transition(p, "publish", user=cast["admin"], version=p.version)
    assert p.status == "published"
    assert p.version == 6
    events = list(WorkflowEvent.objects.filter(profile=p).order_by("at", "id"))
    assert [(e.action, e.from_status, e.to_status, e.by.username) for e in events] == [
        ("submitted", "draft", "submitted", "eka-village"),
        ("returned", "submitted", "returned", "dedi-district"),
        ("submitted", "returned", "submitted", "eka-village"),
        ("verified", "submitted", "verified", "dedi-district"),
        ("published", "verified", "published", "alice-admin"),
    ]
    assert events[1].comment == "Cek jumlah KK."


@pytest.mark.parametrize(
    ("status", "action", "role"),
    [
        ("draft", "verify", "district"),
        ("draft", "publish", "admin"),
        ("draft", "return", "district"),
        ("submitted", "submit", "village"),
        ("submitted", "publish", "admin"),
        ("returned", "verify", "district"),
        ("returned", "publish", "admin"),
        ("verified", "submit", "village"),
        ("verified", "verify", "district"),
        ("published", "publish", "admin"),
        ("published", "verify", "admin"),
        ("published", "submit", "admin"),
    ],
)
def test_it_refuses_an_illegal_transition(
    status: str,
    action: str,
    role: str,
    make_profile: Callable[..., Profile],
    complete_values: dict[str, Any],
    cast: dict[str, Any],
) -> None:
    p = make_profile(status=status, values=complete_values)
    with pytest.raises(services.IllegalTransitionError):
        services.transition(p, action, user=cast[role], version=p.version, comment="x")
    p.refresh_from_db()
    assert (p.status, p.version) == (status, 1)
    assert not WorkflowEvent.objects.exists()


def test_an_illegal_transition_through_the_page_answers_409_and_changes_nothing(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile], complete_values: dict[str, Any]
) -> None:
    p = make_profile(status="draft", values=complete_values)
    login(client, "admin")
    response = client.post(f"{P}/publikasikan/", {"version": p.version})
    assert response.status_code == 409
    assert "berstatus draft" in response.content.decode()
    p.refresh_from_db()
    assert p.status == "draft"


def test_returning_needs_a_comment(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile], complete_values: dict[str, Any]
) -> None:
    p = make_profile(status="submitted", values=complete_values)
    login(client, "district")
    response = client.post(f"{P}/kembalikan/", {"version": p.version, "comment": "   "})
    assert response.status_code == 200
    assert "Tulis catatan untuk desa" in response.content.decode()
    p.refresh_from_db()
    assert p.status == "submitted"


def test_submitting_an_incomplete_profile_names_every_missing_required_field_and_its_section(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile], complete_values: dict[str, Any]
) -> None:
    values = {k: v for k, v in complete_values.items() if k not in ("pop_male", "risk_flood")}
    p = make_profile(values=values)
    login(client, "village")
    response = client.post(f"{P}/ajukan/", {"version": p.version})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Profil belum dapat diajukan: 2 masalah." in text
    assert f'href="{P}/ubah/population/"' in text and "Penduduk laki-laki" in text
    assert f'href="{P}/ubah/disaster/"' in text
    p.refresh_from_db()
    assert p.status == "draft"


@pytest.mark.parametrize("status", ["submitted", "verified", "published"])
def test_editing_is_refused_outside_draft_and_returned(
    status: str,
    client: Client,
    login: Callable[..., Client],
    make_profile: Callable[..., Profile],
    complete_values: dict[str, Any],
    cast: dict[str, Any],
) -> None:
    p = make_profile(status=status, values=complete_values)
    with pytest.raises(services.IllegalTransitionError):
        services.save_section(p.area, YEAR, "population", {"pop_male": "1"}, user=cast["village"], version=p.version)
    login(client, "village")
    response = client.post(f"{P}/ubah/population/", {"version": p.version, "pop_male": "1"})
    assert response.status_code == 302 and response["Location"] == f"{P}/"
    p.refresh_from_db()
    assert p.values == complete_values and p.version == 1


def test_a_published_profile_sent_back_for_correction_becomes_editable_again(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile], complete_values: dict[str, Any]
) -> None:
    p = make_profile(status="published", values=complete_values)
    login(client, "admin")
    response = client.post(
        f"{P}/kembalikan/", {"version": p.version, "comment": "Perbaiki data sekolah.", "konfirmasi": "ya"}
    )
    assert response.status_code == 302
    client.logout()
    login(client, "village")
    page = client.get(f"{P}/").content.decode()
    assert "Perbaiki data sekolah." in page and 'id="edit-profile"' in page


def test_the_workflow_buttons_shown_are_the_ones_allowed(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile], complete_values: dict[str, Any]
) -> None:
    make_profile(status="submitted", values=complete_values)
    login(client, "district")
    page = client.get(f"{P}/").content.decode()
    assert 'id="action-verify"' in page and 'id="action-return"' in page
    assert 'id="action-publish"' not in page and 'id="action-submit"' not in page and 'id="edit-profile"' not in page
