"""Who may enter: anonymous → sign-in; no role → 403 page; objects of other agencies → 404."""

from __future__ import annotations

import functools

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.shortcuts import render

from ...services.forms_admin import form_editor_agency_ids, workflow_editor_agency_ids


def form_editor_required(view):
    """Signed in, and `carta_editor` or `gestor` of at least one agency; sets
    request.form_agency_ids and request.workflow_agency_ids."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        request.form_agency_ids = form_editor_agency_ids(request.user)
        request.workflow_agency_ids = workflow_editor_agency_ids(request.user)
        if not request.form_agency_ids:
            return render(request, "service_requests/editor/no_role.html", {"need": "forms"}, status=403)
        return view(request, *args, **kwargs)

    return wrapper


def workflow_editor_required(view):
    """Signed in, and `gestor` of at least one agency."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        request.form_agency_ids = form_editor_agency_ids(request.user)
        request.workflow_agency_ids = workflow_editor_agency_ids(request.user)
        if not request.workflow_agency_ids:
            return render(request, "service_requests/editor/no_role.html", {"need": "workflows"}, status=403)
        return view(request, *args, **kwargs)

    return wrapper
