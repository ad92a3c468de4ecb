"""Helpers shared by the account pages."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plataforma.common.ratelimit import Limit, hit

from ..auth_flow import client_ip


def limit(scope: str, setting: str) -> Limit:
    count, seconds = getattr(settings, setting)
    return Limit(scope, count, seconds)


def over_limit(request: HttpRequest, scope: str, setting: str, subject: str | None = None) -> bool:
    """Count one hit of `scope` for `subject` (the client address by default); True when over."""
    return not hit(limit(scope, setting), subject if subject is not None else client_ip(request))


def too_many(request: HttpRequest, message: str | None = None) -> HttpResponse:
    """The 429 page."""
    message = message or _("Foram feitos muitos pedidos em pouco tempo. Aguarde um pouco e tente de novo.")
    return render(request, "identity/rate_limited.html", {"message": message}, status=429)


def wait_text(seconds: int) -> str:
    """'30 segundos', '2 minutos': how long to wait, in words."""
    if seconds < 60:
        return ngettext("%(n)d segundo", "%(n)d segundos", seconds) % {"n": seconds}
    minutes = -(-seconds // 60)
    return ngettext("%(n)d minuto", "%(n)d minutos", minutes) % {"n": minutes}
