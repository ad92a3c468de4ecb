"""Monitoring of the priority services (Resolução 002/2021/NGD art. 2 §3; issue #8): the public
page of the plan (/governanca/plano/) and the Núcleo's dashboard (/servidor/governanca/painel/)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ..models import PlanCycle
from ..selectors import monitoring as selectors
from .common import PUBLIC, STAFF, nucleo_required, public_crumbs, staff_crumbs

PUBLIC_CACHE_SECONDS = 300
MIN_YEAR, MAX_YEAR = 2021, 2100  # PlanCycle's check constraint


def public_cache(response: HttpResponse, request: HttpRequest) -> HttpResponse:
    """Shared caches may keep what an anonymous visitor sees for a few minutes; a signed-in
    person's page (its header is personal) is private."""
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, max_age=0)
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_CACHE_SECONDS)
    return response


def bad_request(request: HttpRequest, errors: list[str]) -> HttpResponse:
    context = {"errors": errors, "error_title": _("Não foi possível mostrar o painel do plano")}
    return render(request, "400.html", context, status=400)


def parse_year_param(value: str | None) -> tuple[int | None, str]:
    """`?ano=` as a plan year (2021-2100), or an error in Portuguese. Empty means "not given"."""
    value = (value or "").strip()
    if not value:
        return None, ""
    if not (value.isascii() and value.isdigit() and len(value) == 4):
        return None, _("O ano precisa ter quatro algarismos, por exemplo 2025.")
    year = int(value)
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None, _("O ano precisa estar entre %(min)d e %(max)d.") % {"min": MIN_YEAR, "max": MAX_YEAR}
    return year, ""


def _plan_context(cycle: PlanCycle | None, *, detailed: bool) -> dict:
    """What the plan block shows: the approved plan's tracks, or the counts of a cycle under way."""
    context: dict = {"cycle": cycle, "overview": None, "progress": None}
    if cycle is None:
        return context
    if cycle.status == PlanCycle.Status.APPROVED:
        context["overview"] = selectors.plan_overview(cycle)
    else:
        context["progress"] = selectors.nomination_progress(cycle, detailed=detailed)
    return context


@require_GET
def public_plan(request: HttpRequest, year: int | None = None) -> HttpResponse:
    """The plan of a year (default: the latest approved). Only an approved plan shows its
    services; a cycle under way shows how many services and agencies were nominated so far."""
    if year is None:
        cycle = selectors.default_public_cycle()
    else:
        cycle = selectors.cycle_of_year(year)
        if cycle is None:
            raise Http404
    here = _("Plano de serviços prioritários")
    crumbs = (
        public_crumbs((reverse("governance:pub_plan"), here), ("", str(cycle.year)))
        if year is not None
        else public_crumbs(("", here))
    )
    context = {
        **_plan_context(cycle, detailed=False),
        "cycles": selectors.cycles_by_year(),
        "crumbs": crumbs,
    }
    return public_cache(render(request, PUBLIC + "plan/plan.html", context), request)


@nucleo_required
@require_GET
def nucleo_dashboard(request: HttpRequest) -> HttpResponse:
    """The Núcleo's view of everything it follows: the plan's progress (the same figures as the
    public page), the cycle under way per agency, late milestones, budgets, high risks and the
    decisions waiting for it."""
    unknown = sorted(set(request.GET) - {"ano"})
    if unknown:
        return bad_request(
            request, [_("Filtro desconhecido: %(nomes)s. Use ano.") % {"nomes": ", ".join(unknown)[:100]}]
        )
    year, error = parse_year_param(request.GET.get("ano"))
    if error:
        return bad_request(request, [error])
    if year is None:
        cycle = selectors.latest_approved_cycle()
    else:
        cycle = selectors.cycle_of_year(year)
        if cycle is None or cycle.status != PlanCycle.Status.APPROVED:
            raise Http404
    under_way = selectors.open_cycle()
    context = {
        **_plan_context(cycle, detailed=True),
        "approved_cycles": [c for c in selectors.cycles_by_year() if c.status == PlanCycle.Status.APPROVED],
        "nominations": selectors.nomination_progress(under_way, detailed=True) if under_way else None,
        "pending": selectors.pending_decisions(),
        "late_milestones": selectors.open_late_milestones(),
        "high_risks": selectors.open_high_risks(),
        "budget": selectors.budget_totals(cycle) if cycle else None,
        "list_limit": selectors.LIST_LIMIT,
        "crumbs": staff_crumbs(("", _("Painel do Núcleo"))),
    }
    return render(request, STAFF + "dashboard/dashboard.html", context)
