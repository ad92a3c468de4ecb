"""The plan's entry page and the Núcleo's pages of a cycle: open it, change its deadline, see every
agency's nominations, decide them, close the nominations and approve the plan.

Every page is behind a gate (views.common); the Núcleo-only ones use nucleo_required, the shared
ones nucleo_or_manager_required and then show each person only their part. A rule the state of
the record breaks answers 409 with the page and the reason; bad input 400 with field errors.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import permissions
from ..forms.plan import ApproveForm, CycleEditForm, CycleForm, DecisionForm, apply_service_errors
from ..models import Nomination, PlanCycle
from ..selectors import plan as reads
from ..services import plan as services
from .common import STAFF, nucleo_or_manager_required, nucleo_required, parse_uuid, staff_crumbs

PLAN = STAFF + "plan/"


def plan_crumbs(*pairs: tuple[str, str]) -> list[tuple[str, str]]:
    return staff_crumbs((reverse("governance:plan_home"), _("Plano de serviços prioritários")), *pairs)


def cycle_crumbs(cycle: PlanCycle, *pairs: tuple[str, str]) -> list[tuple[str, str]]:
    return plan_crumbs((reverse("governance:plan_cycle", args=[cycle.pk]), str(cycle)), *pairs)


def get_cycle(cycle_id) -> PlanCycle:
    cycle = reads.cycle_get(parse_uuid(cycle_id))
    if cycle is None:
        raise Http404
    return cycle


@nucleo_or_manager_required
@require_GET
def plan_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    is_nucleo = permissions.is_nucleo(user)
    managed = permissions.managed_agency_ids(user)
    cycles = reads.cycles().annotate(
        mine_count=Count(
            "nominations",
            filter=Q(nominations__agency_id__in=managed)
            & ~Q(nominations__status=Nomination.Status.WITHDRAWN),
        )
    )
    tracks = reads.tracks_for(user)
    context = {
        "crumbs": plan_crumbs(),
        "is_nucleo": is_nucleo,
        "agencies": reads.agencies_of(user),
        "cycles": list(cycles),
        "tracks": list(tracks[:100]),
        "track_total": tracks.count(),
        "now": timezone.now(),
    }
    return render(request, PLAN + "home.html", context)


@nucleo_required
@require_http_methods(["GET", "POST"])
def plan_cycle_new(request: HttpRequest) -> HttpResponse:
    days = settings.GOVERNANCE_NOMINATION_DAYS
    initial = {"year": timezone.localdate().year + 1, "max_per_agency": 5}
    form = CycleForm(request.POST if request.method == "POST" else None, initial=initial, default_days=days)
    context = {"form": form, "crumbs": plan_crumbs(("", _("Abrir o plano de um ano")))}
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                cycle = services.cycle_open(
                    actor=request.user,
                    year=d["year"],
                    nomination_deadline=d["nomination_deadline"],
                    max_per_agency=d["max_per_agency"],
                    guidance=d["guidance"],
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(
                    request, _("Plano aberto. Os gestores dos órgãos já podem indicar serviços.")
                )
                return redirect("governance:plan_cycle", cycle.pk)
        return render(request, PLAN + "cycle_form.html", context, status=400)
    return render(request, PLAN + "cycle_form.html", context)


@nucleo_required
@require_http_methods(["GET", "POST"])
def plan_cycle_edit(request: HttpRequest, cycle_id) -> HttpResponse:
    cycle = get_cycle(cycle_id)
    if not cycle.nominations_open():
        return _cycle_page(
            request,
            cycle,
            status=409,
            problem=_("O prazo para indicações já terminou: o plano não pode mais ser alterado."),
        )
    initial = {
        "nomination_deadline": timezone.localtime(cycle.nomination_deadline),
        "max_per_agency": cycle.max_per_agency,
        "guidance": cycle.guidance,
    }
    form = CycleEditForm(request.POST if request.method == "POST" else None, initial=initial)
    context = {
        "form": form,
        "cycle": cycle,
        "crumbs": cycle_crumbs(cycle, ("", _("Alterar prazo e orientações"))),
    }
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.cycle_update(
                    actor=request.user,
                    cycle=cycle,
                    nomination_deadline=d["nomination_deadline"],
                    max_per_agency=d["max_per_agency"],
                    guidance=d["guidance"],
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Plano alterado."))
                return redirect("governance:plan_cycle", cycle.pk)
        return render(request, PLAN + "cycle_form.html", context, status=400)
    return render(request, PLAN + "cycle_form.html", context)


def _cycle_page(
    request: HttpRequest, cycle: PlanCycle, *, status: int = 200, problem: str = ""
) -> HttpResponse:
    user = request.user
    is_nucleo = permissions.is_nucleo(user)
    now = timezone.now()
    sections = []
    for agency in reads.agencies_of(user):
        nominations = reads.agency_nominations(cycle, agency.pk)
        active = [n for n in nominations if n.status != Nomination.Status.WITHDRAWN]
        sections.append(
            {"agency": agency, "nominations": nominations, "free": cycle.max_per_agency - len(active)}
        )
    context = {
        "crumbs": plan_crumbs(("", str(cycle))),
        "cycle": cycle,
        "is_nucleo": is_nucleo,
        "open": cycle.nominations_open(now),
        "deadline_passed": now > cycle.nomination_deadline,
        "sections": sections,
        "groups": reads.nominations_by_agency(cycle) if is_nucleo else [],
        "counts": reads.decision_counts(cycle),
        "tracks": list(reads.tracks_for(user, cycle=cycle))
        if cycle.status == PlanCycle.Status.APPROVED
        else [],
        "problem": problem,
    }
    return render(request, PLAN + "cycle.html", context, status=status)


@nucleo_or_manager_required
@require_GET
def plan_cycle(request: HttpRequest, cycle_id) -> HttpResponse:
    return _cycle_page(request, get_cycle(cycle_id))


@nucleo_required
@require_POST
def plan_cycle_close(request: HttpRequest, cycle_id) -> HttpResponse:
    cycle = get_cycle(cycle_id)
    try:
        services.cycle_close_nominations(actor=request.user, cycle=cycle)
    except ValidationError as exc:
        return _cycle_page(request, cycle, status=409, problem=" ".join(exc.messages))
    messages.success(request, _("Indicações encerradas. Decida cada indicação e depois aprove o plano."))
    return redirect("governance:plan_cycle", cycle.pk)


@nucleo_required
@require_http_methods(["GET", "POST"])
def plan_cycle_approve(request: HttpRequest, cycle_id) -> HttpResponse:
    cycle = get_cycle(cycle_id)
    form = ApproveForm(request.POST if request.method == "POST" else None)
    context = {
        "form": form,
        "cycle": cycle,
        "counts": reads.decision_counts(cycle),
        "crumbs": cycle_crumbs(cycle, ("", _("Aprovar o plano"))),
    }
    if request.method == "POST":
        if form.is_valid():
            try:
                services.cycle_approve(actor=request.user, cycle=cycle, note=form.cleaned_data["note"])
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    apply_service_errors(form, exc)
                else:
                    context["problem"] = " ".join(exc.messages)
                    return render(request, PLAN + "approve.html", context, status=409)
            else:
                messages.success(request, _("Plano aprovado. As trilhas de digitalização foram criadas."))
                return redirect("governance:plan_cycle", cycle.pk)
        return render(request, PLAN + "approve.html", context, status=400)
    return render(request, PLAN + "approve.html", context)


@nucleo_required
@require_http_methods(["GET", "POST"])
def plan_nomination_decide(request: HttpRequest, nomination_id) -> HttpResponse:
    nomination = reads.nomination_get(parse_uuid(nomination_id))
    if nomination is None:
        raise Http404
    initial = {}
    if nomination.status in (Nomination.Status.APPROVED, Nomination.Status.DECLINED):
        initial = {
            "decision": "aprovar" if nomination.status == Nomination.Status.APPROVED else "recusar",
            "note": nomination.decision_note,
        }
    form = DecisionForm(request.POST if request.method == "POST" else None, initial=initial)
    context = {
        "form": form,
        "nomination": nomination,
        "cycle": nomination.cycle,
        "crumbs": cycle_crumbs(nomination.cycle, ("", _("Decidir a indicação"))),
    }
    if request.method == "POST":
        if form.is_valid():
            try:
                services.nomination_decide(
                    actor=request.user,
                    nomination=nomination,
                    approve=form.cleaned_data["decision"] == "aprovar",
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    apply_service_errors(form, exc)
                else:
                    context["problem"] = " ".join(exc.messages)
                    return render(request, PLAN + "decide.html", context, status=409)
            else:
                messages.success(request, _("Decisão registrada."))
                return redirect(
                    reverse("governance:plan_cycle", args=[nomination.cycle_id])
                    + f"#nucleo-orgao-{nomination.agency_id}"
                )
        return render(request, PLAN + "decide.html", context, status=400)
    return render(request, PLAN + "decide.html", context)
