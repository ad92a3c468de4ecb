"""Helpers shared by the ouvidoria's pages."""

from __future__ import annotations

import functools
import time

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from plataforma.common.ratelimit import Limit

LODGE_LIMIT = Limit("ombudsman.lodge", 20, 3600)
ACT_LIMIT = Limit("ombudsman.act", 60, 600)
RECEIPT_PDF_LIMIT = Limit("ombudsman.receipt_pdf", 30, 600)
FOLLOW_SESSION_KEY = "ombudsman_follow"
NEW_CODE_SESSION_KEY = "ombudsman_new_code"
FOLLOW_GRANT_SECONDS = 30 * 60
MAX_GRANTS = 10


def client_address(request: HttpRequest) -> str:
    from plataforma.common.context import current_context

    return current_context().ip_address or request.META.get("REMOTE_ADDR", "") or "-"


def see_other(url: str) -> HttpResponse:
    """303 See Other: after a POST the browser GETs the next page (no resubmission)."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def too_many(request: HttpRequest, message: str | None = None) -> HttpResponse:
    message = message or _(
        "Foram feitos muitos envios em pouco tempo. Aguarde alguns minutos e tente de novo."
    )
    return render(request, "identity/rate_limited.html", {"message": message}, status=429)


def no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


def signed_in(view):
    """Pages that need an MT Login account: anonymous people go to the sign-in page first."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def apply_errors(form, exc: ValidationError, *, field_map: dict[str, str] | None = None) -> None:
    """A service's ValidationError on the form: dict keys on their fields (renamed through
    `field_map`), anything else on the form as a whole."""
    field_map = field_map or {}
    if hasattr(exc, "error_dict"):
        for key, errors in exc.message_dict.items():
            name = field_map.get(key, key)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# --- access by code: grants kept in the session ---------------------------------------------------


def follow_grants(request: HttpRequest) -> set[str]:
    """Ids of the manifestações whose access code this browser proved in the last 30 minutes."""
    now = time.time()
    grants = request.session.get(FOLLOW_SESSION_KEY, {})
    if not isinstance(grants, dict):
        return set()
    return {key for key, until in grants.items() if isinstance(until, int | float) and until > now}


def follow_grant(request: HttpRequest, manifestation_id: str) -> None:
    now = time.time()
    grants = {k: v for k, v in request.session.get(FOLLOW_SESSION_KEY, {}).items() if v > now}
    grants[str(manifestation_id)] = now + FOLLOW_GRANT_SECONDS
    if len(grants) > MAX_GRANTS:
        grants = dict(sorted(grants.items(), key=lambda item: item[1])[-MAX_GRANTS:])
    request.session[FOLLOW_SESSION_KEY] = grants


def follow_revoke(request: HttpRequest, manifestation_id: str) -> None:
    grants = request.session.get(FOLLOW_SESSION_KEY, {})
    if isinstance(grants, dict) and str(manifestation_id) in grants:
        request.session[FOLLOW_SESSION_KEY] = {k: v for k, v in grants.items() if k != str(manifestation_id)}


def follow_revoke_all(request: HttpRequest) -> None:
    request.session.pop(FOLLOW_SESSION_KEY, None)
    request.session.pop(NEW_CODE_SESSION_KEY, None)
