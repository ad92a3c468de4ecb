"""'Solicitar pela internet': the portal's door to a digital service. The person signs in with
MT Login and their sign-in must reach the level the Carta declares for the service
(min_login_level; ouro only with the certificate); below it, the step-up page explains how to
raise the level and brings them back here. A service whose request form is open on the platform
(service_requests, Lei 14.129 art. 21 II) is requested here, on the portal's own form."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_GET

from plataforma.identity.auth_flow import session_meets_level
from plataforma.identity.levels.selectors import level_gate_url

from .. import selectors


@require_GET
def service_access(request: HttpRequest, slug: str) -> HttpResponse:
    view = selectors.service_detail(slug=slug)  # 404 for unknown or unpublished services
    content = view.content
    on_platform = _takes_requests_here(view.service)
    if not on_platform and (not content.is_digital or not content.digital_url):
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    required = view.service.min_login_level
    if not session_meets_level(request, required):
        return HttpResponseRedirect(level_gate_url(required=required, next_url=request.get_full_path()))
    if on_platform:
        return HttpResponseRedirect(reverse("service_requests:submit", kwargs={"slug": view.service.slug}))
    # The address comes from the published Carta (an editor's decision), not from the request.
    return HttpResponseRedirect(str(content.digital_url))


def _takes_requests_here(service) -> bool:
    """True when the service's request form is open on the platform (one query)."""
    try:
        request_form = service.request_form
    except ObjectDoesNotExist:
        return False
    return bool(request_form.accepts_requests and request_form.current_version_id)
