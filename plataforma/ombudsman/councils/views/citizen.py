"""Meus conselhos (/conta/conselhos/): the person's applications (withdraw), mandates (resign) and
the consultations awaiting their opinion, and the opinion form. Someone else's record, or a
consultation of a council where the person has no mandate in force, answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ..forms import NoteForm, apply_service_errors
from ..forms.citizen import OpinionForm
from ..models import ApplicationState, CallState, ConsultationState
from ..selectors import citizen as reads
from ..services.applications import application_withdraw
from ..services.consultations import active_membership_of, opinion_submit
from ..services.memberships import membership_resign

T = "councils/citizen/"


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    memberships = reads.memberships_of(request.user)
    context = {
        "applications": reads.applications_of(request.user),
        "memberships": [(m, m.is_active_on(today)) for m in memberships],
        "consultations": reads.consultations_for(request.user),
    }
    return render(request, T + "mine.html", context)


def _can_withdraw(application) -> bool:
    if application.state == ApplicationState.SUBSTITUTE:
        return True
    call = application.call
    return (
        application.state == ApplicationState.SUBMITTED
        and call.state == CallState.OPEN
        and timezone.now() < call.closes_at
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, application_id) -> HttpResponse:
    application = reads.application_of(request.user, application_id)
    if application is None:
        raise Http404
    context = {"application": application, "can": _can_withdraw(application)}
    if request.method == "POST":
        try:
            application_withdraw(actor=request.user, application=application)
        except ValidationError as exc:
            context["problem"] = exc.messages[0]
            return render(request, T + "withdraw.html", context, status=409)
        messages.success(request, _("Desistência registrada."))
        return redirect("councils:mine")
    return render(request, T + "withdraw.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def resign(request: HttpRequest, membership_id) -> HttpResponse:
    membership = reads.membership_of(request.user, membership_id)
    if membership is None:
        raise Http404
    form = NoteForm(request.POST or None)
    context = {"membership": membership, "form": form, "can": membership.is_active_on(timezone.localdate())}
    if request.method == "POST":
        if form.is_valid():
            try:
                membership_resign(actor=request.user, membership=membership, note=form.cleaned_data["note"])
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Renúncia registrada. Obrigado pela sua participação."))
                return redirect("councils:mine")
        return render(request, T + "resign.html", context, status=400)
    return render(request, T + "resign.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def opinion(request: HttpRequest, consultation_id) -> HttpResponse:
    consultation = reads.consultation_for_member(consultation_id)
    if consultation is None or consultation.state != ConsultationState.OPEN:
        raise Http404
    membership = active_membership_of(request.user, consultation.council)
    existing = reads.opinion_of(request.user, consultation)
    if membership is None and existing is None:
        raise Http404  # only members see a consultation before its deadline
    closed = timezone.now() >= consultation.deadline or membership is None
    initial = {"text": existing.text, "vote": existing.vote} if existing else None
    form = OpinionForm(request.POST or None, initial=initial, asks_vote=consultation.asks_vote)
    context = {"consultation": consultation, "form": form, "existing": existing, "closed": closed}
    if request.method == "POST":
        if form.is_valid():
            try:
                opinion_submit(
                    actor=request.user,
                    consultation=consultation,
                    text=form.cleaned_data["text"],
                    vote=form.cleaned_data.get("vote", ""),
                )
            except PermissionDenied as exc:
                raise Http404 from exc
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Parecer registrado. Você pode mudá-lo até o fim do prazo."))
                return redirect("councils:opinion", consultation.pk)
        return render(request, T + "opinion.html", context, status=400)
    return render(request, T + "opinion.html", context)
