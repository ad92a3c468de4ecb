"""The agency's gestor's pages of a cycle: nominate one of the agency's services, change its rank or
justification, withdraw it. Only the gestor of the agency gets in (the Núcleo sees the nominations
on the cycle's page but does not write them): anyone else gets the 403 page and nothing changes.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plataforma.catalog.models import Agency

from ..forms.plan import NominationEditForm, NominationForm, apply_service_errors
from ..models import Nomination
from ..permissions import check_agency_manager
from ..selectors import plan as reads
from ..services import plan_nominations as services
from .common import nucleo_or_manager_required, parse_uuid
from .plan import PLAN, _cycle_page, cycle_crumbs, get_cycle


def _back(nomination_or_cycle_id, agency_id) -> str:
    return reverse("governance:plan_cycle", args=[nomination_or_cycle_id]) + f"#orgao-{agency_id}"


def _problem(request, cycle, exc: ValidationError) -> HttpResponse:
    return _cycle_page(request, cycle, status=409, problem=" ".join(exc.messages))


@nucleo_or_manager_required
@require_http_methods(["GET", "POST"])
def plan_nomination_new(request: HttpRequest, cycle_id, agency_id) -> HttpResponse:
    cycle = get_cycle(cycle_id)
    agency = Agency.objects.filter(pk=parse_uuid(agency_id)).first()
    if agency is None:
        raise Http404
    check_agency_manager(request.user, agency.pk)
    try:
        services.check_nominations_open(cycle)
    except ValidationError as exc:
        return _problem(request, cycle, exc)
    free = reads.free_ranks(cycle, agency.pk)
    form = NominationForm(
        request.POST if request.method == "POST" else None,
        services=reads.nominable_services(cycle, agency.pk),
        max_rank=cycle.max_per_agency,
        free_ranks=free,
        initial={"rank": free[0] if free else None},
    )
    context = {
        "form": form,
        "cycle": cycle,
        "agency": agency,
        "free": free,
        "crumbs": cycle_crumbs(cycle, ("", _("Indicar um serviço"))),
    }
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.nomination_create(
                    actor=request.user,
                    cycle=cycle,
                    agency=agency,
                    service=d["service"],
                    rank=d["rank"],
                    justification=d["justification"],
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Serviço indicado ao plano."))
                return redirect(_back(cycle.pk, agency.pk))
        return render(request, PLAN + "nomination_form.html", context, status=400)
    return render(request, PLAN + "nomination_form.html", context)


def _nomination(request, nomination_id) -> Nomination:
    nomination = reads.nomination_get(parse_uuid(nomination_id))
    if nomination is None:
        raise Http404
    check_agency_manager(request.user, nomination.agency_id)
    return nomination


@nucleo_or_manager_required
@require_http_methods(["GET", "POST"])
def plan_nomination_edit(request: HttpRequest, nomination_id) -> HttpResponse:
    nomination = _nomination(request, nomination_id)
    cycle = nomination.cycle
    if nomination.status != Nomination.Status.NOMINATED or not cycle.nominations_open():
        return _problem(
            request,
            cycle,
            ValidationError(
                _(
                    "Esta indicação não pode mais ser alterada: as indicações estão encerradas "
                    "ou ela já foi decidida ou retirada."
                )
            ),
        )
    free = reads.free_ranks(cycle, nomination.agency_id, keep=nomination.rank)
    form = NominationEditForm(
        request.POST if request.method == "POST" else None,
        max_rank=cycle.max_per_agency,
        free_ranks=free,
        initial={"rank": nomination.rank, "justification": nomination.justification},
    )
    context = {
        "form": form,
        "cycle": cycle,
        "agency": nomination.agency,
        "nomination": nomination,
        "crumbs": cycle_crumbs(cycle, ("", _("Alterar a indicação"))),
    }
    if request.method == "POST":
        if form.is_valid():
            try:
                services.nomination_update(
                    actor=request.user,
                    nomination=nomination,
                    rank=form.cleaned_data["rank"],
                    justification=form.cleaned_data["justification"],
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Indicação alterada."))
                return redirect(_back(cycle.pk, nomination.agency_id))
        return render(request, PLAN + "nomination_form.html", context, status=400)
    return render(request, PLAN + "nomination_form.html", context)


@nucleo_or_manager_required
@require_http_methods(["GET", "POST"])
def plan_nomination_withdraw(request: HttpRequest, nomination_id) -> HttpResponse:
    nomination = _nomination(request, nomination_id)
    cycle = nomination.cycle
    context = {
        "nomination": nomination,
        "cycle": cycle,
        "crumbs": cycle_crumbs(cycle, ("", _("Retirar a indicação"))),
    }
    if request.method == "POST":
        try:
            services.nomination_withdraw(actor=request.user, nomination=nomination)
        except ValidationError as exc:
            return _problem(request, cycle, exc)
        messages.success(request, _("Indicação retirada. A prioridade ficou livre para outro serviço."))
        return redirect(_back(cycle.pk, nomination.agency_id))
    return render(request, PLAN + "withdraw.html", context)
