"""Who may enter the Área do Servidor."""

from __future__ import annotations

import functools

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.shortcuts import render

from .. import selectors


def servant_required(view):
    """Signed in, and holding an active role in some agency or a platform administrator; anyone
    else signed in gets a 403 page that explains how to get access."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not selectors.has_servant_access(request.user):
            return render(request, "servants/no_role.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper
