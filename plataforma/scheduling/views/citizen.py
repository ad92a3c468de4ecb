"""The citizen's booking flow (Lei 14.129 art. 21 III; Resolução 002/2021 art. 1 §4):
service → unit (nearest first) → day (a month with free counts) → time → confirm with MT Login
(views/citizen_confirm.py).

Browsing units, days and times needs no sign-in. The same pages move an existing appointment
(`?remarcar=<código>`, the person's own, while it may still be changed). Malformed parameters
answer 400 with the reason; nothing here writes.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from plataforma.catalog import selectors as catalog_selectors
from plataforma.common.calendar import CUIABA

from ..models import Appointment, Mode, Offering
from ..places import WEEKDAY_NAMES, municipality_names, person_place, place_from_text
from ..selectors.availability import (
    MAX_DAYS,
    bookable_offerings,
    bookable_window,
    day_slots,
    service_availability,
)
from ..services.slots import local_today
from .citizen_account import too_late_response
from .citizen_common import (
    Flow,
    FlowError,
    add_months,
    appointment_to_reschedule,
    can_change,
    day_label,
    flow_error_response,
    login_first,
    month_bounds,
    month_label,
    month_weeks,
    parse_day,
    parse_month,
    read_flow,
)

TEMPLATES = "scheduling/citizen/"
WEEKDAY_SHORT = ["Seg", "Ter", "Qua", "Qui", "Sex", "Sáb", "Dom"]


# --- shared steps --------------------------------------------------------------------------------


def _service(slug: str):
    """The published service (Http404 for an unknown, draft-only or unpublished one)."""
    view = catalog_selectors.service_detail(slug=slug)
    return view.service


def _offering(service, offering_id) -> Offering:
    offering = bookable_offerings(service=service).filter(pk=offering_id).first()
    if offering is None:
        raise Http404
    return offering


def flow_state(request: HttpRequest, service) -> tuple[Flow, Appointment | None, HttpResponse | None]:
    """The flow's parameters and the appointment being moved, or a response that ends the
    request here (400 for malformed parameters, sign-in for a reschedule, 409 when the
    appointment may no longer be moved)."""
    try:
        flow = read_flow(request)
    except FlowError as exc:
        return Flow(), None, flow_error_response(request, str(exc))
    if not flow.reschedule_code:
        return flow, None, None
    if not request.user.is_authenticated:
        return flow, None, login_first(request)
    appointment = appointment_to_reschedule(request, flow)
    if appointment.offering.service_id != service.pk:
        raise Http404
    if not can_change(appointment, now=timezone.now()):
        return flow, appointment, too_late_response(request, appointment)
    # a move keeps the priority declared when booking (and its reserved seat)
    return replace(flow, priority=bool(appointment.priority)), appointment, None


def base_context(service, flow: Flow, reschedule: Appointment | None) -> dict:
    return {"service": service, "flow": flow, "reschedule": reschedule, "agency": service.agency}


# --- 1. units ------------------------------------------------------------------------------------


@require_GET
def units(request: HttpRequest, slug: str) -> HttpResponse:
    """The units that book this service, nearest first (from the municipality or CEP typed, or the
    person's saved address), each with its first free time."""
    service = _service(slug)
    flow, reschedule, stop = flow_state(request, service)
    if stop is not None:
        return stop
    mode = request.GET.get("modalidade", "")
    if mode not in ("", *Mode.values):
        return flow_error_response(request, _("Modalidade inválida."))
    offerings = list(bookable_offerings(service=service))
    if not offerings:
        raise Http404(_("Este serviço não tem agendamento pela internet."))
    typed = flow.city
    place = place_from_text(typed) if typed else person_place(request.user)
    point = place.point
    if place.cep:
        # the next pages carry the municipality, not the CEP (less about the person in URLs)
        flow = replace(flow, city=place.name)
    status = 400 if place.error else 200
    now = timezone.now()
    availability = service_availability(
        service=service,
        start=local_today(now),
        days=MAX_DAYS,
        mode=mode or None,
        priority=flow.priority,
        near=point,
        now=now,
    )
    rows = []
    for item in availability:
        url, label = "", ""
        if item.first_free is not None:
            first = timezone.localtime(item.first_free, CUIABA)
            url = reverse("scheduling_citizen:month", args=[service.slug, item.offering.pk]) + flow.query(
                mes=f"{first:%Y-%m}"
            )
            label = _("%(day)s, às %(time)s") % {"day": day_label(first.date()), "time": f"{first:%H:%M}"}
        rows.append({"item": item, "url": url, "first_label": label})
    context = {
        **base_context(service, flow, reschedule),
        "rows": rows,
        "typed": typed,
        "place": place,
        "city": place.name,
        "city_from_address": bool(place.from_address and point),
        "city_found": point is not None,
        "city_error": place.error,
        "city_notice": place.notice,
        "cities": municipality_names(),
        "modes": sorted({o.mode for o in offerings}),
        "mode": mode,
        "mode_choices": [(value, label) for value, label in Mode.choices],
        "max_days": MAX_DAYS,
    }
    return render(request, TEMPLATES + "units.html", context, status=status)


WEEKDAY_HEADERS = list(zip(WEEKDAY_SHORT, WEEKDAY_NAMES, strict=True))


# --- 2. month ------------------------------------------------------------------------------------


@require_GET
def month(request: HttpRequest, slug: str, offering_id) -> HttpResponse:
    """A month of one unit's offering: free times per day, as an accessible calendar table."""
    service = _service(slug)
    offering = _offering(service, offering_id)
    flow, reschedule, stop = flow_state(request, service)
    if stop is not None:
        return stop
    now = timezone.now()
    today = local_today(now)
    earliest, latest = bookable_window(offering, now)
    window = (
        timezone.localtime(earliest, CUIABA).date(),
        (latest - timedelta(seconds=1)).astimezone(CUIABA).date(),
    )
    try:
        first = parse_month(request.GET.get("mes", ""), default=window[0])
    except FlowError as exc:
        return flow_error_response(request, str(exc))
    month_start, month_end = month_bounds(first.year, first.month)
    start, end = max(month_start, today), min(month_end, window[1])
    free_by_day: dict = {}
    if start <= end:
        found = service_availability(
            service=service,
            start=start,
            days=(end - start).days + 1,
            mode=offering.mode,
            priority=flow.priority,
            now=now,
        )
        for item in found:
            if item.offering.pk == offering.pk:
                free_by_day = {d.day: d.free_slots for d in item.days}
    query = flow.query()
    month_year = _("de %(month_year)s") % {"month_year": month_label(first)}
    weeks = [
        [
            {
                "cell": cell,
                "weekday": WEEKDAY_NAMES[cell.day.weekday()] if cell.day else "",
                "month_year": month_year,
                "url": reverse(
                    "scheduling_citizen:day", args=[service.slug, offering.pk, cell.day.isoformat()]
                )
                + query
                if cell.free
                else "",
            }
            for cell in week
        ]
        for week in month_weeks(first, free_by_day=free_by_day, window=window)
    ]
    previous_month = add_months(first, -1)
    next_month = add_months(first, 1)
    month_url = reverse("scheduling_citizen:month", args=[service.slug, offering.pk])
    context = {
        **base_context(service, flow, reschedule),
        "offering": offering,
        "unit": offering.calendar.unit,
        "month_label": month_label(first),
        "weeks": weeks,
        "total_free": sum(free_by_day.values()),
        "previous_url": month_url + flow.query(mes=f"{previous_month:%Y-%m}")
        if month_bounds(previous_month.year, previous_month.month)[1] >= window[0]
        else "",
        "previous_label": month_label(previous_month),
        "next_url": month_url + flow.query(mes=f"{next_month:%Y-%m}") if next_month <= window[1] else "",
        "next_label": month_label(next_month),
        "window_end": window[1],
        "units_url": reverse("scheduling_citizen:units", args=[service.slug]) + query,
        "weekday_headers": WEEKDAY_HEADERS,
    }
    return render(request, TEMPLATES + "month.html", context)


# --- 3. day --------------------------------------------------------------------------------------


@require_GET
def day(request: HttpRequest, slug: str, offering_id, day: str) -> HttpResponse:
    """The free times of one day of one unit's offering."""
    service = _service(slug)
    offering = _offering(service, offering_id)
    flow, reschedule, stop = flow_state(request, service)
    if stop is not None:
        return stop
    try:
        chosen = parse_day(day)
    except FlowError as exc:
        return flow_error_response(request, str(exc))
    slots = day_slots(offering=offering, day=chosen, priority=flow.priority)
    context = {
        **base_context(service, flow, reschedule),
        "offering": offering,
        "unit": offering.calendar.unit,
        "day": chosen,
        "day_label": day_label(chosen),
        "slots": slots,
    }
    return render(request, TEMPLATES + "day.html", context)
