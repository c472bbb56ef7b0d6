"""Village proposals (usulan desa) as items: the village submits, its kecamatan ranks, the analyst links a proposal
to a programme or declines it with a reason the village reads.

Every change is written to the plan's history (``planning.history.record``). Who may do what is asked of
``accounts.permissions.can`` by the views; the functions here take the already-checked user and do the work
atomically, refusing bad input with a message that names the row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from petakan.accounts.permissions import village_scope
from petakan.monitoring.models import Proposal, ProposalStatus
from petakan.planning.framework import DIMENSION_NAMES, ELEMENT_DIMENSION, ELEMENTS
from petakan.planning.history import diff, record, snapshot
from petakan.planning.models import Period, Programme
from petakan.planning.services import current_period
from petakan.regions.models import Area

# the profile field whose free text the proposals replace (kept readable; see convert_notes)
NOTES_FIELD = "notes_proposals"


def elements_of(dimension: str) -> list[tuple[str, str]]:
    """The framework's elements of one dimension as (code, Indonesian name) pairs, in the framework's order."""
    return [(code, name[:1].upper() + name[1:]) for code, dim, name, _en in ELEMENTS if dim == dimension]


def visible_proposals(user: Any) -> QuerySet[Proposal]:
    """The proposals of the villages ``user`` may read: its own village, its kecamatan's villages, or all."""
    return Proposal.objects.filter(area__in=village_scope(user))


def of_village(area: Area, year: int) -> QuerySet[Proposal]:
    return Proposal.objects.filter(area=area, year=year).select_related("programme", "programme__period")


# ------------------------------------------------------------------------------------------------- the village
def save_proposal(user: Any, proposal: Proposal, *, creating: bool) -> Proposal:
    """Create or update a (still submitted) proposal and write the change to the history."""
    with transaction.atomic():
        if creating:
            proposal.created_by = user if getattr(user, "is_authenticated", False) else None
            proposal.save()
            record(user, proposal, "create", diff({}, snapshot(proposal)))
        else:
            before = snapshot(Proposal.objects.get(pk=proposal.pk))
            proposal.version += 1
            proposal.save()
            record(user, proposal, "update", diff(before, snapshot(proposal)))
    return proposal


def withdraw(user: Any, proposal: Proposal) -> None:
    """The village takes back a proposal nobody has decided on yet (the row goes; the history keeps it)."""
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ValueError(_("Usulan yang sudah diputuskan tidak dapat dicabut."))
    with transaction.atomic():
        record(user, proposal, "delete", diff(snapshot(proposal), {}))
        proposal.delete()


# words in a proposal's text that point at an element of the framework, tried in order (first match wins);
# a guess the village checks after converting its old text, not a classification
KEYWORDS: list[tuple[str, str]] = [
    (r"sampah|limbah|daur ulang", "env_waste"),
    (r"surya|energi|biogas|listrik|mikrohidro", "env_energy"),
    (r"mangrove|sabuk pantai|abrasi|banjir|longsor|penghijauan|konservasi", "env_protection"),
    (r"wisata|agrowisata|festival|homestay", "brand_tourism"),
    (r"ruang terbuka|tata ruang|taman|penataan", "living_harmony"),
    (r"jalan|jembatan|angkutan|transportasi|parkir", "living_mobility"),
    (r"kesehatan|posyandu|puskesmas|stunting|air bersih|sanitasi", "living_health"),
    (r"bts|wifi|internet|sinyal|jaringan", "society_community"),
    (r"pelatihan kerja|sekolah|belajar|perpustakaan|beasiswa|pemuda", "society_learning"),
    (r"keamanan|cctv|poskamling|ronda", "society_security"),
    (r"bumdes|pasar|koperasi|pembayaran|qris|keuangan", "econ_transaction"),
    (r"pengolahan|produksi|pengemasan|umkm|industri|kerajinan|perikanan|kopi", "econ_industry"),
    (r"irigasi|pertanian|petani|ternak|kesejahteraan|bantuan", "econ_welfare"),
    (r"administrasi|layanan|pelayanan|daring|online|aplikasi", "gov_service"),
]
# when no word matches: the village's potential is mostly economic, and the village corrects it on the page
FALLBACK = ("econ", "")


def guess_element(text: str) -> tuple[str, str]:
    """(dimension, element) suggested by the words of ``text``; ``FALLBACK`` when none matches."""
    low = text.lower()
    for pattern, element in KEYWORDS:
        if re.search(pattern, low):
            return ELEMENT_DIMENSION[element], element
    return FALLBACK


def split_items(text: str) -> list[str]:
    """The separate proposals in a free text: one per line, list item, semicolon or sentence ("A. B." → 2)."""
    parts: list[str] = []
    for line in re.split(r"[\n;]+", text or ""):
        line = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s*", "", line).strip()
        parts += [s.strip(" .") for s in re.split(r"(?<=\.)\s+(?=[A-Z0-9])", line) if s.strip(" .")]
    return parts


def notes_text(area: Area, year: int) -> tuple[str, int | None]:
    """The profile's old "Usulan program" text for ``year`` (else the latest year before), and its year."""
    from petakan.profiles.models import Profile

    profile = Profile.objects.filter(area=area, year__lte=year).order_by("-year").first()
    if profile is None:
        return "", None
    return str((profile.values or {}).get(NOTES_FIELD) or "").strip(), profile.year


def convert_notes(user: Any, area: Area, year: int, *, is_demo: bool = False, limit: int | None = None) -> int:
    """Turn the old free text into proposal items of ``year`` (one per sentence), skipping titles already there.

    Returns the number of items created. Running it twice creates nothing the second time.
    """
    text, _year = notes_text(area, year)
    existing = set(Proposal.objects.filter(area=area, year=year).values_list("title", flat=True))
    created = 0
    with transaction.atomic():
        for item in split_items(text)[:limit]:
            title = item[:200]
            if title in existing:
                continue
            dimension, element = guess_element(item)
            proposal = Proposal(
                area=area,
                year=year,
                title=title,
                description=item if len(item) > 200 else "",
                dimension=dimension,
                element=element,
                location=area.name,
                is_demo=is_demo,
            )
            save_proposal(user, proposal, creating=True)
            existing.add(title)
            created += 1
    return created


# ------------------------------------------------------------------------------------------------- the kecamatan
def save_ranks(user: Any, district: Area, year: int, ranks: dict[int, int | None]) -> list[str]:
    """Save the kecamatan's ranking (proposal pk → rank, 1 = first; None = unranked) for its villages' ``year``.

    Ranks must be positive and distinct: a tie is refused with a message naming the proposals that share the rank,
    and nothing is saved. Returns the error messages (empty when saved).
    """
    proposals = {
        p.pk: p for p in Proposal.objects.filter(area__parent=district, year=year, pk__in=ranks).select_related("area")
    }
    errors: list[str] = []
    unknown = sorted(set(ranks) - set(proposals))
    if unknown:
        errors.append(_("Usulan tidak ditemukan di kecamatan ini: %(ids)s.") % {"ids": ", ".join(map(str, unknown))})
    seen: dict[int, list[Proposal]] = {}
    for pk, rank in ranks.items():
        if rank is None or pk not in proposals:
            continue
        if rank < 1:
            errors.append(_("Peringkat “%(title)s” harus 1 atau lebih.") % {"title": proposals[pk].title})
        seen.setdefault(rank, []).append(proposals[pk])
    for rank, rows in sorted(seen.items()):
        if len(rows) > 1:
            names = "; ".join(f"“{p.title}” ({p.area.name})" for p in rows)
            message = _("Peringkat %(rank)s dipakai lebih dari satu usulan: %(names)s.")
            errors.append(message % {"rank": rank, "names": names})
    if errors:
        return errors
    now = timezone.now()
    with transaction.atomic():
        for pk, rank in ranks.items():
            p = proposals[pk]
            if p.district_rank == rank:
                continue
            before = snapshot(p)
            p.district_rank = rank
            p.ranked_by = user
            p.ranked_at = now
            p.version += 1
            p.save(update_fields=["district_rank", "ranked_by", "ranked_at", "version", "updated"])
            record(user, p, "update", diff(before, snapshot(p)))
    return []


def move(user: Any, proposal: Proposal, step: int) -> None:
    """Move a proposal one place up (step -1) or down (+1) in its kecamatan's list of the year, renumbering 1..n."""
    district = proposal.area.parent
    ordered = list(district_queryset(district, proposal.year))
    i = next(i for i, p in enumerate(ordered) if p.pk == proposal.pk)
    j = min(max(i + step, 0), len(ordered) - 1)
    ordered.insert(j, ordered.pop(i))
    save_ranks(user, district, proposal.year, {p.pk: n for n, p in enumerate(ordered, start=1)})


def district_queryset(district: Area, year: int) -> QuerySet[Proposal]:
    """The kecamatan's proposals of the year in its ranking order (unranked last, oldest first)."""
    return (
        Proposal.objects.filter(area__parent=district, year=year)
        .select_related("area", "programme")
        .order_by(F("district_rank").asc(nulls_last=True), "created", "pk")
    )


# ------------------------------------------------------------------------------------------------- the analyst
def programme_choices(proposal: Proposal, period: Period | None = None) -> list[tuple[Programme, str]]:
    """The current period's programmes for linking ``proposal``, best first: same element, same dimension, rest.

    Each comes with the reason it is listed where it is ("elemen sama", "dimensi sama", "").
    """
    period = period or current_period()
    if period is None:
        return []
    ranked: list[tuple[int, Programme, str]] = []
    for p in Programme.objects.filter(period=period).order_by("name"):
        if proposal.element and proposal.element in (p.elements or []):
            ranked.append((0, p, _("elemen sama")))
        elif p.dimension == proposal.dimension:
            ranked.append((1, p, _("dimensi sama")))
        else:
            ranked.append((2, p, ""))
    ranked.sort(key=lambda t: t[0])
    return [(p, why) for _n, p, why in ranked]


def link(user: Any, proposal: Proposal, programme: Programme) -> None:
    _decide(user, proposal, status=ProposalStatus.LINKED, programme=programme, reason="")


def decline(user: Any, proposal: Proposal, reason: str) -> None:
    reason = reason.strip()
    if not reason:
        raise ValueError(_("Alasan penolakan wajib diisi: desa akan membacanya."))
    _decide(user, proposal, status=ProposalStatus.DECLINED, programme=None, reason=reason)


def _decide(user: Any, proposal: Proposal, *, status: str, programme: Programme | None, reason: str) -> None:
    with transaction.atomic():
        before = snapshot(proposal)
        proposal.status = status
        proposal.programme = programme
        proposal.decline_reason = reason
        proposal.decided_by = user
        proposal.decided_at = timezone.now()
        proposal.version += 1
        proposal.save()
        record(user, proposal, "update", diff(before, snapshot(proposal)))


# ------------------------------------------------------------------------------------------------- the gap view
@dataclass
class WeakElementProposals:
    element: str
    name: str
    count: int
    villages: int


def on_weak_elements(elements: list[str], period: Period) -> list[WeakElementProposals]:
    """Per weak element no programme takes up, the proposals on it still waiting (not linked, not declined) in the
    period's years, with how many villages sent them — in the order of ``elements`` (weakest first)."""
    if not elements:
        return []
    rows = (
        Proposal.objects.filter(
            element__in=elements,
            status=ProposalStatus.SUBMITTED,
            year__gte=period.start_year,
            year__lte=period.end_year,
        )
        .values("element")
        .annotate(n=Count("pk"), villages=Count("area", distinct=True))
        .order_by()
    )
    counts = {r["element"]: (r["n"], r["villages"]) for r in rows}
    names = {code: name[:1].upper() + name[1:] for code, _d, name, _en in ELEMENTS}
    return [WeakElementProposals(e, names.get(e, e), *counts[e]) for e in elements if e in counts]


# ------------------------------------------------------------------------------------------------- demo
def load_demo_proposals(user: Any = None, *, year: int | None = None, villages: int = 6) -> int:
    """A few demo proposals (is_demo=True) from the demo profiles' "Usulan program" texts: up to two items from
    each of the first ``villages`` villages (by code) whose profile has such a text, in ``year`` (default: the
    latest demo profile year). Idempotent (same titles are not created twice). Returns how many were created.
    """
    from petakan.profiles.models import Profile

    demo_profiles = Profile.objects.filter(is_demo=True)
    year = year or demo_profiles.order_by("-year").values_list("year", flat=True).first() or timezone.localdate().year
    profiles = demo_profiles.filter(year__lte=year).select_related("area").order_by("area__code", "-year")
    created = 0
    done: set[int] = set()
    for profile in profiles.iterator():
        if len(done) >= villages:
            break
        if profile.area_id in done or not str((profile.values or {}).get(NOTES_FIELD) or "").strip():
            continue
        done.add(profile.area_id)
        created += convert_notes(user, profile.area, year, is_demo=True, limit=2)
    return created


# two proposals for the demo village account when its generated profile left "Usulan program" empty
DEMO_VILLAGE_PROPOSALS = [
    {
        "title": "Menara penguat sinyal di dusun atas",
        "dimension": "society",
        "element": "society_community",
        "estimated_cost": 350_000_000,
    },
    {
        "title": "Pelatihan toko daring untuk UMKM desa",
        "dimension": "econ",
        "element": "econ_transaction",
        "estimated_cost": 40_000_000,
    },
]


def demo_village_proposals(user: Any, year: int | None = None) -> int:
    """The demo village account's proposals (DATA CONTOH): from its profile's old text when there is one, else the
    two of DEMO_VILLAGE_PROPOSALS, in the latest demo profile year. Idempotent. Returns how many were created."""
    from petakan.profiles.models import Profile

    village = user.area
    year = year or Profile.objects.filter(area=village).order_by("-year").values_list("year", flat=True).first()
    if year is None:
        return 0
    created = convert_notes(user, village, year, is_demo=True, limit=2)
    if created or Proposal.objects.filter(area=village, year=year).exists():
        return created
    for item in DEMO_VILLAGE_PROPOSALS:
        proposal = Proposal(area=village, year=year, location=village.name, is_demo=True, **item)
        save_proposal(user, proposal, creating=True)
        created += 1
    return created


def demo_outcomes(village: Area, analyst: Any, district_user: Any = None) -> int:
    """Walk the demo village's proposals through the workflow once, so that the demo village head sees both
    outcomes: its kecamatan ranks them, the analyst links the first to the best-matching programme and declines the
    second with a reason (marked DATA CONTOH). Only demo proposals still waiting are touched, and only when none of
    the village's proposals was decided yet (idempotent). Returns how many were decided."""
    waiting = list(
        Proposal.objects.filter(area=village, is_demo=True, status=ProposalStatus.SUBMITTED).order_by("year", "pk")
    )
    decided = Proposal.objects.filter(area=village).exclude(status=ProposalStatus.SUBMITTED).exists()
    if decided or len(waiting) < 2 or village.parent is None:
        return 0
    first, second = waiting[:2]
    save_ranks(
        district_user,
        village.parent,
        first.year,
        {first.pk: 1, second.pk: 2} if first.year == second.year else {first.pk: 1},
    )
    choices = programme_choices(first)
    if not choices:
        return 0
    first.refresh_from_db()
    second.refresh_from_db()
    link(analyst, first, choices[0][0])
    decline(
        analyst,
        second,
        _("DATA CONTOH: belum menjadi prioritas tahun ini; usulan dapat dibawa lagi ke Musrenbang kecamatan."),
    )
    return 2


def dimension_name(code: str) -> str:
    return DIMENSION_NAMES.get(code, (code, code))[0]


# ------------------------------------------------------------------------------------------------- homes
def home_summary(area: Area, year: int) -> dict[str, int]:
    """Counts for a home's card: a village's proposals of ``year`` by status, or a kecamatan's with the unranked."""
    qs = Proposal.objects.filter(year=year)
    qs = qs.filter(area__parent=area) if area.level == "district" else qs.filter(area=area)
    by_status = dict(qs.values_list("status").annotate(n=Count("pk")).order_by())
    return {
        "total": sum(by_status.values()),
        "submitted": by_status.get(ProposalStatus.SUBMITTED, 0),
        "linked": by_status.get(ProposalStatus.LINKED, 0),
        "declined": by_status.get(ProposalStatus.DECLINED, 0),
        "unranked": qs.filter(district_rank__isnull=True).count() if area.level == "district" else 0,
    }
