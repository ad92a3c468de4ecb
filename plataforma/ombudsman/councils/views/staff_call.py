"""The gestor's and ouvidor's pages of a public call: create and edit the draft, publish, close,
cancel, check the applications (each applicant's data shown is an audited read) and publish the
result with the public draw. Same access rules as staff_council."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plataforma.common.authcodes import mask_name

from ..forms import ReasonForm, apply_service_errors
from ..forms.staff import CallForm, ResultForm
from ..models import ApplicationState, CallState
from ..selectors import staff as reads
from ..services import calls as services
from ..services.selection import application_reinstate, application_reject, call_publish_result, draw_preview
from .common import STAFF, audit_reads, bad_request, page_number, staff_required


def _call(request: HttpRequest, call_id):
    call = reads.call_for_staff(request.user, call_id)
    if call is None:
        raise Http404
    return call


def _data(form: CallForm) -> services.CallData:
    d = form.cleaned_data
    return services.CallData(
        notice=d["notice"],
        opens_at=d["opens_at"],
        closes_at=d["closes_at"],
        mandate_starts_on=d["mandate_starts_on"],
        draw_value_source=d["draw_value_source"],
    )


@staff_required
@require_http_methods(["GET", "POST"])
def call_new(request: HttpRequest, council_id) -> HttpResponse:
    council = reads.council_for_staff(request.user, council_id)
    if council is None:
        raise Http404
    form = CallForm(request.POST or None)
    context = {"council": council, "form": form}
    if request.method == "POST":
        if form.is_valid():
            try:
                call = services.call_create(actor=request.user, council=council, data=_data(form))
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Rascunho do chamamento criado. Confira e publique."))
                return redirect("councils:staff_call", call.pk)
        return render(request, STAFF + "call_form.html", context, status=400)
    return render(request, STAFF + "call_form.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def call_edit(request: HttpRequest, call_id) -> HttpResponse:
    call = _call(request, call_id)
    if call.state != CallState.DRAFT:
        return redirect("councils:staff_call", call.pk)
    initial = {
        "notice": call.notice,
        "opens_at": timezone.localtime(call.opens_at),
        "closes_at": timezone.localtime(call.closes_at),
        "mandate_starts_on": call.mandate_starts_on,
        "draw_value_source": call.draw_value_source,
    }
    form = CallForm(request.POST or None, initial=initial)
    context = {"council": call.council, "call": call, "form": form}
    if request.method == "POST":
        if form.is_valid():
            try:
                services.call_update(actor=request.user, call=call, data=_data(form))
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Rascunho salvo."))
                return redirect("councils:staff_call", call.pk)
        return render(request, STAFF + "call_form.html", context, status=400)
    return render(request, STAFF + "call_form.html", context)


def _call_page(request, call, *, status=200, problem="", result_form=None, cancel_form=None):
    page = page_number(request)
    if page is None:
        return bad_request(request, _("O número da página precisa ser um número inteiro positivo."))
    state = request.GET.get("situacao", "")
    if state and state not in ApplicationState.values:
        return bad_request(request, _("Situação desconhecida."))
    applications = reads.applications_page(call, page=page, state=state)
    audit_reads(request, applications.object_list, "councils.application.staff_list_read")
    counts, needs_value = draw_preview(call) if call.state == CallState.SELECTION else ({}, False)
    context = {
        "call": call,
        "council": call.council,
        "page": applications,
        "rows": [(a, mask_name(a.person.display_name)) for a in applications.object_list],
        "totals": reads.application_totals(call),
        "states": ApplicationState.choices,
        "state": state,
        "window": services.window_state(call),
        "now": timezone.now(),
        "counts": counts,
        "needs_value": needs_value,
        "problem": problem,
        "result_form": result_form or ResultForm(),
        "cancel_form": cancel_form or ReasonForm(),
    }
    return render(request, STAFF + "call.html", context, status=status)


@staff_required
@require_GET
def call_detail(request: HttpRequest, call_id) -> HttpResponse:
    return _call_page(request, _call(request, call_id))


@staff_required
@require_POST
def call_transition(request: HttpRequest, call_id, action: str) -> HttpResponse:
    call = _call(request, call_id)
    try:
        if action == "publicar":
            services.call_publish(actor=request.user, call=call)
            messages.success(request, _("Chamamento publicado no portal."))
        elif action == "encerrar":
            services.call_close(actor=request.user, call=call)
            messages.success(
                request, _("Inscrições encerradas. Analise as inscrições e publique o resultado.")
            )
        elif action == "cancelar":
            form = ReasonForm(request.POST)
            if not form.is_valid():
                return _call_page(request, call, status=400, cancel_form=form)
            services.call_cancel(actor=request.user, call=call, reason=form.cleaned_data["reason"])
            messages.success(request, _("Chamamento cancelado. As pessoas inscritas foram avisadas."))
        elif action == "resultado":
            form = ResultForm(request.POST)
            if not form.is_valid():
                return _call_page(request, call, status=400, result_form=form)
            try:
                call_publish_result(
                    actor=request.user, call=call, public_value=form.cleaned_data["public_value"]
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    apply_service_errors(form, exc)
                    return _call_page(request, call, status=400, result_form=form)
                raise
            messages.success(request, _("Resultado publicado. Os mandatos foram registrados."))
        else:
            raise Http404
    except ValidationError as exc:
        return _call_page(request, call, status=409, problem=" ".join(exc.messages))
    return redirect("councils:staff_call", call.pk)


@staff_required
@require_http_methods(["GET", "POST"])
def application_detail(request: HttpRequest, application_id) -> HttpResponse:
    application = reads.application_for_staff(request.user, application_id)
    if application is None:
        raise Http404
    audit_reads(request, [application], "councils.application.staff_read")
    form = ReasonForm(request.POST if request.POST.get("acao") == "inabilitar" else None)
    context = {"application": application, "call": application.call, "form": form}
    if request.method == "POST":
        action = request.POST.get("acao")
        try:
            if action == "inabilitar":
                if not form.is_valid():
                    return render(request, STAFF + "application.html", context, status=400)
                application_reject(
                    actor=request.user, application=application, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("Inscrição marcada como não habilitada. A pessoa foi avisada."))
            elif action == "habilitar":
                application_reinstate(actor=request.user, application=application)
                messages.success(request, _("Inscrição habilitada de novo."))
            else:
                context["problem"] = _("Escolha uma ação.")
                return render(request, STAFF + "application.html", context, status=400)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                apply_service_errors(form, exc)
                return render(request, STAFF + "application.html", context, status=400)
            context["problem"] = exc.messages[0]
            return render(request, STAFF + "application.html", context, status=409)
        return redirect("councils:staff_call", application.call_id)
    return render(request, STAFF + "application.html", context)
