"""The list of the agency's services, a service's request-form page (settings, draft, publish),
the preview and the version history."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ...dynamic_forms import build_request_form
from ...formspec import FIELD_TYPE_LABELS
from ...models import Document
from ...services import forms_admin
from .. import selectors
from ..forms import SettingsForm
from .access import form_editor_required


@form_editor_required
@require_http_methods(["GET", "HEAD"])
def dashboard(request: HttpRequest) -> HttpResponse:
    agencies = list(selectors.editor_agencies(agency_ids=request.form_agency_ids))
    slug = request.GET.get("orgao", "")
    agency = next((a for a in agencies if a.slug == slug), None) if slug else agencies[0]
    if agency is None:
        raise Http404
    page = Paginator(selectors.agency_services(agency=agency), 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "service_requests/editor/dashboard.html",
        {"agencies": agencies, "agency": agency, "page": page},
    )


def service_of(request: HttpRequest, service_id: UUID):
    return selectors.service_for_editor(service_id=service_id, agency_ids=request.form_agency_ids)


def render_service(
    request: HttpRequest, service, *, status: int = 200, settings_form=None, errors=None
) -> HttpResponse:
    form = selectors.form_of(service)
    draft = selectors.draft_of(form)
    workflows = selectors.agency_workflows(agency_id=service.agency_id)
    if form is not None and form.workflow_id and form.workflow not in workflows:
        workflows.append(form.workflow)
    if settings_form is None and form is not None:
        settings_form = SettingsForm(
            initial={
                "accepts_requests": form.accepts_requests,
                "fee_amount": form.fee_amount,
                "fee_description": form.fee_description,
                "payment_days": form.payment_days,
                "rate_each_step": form.rate_each_step,
                "workflow": str(form.workflow_id or ""),
            },
            workflows=workflows,
        )
    return render(
        request,
        "service_requests/editor/service.html",
        {
            "service": service,
            "form": form,
            "draft": draft,
            "draft_fields": draft.form_spec.fields if draft else [],
            "current_fields": form.current_version.form_spec.fields if form and form.current_version else [],
            "type_labels": FIELD_TYPE_LABELS,
            "settings_form": settings_form,
            "errors": errors or [],
            "can_edit_workflows": service.agency_id in request.workflow_agency_ids,
        },
        status=status,
    )


@form_editor_required
@require_http_methods(["GET", "HEAD"])
def service_detail(request: HttpRequest, service_id: UUID) -> HttpResponse:
    return render_service(request, service_of(request, service_id))


@form_editor_required
@require_POST
def settings_save(request: HttpRequest, service_id: UUID) -> HttpResponse:
    service = service_of(request, service_id)
    form = selectors.form_of(service)
    if form is None:
        raise Http404
    workflows = selectors.agency_workflows(agency_id=service.agency_id)
    if form.workflow_id and form.workflow not in workflows:
        workflows.append(form.workflow)
    settings_form = SettingsForm(request.POST, workflows=workflows)
    if settings_form.is_valid():
        try:
            forms_admin.request_form_configure(
                actor=request.user, form=form, **settings_form.service_kwargs()
            )
        except ValidationError as exc:
            settings_form.add_service_errors(exc)
        else:
            messages.success(request, _("Configurações do pedido salvas."))
            return redirect("request_editor:service", service.pk)
    return render_service(request, service, status=400, settings_form=settings_form)


def _action(request: HttpRequest, service_id: UUID, run, success: str) -> HttpResponse:
    service = service_of(request, service_id)
    try:
        run(service)
    except ValidationError as exc:
        return render_service(request, service, status=400, errors=exc.messages)
    messages.success(request, success)
    return redirect("request_editor:service", service.pk)


def _draft(service):
    draft = selectors.draft_of(selectors.form_of(service))
    if draft is None:
        raise Http404
    return draft


@form_editor_required
@require_POST
def draft_start(request: HttpRequest, service_id: UUID) -> HttpResponse:
    def run(service):
        form = forms_admin.request_form_get_or_create(actor=request.user, service=service)
        forms_admin.form_draft_start(actor=request.user, form=form)

    return _action(request, service_id, run, _("Rascunho pronto para edição."))


@form_editor_required
@require_POST
def draft_publish(request: HttpRequest, service_id: UUID) -> HttpResponse:
    def run(service):
        forms_admin.form_version_publish(actor=request.user, version=_draft(service))

    return _action(
        request,
        service_id,
        run,
        _("Formulário publicado. Os novos pedidos usam esta versão; os já feitos mantêm a versão deles."),
    )


@form_editor_required
@require_POST
def draft_discard(request: HttpRequest, service_id: UUID) -> HttpResponse:
    def run(service):
        forms_admin.form_draft_discard(actor=request.user, version=_draft(service))

    return _action(request, service_id, run, _("Rascunho descartado."))


def _preview(request: HttpRequest, service, version) -> HttpResponse:
    # The editor sees the form as a citizen the platform knows nothing about (every field
    # asked) and without documents to reuse: no personal data of anybody is shown.
    form_class = build_request_form(version=version, known={}, documents=Document.objects.none())
    return render(
        request,
        "service_requests/editor/preview.html",
        {"service": service, "version": version, "preview_form": form_class()},
    )


@form_editor_required
@require_http_methods(["GET", "HEAD"])
def preview(request: HttpRequest, service_id: UUID) -> HttpResponse:
    service = service_of(request, service_id)
    form = selectors.form_of(service)
    version = selectors.draft_of(form) or (form.current_version if form else None)
    if version is None:
        raise Http404
    return _preview(request, service, version)


@form_editor_required
@require_http_methods(["GET", "HEAD"])
def history(request: HttpRequest, service_id: UUID) -> HttpResponse:
    service = service_of(request, service_id)
    form = selectors.form_of(service)
    if form is None:
        raise Http404
    versions = selectors.versions_of(form)
    return render(
        request,
        "service_requests/editor/history.html",
        {"service": service, "form": form, "versions": versions},
    )


@form_editor_required
@require_http_methods(["GET", "HEAD"])
def version_detail(request: HttpRequest, service_id: UUID, number: int) -> HttpResponse:
    service = service_of(request, service_id)
    form = selectors.form_of(service)
    version = form.versions.filter(number=number).first() if form else None
    if version is None:
        raise Http404
    return _preview(request, service, version)
