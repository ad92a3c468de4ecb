"""A service's page in the back office and its versions: history, preview, comparison, audit."""

from __future__ import annotations

from uuid import UUID

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from plataforma.catalog.content import ServiceContent
from plataforma.catalog.diff import diff_content

from .. import selectors
from .access import _service, editor_required


@editor_required
@require_http_methods(["GET", "HEAD"])
def service_detail(request: HttpRequest, service_id: UUID) -> HttpResponse:
    service = _service(request, service_id)
    working = selectors.working_version(service=service)
    published = (
        selectors.version_of(service=service, number=service.published_version.number)
        if (service.published_version_id)
        else None
    )
    return render(
        request,
        "catalog/editor/service_detail.html",
        {
            "service": service,
            "working": working,
            "published": published,
            "versions": selectors.versions_of(service=service)[:5],
            "feedback": selectors.feedback_counts(service=service),
            "comments": selectors.service_comments(service=service, limit=10),
        },
    )


@editor_required
@require_http_methods(["GET", "HEAD"])
def version_history(request: HttpRequest, service_id: UUID) -> HttpResponse:
    service = _service(request, service_id)
    versions = list(selectors.versions_of(service=service))
    return render(request, "catalog/editor/history.html", {"service": service, "versions": versions})


@editor_required
@require_http_methods(["GET", "HEAD"])
def version_preview(request: HttpRequest, service_id: UUID, number: int) -> HttpResponse:
    """How this version would look on the public service page (drafts included, for editors)."""
    from plataforma.catalog.selectors import ServiceView

    service = _service(request, service_id)
    version = selectors.version_of(service=service, number=number)
    try:
        content = ServiceContent.model_validate(version.content)
    except ValueError:
        content = None
    entry = None
    if content is not None:
        units = [
            u for u in selectors.units_of(agency_ids={service.agency_id}) if str(u.pk) in content.unit_ids
        ]
        entry = ServiceView(service=service, content=content, version=version, units=units)
    return render(
        request,
        "catalog/editor/preview.html",
        {"service": service, "version": version, "content": content, "entry": entry},
    )


def _version_number(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if number > 0 else None


@editor_required
@require_http_methods(["GET", "HEAD"])
def version_compare(request: HttpRequest, service_id: UUID) -> HttpResponse:
    service = _service(request, service_id)
    versions = list(selectors.versions_of(service=service))
    numbers = [v.number for v in versions]
    status = 200
    error = None
    old_n, new_n = _version_number(request.GET.get("de")), _version_number(request.GET.get("para"))
    if "de" not in request.GET and "para" not in request.GET:
        # By default: the published version against the newest one, or the two newest.
        new_n = numbers[0] if numbers else None
        published = service.published_version.number if service.published_version_id else None
        old_n = published if published and published != new_n else (numbers[1] if len(numbers) > 1 else new_n)
    elif old_n not in numbers or new_n not in numbers:
        error = _("Escolha duas versões existentes deste serviço.")
        status = 400
    changes = []
    old = new = None
    if error is None and old_n and new_n:
        old = selectors.version_of(service=service, number=old_n)
        new = selectors.version_of(service=service, number=new_n)
        changes = diff_content(
            old.content,
            new.content,
            category_names=selectors.category_names,
            unit_names=selectors.unit_names,
        )
    return render(
        request,
        "catalog/editor/compare.html",
        {
            "service": service,
            "versions": versions,
            "old": old,
            "new": new,
            "old_n": old_n,
            "new_n": new_n,
            "changes": changes,
            "error": error,
        },
        status=status,
    )


AUDIT_LABELS = {
    "catalog.service.create": gettext_lazy("Serviço criado"),
    "catalog.version.draft": gettext_lazy("Nova versão em rascunho"),
    "catalog.version.update": gettext_lazy("Rascunho alterado"),
    "catalog.version.submit": gettext_lazy("Enviado para revisão"),
    "catalog.version.return": gettext_lazy("Devolvido para rascunho"),
    "catalog.version.discard": gettext_lazy("Versão descartada"),
    "catalog.version.publish": gettext_lazy("Versão publicada"),
    "catalog.service.review": gettext_lazy("Revisão confirmada"),
    "catalog.service.unpublish": gettext_lazy("Serviço retirado do portal"),
    "catalog.service.review_overdue": gettext_lazy("Revisão atrasada sinalizada"),
}


@editor_required
@require_http_methods(["GET", "HEAD"])
def service_audit(request: HttpRequest, service_id: UUID) -> HttpResponse:
    service = _service(request, service_id)
    page = Paginator(selectors.service_audit_trail(service=service), 50).get_page(request.GET.get("pagina"))
    numbers = {str(pk): n for pk, n in service.versions.values_list("pk", "number")}
    rows = [
        {
            "event": event,
            "label": AUDIT_LABELS.get(event.action, event.action),
            "version": numbers.get(event.target_id) if event.target_type.endswith("serviceversion") else None,
        }
        for event in page
    ]
    return render(request, "catalog/editor/audit.html", {"service": service, "page": page, "rows": rows})
