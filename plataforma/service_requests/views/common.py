"""Helpers shared by the requester's pages."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from plataforma.common.ratelimit import Limit

from .. import selectors
from ..models import Document, ServiceRequest

# Generous: a person rarely sends more than a few requests in ten minutes; scripts stop here.
SUBMIT_LIMIT = Limit("service_requests.submit", 30, 600)
ACT_LIMIT = Limit("service_requests.act", 60, 600)
UPLOAD_LIMIT = Limit("service_requests.document_upload", 60, 3600)


def acting_company(request: HttpRequest):
    return getattr(request, "acting_company", None)


def requester_request_or_404(request: HttpRequest, protocol: str) -> ServiceRequest:
    """The request, if the person signed in is its requester side (the person who asked, or —
    for a company's request — someone acting for that company now); 404 otherwise, so that
    nobody learns that a protocol exists."""
    found = selectors.request_for_requester(
        user=request.user, protocol=protocol, acting_company=acting_company(request)
    )
    if found is None:
        raise Http404
    return found


def see_other(url: str) -> HttpResponse:
    """303 See Other: after a POST, the browser GETs the next page (no resubmission)."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def too_many(request: HttpRequest, message: str | None = None) -> HttpResponse:
    message = message or _(
        "Foram feitos muitos envios em pouco tempo. Aguarde alguns minutos e tente de novo."
    )
    return render(request, "identity/rate_limited.html", {"message": message}, status=429)


def bad_request(request: HttpRequest, errors: Iterable[str]) -> HttpResponse:
    return render(request, "400.html", {"errors": list(errors)}, status=400)


def forbidden(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "service_requests/citizen/forbidden.html", {"message": message}, status=403)


def apply_errors(form, exc: ValidationError, *, field_map: dict[str, str] | None = None) -> None:
    """Put a service's ValidationError on the form: dict keys on their fields (renamed through
    `field_map`), anything else on the form as a whole."""
    field_map = field_map or {}
    if hasattr(exc, "error_dict"):
        for key, errors in exc.message_dict.items():
            name = field_map.get(key, key)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def area_documents(*, user, company):
    """The documents a person may reuse: their own (as a natural person), or the company's
    while acting for it. Deleted ones are hidden."""
    documents = Document.objects.filter(deleted_at__isnull=True)
    if company is not None:
        return documents.filter(company=company)
    return documents.filter(owner=user, company__isnull=True)
