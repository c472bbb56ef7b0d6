"""The measured side of the plan: turns the current Smart City index run (and IDM statuses, when that app exists)
into the plain inputs of petakan.lib.planning.

Scores used: the regency's element scores (unit "regency", level "element") and indicator scores, and every
village's index score (unit "village", node "sci"). Names come from the run's ``tree``; before any run exists,
the framework list in planning/framework.py names the elements.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from petakan.indices import scores
from petakan.indices.models import Run, UnitScores
from petakan.lib.planning import VillageTable
from petakan.planning.framework import ELEMENT_CODES, ELEMENT_NAMES, INDEX_CODE
from petakan.regions.models import Area, Level

logger = logging.getLogger(__name__)


@dataclass
class Measurements:
    run: Run | None
    element_scores: dict[str, float | None]
    indicator_scores: dict[str, float | None]
    names: dict[str, tuple[str, str]]
    indicator_element: dict[str, str]
    villages: VillageTable
    idm_year: int | None = None
    idm_available: bool = False
    notes: list[str] = field(default_factory=list)
    idm_demo: bool = False  # the IDM statuses include generated ones (DATA CONTOH)

    @property
    def is_demo(self) -> bool:
        """Generated values went into these measurements: whatever shows them says DATA CONTOH."""
        return bool(self.idm_demo or (self.run is not None and self.run.is_demo))

    @property
    def scores(self) -> dict[str, float | None]:
        """Element and indicator scores together (what the prioritisation's gap size reads)."""
        return {**self.indicator_scores, **self.element_scores}


def no_measurements() -> Measurements:
    """For pages that need no scores (alignment matrices, road map): skips the score and IDM queries."""
    return Measurements(None, {}, {}, dict(ELEMENT_NAMES), {}, VillageTable.build([]))


def current_run(profile_status: str = "published") -> Run | None:
    """The current Smart City run of the latest year: a current run whose tree holds the index node "sci"."""
    for run in Run.objects.filter(is_current=True, profile_status=profile_status).order_by("-year", "-created"):
        if any(node.get("code") == INDEX_CODE for node in run.tree):
            return run
    return None


def _tree_maps(run: Run) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    by_code = {node["code"]: node for node in run.tree if "code" in node}
    names = {
        code: (node.get("name_id") or code, node.get("name_en") or node.get("name_id") or code)
        for code, node in by_code.items()
    }
    indicator_element: dict[str, str] = {}
    for code, node in by_code.items():
        if node.get("level") != "indicator":
            continue
        parent = node.get("parent")
        seen = 0
        # walk up to the element (frameworks may put sub-groups between indicators and elements)
        while parent and by_code.get(parent, {}).get("level") != "element" and seen < 10:
            parent = by_code.get(parent, {}).get("parent")
            seen += 1
        if parent and by_code.get(parent, {}).get("level") == "element":
            indicator_element[code] = parent
    return names, indicator_element


def idm_statuses(year: int) -> tuple[dict[str, str], bool]:
    """Village code → IDM status name for ``year`` from the IDM app, and whether that app is installed."""
    try:
        from petakan.idm.services import status_by_village  # type: ignore[import-not-found]
    except ImportError:
        logger.warning("petakan.idm.services.status_by_village is not available: no IDM statuses used")
        return {}, False
    return dict(status_by_village(year)), True


def idm_demo(year: int) -> bool:
    """Whether the IDM statuses of ``year`` include generated (DATA CONTOH) ones."""
    try:
        from petakan.idm.services import statuses_are_demo
    except ImportError:
        return False
    return statuses_are_demo(year)


def load_measurements(run: Run | str | None = "current", regency_code: str | None = None) -> Measurements:
    """Everything the gap rules need from the measurements. ``run="current"`` picks :func:`current_run`."""
    if run == "current":
        run = current_run()
    assert run is None or isinstance(run, Run)
    regency_code = regency_code or settings.PETAKAN_REGENCY_CODE
    villages = list(
        Area.objects.filter(level=Level.VILLAGE, code__startswith=regency_code + ".")
        .order_by("code")
        .values_list("pk", "code", "name", "parent__code", "parent__name")
    )
    element_scores: dict[str, float | None] = {}
    indicator_scores: dict[str, float | None] = {}
    names = dict(ELEMENT_NAMES)
    indicator_element: dict[str, str] = {}
    index_by_area: dict[int, float | None] = {}
    if run is not None:
        tree_names, indicator_element = _tree_maps(run)
        names.update(tree_names)
        element_codes = [n["code"] for n in run.tree if n.get("level") == "element"] or ELEMENT_CODES
        element_scores = dict.fromkeys(element_codes)
        for node, score in scores.unit_scores(run, "regency").items():
            if score.level in ("element", "indicator"):
                (element_scores if score.level == "element" else indicator_scores)[node] = score.value
        index_by_area = dict(UnitScores.objects.filter(run=run, unit="village").values_list("area_id", "value"))
    idm_year = run.year if run is not None else timezone.now().year
    statuses, idm_available = idm_statuses(idm_year)
    table = VillageTable.build(
        [v[1] for v in villages],
        names=[v[2] for v in villages],
        districts=[v[3] for v in villages],
        district_names=[v[4] for v in villages],
        index=[index_by_area.get(v[0]) for v in villages],
        idm=[statuses.get(v[1]) for v in villages],
    )
    return Measurements(
        run=run,
        element_scores=element_scores,
        indicator_scores=indicator_scores,
        names=names,
        indicator_element=indicator_element,
        villages=table,
        idm_year=idm_year,
        idm_available=idm_available,
        idm_demo=idm_available and bool(statuses) and idm_demo(idm_year),
    )
