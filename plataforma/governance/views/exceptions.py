"""The servants' pages of the exception requests (Resolução 002/2021/NGD art. 1 §3).

The agency's gestor drafts a request, keeps its action plan, submits it and marks actions done;
the Núcleo decides requests under analysis and reviews exceptions whose plan expired. Every page
is behind `nucleo_or_manager_required`; each request is shown only to its agency's gestores and,
once submitted, to the Núcleo (403 otherwise); the services check the role again for each write.
Bad input re-renders the page with field errors (400); a request in the wrong state answers 409.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import permissions
from ..forms.exceptions import (
    ActionForm,
    DecisionForm,
    DoneForm,
    RequestForm,
    ReviewForm,
    apply_service_errors,
)
from ..models import ExceptionRequest
from ..selectors import exceptions as reads
from ..services import exceptions as services
from ..services import exceptions_decisions as decisions
from .common import STAFF, nucleo_or_manager_required, staff_crumbs

T = STAFF + "exceptions/"
Status = ExceptionRequest.Status
PAGE_SIZE = 50


def _bad_request(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "400.html", {"errors": [message]}, status=400)


def _home_crumbs(*pairs):
    return staff_crumbs((reverse("governance:exc_home"), _("Pedidos de exceção")), *pairs)


@nucleo_or_manager_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    managed = permissions.managed_agency_ids(user)
    is_nucleo = permissions.is_nucleo(user)
    context = {
        "crumbs": staff_crumbs((None, _("Pedidos de exceção"))),
        "is_nucleo": is_nucleo,
        "own": reads.exceptions_of_agencies(managed) if managed else None,
        "can_create": bool(managed) and reads.services_for_requests(user).exists(),
    }
    if is_nucleo:
        status = request.GET.get("situacao", "")
        if status and (status == Status.DRAFT or status not in Status.values):
            return _bad_request(request, _("Situação desconhecida."))
        raw_page = request.GET.get("pagina", "1")
        if not raw_page.isdigit() or len(raw_page) > 6 or int(raw_page) < 1:
            return _bad_request(request, _("O número da página precisa ser um número inteiro positivo."))
        context.update(
            queue=reads.nucleo_queue(),
            review_queue=reads.nucleo_review_queue(),
            page=Paginator(reads.nucleo_all(status=status), PAGE_SIZE).get_page(int(raw_page)),
            status=status,
            statuses=[(v, label) for v, label in Status.choices if v != Status.DRAFT],
        )
    return render(request, T + "home.html", context)


def _data(form: RequestForm) -> services.RequestData:
    d = form.cleaned_data
    return services.RequestData(
        service=d["service"],
        platform_name=d["platform_name"],
        platform_url=d["platform_url"],
        justification=d["justification"],
    )


def _form_page(request, form, exc=None, *, status=200):
    here = _("Editar o rascunho") if exc else _("Novo pedido de exceção")
    context = {"form": form, "exc": exc, "crumbs": _home_crumbs((None, here)), "here": here}
    return render(request, T + "form.html", context, status=status)


@nucleo_or_manager_required
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    services_qs = reads.services_for_requests(request.user)
    form = RequestForm(request.POST if request.method == "POST" else None, services=services_qs)
    if request.method == "POST":
        if form.is_valid():
            try:
                exc = services.exception_create(actor=request.user, data=_data(form))
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(
                    request, _("Rascunho criado. Inclua as ações do plano de migração e envie ao Núcleo.")
                )
                return redirect("governance:exc_detail", exc.pk)
        return _form_page(request, form, status=400)
    return _form_page(request, form)


def _request(request: HttpRequest, pk) -> ExceptionRequest:
    exc = reads.exception_for_staff(request.user, pk)  # PermissionDenied -> 403 by the gate
    if exc is None:
        raise Http404
    return exc


def _action(exc: ExceptionRequest, action_pk):
    action = exc.actions.filter(pk=action_pk).first()
    if action is None:
        raise Http404
    return action


@nucleo_or_manager_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk) -> HttpResponse:
    exc = _request(request, pk)
    permissions.check_agency_manager(request.user, exc.agency_id)
    if exc.status != Status.DRAFT:
        return redirect("governance:exc_detail", exc.pk)
    initial = {
        "service": exc.service_id,
        "platform_name": exc.platform_name,
        "platform_url": exc.platform_url,
        "justification": exc.justification,
    }
    form = RequestForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        services=reads.services_for_requests(request.user),
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.exception_update(actor=request.user, request=exc, data=_data(form))
            except ValidationError as error:
                if isinstance(error, services.StateConflict):
                    return _detail_page(request, exc, status=409, problem=error.messages[0])
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Rascunho salvo."))
                return redirect("governance:exc_detail", exc.pk)
        return _form_page(request, form, exc, status=400)
    return _form_page(request, form, exc)


def done_form_for(action, data=None, *, today=None) -> DoneForm:
    """The "concluída em" form of one action, with ids of its own (one form per row)."""
    initial = {"done_on": action.done_on or today or timezone.localdate()}
    return DoneForm(data, initial=initial, auto_id=f"id_%s_{action.pk.hex[:12]}")


def _detail_page(request, exc, *, status=200, problem="", forms=None, done_action=None):
    user = request.user
    forms = forms or {}
    is_manager = exc.agency_id in permissions.managed_agency_ids(user)
    is_decider = permissions.is_nucleo(user) and not is_manager
    today = timezone.localdate()
    actions = reads.actions_of(exc)
    context = {
        "exc": exc,
        "crumbs": _home_crumbs((None, exc.number if exc.status != Status.DRAFT else _("Rascunho"))),
        "actions": [
            (a, forms["done"] if a.pk == done_action else done_form_for(a, today=today)) for a in actions
        ],
        "history": reads.history_of(exc),
        "is_manager": is_manager,
        "is_decider": is_decider,
        "problem": problem,
        "public": exc.status in ExceptionRequest.PUBLIC_STATUSES,
        "can_edit_plan": is_manager and exc.status in services.PLAN_EDIT_STATUSES,
        "can_mark_done": is_manager and exc.status in services.DONE_STATUSES,
        "action_form": forms.get("action") or ActionForm(),
        "error_form": next(iter(forms.values()), None),
        "decision_form": forms.get("decision") or DecisionForm(),
        "review_form": forms.get("review") or ReviewForm(),
    }
    return render(request, T + "detail.html", context, status=status)


@nucleo_or_manager_required
@require_GET
def detail(request: HttpRequest, pk) -> HttpResponse:
    return _detail_page(request, _request(request, pk))


def _failed(request, exc, error: ValidationError, form=None, key="", done_action=None):
    """Re-render the detail page with the service's errors: 409 for a state conflict, else 400."""
    if isinstance(error, services.StateConflict):
        return _detail_page(request, exc, status=409, problem=error.messages[0])
    if form is not None and hasattr(error, "error_dict"):
        apply_service_errors(form, error)
        return _detail_page(request, exc, status=400, forms={key: form}, done_action=done_action)
    return _detail_page(request, exc, status=400, problem=" ".join(error.messages))


@nucleo_or_manager_required
@require_POST
def withdraw(request: HttpRequest, pk) -> HttpResponse:
    exc = _request(request, pk)
    try:
        services.exception_withdraw(actor=request.user, request=exc)
    except ValidationError as error:
        return _failed(request, exc, error)
    messages.success(request, _("Rascunho excluído."))
    return redirect("governance:exc_home")


@nucleo_or_manager_required
@require_POST
def submit(request: HttpRequest, pk) -> HttpResponse:
    exc = _request(request, pk)
    try:
        exc = services.exception_submit(actor=request.user, request=exc)
    except ValidationError as error:
        return _failed(request, exc, error)
    messages.success(request, _("Pedido enviado ao Núcleo com o número %(number)s.") % {"number": exc.number})
    return redirect("governance:exc_detail", exc.pk)


@nucleo_or_manager_required
@require_POST
def action_add(request: HttpRequest, pk) -> HttpResponse:
    exc = _request(request, pk)
    permissions.check_agency_manager(request.user, exc.agency_id)
    form = ActionForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, exc, status=400, forms={"action": form})
    try:
        services.action_add(actor=request.user, request=exc, **form.cleaned_data)
    except ValidationError as error:
        return _failed(request, exc, error, form, "action")
    messages.success(request, _("Ação incluída no plano."))
    return redirect("governance:exc_detail", exc.pk)


@nucleo_or_manager_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk, action_pk) -> HttpResponse:
    exc = _request(request, pk)
    permissions.check_agency_manager(request.user, exc.agency_id)
    action = _action(exc, action_pk)
    if exc.status != Status.DRAFT:
        return redirect("governance:exc_detail", exc.pk)
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        initial={"description": action.description, "due_on": action.due_on},
    )
    context = {"exc": exc, "action": action, "form": form, "crumbs": _home_crumbs((None, _("Editar ação")))}
    if request.method == "POST":
        if form.is_valid():
            try:
                services.action_update(actor=request.user, request=exc, action=action, **form.cleaned_data)
            except ValidationError as error:
                if isinstance(error, services.StateConflict):
                    return _detail_page(request, exc, status=409, problem=error.messages[0])
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Ação alterada."))
                return redirect("governance:exc_detail", exc.pk)
        return render(request, T + "action_form.html", context, status=400)
    return render(request, T + "action_form.html", context)


@nucleo_or_manager_required
@require_POST
def action_remove(request: HttpRequest, pk, action_pk) -> HttpResponse:
    exc = _request(request, pk)
    action = _action(exc, action_pk)
    try:
        services.action_remove(actor=request.user, request=exc, action=action)
    except ValidationError as error:
        return _failed(request, exc, error)
    messages.success(request, _("Ação removida do plano."))
    return redirect("governance:exc_detail", exc.pk)


@nucleo_or_manager_required
@require_POST
def action_done(request: HttpRequest, pk, action_pk) -> HttpResponse:
    exc = _request(request, pk)
    permissions.check_agency_manager(request.user, exc.agency_id)
    action = _action(exc, action_pk)
    form = done_form_for(action, request.POST)
    if not form.is_valid():
        return _detail_page(request, exc, status=400, forms={"done": form}, done_action=action.pk)
    try:
        services.action_mark_done(actor=request.user, request=exc, action=action, **form.cleaned_data)
    except ValidationError as error:
        return _failed(request, exc, error, form, "done", done_action=action.pk)
    messages.success(request, _("Ação marcada como concluída."))
    return redirect("governance:exc_detail", exc.pk)


@nucleo_or_manager_required
@require_POST
def decide(request: HttpRequest, pk) -> HttpResponse:
    exc = _request(request, pk)
    decisions.check_decider(request.user, exc)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, exc, status=400, forms={"decision": form})
    try:
        exc = decisions.exception_decide(actor=request.user, request=exc, **form.cleaned_data)
    except ValidationError as error:
        return _failed(request, exc, error, form, "decision")
    messages.success(request, _("Decisão registrada. O órgão foi avisado."))
    return redirect("governance:exc_detail", exc.pk)


@nucleo_or_manager_required
@require_POST
def review(request: HttpRequest, pk) -> HttpResponse:
    exc = _request(request, pk)
    decisions.check_decider(request.user, exc)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, exc, status=400, forms={"review": form})
    d = form.cleaned_data
    try:
        exc = decisions.exception_review(
            actor=request.user,
            request=exc,
            decision=d["decision"],
            reasons=d["reasons"],
            valid_until=d["valid_until"],
            new_action=decisions.NewAction(description=d["new_description"], due_on=d["new_due_on"]),
        )
    except ValidationError as error:
        return _failed(request, exc, error, form, "review")
    messages.success(request, _("Revisão registrada. O órgão foi avisado."))
    return redirect("governance:exc_detail", exc.pk)
