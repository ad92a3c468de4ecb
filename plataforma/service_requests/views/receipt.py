"""The comprovante of a request: printable page and PDF, for the requester side only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from plataforma.common.ratelimit import Limit, hit

from .. import receipt as receipts
from .common import requester_request_or_404, too_many

# Rendering a PDF is costly: generous for a person, a script that loops is stopped.
RECEIPT_PDF_LIMIT = Limit("service_requests.receipt_pdf", 30, 600)


@login_required
@require_GET
def receipt(request: HttpRequest, protocol: str) -> HttpResponse:
    service_request = requester_request_or_404(request, protocol)
    context = {
        **receipts.receipt_context(request=request, service_request=service_request),
        "base_template": "base.html",
        "for_pdf": False,
    }
    return render(request, "service_requests/citizen/receipt.html", context)


@login_required
@require_GET
def receipt_pdf(request: HttpRequest, protocol: str) -> HttpResponse:
    service_request = requester_request_or_404(request, protocol)
    if not hit(RECEIPT_PDF_LIMIT, str(request.user.pk)):
        return too_many(
            request,
            _("Foram pedidos muitos comprovantes em pouco tempo. Aguarde alguns minutos e tente de novo."),
        )
    pdf = receipts.receipt_pdf(request=request, service_request=service_request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="comprovante-{service_request.protocol}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
