"""'Solicitar pela internet': the portal's door to a digital service. The person signs in with
MT Login and their sign-in must reach the level the Carta declares for the service
(min_login_level; ouro only with the certificate); below it, the step-up page explains how to
raise the level and brings them back here."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_GET

from plataforma.identity.auth_flow import session_meets_level
from plataforma.identity.levels.selectors import level_gate_url

from .. import selectors


@require_GET
def service_access(request: HttpRequest, slug: str) -> HttpResponse:
    view = selectors.service_detail(slug=slug)  # 404 for unknown or unpublished services
    content = view.content
    if not content.is_digital or not content.digital_url:
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    required = view.service.min_login_level
    if not session_meets_level(request, required):
        return HttpResponseRedirect(level_gate_url(required=required, next_url=request.get_full_path()))
    # The address comes from the published Carta (an editor's decision), not from the request.
    return HttpResponseRedirect(str(content.digital_url))
