"""Glue between the plan's models and petakan.lib.planning: load, call the pure rules, hand back results."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from petakan.accounts.permissions import can
from petakan.lib import planning as rules
from petakan.planning.framework import DIMENSION_CODES, ELEMENTS
from petakan.planning.measurements import Measurements, load_measurements
from petakan.planning.models import Period, Programme, ProgrammeBudget, RpjmdProgram, Sasaran


def current_period() -> Period | None:
    """The period marked current (the first period created is marked current; see forms.PeriodForm)."""
    return Period.objects.filter(is_current=True).first()


def visible_programmes(user, period: Period) -> QuerySet[Programme]:  # type: ignore[no-untyped-def]
    """Drafts for plan.view_draft roles; approved programmes only for everyone else."""
    qs = Programme.objects.filter(period=period)
    if not can(user, "plan.view_draft"):
        qs = qs.filter(approved_at__isnull=False)
    return qs


def with_links(qs: QuerySet[Programme]) -> QuerySet[Programme]:
    return qs.prefetch_related(
        Prefetch("districts", to_attr="district_list"),
        Prefetch("villages", to_attr="village_list"),
        Prefetch("sasaran", queryset=Sasaran.objects.order_by("code"), to_attr="sasaran_list"),
        Prefetch("rpjmd_programs", queryset=RpjmdProgram.objects.order_by("code"), to_attr="program_list"),
        Prefetch("budget_lines", queryset=ProgrammeBudget.objects.order_by("year"), to_attr="budget_list"),
    )


def to_rule_input(p: Programme) -> rules.Programme:
    """A prefetched Programme (see :func:`with_links`) as the pure rules see it."""
    return rules.Programme(
        id=p.pk,
        name=p.name,
        dimension=p.dimension,
        elements=frozenset(p.elements),
        indicators=frozenset(p.indicators),
        whole_regency=p.whole_regency,
        districts=frozenset(a.code for a in p.district_list),
        villages=frozenset(a.code for a in p.village_list),
        sasaran=frozenset(s.pk for s in p.sasaran_list),
        rpjmd_programs=frozenset(x.pk for x in p.program_list),
        horizon=p.horizon,
        start_year=p.start_year,
        end_year=p.end_year,
        budget=tuple(rules.BudgetLine(b.year, float(b.amount), b.source) for b in p.budget_list),
        status=p.status,
        feasibility=p.feasibility,
    )


def period_sasaran(period: Period) -> list[Sasaran]:
    return list(
        Sasaran.objects.filter(tujuan__misi__period=period).select_related("tujuan__misi").order_by("code", "pk")
    )


def program_sasaran(period: Period) -> dict[int, int]:
    return dict(RpjmdProgram.objects.filter(sasaran__tujuan__misi__period=period).values_list("pk", "sasaran_id"))


def gap_settings(period: Period) -> rules.GapSettings:
    return rules.GapSettings(
        low_threshold=period.low_threshold,
        element_bottom_share=period.element_bottom_share,
        village_bottom_share=period.village_bottom_share,
    )


def priority_weights(period: Period) -> rules.PriorityWeights:
    return rules.PriorityWeights(
        gap=period.weight_gap,
        people=period.weight_people,
        alignment=period.weight_alignment,
        feasibility=period.weight_feasibility,
    )


@dataclass
class PlanState:
    """Everything the analysis pages compute from: the plan's programmes, its cascade and the measurements."""

    period: Period
    programmes: list[Programme]
    inputs: list[rules.Programme]
    sasaran: list[Sasaran]
    program_sasaran: dict[int, int]
    measurements: Measurements

    @property
    def rule_sasaran(self) -> list[rules.Sasaran]:
        return [rules.Sasaran(s.pk, s.code, s.text) for s in self.sasaran]

    def gaps(self) -> list[rules.RuleResult]:
        m = self.measurements
        return rules.detect_gaps(
            self.inputs,
            element_scores=m.element_scores,
            villages=m.villages,
            sasaran=self.rule_sasaran,
            program_sasaran=self.program_sasaran,
            settings=gap_settings(self.period),
            names=m.names,
            indicator_element=m.indicator_element,
        )

    def priorities(self) -> list[rules.Priority]:
        return rules.priority_scores(
            self.inputs, self.measurements.scores, self.measurements.villages, priority_weights(self.period)
        )

    def sasaran_matrix(self) -> rules.Matrix:
        return rules.sasaran_matrix(self.inputs, self.rule_sasaran, self.program_sasaran)

    def element_matrix(self) -> rules.Matrix:
        elements = [(code, f"{code} — {name}") for code, _d, name, _en in ELEMENTS]
        return rules.element_matrix(self.inputs, elements, self.measurements.indicator_element)

    def budget(self) -> rules.BudgetSummary:
        return rules.budget_summary(self.inputs)

    def roadmap(self) -> rules.Roadmap:
        return rules.roadmap(self.inputs, DIMENSION_CODES)


def plan_state(period: Period, programmes: QuerySet[Programme], measurements: Measurements | None = None) -> PlanState:
    listed = list(with_links(programmes).order_by("dimension", "start_year", "name"))
    return PlanState(
        period=period,
        programmes=listed,
        inputs=[to_rule_input(p) for p in listed],
        sasaran=period_sasaran(period),
        program_sasaran=program_sasaran(period),
        measurements=measurements if measurements is not None else load_measurements(),
    )
