"""Public pages of the exceptions (Resolução 002/2021/NGD art. 1 §3): the services the State
delivers outside the official platforms with the Núcleo's approval, why, until when, and how the
migration plan is going. Only approved, under-review, closed and revoked exceptions are public;
drafts, requests under analysis and declined requests are not (a declined request never took
effect: the service stays bound to the official platforms)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ..models import ExceptionRequest
from ..selectors import exceptions as reads
from .common import PUBLIC, parse_key, public_crumbs

T = PUBLIC + "exceptions/"
PAGE_SIZE = 50


def _bad_request(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "400.html", {"errors": [message]}, status=400)


def _public_statuses():
    labels = dict(ExceptionRequest.Status.choices)
    return [(value, labels[value]) for value in ExceptionRequest.PUBLIC_STATUSES]


@require_GET
def exception_list(request: HttpRequest) -> HttpResponse:
    slug = request.GET.get("orgao", "")
    status = request.GET.get("situacao", "")
    raw_page = request.GET.get("pagina", "1")
    agency = None
    if slug:
        agency = reads.agency_by_slug(slug)
        if agency is None:
            return _bad_request(request, _("Órgão desconhecido. Escolha um órgão da lista."))
    if status and status not in ExceptionRequest.PUBLIC_STATUSES:
        return _bad_request(request, _("Situação desconhecida. Escolha uma situação da lista."))
    if not raw_page.isdigit() or len(raw_page) > 6 or int(raw_page) < 1:
        return _bad_request(request, _("O número da página precisa ser um número inteiro positivo."))
    page = Paginator(reads.public_exceptions(agency=agency, status=status), PAGE_SIZE).get_page(int(raw_page))
    context = {
        "crumbs": public_crumbs((None, _("Exceções às plataformas oficiais"))),
        "page": page,
        "agencies": reads.public_agencies(),
        "statuses": _public_statuses(),
        "agency": agency,
        "status": status,
        "filtered": bool(agency or status),
    }
    return render(request, T + "list.html", context)


@require_GET
def exception_detail(request: HttpRequest, number: str) -> HttpResponse:
    exc = reads.public_exception(parse_key(number))
    if exc is None:
        raise Http404
    context = {
        "crumbs": public_crumbs(
            (reverse("governance:exc_public_list"), _("Exceções às plataformas oficiais")), (None, exc.number)
        ),
        "exc": exc,
        "actions": reads.actions_of(exc),
        "history": reads.history_of(exc),
    }
    return render(request, T + "detail.html", context)
