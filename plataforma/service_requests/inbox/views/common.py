"""Helpers shared by the inbox pages."""

from __future__ import annotations

import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

from ...models import ServiceRequest
from .. import selectors


def signed_in(view):
    """Pages of the Área do Servidor: anonymous people go to the sign-in page first."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def work_request_or_404(request: HttpRequest, protocol: str) -> ServiceRequest:
    """The request, if the person holds a servant role in its agency; 404 for everyone else
    (citizens, servants of other agencies, editors of the Carta), so nobody learns whether a
    protocol exists."""
    found = selectors.request_for_work(user=request.user, protocol=protocol)
    if found is None:
        raise Http404
    return found


def see_other(url: str) -> HttpResponse:
    """303 See Other: after a POST the browser GETs the next page (no resubmission)."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def forbidden(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "service_requests/inbox/forbidden.html", {"message": message}, status=403)


def apply_errors(form, exc: ValidationError, *, field_map: dict[str, str] | None = None) -> None:
    """A service's ValidationError on the form: dict keys on their fields, the rest on the form."""
    field_map = field_map or {}
    if hasattr(exc, "error_dict"):
        for key, errors in exc.message_dict.items():
            name = field_map.get(key, key)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
