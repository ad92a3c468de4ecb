"""The site shell: home, accessibility (eMAG), open-data guide, contrast preference and the
error pages. Thin views; catalogue reads come from catalog.selectors."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from plataforma.catalog import selectors
from plataforma.identity.auth_flow import session_meets_level
from plataforma.identity.levels.selectors import level_gate_url

from .data_access import data_accesses

# X-VIA's records are found by CPF: shown to a session whose CPF is proven
XVIA_RECORDS_LEVEL = "prata"

CONTRAST_COOKIE = "contraste"
CONTRAST_MAX_AGE = 365 * 24 * 60 * 60


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "audiences": selectors.audiences_with_counts(),
        "categories": selectors.categories_with_counts(),
        "highlights": selectors.home_highlights(),
    }
    return render(request, "portal/home.html", context)


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")


@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/open_data.html")


@never_cache
@require_GET
def contrast(request: HttpRequest) -> HttpResponse:
    """Turn the high-contrast theme on (?modo=alto) or off (?modo=normal) without JavaScript:
    it only stores the preference in a cookie, then goes back to `next` if it is on this site."""
    mode = request.GET.get("modo", "")
    if mode not in ("alto", "normal"):
        mode = "normal" if request.COOKIES.get(CONTRAST_COOKIE) == "alto" else "alto"
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("portal:home")
    response = HttpResponseRedirect(next_url)
    if mode == "alto":
        response.set_cookie(
            CONTRAST_COOKIE,
            "alto",
            max_age=CONTRAST_MAX_AGE,
            samesite="Lax",
            httponly=True,
            secure=settings.SESSION_COOKIE_SECURE,
        )
    else:
        response.delete_cookie(CONTRAST_COOKIE, samesite="Lax")
    return response


# --- Error pages (handler400/403/404/500 and CSRF_FAILURE_VIEW) --------------------------------


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    if isinstance(exception, (TooManyFieldsSent, TooManyFilesSent, RequestDataTooBig)):
        # The request's parameters cannot be read at all (the page shell reads the search box's
        # value from them): render without the request, as the 500 page does.
        errors = [_("O endereço ou o formulário tem parâmetros demais ou é grande demais.")]
        return HttpResponse(loader.get_template("400.html").render({"errors": errors}), status=400)
    return render(request, "400.html", {"errors": []}, status=400)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without the request context: no context processor runs, so the page never
    touches the database (which may be what failed)."""
    return HttpResponse(loader.get_template("500.html").render({}), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    context = {"reason_text": _("O formulário expirou ou foi enviado de outro site.")}
    return render(request, "403_csrf.html", context, status=403)


@login_required
@never_cache
@require_GET
def data_access(request: HttpRequest) -> HttpResponse:
    """'Quem acessou meus dados': the person's own list, never anyone else's."""
    period = request.GET.get("periodo", "90")
    days = {"30": 30, "90": 90, "365": 365, "tudo": None}
    if period not in days:
        period = "90"
    since = timezone.now() - timedelta(days=days[period]) if days[period] else None
    proven = session_meets_level(request, XVIA_RECORDS_LEVEL)
    context = {
        "accesses": data_accesses(user=request.user, since=since, include_xvia=proven),
        "level_url": ""
        if proven
        else level_gate_url(required=XVIA_RECORDS_LEVEL, next_url=request.get_full_path()),
        "period": period,
        "periods": [("30", _("30 dias")), ("90", _("90 dias")), ("365", _("1 ano")), ("tudo", _("Tudo"))],
    }
    return render(request, "portal/data_access.html", context)
