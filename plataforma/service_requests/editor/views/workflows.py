"""The workflow editor (agency managers): states and actions, each row on its own small form;
every save is a new immutable version of the workflow."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ...models import Workflow
from ...services import forms_admin
from ...workflow import ROLE_LABELS, Status
from .. import selectors, workflow_edit
from ..forms import ActionForm, StateForm, WorkflowSettingsForm
from .access import workflow_editor_required

KINDS = {"etapas": "states", "acoes": "actions"}
STATUS_LABELS = dict(Status.choices)


@workflow_editor_required
@require_http_methods(["GET", "HEAD"])
def workflow_list(request: HttpRequest) -> HttpResponse:
    agencies = [
        (agency, selectors.agency_workflows(agency_id=agency.pk))
        for agency in selectors.editor_agencies(agency_ids=request.workflow_agency_ids)
    ]
    return render(request, "service_requests/editor/workflows.html", {"agencies": agencies})


@workflow_editor_required
@require_POST
def workflow_copy_default(request: HttpRequest) -> HttpResponse:
    agency = (
        selectors.editor_agencies(agency_ids=request.workflow_agency_ids)
        .filter(slug=request.POST.get("orgao", ""))
        .first()
    )
    if agency is None:
        raise Http404
    workflow = forms_admin.workflow_copy_default(actor=request.user, agency=agency)
    messages.success(request, _("Fluxo criado a partir do fluxo padrão. Adapte as etapas e ações."))
    return redirect("request_editor:workflow", workflow.pk)


def _workflow(request: HttpRequest, workflow_id: UUID) -> Workflow:
    return selectors.workflow_for_editor(workflow_id=workflow_id, agency_ids=request.workflow_agency_ids)


def _render_detail(request, workflow: Workflow, *, errors=None, status=200) -> HttpResponse:
    spec = workflow.spec
    latest = selectors.latest_version(workflow)
    state_labels = {s.key: s.label for s in spec.states}
    return render(
        request,
        "service_requests/editor/workflow.html",
        {
            "workflow": workflow,
            "spec": spec,
            "latest": latest,
            "is_latest": latest.pk == workflow.pk,
            "versions": selectors.workflow_versions(workflow),
            "status_labels": STATUS_LABELS,
            "role_labels": ROLE_LABELS,
            "state_labels": state_labels,
            "errors": errors or [],
        },
        status=status,
    )


@workflow_editor_required
@require_http_methods(["GET", "HEAD"])
def workflow_detail(request: HttpRequest, workflow_id: UUID) -> HttpResponse:
    return _render_detail(request, _workflow(request, workflow_id))


def _editable(request, workflow_id: UUID) -> tuple[Workflow, HttpResponse | None]:
    """The workflow, and an error page when it is not the latest version (someone saved a newer
    one meanwhile: editing an old version would silently undo their change)."""
    workflow = _workflow(request, workflow_id)
    if selectors.latest_version(workflow).pk != workflow.pk:
        message = _(
            "Este fluxo já tem uma versão mais nova. Abra a versão mais recente e faça a alteração nela."
        )
        return workflow, _render_detail(request, workflow, errors=[message], status=409)
    return workflow, None


def _save(request, workflow: Workflow, definition: dict, *, name: str | None = None) -> Workflow:
    return forms_admin.workflow_save(
        actor=request.user,
        agency=workflow.agency,
        key=workflow.key,
        name=name or workflow.name,
        definition=definition,
    )


def _saved(request, workflow: Workflow) -> HttpResponse:
    messages.success(request, _("Fluxo salvo como versão %(n)s.") % {"n": workflow.version})
    return redirect("request_editor:workflow", workflow.pk)


@workflow_editor_required
@require_http_methods(["GET", "HEAD", "POST"])
def workflow_settings(request: HttpRequest, workflow_id: UUID) -> HttpResponse:
    workflow, conflict = _editable(request, workflow_id)
    if conflict:
        return conflict
    spec = workflow.spec
    options = {
        "states": [(s.key, s.label) for s in spec.states],
        "actions": [(a.key, a.label) for a in spec.actions],
    }
    initial = {
        "name": workflow.name,
        "initial_state": spec.initial_state,
        "payment_state": spec.payment_state or "",
        "paid_action": spec.paid_action or "",
        "expired_action": spec.expired_action or "",
    }
    form = WorkflowSettingsForm(request.POST or None, initial=initial, **options)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = _save(
                    request,
                    workflow,
                    workflow_edit.with_settings(workflow.definition, data),
                    name=data["name"],
                )
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                return _saved(request, saved)
        status = 400
    else:
        status = 200
    return render(
        request,
        "service_requests/editor/workflow_row.html",
        {"workflow": workflow, "row_form": form, "title": _("Configurações do fluxo")},
        status=status,
    )


@workflow_editor_required
@require_http_methods(["GET", "HEAD", "POST"])
def workflow_row(request: HttpRequest, workflow_id: UUID, kind: str, key: str | None = None) -> HttpResponse:
    """Add (key None) or edit one state ("etapas") or action ("acoes")."""
    if kind not in KINDS:
        raise Http404
    workflow, conflict = _editable(request, workflow_id)
    if conflict:
        return conflict
    rows = KINDS[kind]
    current = workflow_edit.row(workflow.definition, rows, key) if key else None
    if key and current is None:
        raise Http404
    form_class = StateForm if rows == "states" else ActionForm
    extra = {} if rows == "states" else {"states": [(s.key, s.label) for s in workflow.spec.states]}
    form = form_class(request.POST or None, initial=current, is_new=key is None, **extra)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            row = {k: v for k, v in form.cleaned_data.items() if v is not None}
            try:
                saved = _save(request, workflow, workflow_edit.with_row(workflow.definition, rows, row, key))
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                return _saved(request, saved)
    if rows == "states":
        title = _("Editar etapa") if key else _("Nova etapa")
    else:
        title = _("Editar ação") if key else _("Nova ação")
    return render(
        request,
        "service_requests/editor/workflow_row.html",
        {"workflow": workflow, "row_form": form, "title": title, "row_key": key},
        status=status,
    )


@workflow_editor_required
@require_POST
def workflow_row_remove(request: HttpRequest, workflow_id: UUID, kind: str, key: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    workflow, conflict = _editable(request, workflow_id)
    if conflict:
        return conflict
    try:
        definition = workflow_edit.without_row(workflow.definition, KINDS[kind], key)
    except KeyError:
        raise Http404 from None
    try:
        saved = _save(request, workflow, definition)
    except ValidationError as exc:
        return _render_detail(request, workflow, errors=exc.messages, status=400)
    return _saved(request, saved)
