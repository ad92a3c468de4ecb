"""Test data of the citizen's side of scheduling (pages, API, calendar file, reminders): a published
service whose Carta lists documents, units with calendars open every day, offerings with their
slots made by the core (services.slots), people, and appointments booked through the core
(services.booking) or written straight to the database where a test needs an odd state."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from plataforma.catalog.models import Agency, Service
from plataforma.catalog.tests.factories import AgencyFactory, ServiceUnitFactory, published_service
from plataforma.common.calendar import CUIABA
from plataforma.identity.models import AgencyRole, Level
from plataforma.identity.tests.factories import UserFactory, make_editor

from ..models import Appointment, Mode, Offering, OpeningHours, Slot, UnitCalendar
from ..services.booking import appointment_book
from ..services.slots import local_today, offering_slots_refresh, opening_intervals

DOCUMENTS = ["Documento de identidade com foto", "Comprovante de residência"]
CUIABA_POINT = ("-15.601400", "-56.097900")
RONDONOPOLIS_POINT = ("-16.470800", "-54.635600")
SINOP_POINT = ("-11.864200", "-55.509400")


def person(**kwargs):
    kwargs.setdefault("email_verified_at", timezone.now())
    kwargs.setdefault("level", Level.PRATA)
    return UserFactory(**kwargs)


def servant(agency: Agency, role: str = AgencyRole.Role.ATTENDANT):
    user = person()
    AgencyRole.objects.create(user=user, agency=agency, role=role)
    return user


def bookable_service(agency: Agency | None = None, *, min_login_level: str = "bronze", **content) -> Service:
    """A published, in-person service whose Carta asks for DOCUMENTS (in two steps, one repeated)."""
    agency = agency or AgencyFactory()
    content.setdefault("name", f"Emitir carteira de identidade {uuid.uuid4().hex[:6]}")
    content.setdefault(
        "steps",
        [
            {
                "title": "Agendar o atendimento",
                "description": "Escolha a unidade, o dia e o horário.",
                "documents": [DOCUMENTS[0]],
                "costs": [],
                "channels": [],
            },
            {
                "title": "Ir à unidade",
                "description": "Compareça no horário marcado.",
                "documents": [DOCUMENTS[0], DOCUMENTS[1]],
                "costs": [],
                "channels": [],
            },
        ],
    )
    content.setdefault("is_digital", False)
    return published_service(
        agency=agency, editor=make_editor(agency), min_login_level=min_login_level, **content
    )


def unit_calendar(
    agency: Agency,
    *,
    name: str | None = None,
    city: str = "Cuiabá",
    point: tuple[str, str] = CUIABA_POINT,
    opens: time = time(8),
    closes: time = time(18),
    **unit_fields,
) -> UnitCalendar:
    """A unit open every day of the week (holidays still close it), 08:00 to 18:00."""
    unit_fields.setdefault("phone", "(65) 3613-0000")
    unit_fields.setdefault("email", "atendimento@example.org")
    unit = ServiceUnitFactory(
        agency=agency, name=name or f"Ganha Tempo {uuid.uuid4().hex[:5]}", city=city, **unit_fields
    )
    calendar = UnitCalendar.objects.create(unit=unit, latitude=Decimal(point[0]), longitude=Decimal(point[1]))
    for weekday in range(7):
        OpeningHours.objects.create(calendar=calendar, weekday=weekday, opens=opens, closes=closes)
    return calendar


def offering_at(calendar: UnitCalendar, service: Service, **rules) -> Offering:
    rules.setdefault("duration_minutes", 30)
    rules.setdefault("capacity", 2)
    rules.setdefault("horizon_days", 30)
    rules.setdefault("min_notice_hours", 2)
    rules.setdefault("per_person_limit", 2)
    offering = Offering.objects.create(calendar=calendar, service=service, **rules)
    offering_slots_refresh(offering=offering)
    return offering


def open_day(calendar: UnitCalendar, *, after: date | None = None) -> date:
    """The first day strictly after `after` (default: 2 days from today) when the unit opens."""
    day = (after or local_today() + timedelta(days=2)) + timedelta(days=1)
    for _attempt in range(60):
        if opening_intervals(calendar, day):
            return day
        day += timedelta(days=1)
    raise AssertionError("no open day within 60 days")


def slot_on(offering: Offering, day: date, at: time = time(9)) -> Slot:
    return Slot.objects.get(offering=offering, starts_at=datetime.combine(day, at, CUIABA))


def bookable_slot(offering: Offering) -> Slot:
    return slot_on(offering, open_day(offering.calendar))


def book(who, slot: Slot, *, priority: str = "", key: str | None = None) -> Appointment:
    appointment, _created = appointment_book(
        person=who, slot_id=slot.pk, priority=priority, idempotency_key=key or uuid.uuid4().hex
    )
    return appointment


def appointment_raw(who, offering: Offering, *, starts_at: datetime, **fields) -> Appointment:
    """An appointment written straight to the database (with its own slot), for states the booking
    service would refuse to create now (one starting in a few hours, one in the past)."""
    slot, _ = Slot.objects.get_or_create(
        offering=offering,
        starts_at=starts_at,
        defaults={
            "ends_at": starts_at + timedelta(minutes=offering.duration_minutes),
            "capacity": offering.capacity,
            "booked_regular": 1,
        },
    )
    fields.setdefault("code", "".join(secrets.choice("ABCDEFGHJKMNPQRSTUVWXYZ23456789") for _ in range(8)))
    fields.setdefault("idempotency_key", uuid.uuid4().hex)
    return Appointment.objects.create(slot=slot, offering=offering, person=who, starts_at=starts_at, **fields)


@dataclass
class World:
    """One agency's service booked at two units (Cuiabá and Sinop), and two people."""

    agency: Agency
    service: Service
    calendar: UnitCalendar
    offering: Offering
    far_calendar: UnitCalendar
    far_offering: Offering
    citizen: object
    other: object


def world(*, mode: str = Mode.IN_PERSON, min_login_level: str = "bronze", **rules) -> World:
    suffix = uuid.uuid4().hex[:4]
    agency = AgencyFactory(
        name=f"Secretaria de Estado de Segurança Pública {suffix}", acronym=f"SESP{suffix}"
    )
    service = bookable_service(agency, min_login_level=min_login_level)
    near = unit_calendar(agency, name="Ganha Tempo Cuiabá", city="Cuiabá", point=CUIABA_POINT)
    far = unit_calendar(agency, name="Ganha Tempo Sinop", city="Sinop", point=SINOP_POINT)
    return World(
        agency=agency,
        service=service,
        calendar=near,
        offering=offering_at(near, service, mode=mode, **rules),
        far_calendar=far,
        far_offering=offering_at(far, service, mode=mode, **rules),
        citizen=person(full_name="Maria da Silva Souza", phone_number="+5565999991234"),
        other=person(full_name="João Pereira Lima"),
    )


# --- the apps' API ---------------------------------------------------------------------------------

API = "/api/v1"


def app_client():
    """The MT Cidadão app, registered as a public client allowed the scheduling scope."""
    from plataforma.identity.oidc.models import OIDCClient

    return OIDCClient.objects.create(
        name="MT Cidadão",
        client_type=OIDCClient.CLIENT_PUBLIC,
        authorization_grant_type=OIDCClient.GRANT_AUTHORIZATION_CODE,
        redirect_uris="https://app.mt.gov.br/callback",
        allowed_scopes="openid profile solicitacoes agendamentos",
        algorithm=OIDCClient.RS256,
    )


def issue_token(user, client, *, scope: str = "openid agendamentos", expires_in: int = 300) -> str:
    """A real MT Login access token (a DOT row, stored as its checksum)."""
    from oauth2_provider.models import get_access_token_model, set_token_value

    raw = secrets.token_urlsafe(30)
    token = get_access_token_model()(
        user=user, application=client, scope=scope, expires=timezone.now() + timedelta(seconds=expires_in)
    )
    set_token_value(token, raw)
    token.save()
    return raw


@dataclass
class ApiCaller:
    """A test client that sends one bearer token to /api/v1."""

    token: str = ""

    def _headers(self, extra: dict) -> dict:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {self.token}"} if self.token else {}
        headers.update(extra)
        return headers

    def get(self, path: str, data=None, **extra):
        from django.test import Client

        return Client().get(API + path, data or {}, **self._headers(extra))

    def post(self, path: str, payload=None, *, key: str | None = None, **extra):
        from django.test import Client

        if key is not None:
            extra["HTTP_IDEMPOTENCY_KEY"] = key
        if payload is None:
            return Client().post(API + path, **self._headers(extra))
        return Client().post(API + path, payload, content_type="application/json", **self._headers(extra))
