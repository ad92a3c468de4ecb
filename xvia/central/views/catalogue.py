"""The developers' catalogue of X-VIA services (/xvia/servicos/): for signed-in servants, who
build the systems that call these services through their agency's security server."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..access import can_browse_catalogue
from ..selectors.catalogue import PAGE, catalogue_service, catalogue_services


def _gate(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_browse_catalogue(request.user):
        return render(request, "xvia_central/catalogue/no_access.html", status=403)
    return None


@require_GET
def service_list(request: HttpRequest) -> HttpResponse:
    if refused := _gate(request):
        return refused
    query = request.GET.get("q", "")[:100]
    page = Paginator(catalogue_services(query), PAGE).get_page(request.GET.get("pagina"))
    return render(request, "xvia_central/catalogue/list.html", {"page": page, "query": query})


@require_GET
def service_detail(request: HttpRequest, pk) -> HttpResponse:
    if refused := _gate(request):
        return refused
    service = catalogue_service(pk)
    if service is None:
        raise Http404
    return render(request, "xvia_central/catalogue/detail.html", {"service": service})


@require_GET
def service_openapi(request: HttpRequest, pk) -> HttpResponse:
    if refused := _gate(request):
        return refused
    service = catalogue_service(pk)
    if service is None or not service.openapi_text:
        raise Http404
    response = HttpResponse(
        service.openapi_text.encode("utf-8"), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{service.subsystem.code}-{service.code}-openapi.json"'
    )
    response["X-Content-SHA256"] = service.openapi_sha256
    return response
