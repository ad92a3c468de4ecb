"""The draft's fields: add (type first, then the type's options), edit, remove, move."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ...formspec import FIELD_TYPE_LABELS
from ...services import forms_admin
from .. import selectors
from ..forms import FieldEditForm, FieldTypeForm
from .access import form_editor_required
from .forms_pages import render_service, service_of

MOVES = {"subir": "up", "descer": "down"}


def _draft(request: HttpRequest, service_id: UUID):
    service = service_of(request, service_id)
    draft = selectors.draft_of(selectors.form_of(service))
    if draft is None:
        raise Http404
    return service, draft


def _field_page(request, service, draft, form, *, field_type, key=None, status=200) -> HttpResponse:
    return render(
        request,
        "service_requests/editor/field_form.html",
        {
            "service": service,
            "draft": draft,
            "edit_form": form,
            "field_type": field_type,
            "type_label": FIELD_TYPE_LABELS[field_type],
            "key": key,
        },
        status=status,
    )


def _save(request, service, draft, form, *, key=None) -> HttpResponse | None:
    if not form.is_valid():
        return None
    try:
        forms_admin.form_field_save(actor=request.user, version=draft, field=form.field_dict(key))
    except ValidationError as exc:
        form.add_service_errors(exc)
        return None
    messages.success(request, _("Campo salvo no rascunho."))
    return redirect("request_editor:service", service.pk)


@form_editor_required
@require_http_methods(["GET", "HEAD", "POST"])
def field_new(request: HttpRequest, service_id: UUID) -> HttpResponse:
    service, draft = _draft(request, service_id)
    field_type = request.POST.get("tipo") if request.method == "POST" else request.GET.get("tipo")
    if not field_type:
        return render(
            request,
            "service_requests/editor/field_type.html",
            {"service": service, "draft": draft, "type_form": FieldTypeForm()},
        )
    type_form = FieldTypeForm({"tipo": field_type})
    if not type_form.is_valid():
        return render(
            request,
            "service_requests/editor/field_type.html",
            {"service": service, "draft": draft, "type_form": type_form},
            status=400,
        )
    if request.method == "POST":
        form = FieldEditForm(request.POST, field_type=field_type)
        response = _save(request, service, draft, form)
        if response is not None:
            return response
        return _field_page(request, service, draft, form, field_type=field_type, status=400)
    return _field_page(request, service, draft, FieldEditForm(field_type=field_type), field_type=field_type)


@form_editor_required
@require_http_methods(["GET", "HEAD", "POST"])
def field_edit(request: HttpRequest, service_id: UUID, key: str) -> HttpResponse:
    service, draft = _draft(request, service_id)
    spec = draft.form_spec.field(key)
    if spec is None:
        raise Http404
    if request.method == "POST":
        form = FieldEditForm(request.POST, field_type=spec.type)
        response = _save(request, service, draft, form, key=key)
        if response is not None:
            return response
        return _field_page(request, service, draft, form, field_type=spec.type, key=key, status=400)
    form = FieldEditForm(initial=FieldEditForm.initial_from(spec), field_type=spec.type)
    return _field_page(request, service, draft, form, field_type=spec.type, key=key)


@form_editor_required
@require_POST
def field_remove(request: HttpRequest, service_id: UUID, key: str) -> HttpResponse:
    service, draft = _draft(request, service_id)
    try:
        forms_admin.form_field_remove(actor=request.user, version=draft, key=key)
    except ValidationError as exc:
        return render_service(request, service, status=400, errors=exc.messages)
    messages.success(request, _("Campo removido do rascunho."))
    return redirect("request_editor:service", service.pk)


@form_editor_required
@require_POST
def field_move(request: HttpRequest, service_id: UUID, key: str, direction: str) -> HttpResponse:
    if direction not in MOVES:
        raise Http404
    service, draft = _draft(request, service_id)
    try:
        forms_admin.form_field_move(actor=request.user, version=draft, key=key, direction=MOVES[direction])
    except ValidationError as exc:
        return render_service(request, service, status=400, errors=exc.messages)
    return redirect(f"{service_fields_url(service)}#campo-{key}")


def service_fields_url(service) -> str:
    from django.urls import reverse

    return reverse("request_editor:service", args=[service.pk])
