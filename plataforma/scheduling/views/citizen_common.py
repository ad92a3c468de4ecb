"""What the citizen's booking pages share: the flow's query parameters, the signed idempotency key,
where the person is (for "nearest first"), the month grid, opening hours as text, the QR code."""

from __future__ import annotations

import calendar as pycalendar
import io
import re
import uuid
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plataforma.common.ratelimit import Limit

from ..models import AppointmentStatus, Offering, Priority
from ..places import WEEKDAY_NAMES
from ..selectors.appointments import appointment_of_person
from ..services.booking import appointment_code_normalise, cancel_deadline

KEY_FIELD = "_envio"
# Generous for a person (a few bookings, retries); a script that loops is stopped.
BOOK_LIMIT = Limit("scheduling.book", 30, 600)
CHANGE_LIMIT = Limit("scheduling.change", 30, 600)
MAX_CITY_LENGTH = 100

MONTH_NAMES = [
    "",
    gettext_lazy("janeiro"),
    gettext_lazy("fevereiro"),
    gettext_lazy("março"),
    gettext_lazy("abril"),
    gettext_lazy("maio"),
    gettext_lazy("junho"),
    gettext_lazy("julho"),
    gettext_lazy("agosto"),
    gettext_lazy("setembro"),
    gettext_lazy("outubro"),
    gettext_lazy("novembro"),
    gettext_lazy("dezembro"),
]


# --- idempotency key of the confirm page ---------------------------------------------------------


def _signer(user) -> signing.Signer:
    return signing.Signer(salt=f"scheduling.book:{user.pk}")


def new_booking_key(user) -> str:
    return _signer(user).sign(uuid.uuid4().hex)


def read_booking_key(user, signed: str) -> str | None:
    """The idempotency key from the page's signed value, or None if it was tampered with."""
    try:
        value = _signer(user).unsign((signed or "")[:200])
    except signing.BadSignature:
        return None
    return value if len(value) == 32 and value.isalnum() else None


# --- the flow's parameters -----------------------------------------------------------------------


@dataclass(frozen=True)
class Flow:
    """What the person chose so far, carried in the query string from page to page."""

    priority: bool = False
    reschedule_code: str = ""
    city: str = ""

    def query(self, **extra) -> str:
        params = {}
        if self.priority:
            params["prioridade"] = "1"
        if self.reschedule_code:
            params["remarcar"] = self.reschedule_code
        if self.city:
            params["cidade"] = self.city
        params.update({k: v for k, v in extra.items() if v})
        return ("?" + urlencode(params)) if params else ""


class FlowError(Exception):
    """A malformed flow parameter: answered 400 with the message."""


def read_flow(request: HttpRequest) -> Flow:
    priority = request.GET.get("prioridade", "")
    if priority not in ("", "0", "1"):
        raise FlowError(_("O parâmetro “prioridade” deve ser 0 ou 1."))
    code_text = request.GET.get("remarcar", "")
    code = ""
    if code_text:
        code = appointment_code_normalise(code_text[:20]) or ""
        if not code:
            raise FlowError(_("O código do agendamento a remarcar é inválido."))
    city = " ".join(request.GET.get("cidade", "").split())
    if len(city) > MAX_CITY_LENGTH or not city.isprintable():
        raise FlowError(_("O nome do município pode ter no máximo 100 caracteres."))
    return Flow(priority=priority == "1", reschedule_code=code, city=city)


def flow_error_response(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "400.html", {"errors": [message]}, status=400)


def appointment_to_reschedule(request: HttpRequest, flow: Flow):
    """The person's appointment named by `remarcar`, if it may still be moved now; Http404 for a
    code that is not theirs (nobody learns that it exists). None without `remarcar`."""
    if not flow.reschedule_code:
        return None
    appointment = appointment_of_person(person=request.user, code=flow.reschedule_code)
    if appointment is None:
        raise Http404
    return appointment


def can_change(appointment, *, now) -> bool:
    """Whether the person may still cancel or reschedule on the platform."""
    return appointment.status == AppointmentStatus.BOOKED and now <= cancel_deadline(appointment)


def login_first(request: HttpRequest) -> HttpResponse:
    return redirect_to_login(request.get_full_path())


def too_many(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "identity/rate_limited.html", {"message": message}, status=429)


def see_other(url: str) -> HttpResponse:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


# --- month grid ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayCell:
    day: date | None  # None: padding before the 1st or after the last day
    free: int = 0
    bookable: bool = False  # within the booking window (a 0 then means "full" or "closed")


def month_bounds(year: int, month: int) -> tuple[date, date]:
    last = pycalendar.monthrange(year, month)[1]
    return date(year, month, 1), date(year, month, last)


def parse_month(text: str, default: date) -> date:
    """The first day of the month "AAAA-MM"; FlowError when malformed or absurd."""
    if not text:
        return default.replace(day=1)
    match = re.fullmatch(r"(\d{4})-(\d{2})", text[:10])
    if not match:
        raise FlowError(_("Mês inválido: use o formato AAAA-MM, por exemplo 2026-03."))
    year, month = int(match.group(1)), int(match.group(2))
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise FlowError(_("Mês inválido: use o formato AAAA-MM, por exemplo 2026-03."))
    return date(year, month, 1)


def parse_day(text: str) -> date:
    try:
        day = date.fromisoformat(text[:10]) if len(text) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise FlowError(_("Dia inválido: use o formato AAAA-MM-DD."))
    return day


def month_weeks(
    first: date, *, free_by_day: dict[date, int], window: tuple[date, date]
) -> list[list[DayCell]]:
    """Weeks (Monday first) of the month starting at `first`, each a list of seven cells."""
    low, high = window
    weeks: list[list[DayCell]] = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        row = []
        for day in week:
            if day.month != first.month:
                row.append(DayCell(None))
            else:
                row.append(DayCell(day, free_by_day.get(day, 0), low <= day <= high))
        weeks.append(row)
    return weeks


def month_label(first: date) -> str:
    return f"{MONTH_NAMES[first.month]} de {first.year}"


def day_label(day: date) -> str:
    """ "quarta-feira, 11 de março de 2026"."""
    return f"{WEEKDAY_NAMES[day.weekday()]}, {day.day} de {MONTH_NAMES[day.month]} de {day.year}"


def add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


# --- the QR code of the appointment code ---------------------------------------------------------


def code_qr_svg(code: str) -> str:
    """Inline SVG of a QR code holding the appointment's code, for the desk's reader at check-in.
    No inline styles (strict CSP), role="img" with a Portuguese name."""
    import segno

    qr = segno.make(code, error="m")
    out = io.BytesIO()
    qr.save(
        out,
        kind="svg",
        scale=5,
        border=4,
        dark="#000",
        light="#fff",
        xmldecl=False,
        svgns=True,
        svgclass="sched-qr",
        lineclass=None,
        omitsize=False,
    )
    svg = re.sub(r'\sstyle="[^"]*"', "", out.getvalue().decode())
    name = _("QR code com o código do agendamento, para ler na recepção")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(name)}" ', 1)


def priority_choices() -> list[tuple[str, str]]:
    return [("", _("Não, sem prioridade"))] + [(v, label) for v, label in Priority.choices if v]


def offering_mode_label(offering: Offering) -> str:
    return offering.get_mode_display()
