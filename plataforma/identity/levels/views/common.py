"""Small helpers shared by the level pages."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from plataforma.common.ratelimit import Limit, hit
from plataforma.identity.auth_flow import client_ip

DESK_LOOKUP_LIMIT = Limit("levels.desk_lookup", 120, 3600)
CERTIFICATE_LIMIT = Limit("levels.certificate", 20, 600)
EXTERNAL_LIMIT = Limit("levels.external", 5, 3600)


def over_limit(request: HttpRequest, limit: Limit, *, per_user: bool = True) -> bool:
    subject = str(request.user.pk) if per_user and request.user.is_authenticated else client_ip(request)
    return not hit(limit, subject)


def too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "levels/rate_limited.html", status=429)


def certificate_entry_url() -> str:
    """Where the certificate button points: the host that asks browsers for a certificate."""
    return settings.MTLOGIN_CERT_ENTRY_URL or reverse("levels:certificate")
