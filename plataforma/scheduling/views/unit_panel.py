"""The public waiting-room screen of a unit (/painel-de-chamadas/<unidade>/) and its JSON: senhas,
services and desks only, never a person's data (ADR 0026)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from plataforma.common.calendar import CUIABA

from ..selectors import queue as selectors
from .unit import PANEL_REFRESH_SECONDS, _today

# --- The public waiting-room screen ----------------------------------------------------------


def _panel_calendar_or_404(calendar_id):
    calendar = selectors.panel_calendar(calendar_id)
    if calendar is None:
        raise Http404
    return calendar


@never_cache
@require_http_methods(["GET", "HEAD"])
def panel(request: HttpRequest, calendar_id) -> HttpResponse:
    """The screen of the waiting room: the latest calls (senha and desk, nothing personal), in
    large type and high contrast; new calls are read out by screen readers (aria-live polite).
    With JavaScript the page asks for the calls every few seconds; without it, it reloads."""
    calendar = _panel_calendar_or_404(calendar_id)
    calls = selectors.panel_calls(calendar=calendar, day=_today())
    context = {
        "calendar": calendar,
        "unit": calendar.unit,
        "current": calls[0] if calls else None,
        "previous": calls[1:],
        "refresh_seconds": PANEL_REFRESH_SECONDS,
        "endpoint": reverse("scheduling_unit:panel_calls", args=[calendar.pk]),
    }
    return render(request, "scheduling/unit/panel.html", context)


@never_cache
@require_http_methods(["GET", "HEAD"])
def panel_calls(request: HttpRequest, calendar_id) -> JsonResponse:
    calendar = _panel_calendar_or_404(calendar_id)
    return JsonResponse(
        {
            "unidade": calendar.unit.name,
            "atualizado_em": timezone.localtime(timezone.now(), CUIABA).strftime("%H:%M:%S"),
            "chamadas": selectors.panel_calls(calendar=calendar, day=_today()),
        }
    )
