"""Who may enter the back office, and finding a service among the agencies the user edits."""

from __future__ import annotations

import functools
from uuid import UUID

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.shortcuts import render

from plataforma.catalog.models import Service
from plataforma.catalog.permissions import check_can_edit_agency, editable_agency_ids

from .. import selectors


def editor_required(view):
    """Signed in, and editor of at least one agency; sets request.editor_agency_ids."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        agency_ids = editable_agency_ids(request.user)
        if not agency_ids:
            return render(request, "catalog/editor/no_role.html", status=403)
        request.editor_agency_ids = agency_ids
        return view(request, *args, **kwargs)

    return wrapper


def _service(request: HttpRequest, service_id: UUID) -> Service:
    service = selectors.service_for_editor(service_id=service_id, agency_ids=request.editor_agency_ids)
    check_can_edit_agency(request.user, service.agency_id)
    return service
