"""The comprovante of a manifestação (Lei 13.460 art. 12 I-II): what was lodged, when, its
protocol and answer deadline, with an authentication code anyone checks at /autenticidade/,
as a page and a PDF (same template)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from plataforma.common.authcodes import authcode_display, authentication_qr_svg
from plataforma.common.calendar import CUIABA
from plataforma.common.documents import mask_cpf

from .models import Manifestation, ManifestationIdentity


def verification_url(request: HttpRequest, code: str) -> str:
    try:
        base = reverse("common:authenticity")
    except NoReverseMatch:
        base = "/autenticidade/"
    return request.build_absolute_uri(f"{base}?{urlencode({'codigo': authcode_display(code)})}")


def receipt_context(*, request: HttpRequest, manifestation: Manifestation, urls: dict) -> dict[str, Any]:
    """The author's own comprovante: their name and masked CPF when identified (they are the one
    reading it), nothing when anonymous."""
    identity = None
    if not manifestation.is_anonymous:
        identity = ManifestationIdentity.objects.filter(manifestation=manifestation).first()
    code = manifestation.receipt_code
    url = verification_url(request, code) if code else ""
    return {
        "m": manifestation,
        "author_name": identity.full_name if identity else "",
        "author_cpf": mask_cpf(identity.cpf) if identity and identity.cpf else "",
        "received_at": manifestation.received_at.astimezone(CUIABA),
        "code": authcode_display(code) if code else "",
        "verification_url": url,
        "verification_page": url.split("?", 1)[0],
        "qr_svg": authentication_qr_svg(url=url) if url else "",
        "issued_at": timezone.now().astimezone(CUIABA),
        "urls": urls,
    }


def receipt_pdf(*, request: HttpRequest, manifestation: Manifestation, urls: dict) -> bytes:
    """The comprovante as PDF (WeasyPrint, never reaching the network: see catalog/pdf.py)."""
    from plataforma.catalog.pdf import render_pdf

    context = {
        **receipt_context(request=request, manifestation=manifestation, urls=urls),
        "base_template": "ombudsman/print_base.html",
        "for_pdf": True,
    }
    html = render_to_string("ombudsman/author/receipt.html", context, request=request)
    return render_pdf(html, base_url=request.build_absolute_uri("/"))
