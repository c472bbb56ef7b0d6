"""Village proposals (/usulan/): the village's items, the kecamatan's ranking, the analyst's list and decision.

Thin: permissions through ``can`` (a village reaches only its own village, a kecamatan only its villages), the
work in ``monitoring.proposals``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from petakan.accounts.models import Role
from petakan.accounts.permissions import can
from petakan.monitoring import proposals as svc
from petakan.monitoring.models import Proposal, ProposalStatus
from petakan.monitoring.proposal_forms import DecisionForm, ProposalForm
from petakan.planning.framework import DIMENSIONS, ELEMENT_NAMES
from petakan.planning.services import current_period
from petakan.regions.models import Area, Level


def _allow(request: HttpRequest, action: str, area: Area | None = None) -> None:
    """403 unless ``can`` says yes; an anonymous visitor is sent to the login page (raised as a redirect)."""
    if not can(request.user, action, area):
        if not request.user.is_authenticated:
            raise _LoginRequiredError(request.get_full_path())
        raise PermissionDenied


class _LoginRequiredError(Exception):
    def __init__(self, path: str) -> None:
        self.path = path


def _login_aware(view):  # type: ignore[no-untyped-def]
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except _LoginRequiredError as e:
            return redirect_to_login(e.path)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _this_year() -> int:
    return timezone.localdate().year


def _programme_url(request: HttpRequest, proposal: Proposal) -> str | None:
    """The plan page of the programme a proposal went into, when this visitor may open it (approved, or drafts
    for those who read drafts); else None and the page shows only its name."""
    p = proposal.programme
    if p is None:
        return None
    if p.approved_at is not None or can(request.user, "plan.view_draft"):
        return reverse("planning:programme", args=[p.pk])
    return None


def _element_label(code: str) -> str:
    name = ELEMENT_NAMES.get(code, (code, code))[0]
    return name[:1].upper() + name[1:]


def _rows(request: HttpRequest, qs: Any) -> list[dict[str, Any]]:
    return [
        {
            "p": p,
            "element": _element_label(p.element) if p.element else "",
            "dimension": svc.dimension_name(p.dimension),
            "programme_url": _programme_url(request, p),
        }
        for p in qs
    ]


@_login_aware
def mine(request: HttpRequest) -> HttpResponse:
    """One tap from a home: the village's own page, the kecamatan's ranking, or the regency-wide list."""
    _allow(request, "proposal.view")
    user = request.user
    if user.role == Role.VILLAGE:  # type: ignore[union-attr]
        return redirect("proposals:village", code=user.area.code, year=_this_year())  # type: ignore[union-attr]
    if user.role == Role.DISTRICT:  # type: ignore[union-attr]
        return redirect("proposals:district", code=user.area.code, year=_this_year())  # type: ignore[union-attr]
    return redirect("proposals:list")


# ------------------------------------------------------------------------------------------------- the village
@_login_aware
def village(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The village's proposals of the year, each with its outcome, and the form to add one."""
    area = get_object_or_404(Area.objects.select_related("parent"), code=code, level=Level.VILLAGE)
    _allow(request, "proposal.view", area)
    may_submit = can(request.user, "proposal.submit", area)
    form = ProposalForm(initial={"location": area.name})
    if request.method == "POST":
        _allow(request, "proposal.submit", area)
        form = ProposalForm(request.POST, instance=Proposal(area=area, year=year))
        if form.is_valid():
            p = svc.save_proposal(request.user, form.save(commit=False), creating=True)
            messages.success(request, _("Usulan “%(title)s” diajukan.") % {"title": p.title})
            return redirect("proposals:village", code=code, year=year)
    notes, notes_year = svc.notes_text(area, year)
    items = svc.of_village(area, year).order_by("created", "pk")
    return render(
        request,
        "monitoring/proposal_village.html",
        {
            "area": area,
            "year": year,
            "rows": _rows(request, items),
            "form": form if may_submit else None,
            "may_submit": may_submit,
            "notes": notes,
            "notes_year": notes_year,
            "notes_items": svc.split_items(notes),
            "elements_by_dimension": {d: svc.elements_of(d) for d, _n, _e in DIMENSIONS},
        },
    )


def _own_submitted(request: HttpRequest, pk: int) -> Proposal:
    p = get_object_or_404(Proposal.objects.select_related("area"), pk=pk)
    if not can(request.user, "proposal.view", p.area):
        raise Http404  # another village's proposal does not exist for this visitor
    _allow(request, "proposal.submit", p.area)
    return p


@_login_aware
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    p = _own_submitted(request, pk)
    if p.status != ProposalStatus.SUBMITTED:
        messages.error(request, _("Usulan yang sudah diputuskan tidak dapat diubah."))
        return redirect("proposals:village", code=p.area.code, year=p.year)
    form = ProposalForm(request.POST or None, instance=p)
    if request.method == "POST" and form.is_valid():
        svc.save_proposal(request.user, form.save(commit=False), creating=False)
        messages.success(request, _("Usulan disimpan."))
        return redirect("proposals:village", code=p.area.code, year=p.year)
    return render(request, "monitoring/proposal_form.html", {"form": form, "p": p, "area": p.area, "year": p.year})


@_login_aware
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first (GET), then withdraws (POST): one stray tap on a phone must not lose a proposal."""
    p = _own_submitted(request, pk)
    if request.method != "POST":
        return render(request, "monitoring/proposal_withdraw.html", {"p": p, "area": p.area, "year": p.year})
    code, year, title = p.area.code, p.year, p.title
    try:
        svc.withdraw(request.user, p)
    except ValueError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Usulan “%(title)s” dicabut.") % {"title": title})
    return redirect("proposals:village", code=code, year=year)


@require_POST
@_login_aware
def convert(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Turn the profile's old "Usulan program" text into items (once; repeated titles are skipped)."""
    area = get_object_or_404(Area, code=code, level=Level.VILLAGE)
    _allow(request, "proposal.submit", area)
    n = svc.convert_notes(request.user, area, year)
    if n:
        messages.success(
            request,
            _("%(n)s butir usulan dibuat dari teks lama. Periksa dimensi dan elemen setiap butir.") % {"n": n},
        )
    else:
        messages.info(request, _("Tidak ada butir baru: semua kalimat teks lama sudah menjadi usulan."))
    return redirect("proposals:village", code=code, year=year)


# ------------------------------------------------------------------------------------------------- the kecamatan
@_login_aware
def district(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The kecamatan's proposals of the year: counts by village and by dimension, and one ranked list."""
    area = get_object_or_404(Area, code=code, level=Level.DISTRICT)
    _allow(request, "proposal.view", area)
    may_rank = can(request.user, "proposal.rank", area)
    errors: list[str] = []
    if request.method == "POST":
        _allow(request, "proposal.rank", area)
        if "move" in request.POST:
            pk, _sep, step = request.POST["move"].partition(":")
            p = get_object_or_404(Proposal, pk=int(pk) if pk.isdigit() else 0, area__parent=area, year=year)
            svc.move(request.user, p, -1 if step == "up" else 1)
            return redirect(reverse("proposals:district", args=[code, year]) + f"#p-{p.pk}")
        ranks: dict[int, int | None] = {}
        for key, value in request.POST.items():
            if key.startswith("rank-") and key[5:].isdigit():
                value = value.strip()
                if value and not value.isdigit():
                    errors.append(_("Peringkat harus berupa bilangan bulat: “%(v)s”.") % {"v": value})
                ranks[int(key[5:])] = int(value) if value.isdigit() else None
        if not errors:
            errors = svc.save_ranks(request.user, area, year, ranks)
        if not errors:
            messages.success(request, _("Peringkat disimpan."))
            return redirect("proposals:district", code=code, year=year)
    qs = list(svc.district_queryset(area, year))
    if errors:  # show what was typed, not what is stored
        for p in qs:
            typed = request.POST.get(f"rank-{p.pk}", "").strip()
            p.typed_rank = typed  # type: ignore[attr-defined]
    by_village = (
        Proposal.objects.filter(area__parent=area, year=year)
        .values("area__code", "area__name")
        .annotate(n=Count("pk"))
        .order_by("area__name")
    )
    dims = dict(
        Proposal.objects.filter(area__parent=area, year=year)
        .values_list("dimension")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return render(
        request,
        "monitoring/proposal_district.html",
        {
            "district": area,
            "year": year,
            "rows": _rows(request, qs),
            "may_rank": may_rank,
            "errors": errors,
            "by_village": list(by_village),
            "by_dimension": [(name, dims[c]) for c, name, _e in DIMENSIONS if c in dims],
        },
    )


# ------------------------------------------------------------------------------------------------- the analyst
@_login_aware
def listing(request: HttpRequest) -> HttpResponse:
    """All proposals the visitor may read, filtered by kecamatan, dimension, element, status and year."""
    _allow(request, "proposal.view")
    qs = svc.visible_proposals(request.user).select_related("area", "area__parent", "programme")
    f = {k: request.GET.get(k, "").strip() for k in ("kecamatan", "dimensi", "elemen", "status", "tahun")}
    if f["kecamatan"]:
        qs = qs.filter(area__parent__code=f["kecamatan"])
    if f["dimensi"]:
        qs = qs.filter(dimension=f["dimensi"])
    if f["elemen"]:
        qs = qs.filter(element=f["elemen"])
    if f["status"]:
        qs = qs.filter(status=f["status"])
    if f["tahun"].isdigit():
        qs = qs.filter(year=int(f["tahun"]))
    qs = qs.order_by("area__parent__code", "year", "district_rank", "area__code", "pk")
    visible_areas = svc.visible_proposals(request.user).values("area")
    districts = Area.objects.filter(level=Level.DISTRICT, children__in=visible_areas)
    return render(
        request,
        "monitoring/proposal_list.html",
        {
            "rows": _rows(request, qs[:500]),
            "n": qs.count(),
            "f": f,
            "districts": districts.distinct().order_by("name"),
            "dimensions": [(c, n) for c, n, _e in DIMENSIONS],
            "statuses": ProposalStatus.choices,
            "element_filter": _element_label(f["elemen"]) if f["elemen"] else "",
            "may_decide": can(request.user, "proposal.decide"),
        },
    )


@_login_aware
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Link a proposal to a programme of the current period (same element first), or decline it with a reason."""
    p = get_object_or_404(Proposal.objects.select_related("area", "area__parent", "programme"), pk=pk)
    _allow(request, "proposal.decide", p.area)
    period = current_period()
    choices = svc.programme_choices(p, period)
    form = DecisionForm(
        request.POST or None,
        choices=choices,
        initial={
            "decision": "decline" if p.status == ProposalStatus.DECLINED else "link",
            "programme": p.programme_id,
            "reason": p.decline_reason,
        },
    )
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["decision"] == "link":
            svc.link(request.user, p, form.cleaned_data["programme"])
            messages.success(request, _("Usulan “%(title)s” dimasukkan ke program.") % {"title": p.title})
        else:
            svc.decline(request.user, p, form.cleaned_data["reason"])
            messages.success(request, _("Usulan “%(title)s” ditolak; desa membaca alasannya.") % {"title": p.title})
        return redirect(reverse("proposals:list") + f"?kecamatan={p.area.parent.code}")
    return render(
        request,
        "monitoring/proposal_decide.html",
        {
            "p": p,
            "row": _rows(request, [p])[0],
            "form": form,
            "period": period,
            "n_choices": len(choices),
        },
    )
