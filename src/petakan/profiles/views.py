"""Pages of the village profiles: the profile by section, section forms, the workflow, completeness, Excel.

Thin: permissions come from petakan.accounts.permissions.can, every read and write from profiles.services,
every text of a value from profiles.presentation. Anonymous visitors are sent to the login page where a page
needs an account; signed-in users without the right get 403.
"""

from __future__ import annotations

import io
from collections import Counter
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from petakan import uploads
from petakan.accounts.naming import person
from petakan.accounts.permissions import can
from petakan.lib.profile import Problem, Text
from petakan.lib.uploads import UploadError, check_size
from petakan.profiles import services
from petakan.profiles.forms import SectionForm, TransitionForm, UploadForm
from petakan.profiles.models import Profile, ReopenRequest, ReopenStatus, Status, Upload
from petakan.profiles.presentation import (
    current_lang,
    display,
    history_entries,
    section_views,
    status_label,
)
from petakan.regions.models import Area, Level

# URL words (Indonesian) of the workflow actions.
ACTION_SLUGS = {
    "ajukan": "submit",
    "verifikasi": "verify",
    "kembalikan": "return",
    "publikasikan": "publish",
    "tarik-publikasi": "unpublish",
}
# Steps that lock the profile or take something from someone ask first, on a page of their own.
CONFIRMED_STEPS = ("submit", "return", "publish", "unpublish")
SLUG_OF_ACTION = {v: k for k, v in ACTION_SLUGS.items()}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _village(code: str) -> Area:
    return get_object_or_404(Area.objects.select_related("parent"), code=code, level=Level.VILLAGE)


def _check_year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise Http404
    return year


def _year_param(request: HttpRequest) -> int:
    raw = request.GET.get("tahun", "")
    if not raw:
        return timezone.localdate().year
    try:
        year = int(raw)
    except ValueError:
        raise BadRequest(f"tahun={raw!r}") from None
    if not 2000 <= year <= 2100:
        raise BadRequest(f"tahun={raw!r}")
    return year


def _login_or_403(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def _nav(request: HttpRequest) -> dict[str, bool]:
    """Which of this app's pages the header links to, for this user."""
    return {
        "nav_completeness": can(request.user, "profile.completeness"),
        "nav_excel": can(request.user, "profile.export"),
    }


# ---------------------------------------------------------------------------------------------- profile
def profile_context(
    request: HttpRequest, area: Area, year: int, profile: Profile | None, *, history_limit: int | None = None
) -> dict[str, Any]:
    """What the profile partial (`profiles/_profile.html`) shows, for this visitor."""
    lang = current_lang()
    schema = services.schema()
    entries = []
    values = profile.values if profile else {}
    status = profile.status if profile else "not_started"
    # a visitor who may not see the working copy of a profile back for a correction reads its published version
    public_copy = (
        profile is not None
        and status != Status.PUBLISHED
        and profile.public_version_id is not None
        and not can(request.user, "profile.view", area)
    )
    if profile is not None:
        changes, events = services.history(profile, saves=history_limit)
        if public_copy:
            published = profile.public_version.version  # type: ignore[union-attr]
            changes = [c for c in changes if c.version <= published]
            events = [e for e in events if e.version <= published]
            values, status = profile.public_version.values, Status.PUBLISHED  # type: ignore[union-attr]
        entries = history_entries(schema, changes, events, lang)
    sections = section_views(schema, values, area, lang)
    editable = [sv for sv in sections if sv.editable]
    # "resume later": the edit link opens the first section that still lacks a required value
    resume = next((sv for sv in editable if sv.missing_required), editable[0])
    return {
        "area": area,
        "year": year,
        "profile": profile,
        # named as in the histories ("Admin (Kominfo)", "Desa Blumah"), not by username
        "changed_by": person(profile.changed_by) if profile and profile.changed_by_id else "",
        "status": status,
        "status_label": status_label(status, lang),
        "sections": sections,
        "resume_section": resume.code,
        "history": entries,
        "history_limited": bool(history_limit),
        "actions": [(SLUG_OF_ACTION[a], a) for a in services.allowed_actions(request.user, profile)],
        "may_edit": services.may_edit(request.user, area, profile),
        "may_import": can(request.user, "profile.import", area),
        "version": profile.version if profile else 0,
        "schema_code": schema.code,
        "public_copy": public_copy,
        # the signed-in see that the public still reads the last published version
        "public_kept": profile is not None
        and not public_copy
        and profile.status != Status.PUBLISHED
        and profile.public_version_id is not None,
        **_lock_context(request, area, profile, lang),
    }


def _lock_context(request: HttpRequest, area: Area, profile: Profile | None, lang: str) -> dict[str, Any]:
    """Why a profile the visitor would edit is locked, who can open it, and the reopen request if any; for
    Kominfo, the request waiting for its answer."""
    if profile is None or profile.is_editable:
        return {}
    if can(request.user, "profile.publish", area):
        return {"reopen_pending": services.open_reopen_request(profile)}
    if not can(request.user, "profile.edit", area):
        return {}
    kecamatan = area.parent.name if area.parent else ""
    why = {
        Status.SUBMITTED: _(
            "Profil terkunci karena sudah diajukan ke kecamatan dan menunggu verifikasi. Yang dapat membukanya: "
            "petugas Kecamatan %(kecamatan)s, dengan mengembalikannya ke desa beserta catatan."
        ),
        Status.VERIFIED: _(
            "Profil terkunci karena sudah diverifikasi kecamatan dan menunggu publikasi. Yang dapat membukanya: "
            "Kominfo (admin), dengan mengembalikannya ke desa."
        ),
        Status.PUBLISHED: _(
            "Profil terkunci karena sudah dipublikasikan. Yang dapat membukanya: Kominfo (admin). Jika ada yang "
            "perlu diperbaiki, minta dibuka kembali dan tulis alasannya."
        ),
    }[profile.status] % {"kecamatan": kecamatan}
    requests = list(profile.reopen_requests.select_related("by", "decided_by")[:1])
    last = requests[0] if requests else None
    return {
        "lock_reason": why,
        "reopen_request": last,
        "may_request_reopen": profile.status == Status.PUBLISHED
        and can(request.user, "profile.request_reopen", area)
        and (last is None or last.status != ReopenStatus.OPEN),
    }


def _readable(request: HttpRequest, area: Area, profile: Profile | None) -> bool:
    return (profile is not None and services.may_read(request.user, profile)) or can(request.user, "profile.view", area)


def _profile_response(request: HttpRequest, area: Area, year: int, *, status: int = 200, **extra: Any) -> HttpResponse:
    profile = services.profile_of(area, year)
    context = {"vp": profile_context(request, area, year, profile), "area": area, "year": year, **_nav(request)}
    context.update(extra)
    return render(request, "profiles/profile.html", context, status=status)


@require_GET
def profile_page(request: HttpRequest, code: str, year: int) -> HttpResponse:
    area = _village(code)
    _check_year(year)
    if not _readable(request, area, services.profile_of(area, year)):
        return _login_or_403(request)
    return _profile_response(request, area, year)


def area_context(request: HttpRequest, area: Area) -> dict[str, Any]:
    """The profile section of a village page (/wilayah/<code>/): the latest profile this visitor may read."""
    if area.level != Level.VILLAGE:
        return {}
    may_view = can(request.user, "profile.view", area)
    profiles = Profile.objects.filter(area=area).select_related("changed_by").order_by("-year")
    if not may_view:
        profiles = profiles.filter(pk__in=services.public_profiles().filter(area=area).values("pk"))
    profile = profiles.first()
    if profile is None and not may_view:
        return {"village_profile": {"area": area, "absent": True}}
    year = profile.year if profile else timezone.localdate().year
    return {"village_profile": profile_context(request, area, year, profile, history_limit=10)}


# ---------------------------------------------------------------------------------------------- editing
def _section_nav(values: dict[str, Any], area: Area, lang: str) -> list[Any]:
    return [s for s in section_views(services.schema(), values, area, lang) if s.editable]


def _render_section(
    request: HttpRequest,
    area: Area,
    year: int,
    section: str,
    form: SectionForm,
    profile: Profile | None,
    *,
    status: int = 200,
    conflict: list[dict[str, str]] | None = None,
) -> HttpResponse:
    lang = current_lang()
    nav = _section_nav(profile.values if profile else {}, area, lang)
    codes = [s.code for s in nav]
    i = codes.index(section)
    return render(
        request,
        "profiles/edit.html",
        {
            "area": area,
            "year": year,
            "profile": profile,
            "form": form,
            "section": nav[i],
            "sections": nav,
            "next_section": nav[i + 1] if i + 1 < len(nav) else None,
            "previous_section": nav[i - 1] if i > 0 else None,
            "status_label": status_label(profile.status if profile else "not_started", lang),
            "conflict": conflict,
            **_nav(request),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def edit_section(request: HttpRequest, code: str, year: int, section: str) -> HttpResponse:
    area = _village(code)
    _check_year(year)
    if not can(request.user, "profile.edit", area):
        return _login_or_403(request)
    try:
        fields = services.entered_fields(section)
    except KeyError:
        raise Http404 from None
    if not fields:
        raise Http404
    lang = current_lang()
    profile = services.profile_of(area, year)
    if profile is not None and not profile.is_editable and request.method == "POST" and _is_queued(request):
        return _queued_locked(profile, lang)
    if profile is not None and not profile.is_editable:
        messages.error(
            request,
            _("Profil ini berstatus %(status)s dan tidak dapat diubah sekarang.")
            % {"status": status_label(profile.status, lang)},
        )
        return redirect("profiles:profile", code=area.code, year=year)
    values = profile.values if profile else {}
    version = profile.version if profile else 0
    carry = services.pending_carry(area, year, profile)
    if request.method == "GET":
        form = SectionForm(fields, lang, values=values, version=version, carried=carry)
        return _render_section(request, area, year, section, form, profile)

    queued = _is_queued(request)
    form = SectionForm(fields, lang, data=request.POST, values=values, carried=carry)
    if not form.is_valid():
        if queued:
            return _queued_problems(form)
        form.keep_values()
        return _render_section(request, area, year, section, form, profile)
    try:
        result = services.save_section(
            area,
            year,
            section,
            form.raw_values(),
            user=request.user,
            version=form.cleaned_data["version"],
            confirm=bool(request.POST.get("confirm")),
        )
    except services.ProfileProblemsError as exc:
        form.add_problems(exc.problems, lang)
        if queued:
            return _queued_problems(form)
        form.keep_values()
        return _render_section(request, area, year, section, form, profile)
    except services.IllegalTransitionError:
        if queued:
            return _queued_locked(services.profile_of(area, year), lang)  # type: ignore[arg-type]
        return redirect("profiles:profile", code=area.code, year=year)
    except services.ConflictError as exc:
        if queued:
            return _queued_conflict(area, year, form, exc, lang)
        return _conflict_response(request, area, year, section, fields, form, exc, lang)
    label = services.schema().section(section).label.get(lang)
    if queued:
        return JsonResponse({"status": "saved", "changes": len(result.changes), "version": result.profile.version})
    if result.changes:
        messages.success(
            request,
            _("Bagian “%(section)s” tersimpan: %(n)d isian berubah.") % {"section": label, "n": len(result.changes)},
        )
    else:
        messages.info(request, _("Bagian “%(section)s”: tidak ada yang berubah.") % {"section": label})
    target = request.POST.get("next", "")
    if target and target in services.editable_sections():
        return redirect("profiles:edit", code=area.code, year=year, section=target)
    return redirect("profiles:profile", code=area.code, year=year)


# A section saved on the phone without a connection is sent later by edit.js with this header: the same checks as
# an online save, answered in JSON so that the phone keeps the input until the server has stored it.
QUEUED_HEADER = "X-Petakan-Queued"


def _is_queued(request: HttpRequest) -> bool:
    return request.headers.get(QUEUED_HEADER) == "1"


def _queued_locked(profile: Profile, lang: str) -> JsonResponse:
    text = _("Profil ini sudah tidak dapat diubah (berstatus %(status)s); isian Anda tetap di HP.") % {
        "status": status_label(profile.status, lang)
    }
    return JsonResponse({"status": "locked", "message": text}, status=409)


def _queued_problems(form: SectionForm) -> JsonResponse:
    """Why a queued save was refused, per field (the phone keeps the input and shows the messages)."""
    errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
    return JsonResponse({"status": "problems", "errors": errors}, status=400)


def _conflict_rows(
    area: Area, year: int, posted: SectionForm, exc: services.ConflictError, lang: str
) -> list[dict[str, str]]:
    """What changed since the form was loaded: the value stored now and the user's, per field."""
    profile = services.profile_of(area, year)
    schema = services.schema()
    current = profile.values if profile else {}
    rows = []
    for m in exc.missed:
        if m.field is None:
            what, now_text = _("Status"), status_label(str(m.new), lang)
            mine = ""
        else:
            f = schema.field(m.field)
            what, now_text = f.label.get(lang), display(f, current.get(m.field), lang)
            mine = posted.data.get(m.field, "") if m.field in posted.fields else ""
        rows.append(
            {"field": what, "now": now_text, "mine": mine, "by": m.by, "at": timezone.localtime(m.at).strftime("%H:%M")}
        )
    return rows


def _queued_conflict(
    area: Area, year: int, posted: SectionForm, exc: services.ConflictError, lang: str
) -> JsonResponse:
    """A queued save that someone else's save overtook: nothing stored; both values go back to the phone."""
    return JsonResponse(
        {
            "status": "conflict",
            "version": exc.current_version,
            "rows": _conflict_rows(area, year, posted, exc, lang),
        },
        status=409,
    )


def _conflict_response(
    request: HttpRequest,
    area: Area,
    year: int,
    section: str,
    fields: list[Any],
    posted: SectionForm,
    exc: services.ConflictError,
    lang: str,
) -> HttpResponse:
    """The form again with the values stored now (never the user's), and what changed since it was loaded."""
    profile = services.profile_of(area, year)
    current = profile.values if profile else {}
    rows = _conflict_rows(area, year, posted, exc, lang)
    form = SectionForm(
        fields,
        lang,
        values=current,
        version=exc.current_version,
        carried=services.pending_carry(area, year, profile),
    )
    messages.error(
        request,
        _(
            "Profil ini diubah orang lain sejak formulir dibuka. "
            "Tidak ada yang disimpan; periksa isian terbaru di bawah."
        ),
    )
    if profile is not None and not profile.is_editable:
        return redirect("profiles:profile", code=area.code, year=year)
    return _render_section(request, area, year, section, form, profile, status=409, conflict=rows)


@require_POST
def transition_view(request: HttpRequest, code: str, year: int, action: str) -> HttpResponse:
    """A workflow step. Steps that lock or withdraw something first answer with a confirmation page (one sentence
    saying what will happen); its form posts again with ``konfirmasi`` and only then the step is taken."""
    area = _village(code)
    _check_year(year)
    name = ACTION_SLUGS.get(action)
    if name is None:
        raise Http404
    if not can(request.user, services.TRANSITIONS[name].permission, area):
        return _login_or_403(request)
    profile = services.profile_of(area, year)
    if profile is None:
        raise Http404
    form = TransitionForm(request.POST)
    if not form.is_valid():
        raise BadRequest("version")
    lang = current_lang()
    comment = form.cleaned_data["comment"]
    version = form.cleaned_data["version"]
    try:
        if name in CONFIRMED_STEPS and not request.POST.get("konfirmasi"):
            services.check_transition(profile, name, user=request.user, comment=comment)
            if profile.version != version:
                raise services.ConflictError(profile.version, [])
            return _confirm_response(request, area, year, profile, name, comment=comment, version=version)
        services.transition(profile, name, user=request.user, version=version, comment=comment)
    except services.IllegalTransitionError as exc:
        text = _("Langkah “%(action)s” tidak mungkin: profil berstatus %(status)s.") % {
            "action": _action_label(name),
            "status": status_label(exc.status, lang),
        }
        return _profile_response(request, area, year, status=409, action_error=text)
    except services.ProfileProblemsError as exc:
        if name == "return":
            # the only problem of a return is a missing comment: say so beside the comment box
            text = _("Profil belum dapat dikembalikan: %(reason)s") % {"reason": exc.problems[0].message(lang)}
            return _profile_response(request, area, year, return_error=text, comment=comment)
        return _profile_response(request, area, year, problems=_problem_rows(exc.problems, lang), comment=comment)
    except services.ConflictError:
        text = _("Profil ini berubah sejak halaman dibuka. Periksa keadaan terbaru di bawah, lalu ulangi.")
        return _profile_response(request, area, year, status=409, action_error=text)
    done = {
        "submit": _("Profil diajukan ke kecamatan."),
        "verify": _("Profil diverifikasi."),
        "return": _("Profil dikembalikan ke desa dengan catatan."),
        "publish": _("Profil dipublikasikan."),
        "unpublish": _("Publikasi profil ditarik: publik tidak lagi melihatnya."),
    }
    messages.success(request, done[name])
    return redirect("profiles:profile", code=area.code, year=year)


def _confirm_response(
    request: HttpRequest, area: Area, year: int, profile: Profile, name: str, *, comment: str, version: int
) -> HttpResponse:
    kecamatan = area.parent.name if area.parent else ""
    what = {
        "submit": _(
            "Profil %(village)s %(year)s akan diajukan ke Kecamatan %(kecamatan)s untuk diverifikasi; "
            "selama itu desa tidak dapat mengubahnya."
        ),
        "return": _(
            "Profil %(village)s %(year)s akan dikembalikan ke desa untuk diperbaiki, dengan catatan di bawah; "
            "desa dapat mengubahnya lagi lalu mengajukannya kembali."
        ),
        "publish": _(
            "Profil %(village)s %(year)s akan dipublikasikan: siapa pun dapat melihatnya, dan nilainya dipakai "
            "indeks, peta dan data terbuka. Profil terkunci sampai dikembalikan."
        ),
        "unpublish": _(
            "Publikasi profil %(village)s %(year)s akan ditarik: publik, indeks dan data terbuka tidak lagi "
            "memakai nilainya sampai dipublikasikan lagi."
        ),
    }[name] % {"village": area.name, "year": year, "kecamatan": kecamatan}
    if name == "return" and profile.status == Status.PUBLISHED:
        what += " " + _("Versi terbit tetap tampil untuk publik sampai perbaikan diterbitkan.")
    return render(
        request,
        "profiles/confirm.html",
        {
            "area": area,
            "year": year,
            "profile": profile,
            "name": name,
            "slug": SLUG_OF_ACTION[name],
            "what": what,
            "comment": comment,
            "version": version,
            "button": _confirm_button(name),
            **_nav(request),
        },
    )


def _confirm_button(name: str) -> str:
    return {
        "submit": _("Ya, ajukan ke kecamatan"),
        "return": _("Ya, kembalikan ke desa"),
        "publish": _("Ya, publikasikan"),
        "unpublish": _("Ya, tarik publikasi"),
    }[name]


# ---------------------------------------------------------------------------------------------- reopen requests
@require_POST
def request_reopen(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The village asks Kominfo to open its published profile again, with a reason."""
    area = _village(code)
    _check_year(year)
    if not can(request.user, "profile.request_reopen", area):
        return _login_or_403(request)
    profile = services.profile_of(area, year)
    if profile is None:
        raise Http404
    reason = request.POST.get("reason", "")
    try:
        services.request_reopen(profile, user=request.user, reason=reason)
    except services.ReopenError as exc:
        text = {
            "reason": _("Tulis alasannya: apa yang perlu diperbaiki di profil ini."),
            "not_locked": _("Profil ini tidak sedang dipublikasikan; tidak perlu minta dibuka kembali."),
            "pending": _("Permintaan sebelumnya masih menunggu jawaban Kominfo."),
        }[exc.key]
        return _profile_response(request, area, year, reopen_error=text, reason=reason)
    messages.success(request, _("Permintaan dikirim ke Kominfo. Jawabannya tampil di halaman ini dan di beranda Anda."))
    return redirect("profiles:profile", code=area.code, year=year)


@require_POST
def decide_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """Kominfo answers a reopen request: return the profile for correction, or decline with a reason."""
    if not can(request.user, "profile.publish"):
        return _login_or_403(request)
    reopen = get_object_or_404(ReopenRequest.objects.select_related("profile__area__parent"), pk=pk)
    profile = reopen.profile
    accept = request.POST.get("decision") == "accept"
    comment = request.POST.get("comment", "")
    try:
        services.decide_reopen(reopen, user=request.user, accept=accept, comment=comment)
    except services.ReopenError as exc:
        text = {
            "reason": _("Tulis alasan penolakan untuk desa."),
            "decided": _("Permintaan ini sudah dijawab."),
        }[exc.key]
        return _profile_response(request, profile.area, profile.year, reopen_error=text)
    except (services.IllegalTransitionError, services.ConflictError):
        text = _("Profil ini berubah sejak halaman dibuka. Periksa keadaan terbaru di bawah, lalu ulangi.")
        return _profile_response(request, profile.area, profile.year, status=409, action_error=text)
    if accept:
        messages.success(request, _("Profil dikembalikan ke desa untuk diperbaiki; versi terbit tetap tampil."))
    else:
        messages.success(request, _("Permintaan ditolak; desa membaca alasannya di profilnya."))
    return redirect("profiles:profile", code=profile.area.code, year=profile.year)


def _action_label(name: str) -> str:
    return {
        "submit": _("ajukan"),
        "verify": _("verifikasi"),
        "return": _("kembalikan"),
        "publish": _("publikasikan"),
        "unpublish": _("tarik publikasi"),
    }[name]


def _problem_rows(problems: list[Problem], lang: str) -> list[dict[str, Any]]:
    """Problems as table rows; a field's section is named so the user knows which page to open."""
    schema = services.schema()
    rows = []
    for p in problems:
        f = schema.field(p.field) if p.field and schema.has_field(p.field) else None
        rows.append(
            {
                "sheet": p.sheet or "",
                "row": p.row or "",
                "column": p.column or "",
                "village": p.village or "",
                "field": f.label.get(lang) if f else (p.field or ""),
                "field_code": p.field or "",
                "section": f.section if f and f.is_entered else "",
                "section_label": schema.section(f.section).label.get(lang) if f else "",
                "value": "" if p.value is None else str(p.value),
                "reason": p.message(lang),
            }
        )
    return rows


# ---------------------------------------------------------------------------------------------- completeness
@require_GET
def completeness(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "profile.completeness"):
        return _login_or_403(request)
    year = _year_param(request)
    lang = current_lang()
    rows = services.completeness_rows(request.user, year)
    groups: dict[str, dict[str, Any]] = {}
    for r in rows:
        g = groups.setdefault(
            r.kecamatan_code, {"code": r.kecamatan_code, "name": r.kecamatan_name, "rows": [], "counts": Counter()}
        )
        g["rows"].append({"row": r, "status_label": status_label(r.status, lang), "filled_pct": round(100 * r.filled)})
        g["counts"][r.status] += 1
    summary = []
    for g in groups.values():
        n = len(g["rows"])
        g["filled_pct"] = round(sum(x["row"].filled for x in g["rows"]) * 100 / n) if n else 0
        g["summary"] = [(status_label(s, lang), g["counts"][s]) for s in _STATUS_ORDER if g["counts"][s]]
        summary.append(g)
    totals = Counter(r.status for r in rows)
    return render(
        request,
        "profiles/completeness.html",
        {
            "year": year,
            "groups": summary,
            "totals": [(status_label(s, lang), totals[s]) for s in _STATUS_ORDER if totals[s]],
            "n_villages": len(rows),
            "n_not_submitted": sum(not r.submitted for r in rows),
            "any_demo": any(r.is_demo for r in rows),
            **_nav(request),
        },
    )


_STATUS_ORDER = ("not_started", "draft", "returned", "submitted", "verified", "published")


@require_GET
def not_submitted_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    if not can(request.user, "profile.completeness"):
        return _login_or_403(request)
    year = _year_param(request)
    rows = services.completeness_rows(request.user, year)
    table = services.not_submitted_table(rows, current_lang())
    content = services.write_table(table, fmt, title=f"belum diajukan {year}")
    demo = "-DATA-CONTOH" if any(r.is_demo for r in rows) else ""
    response = HttpResponse(content, content_type="text/csv; charset=utf-8" if fmt == "csv" else XLSX)
    response["Content-Disposition"] = f'attachment; filename="profil-belum-diajukan-{year}{demo}.{fmt}"'
    return response


# ---------------------------------------------------------------------------------------------- excel
def _scopes(request: HttpRequest) -> list[Area]:
    """The template scopes offered to this user: the regency, kecamatan and villages they may export."""
    user = request.user
    regency = Area.objects.filter(code=settings.PETAKAN_REGENCY_CODE).first()
    candidates: list[Area] = []
    if regency is not None and can(user, "profile.export", regency):
        candidates.append(regency)
    districts = Area.objects.filter(level=Level.DISTRICT, code__startswith=settings.PETAKAN_REGENCY_CODE + ".")
    candidates += [d for d in districts.order_by("code") if can(user, "profile.export", d)]
    if getattr(user, "area_id", None) and user.area.level == Level.VILLAGE:  # type: ignore[union-attr]
        candidates.append(user.area)  # type: ignore[union-attr,arg-type]
    return candidates


def _excel_response(request: HttpRequest, *, status: int = 200, **extra: Any) -> HttpResponse:
    context = {
        "scopes": _scopes(request),
        "year": extra.pop("year", None) or timezone.localdate().year,
        "may_import": can(request.user, "profile.import"),
        "form": extra.pop("form", None) or UploadForm(initial={"year": timezone.localdate().year}),
        "max_mb": services.max_upload_bytes() // (1024 * 1024),
        **_nav(request),
    }
    context.update(extra)
    return render(request, "profiles/excel.html", context, status=status)


def _change_rows(preview: services.ImportPreview, lang: str) -> list[dict[str, Any]]:
    schema = services.schema()
    names = dict(Area.objects.filter(code__in=preview.changed_villages).values_list("code", "name"))
    rows = []
    for c in preview.changes:
        f = schema.field(c.field)
        rows.append(
            {
                "village": c.code,
                "village_name": names.get(c.code, ""),
                "row": preview.row_numbers.get(c.code, ""),
                "field": f.label.get(lang),
                "field_code": c.field,
                "old": display(f, c.old, lang),
                "new": display(f, c.new, lang),
                "demo": c.code in preview.demo_villages,
            }
        )
    return rows


@require_http_methods(["GET", "POST"])
def excel_page(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "profile.export"):
        return _login_or_403(request)
    if request.method == "GET":
        return _excel_response(request)
    if not can(request.user, "profile.import"):
        raise PermissionDenied
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _excel_response(request, form=form)
    lang = current_lang()
    upload, year = form.cleaned_data["file"], form.cleaned_data["year"]
    name = PurePath(upload.name or "").name
    try:  # refused before anything reads the file
        check_size(upload.size, uploads.limits("profile"))
    except UploadError as exc:
        problem = Problem("upload_rejected", {"text": Text(exc.message_id, exc.message_en)})
        return _excel_response(request, form=form, year=year, file_name=name, problems=_problem_rows([problem], lang))
    content = upload.read()
    preview = services.preview_import(content, user=request.user, year=year)
    kept = None
    if preview.ok and preview.changes:
        kept = services.keep_upload(content, preview, user=request.user, year=year, file_name=name)
    return _excel_response(
        request,
        form=form,
        year=year,
        file_name=name,
        checked=True,
        problems=_problem_rows(preview.problems, lang),
        changes=_change_rows(preview, lang),
        n_rows=len(preview.rows),
        n_villages=len(preview.changed_villages),
        upload=kept,
        demo=bool(preview.demo_villages & set(preview.changed_villages)),
    )


@require_POST
def commit_upload(request: HttpRequest, pk: int) -> HttpResponse:
    if not can(request.user, "profile.import"):
        return _login_or_403(request)
    upload = get_object_or_404(Upload, pk=pk, user_id=request.user.pk, committed_at__isnull=True)
    if len(upload.versions) > settings.PETAKAN_QUEUE_IMPORT_VILLAGES:
        # a large file (a kecamatan's or the regency's) is written by the worker; its page shows the progress
        from petakan.jobs.services import enqueue
        from petakan.profiles.tasks import commit_upload as commit_task

        label = _("Simpan impor %(file)s (%(n)d desa)") % {"file": upload.file_name, "n": len(upload.versions)}
        job = enqueue(commit_task, kind="profiles.commit_upload", label=label, user=request.user, upload_id=upload.pk)
        return redirect("jobs:job", job.pk)
    lang = current_lang()
    try:
        n = services.commit_upload(upload, user=request.user)
    except services.ProfileProblemsError as exc:
        return _excel_response(request, year=upload.year, checked=True, problems=_problem_rows(exc.problems, lang))
    except services.StaleImportError as exc:
        text = _(
            "Profil %(villages)s berubah sejak berkas diperiksa. Tidak ada yang disimpan; unggah dan periksa lagi."
        ) % {"villages": ", ".join(exc.villages[:20])}
        return _excel_response(request, status=409, year=upload.year, commit_error=text)
    messages.success(
        request,
        _("Impor tersimpan: %(n)d isian diubah dari berkas %(file)s.") % {"n": n, "file": upload.file_name},
    )
    return redirect(reverse("profiles:excel"))


@require_GET
def template_download(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("cakupan") or settings.PETAKAN_REGENCY_CODE
    year = _year_param(request)
    scope = get_object_or_404(Area, code=code, level__in=[Level.REGENCY, Level.DISTRICT, Level.VILLAGE])
    if not can(request.user, "profile.export", scope):
        return _login_or_403(request)
    out = io.BytesIO()
    demo = services.write_scope_template(scope, year, out, lang=current_lang())
    suffix = "-DATA-CONTOH" if demo else ""
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="profil-desa-{scope.code}-{year}{suffix}.xlsx"'
    return response
