"""Helpers shared by X-VIA's pages."""

from __future__ import annotations

import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

from ..access import can_use_administration


def see_other(url: str) -> HttpResponse:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


def administration(view):
    """Anonymous people go to sign in; people with no X-VIA role get a 403 page."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_use_administration(request.user):
            return render(request, "xvia_central/staff/no_role.html", status=403)
        return no_store(view(request, *args, **kwargs))

    return wrapper


def apply_errors(form, exc: ValidationError) -> None:
    """A service's ValidationError on the form: keys on their fields, the rest on the form."""
    if hasattr(exc, "error_dict"):
        for key, errors in exc.message_dict.items():
            form.add_error(key if key in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
