"""Rate limits of the forms that create companies or look up CPFs (settings block "MT Login:
companies and servants"). Shared with the Área do Servidor's members page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from plataforma.common.ratelimit import Limit, hit


def tie_request_limit() -> Limit:
    return Limit("companies.tie_request", *settings.MTLOGIN_TIE_REQUEST_LIMIT)


def cpf_lookup_limit() -> Limit:
    return Limit("companies.cpf_lookup", *settings.MTLOGIN_CPF_LOOKUP_LIMIT)


def allowed(request: HttpRequest, limit: Limit) -> bool:
    """Count one use by the signed-in person; False when they are over the limit."""
    return hit(limit, str(request.user.pk))


def too_many(request: HttpRequest, *, back: str = "companies:home") -> HttpResponse:
    """429 page; `back` names the page to go back to."""
    return render(request, "companies/rate_limited.html", {"back": back}, status=429)
