"""Demo scheduling: DETRAN-MT's headquarters, two ciretrans and its counters in two Ganha Tempo
buildings take appointments for a handful of in-person services, and the headquarters offers one
service by video. Written by the agency's demo gestor through services.config (audited, slots
made on commit), so the data is what a gestor would produce.

Then a month of past attendance at those units (demo_history.py: appointments attended, missed
and cancelled, walk-in tickets, waiting times), so the gestor's figures page and the panel show
numbers at once.

Idempotent: a unit that already has a scheduling calendar is left untouched (whatever the gestor
changed since stays), and one that already has past tickets gets no history, so a second run
writes nothing. Call after the catalogue demo (the units, services and DETRAN-MT's gestor must
exist), and before the monitoring demo (which computes the panel's indicators):

    from plataforma.scheduling.demo import load_scheduling_demo
    load_scheduling_demo(report)   # report: catalog.demo.loader.LoadReport, optional
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time

from django.db import transaction

from plataforma.catalog.models import Service, ServiceUnit
from plataforma.identity.models import AgencyRole, User

from .demo_history import load_history
from .models import Mode, UnitCalendar
from .services import config

AGENCY = "DETRAN-MT"
WEEKDAYS = ((time(7, 30), time(17, 30)),)  # Monday to Friday
SATURDAY = ((time(8), time(12)),)

CNH_RENEW = "Renovar a Carteira Nacional de Habilitação (CNH)"
CNH_COPY = "Emitir a segunda via da CNH"
TRANSFER = "Transferir a propriedade do veículo"
APPEAL = "Apresentar defesa ou recurso de multa de trânsito"


@dataclass(frozen=True)
class DemoOffering:
    service: str
    mode: str = Mode.IN_PERSON
    duration: int = 20
    capacity: int = 2
    reserved: int = 1
    buffer: int = 0
    notice_hours: int = 2


@dataclass(frozen=True)
class DemoUnit:
    name: str
    prefix: str
    saturday: bool
    desks: tuple[str, ...]
    offerings: tuple[DemoOffering, ...] = field(default_factory=tuple)


UNITS: tuple[DemoUnit, ...] = (
    DemoUnit(
        "Sede do DETRAN-MT",
        "DT",
        saturday=False,
        desks=("Guichê 1", "Guichê 2", "Guichê 3", "Guichê 4", "Sala de videoatendimento"),
        offerings=(
            DemoOffering(CNH_RENEW, capacity=4, reserved=1),
            DemoOffering(CNH_COPY, duration=15, capacity=2, reserved=1),
            DemoOffering(TRANSFER, duration=30, capacity=2, reserved=1),
            DemoOffering(APPEAL, mode=Mode.VIDEO, duration=30, capacity=1, reserved=0, notice_hours=24),
        ),
    ),
    DemoUnit(
        "Ciretran de Rondonópolis",
        "CR",
        saturday=False,
        desks=("Guichê 1", "Guichê 2", "Guichê 3"),
        offerings=(
            DemoOffering(CNH_RENEW, capacity=3, reserved=1),
            DemoOffering(TRANSFER, duration=30, capacity=1, reserved=0, buffer=10),
        ),
    ),
    DemoUnit(
        "Ciretran de Sinop",
        "CS",
        saturday=False,
        desks=("Guichê 1", "Guichê 2"),
        offerings=(
            DemoOffering(CNH_RENEW, capacity=2, reserved=1),
            DemoOffering(TRANSFER, duration=30, capacity=1, reserved=0, buffer=10),
        ),
    ),
    DemoUnit(
        "Ganha Tempo Cuiabá — CPA",
        "GT",
        saturday=True,
        desks=("Guichê DETRAN 1", "Guichê DETRAN 2", "Guichê DETRAN 3"),
        offerings=(
            DemoOffering(CNH_RENEW, capacity=3, reserved=1),
            DemoOffering(CNH_COPY, duration=15, capacity=2, reserved=1),
        ),
    ),
    DemoUnit(
        "Ganha Tempo Várzea Grande",
        "GV",
        saturday=True,
        desks=("Guichê DETRAN 1", "Guichê DETRAN 2"),
        offerings=(
            DemoOffering(CNH_RENEW, capacity=2, reserved=1),
            DemoOffering(CNH_COPY, duration=15, capacity=1, reserved=1),
        ),
    ),
)


@dataclass
class SchedulingDemoReport:
    calendars: int = 0
    offerings: int = 0
    desks: int = 0
    people: int = 0
    past_appointments: int = 0
    past_tickets: int = 0

    @property
    def created_anything(self) -> bool:
        return bool(
            self.calendars
            or self.offerings
            or self.desks
            or self.people
            or self.past_appointments
            or self.past_tickets
        )


def _gestor() -> User | None:
    return (
        User.objects.filter(
            is_active=True,
            agency_roles__agency__acronym=AGENCY,
            agency_roles__role=AgencyRole.Role.MANAGER,
            agency_roles__revoked_at__isnull=True,
        )
        .order_by("date_joined")
        .first()
    )


def _load_unit(spec: DemoUnit, *, actor: User, services: dict[str, Service], result: SchedulingDemoReport):
    unit = ServiceUnit.objects.filter(agency__acronym=AGENCY, name=spec.name).first()
    if unit is None or UnitCalendar.objects.filter(unit=unit).exists():
        return
    with transaction.atomic():
        # coordinates left blank: the seat of the unit's municipality (geo, IBGE)
        calendar = config.unit_calendar_save(
            actor=actor, unit=unit, accepts_bookings=True, ticket_prefix=spec.prefix
        )
        result.calendars += 1
        week = {weekday: list(WEEKDAYS) for weekday in range(5)}
        if spec.saturday:
            week[5] = list(SATURDAY)
        config.opening_hours_set(actor=actor, calendar=calendar, week=week)
        for name in spec.desks:
            config.desk_save(actor=actor, calendar=calendar, name=name)
            result.desks += 1
        for item in spec.offerings:
            service = services.get(item.service)
            if service is None:
                continue
            config.offering_create(
                actor=actor,
                calendar=calendar,
                service=service,
                mode=item.mode,
                rules=config.OfferingRules(
                    duration_minutes=item.duration,
                    capacity=item.capacity,
                    buffer_minutes=item.buffer,
                    horizon_days=30,
                    min_notice_hours=item.notice_hours,
                    per_person_limit=1,
                    priority_reserved=item.reserved,
                ),
            )
            result.offerings += 1


def load_scheduling_demo(report=None) -> SchedulingDemoReport:
    """Give the demo's DETRAN-MT units their scheduling calendars, hours, desks and offerings, and
    a month of past attendance."""
    result = SchedulingDemoReport()
    actor = _gestor()
    if actor is None:
        return result
    names = {o.service for spec in UNITS for o in spec.offerings}
    services = {
        s.name: s for s in Service.objects.filter(agency__acronym=AGENCY, name__in=names, is_published=True)
    }
    for spec in UNITS:
        _load_unit(spec, actor=actor, services=services, result=result)
    calendars = list(
        UnitCalendar.objects.filter(
            unit__agency__acronym=AGENCY, unit__name__in=[spec.name for spec in UNITS]
        ).select_related("unit")
    )
    history = load_history(calendars=calendars, attendant=actor)
    result.people = history.people
    result.past_appointments = history.appointments
    result.past_tickets = history.tickets
    if report is not None:
        report.add("agendas de unidades", result.calendars)
        report.add("serviços agendáveis", result.offerings)
        report.add("guichês", result.desks)
        report.add("pessoas fictícias do histórico de atendimento", result.people)
        report.add("agendamentos passados", result.past_appointments)
        report.add("senhas passadas", result.past_tickets)
    return result
