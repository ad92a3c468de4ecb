"""The digitisation tracks of the approved plans: the list (late milestones flagged), a track's
page, and the agency's gestor's forms (owner and budget requested, milestones, risks, status
updates); the Núcleo's budget grant. The Núcleo and the agency's gestor see a track; only the
gestor writes it (the Núcleo only grants the budget)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import permissions
from ..forms.plan import (
    BudgetForm,
    MilestoneForm,
    RiskForm,
    StatusUpdateForm,
    TrackForm,
    apply_service_errors,
)
from ..models import Milestone, PlanCycle, Risk, Track
from ..selectors import plan as reads
from ..services import plan_tracks as services
from .common import nucleo_or_manager_required, nucleo_required, parse_uuid
from .plan import PLAN, plan_crumbs


def _track_crumbs(track: Track, *pairs) -> list[tuple[str, str]]:
    return plan_crumbs(
        (reverse("governance:plan_tracks"), _("Trilhas de digitalização")),
        (reverse("governance:plan_track", args=[track.pk]), track.nomination.service.name),
        *pairs,
    )


def _track(request: HttpRequest, track_id, *, write: bool = False) -> Track:
    track = reads.track_get(parse_uuid(track_id))
    if track is None:
        raise Http404
    agency_id = track.nomination.agency_id
    if write:
        permissions.check_agency_manager(request.user, agency_id)
    elif not permissions.can_see_track(request.user, agency_id):
        raise PermissionDenied(_("Esta trilha é de outro órgão."))
    return track


def _form_page(
    request: HttpRequest,
    *,
    form,
    template: str,
    context: dict,
    save: Callable[[dict], object],
    done: str,
    success: str,
) -> HttpResponse:
    """GET: the form. POST: validate, call `save` (a service), redirect to `done`; 400 with the
    errors (the service's too) when anything is wrong; nothing is saved then."""
    context = {**context, "form": form}
    if request.method == "POST":
        if form.is_valid():
            try:
                save(form.cleaned_data)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, success)
                return redirect(done)
        return render(request, PLAN + template, context, status=400)
    return render(request, PLAN + template, context)


@nucleo_or_manager_required
@require_GET
def plan_tracks(request: HttpRequest) -> HttpResponse:
    cycles = list(reads.cycles().filter(status=PlanCycle.Status.APPROVED))
    year = request.GET.get("ano", "")
    cycle = None
    if year:
        cycle = next((c for c in cycles if str(c.year) == year), None)
        if cycle is None:
            return render(request, "400.html", {"errors": [_("Ano sem plano aprovado.")]}, status=400)
    tracks = reads.tracks_for(request.user, cycle=cycle)
    context = {
        "crumbs": plan_crumbs(("", _("Trilhas de digitalização"))),
        "tracks": list(tracks[:500]),
        "total": tracks.count(),
        "cycles": cycles,
        "year": year,
    }
    return render(request, PLAN + "tracks.html", context)


@nucleo_or_manager_required
@require_GET
def plan_track(request: HttpRequest, track_id) -> HttpResponse:
    track = _track(request, track_id)
    user = request.user
    today = timezone.localdate()
    detail = reads.track_detail(track)
    context = {
        "crumbs": plan_crumbs(
            (reverse("governance:plan_tracks"), _("Trilhas de digitalização")),
            ("", track.nomination.service.name),
        ),
        "track": track,
        "nomination": track.nomination,
        "can_edit": track.nomination.agency_id in permissions.managed_agency_ids(user),
        "is_nucleo": permissions.is_nucleo(user),
        "milestones": [(m, m.is_late(today)) for m in detail["milestones"]],
        "late_count": sum(1 for m in detail["milestones"] if m.is_late(today)),
        "risks": detail["risks"],
        "updates": detail["updates"],
        "stages": Track.Stage.choices,
    }
    return render(request, PLAN + "track.html", context)


@nucleo_or_manager_required
@require_http_methods(["GET", "POST"])
def plan_track_edit(request: HttpRequest, track_id) -> HttpResponse:
    track = _track(request, track_id, write=True)
    initial = {"owner": track.owner_id, "budget_requested": track.budget_requested}
    form = TrackForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        owners=reads.owner_choices(track.nomination.agency_id),
    )
    return _form_page(
        request,
        form=form,
        template="track_form.html",
        context={"track": track, "crumbs": _track_crumbs(track, ("", _("Responsável e orçamento")))},
        save=lambda d: services.track_update(
            actor=request.user, track=track, owner=d["owner"], budget_requested=d["budget_requested"]
        ),
        done=reverse("governance:plan_track", args=[track.pk]),
        success=_("Trilha atualizada."),
    )


@nucleo_required
@require_http_methods(["GET", "POST"])
def plan_track_budget(request: HttpRequest, track_id) -> HttpResponse:
    track = _track(request, track_id)
    initial = {"budget_granted": track.budget_granted, "budget_note": track.budget_note}
    return _form_page(
        request,
        form=BudgetForm(request.POST if request.method == "POST" else None, initial=initial),
        template="budget_form.html",
        context={"track": track, "crumbs": _track_crumbs(track, ("", _("Orçamento concedido")))},
        save=lambda d: services.track_grant_budget(
            actor=request.user, track=track, budget_granted=d["budget_granted"], note=d["budget_note"]
        ),
        done=reverse("governance:plan_track", args=[track.pk]),
        success=_("Orçamento concedido registrado."),
    )


def _milestone(request: HttpRequest, milestone_id) -> Milestone:
    milestone = reads.milestone_get(parse_uuid(milestone_id))
    if milestone is None:
        raise Http404
    permissions.check_agency_manager(request.user, milestone.track.nomination.agency_id)
    return milestone


@nucleo_or_manager_required
@require_http_methods(["GET", "POST"])
def plan_milestone_new(request: HttpRequest, track_id) -> HttpResponse:
    track = _track(request, track_id, write=True)
    return _form_page(
        request,
        form=MilestoneForm(request.POST if request.method == "POST" else None),
        template="milestone_form.html",
        context={"track": track, "crumbs": _track_crumbs(track, ("", _("Novo marco")))},
        save=lambda d: services.milestone_create(
            actor=request.user,
            track=track,
            title=d["title"],
            stage=d["stage"],
            due_on=d["due_on"],
            done_on=d["done_on"],
        ),
        done=reverse("governance:plan_track", args=[track.pk]) + "#marcos",
        success=_("Marco incluído."),
    )


@nucleo_or_manager_required
@require_http_methods(["GET", "POST"])
def plan_milestone_edit(request: HttpRequest, milestone_id) -> HttpResponse:
    milestone = _milestone(request, milestone_id)
    track = milestone.track
    initial = {
        "title": milestone.title,
        "stage": milestone.stage,
        "due_on": milestone.due_on,
        "done_on": milestone.done_on,
    }
    return _form_page(
        request,
        form=MilestoneForm(request.POST if request.method == "POST" else None, initial=initial),
        template="milestone_form.html",
        context={
            "track": track,
            "milestone": milestone,
            "crumbs": _track_crumbs(track, ("", _("Alterar marco"))),
        },
        save=lambda d: services.milestone_update(
            actor=request.user,
            milestone=milestone,
            title=d["title"],
            stage=d["stage"],
            due_on=d["due_on"],
            done_on=d["done_on"],
        ),
        done=reverse("governance:plan_track", args=[track.pk]) + "#marcos",
        success=_("Marco alterado."),
    )


@nucleo_or_manager_required
@require_POST
def plan_milestone_done(request: HttpRequest, milestone_id) -> HttpResponse:
    milestone = _milestone(request, milestone_id)
    try:
        services.milestone_mark_done(actor=request.user, milestone=milestone)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Marco concluído hoje."))
    return redirect(reverse("governance:plan_track", args=[milestone.track_id]) + "#marcos")


def _risk(request: HttpRequest, risk_id) -> Risk:
    risk = reads.risk_get(parse_uuid(risk_id))
    if risk is None:
        raise Http404
    permissions.check_agency_manager(request.user, risk.track.nomination.agency_id)
    return risk


def _save_risk(request, *, track=None, risk=None):
    def save(d):
        fields = {k: d[k] for k in ("description", "probability", "impact", "mitigation", "status")}
        if risk is None:
            return services.risk_create(actor=request.user, track=track, **fields)
        return services.risk_update(actor=request.user, risk=risk, **fields)

    return save


@nucleo_or_manager_required
@require_http_methods(["GET", "POST"])
def plan_risk_new(request: HttpRequest, track_id) -> HttpResponse:
    track = _track(request, track_id, write=True)
    return _form_page(
        request,
        form=RiskForm(request.POST if request.method == "POST" else None),
        template="risk_form.html",
        context={"track": track, "crumbs": _track_crumbs(track, ("", _("Novo risco")))},
        save=_save_risk(request, track=track),
        done=reverse("governance:plan_track", args=[track.pk]) + "#riscos",
        success=_("Risco incluído."),
    )


@nucleo_or_manager_required
@require_http_methods(["GET", "POST"])
def plan_risk_edit(request: HttpRequest, risk_id) -> HttpResponse:
    risk = _risk(request, risk_id)
    track = risk.track
    initial = {k: getattr(risk, k) for k in ("description", "probability", "impact", "mitigation", "status")}
    return _form_page(
        request,
        form=RiskForm(request.POST if request.method == "POST" else None, initial=initial),
        template="risk_form.html",
        context={"track": track, "risk": risk, "crumbs": _track_crumbs(track, ("", _("Alterar risco")))},
        save=_save_risk(request, risk=risk),
        done=reverse("governance:plan_track", args=[track.pk]) + "#riscos",
        success=_("Risco alterado."),
    )


@nucleo_or_manager_required
@require_http_methods(["GET", "POST"])
def plan_update_new(request: HttpRequest, track_id) -> HttpResponse:
    track = _track(request, track_id, write=True)
    stages = services.allowed_stages(track.stage)
    form = StatusUpdateForm(
        request.POST if request.method == "POST" else None, stages=stages, initial={"stage": track.stage}
    )
    return _form_page(
        request,
        form=form,
        template="update_form.html",
        context={
            "track": track,
            "service_is_digital": track.nomination.service.is_digital,
            "crumbs": _track_crumbs(track, ("", _("Nova atualização"))),
        },
        save=lambda d: services.status_update_post(
            actor=request.user, track=track, text=d["text"], stage=d["stage"]
        ),
        done=reverse("governance:plan_track", args=[track.pk]) + "#atualizacoes",
        success=_("Atualização publicada."),
    )
