"""Creating a service and editing its draft with the content form."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from plataforma.catalog import services
from plataforma.catalog.models import ServiceVersion

from .. import selectors
from ..content_forms import ContentEditor, data_with_added_row
from .access import _service, editor_required

State = ServiceVersion.State


def _render_editor(request, *, editor, service=None, version=None, status=200) -> HttpResponse:
    return render(
        request,
        "catalog/editor/service_form.html",
        {"editor": editor, "form": editor.form, "service": service, "version": version},
        status=status,
    )


def _add_row(request, editor_kwargs) -> ContentEditor | None:
    target = request.POST.get("adicionar")
    if target is None:
        return None
    data = data_with_added_row(request.POST, target)
    if data is None:
        data = request.POST
    editor = ContentEditor(data=data, **editor_kwargs)
    editor.is_valid()
    editor.silence()
    return editor


@editor_required
@require_http_methods(["GET", "HEAD", "POST"])
def service_create(request: HttpRequest) -> HttpResponse:
    agencies = selectors.editor_agencies(agency_ids=request.editor_agency_ids)
    kwargs = {"agencies": agencies, "units": selectors.units_of(agency_ids=request.editor_agency_ids)}
    if request.method != "POST":
        return _render_editor(request, editor=ContentEditor(**kwargs))
    editor = _add_row(request, kwargs)
    if editor is not None:
        return _render_editor(request, editor=editor)
    editor = ContentEditor(data=request.POST, **kwargs)
    if editor.is_valid():
        try:
            version = services.service_create(
                actor=request.user,
                agency=editor.form.cleaned_data["agency"],
                content=editor.content(),
                change_summary=editor.form.cleaned_data.get("change_summary", ""),
            )
        except ValidationError as exc:
            editor.add_errors(exc)
        else:
            messages.success(request, _("Serviço criado como rascunho. Ele ainda não é público."))
            return redirect("catalog_editor:service_detail", service_id=version.service_id)
    return _render_editor(request, editor=editor, status=400)


@editor_required
@require_http_methods(["GET", "HEAD", "POST"])
def version_edit(request: HttpRequest, service_id: UUID) -> HttpResponse:
    service = _service(request, service_id)
    version = selectors.working_version(service=service)
    if version is None or version.state != State.DRAFT:
        if version is not None:
            messages.warning(
                request, _("Esta versão está em revisão. Devolva-a para rascunho para poder alterá-la.")
            )
        else:
            messages.info(request, _("Não há rascunho. Crie uma nova versão para alterar o serviço."))
        return redirect("catalog_editor:service_detail", service_id=service.pk)
    kwargs = {"units": selectors.units_of(agency_ids={service.agency_id})}
    if request.method != "POST":
        editor = ContentEditor(content=version.content, change_summary=version.change_summary, **kwargs)
        return _render_editor(request, editor=editor, service=service, version=version)
    editor = _add_row(request, kwargs)
    if editor is not None:
        return _render_editor(request, editor=editor, service=service, version=version)
    editor = ContentEditor(data=request.POST, **kwargs)
    if editor.is_valid():
        try:
            services.version_update(
                actor=request.user,
                version=version,
                content=editor.content(),
                change_summary=editor.form.cleaned_data.get("change_summary", ""),
            )
        except ValidationError as exc:
            editor.add_errors(exc)
        else:
            messages.success(request, _("Rascunho salvo. Ele ainda não é público."))
            return redirect("catalog_editor:service_detail", service_id=service.pk)
    return _render_editor(request, editor=editor, service=service, version=version, status=400)


@editor_required
@require_POST
def draft_start(request: HttpRequest, service_id: UUID) -> HttpResponse:
    service = _service(request, service_id)
    services.service_draft_start(actor=request.user, service=service)
    return redirect("catalog_editor:version_edit", service_id=service.pk)
