"""The gestor's and ouvidor's pages of consultations: open one, follow it (how many members
answered; the texts once the deadline has passed, as the public sees them), answer with the
measures adopted, or cancel before the deadline."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms import ReasonForm, apply_service_errors
from ..forms.staff import ConsultationForm, ResponseForm
from ..models import ConsultationState
from ..selectors import public as public_reads
from ..selectors import staff as reads
from ..services import consultations as services
from .common import STAFF, staff_required


@staff_required
@require_http_methods(["GET", "POST"])
def consultation_new(request: HttpRequest, council_id) -> HttpResponse:
    council = reads.council_for_staff(request.user, council_id)
    if council is None:
        raise Http404
    form = ConsultationForm(request.POST or None, services=reads.council_services(council))
    context = {"council": council, "form": form}
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                consultation = services.consultation_create(
                    actor=request.user,
                    council=council,
                    data=services.ConsultationData(
                        subject=d["subject"],
                        question=d["question"],
                        service=d["service"],
                        asks_vote=d["asks_vote"],
                        deadline=d["deadline"],
                    ),
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Consulta enviada aos membros do conselho."))
                return redirect("councils:staff_consultation", consultation.pk)
        return render(request, STAFF + "consultation_form.html", context, status=400)
    return render(request, STAFF + "consultation_form.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def consultation_detail(request: HttpRequest, consultation_id) -> HttpResponse:
    consultation = reads.consultation_for_staff(request.user, consultation_id)
    if consultation is None:
        raise Http404
    closed = timezone.now() >= consultation.deadline
    action = request.POST.get("acao", "") if request.method == "POST" else ""
    response_form = ResponseForm(
        request.POST if action == "responder" else None, initial={"response": consultation.response}
    )
    cancel_form = ReasonForm(request.POST if action == "cancelar" else None)
    context = {
        "consultation": consultation,
        "council": consultation.council,
        "closed": closed,
        "cancelled": consultation.state == ConsultationState.CANCELLED,
        "answered": consultation.opinions.count(),
        "members": services.active_memberships(consultation.council).count(),
        "opinions": public_reads.opinions_of(consultation) if closed else [],
        "response_form": response_form,
        "cancel_form": cancel_form,
    }
    if request.method == "POST":
        try:
            if action == "responder":
                if not response_form.is_valid():
                    return render(request, STAFF + "consultation.html", context, status=400)
                services.consultation_respond(
                    actor=request.user,
                    consultation=consultation,
                    response=response_form.cleaned_data["response"],
                )
                messages.success(request, _("Resposta do órgão publicada com os pareceres."))
            elif action == "cancelar":
                if not cancel_form.is_valid():
                    return render(request, STAFF + "consultation.html", context, status=400)
                services.consultation_cancel(
                    actor=request.user, consultation=consultation, reason=cancel_form.cleaned_data["reason"]
                )
                messages.success(request, _("Consulta cancelada. Os membros foram avisados."))
            else:
                context["problem"] = _("Escolha uma ação.")
                return render(request, STAFF + "consultation.html", context, status=400)
        except ValidationError as exc:
            context["problem"] = " ".join(exc.messages)
            return render(request, STAFF + "consultation.html", context, status=409)
        return redirect("councils:staff_consultation", consultation.pk)
    return render(request, STAFF + "consultation.html", context)
