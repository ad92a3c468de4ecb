"""MTI's public pages (no sign-in): the Catálogo de Serviços Padronizados with current prices and
their history compared with the market, the decided technical justifications and the published
integration guidance. Anything not public (a draft, an unpublished page, an unknown code) → 404."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ..selectors import mti as reads
from .common import PUBLIC, parse_key, public_crumbs

T = PUBLIC + "mti/"


def _catalogue_crumbs(*pairs):
    return public_crumbs(
        (reverse("governance:mti_public_catalogue"), _("Catálogo de serviços da MTI")), *pairs
    )


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    context = {
        "groups": reads.public_catalogue(),
        "crumbs": public_crumbs(("", _("Catálogo de serviços da MTI"))),
    }
    return render(request, T + "catalogue.html", context)


@require_GET
def service(request: HttpRequest, code: str) -> HttpResponse:
    item = reads.service_by_code(parse_key(code))
    if item is None:
        raise Http404
    context = {
        "service": item,
        "current": reads.current_price(item),
        "upcoming": reads.future_price(item),
        "history": reads.approved_history(item),
        "crumbs": _catalogue_crumbs(("", item.code)),
    }
    return render(request, T + "service.html", context)


@require_GET
def justifications(request: HttpRequest) -> HttpResponse:
    context = {
        "items": reads.public_justifications(),
        "crumbs": public_crumbs(("", _("Justificativas técnicas da MTI"))),
    }
    return render(request, T + "justifications.html", context)


@require_GET
def justification(request: HttpRequest, number: str) -> HttpResponse:
    item = reads.public_justification(parse_key(number))
    if item is None:
        raise Http404
    crumbs = public_crumbs(
        (reverse("governance:mti_public_justifications"), _("Justificativas técnicas da MTI")),
        ("", item.number),
    )
    return render(request, T + "justification.html", {"item": item, "crumbs": crumbs})


@require_GET
def guides(request: HttpRequest) -> HttpResponse:
    context = {
        "pages": reads.published_guides(),
        "crumbs": public_crumbs(("", _("Orientações de integração"))),
    }
    return render(request, T + "guides.html", context)


@require_GET
def guide(request: HttpRequest, slug: str) -> HttpResponse:
    page = reads.published_guide(parse_key(slug))
    if page is None:
        raise Http404
    crumbs = public_crumbs(
        (reverse("governance:mti_public_guides"), _("Orientações de integração")), ("", page.title)
    )
    return render(
        request, T + "guide.html", {"page": page, "blocks": reads.guide_blocks(page), "crumbs": crumbs}
    )
