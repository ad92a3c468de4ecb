"""The scheduling demo: DETRAN-MT units of the catalogue demo get calendars, hours, desks and
offerings through the gestor's services, and a month of past attendance consistent with the
slots' counters and the queue; the gestor's figures page and the panel show numbers; a second run
writes nothing.

The catalogue demo is loaded once for the module inside a transaction rolled back at the end (as
in catalog/tests/test_demo_data.py), so other modules never see it."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time, timedelta

import pytest
from django.db import transaction
from django.db.models import Count, Max, Q
from django.test import TestCase, override_settings
from django.urls import reverse

from plataforma.catalog.demo.loader import LoadReport, load_demo
from plataforma.catalog.demo.mtlogin import CITIZENS
from plataforma.catalog.models import Service
from plataforma.catalog.tests.factories import restore_reference_rows
from plataforma.common.calendar import CUIABA
from plataforma.common.models import AuditEvent
from plataforma.monitoring.models import SchedulingIndicator
from plataforma.monitoring.services import indicators_refresh
from plataforma.scheduling import geo
from plataforma.scheduling.demo import UNITS, _gestor, load_scheduling_demo
from plataforma.scheduling.demo_history import HISTORY_DAYS
from plataforma.scheduling.models import (
    Appointment,
    AppointmentStatus,
    Desk,
    Mode,
    Offering,
    OpeningHours,
    Slot,
    Ticket,
    TicketSequence,
    TicketStatus,
    UnitCalendar,
)
from plataforma.scheduling.services.queue import queue_close_past_days
from plataforma.scheduling.services.slots import local_today

pytestmark = pytest.mark.django_db
FAST_HASHER = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "plataforma.identity.hashers.ClientSecretHasher",
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        assert not Service.objects.exists()
        with transaction.atomic():
            restore_reference_rows()
            load_demo()
            report = LoadReport()
            with TestCase.captureOnCommitCallbacks(execute=True):
                first = load_scheduling_demo(report)
            counts = (Appointment.objects.count(), Ticket.objects.count(), Slot.objects.count())
            with TestCase.captureOnCommitCallbacks(execute=True) as second_callbacks:
                second = load_scheduling_demo()
            yield {
                "first": first,
                "second": second,
                "second_callbacks": second_callbacks,
                "counts": counts,
                "report": report,
                "audit": AuditEvent.objects.filter(action__startswith="scheduling.").count(),
            }
            transaction.set_rollback(True)


def test_every_demo_unit_and_service_exists_in_the_catalogue_demo(demo):
    assert demo["first"].calendars == len(UNITS)
    expected = sum(len(spec.offerings) for spec in UNITS)
    assert demo["first"].offerings == expected == Offering.objects.count()
    assert demo["first"].desks == sum(len(spec.desks) for spec in UNITS) == Desk.objects.count()
    assert demo["report"].created["agendas de unidades"] == len(UNITS)


def test_a_second_run_writes_nothing(demo):
    assert not demo["second"].created_anything
    assert demo["second_callbacks"] == []
    assert AuditEvent.objects.filter(action__startswith="scheduling.").count() == demo["audit"]
    assert (Appointment.objects.count(), Ticket.objects.count(), Slot.objects.count()) == demo["counts"]


def test_hours_coordinates_and_prefixes(demo):
    for spec in UNITS:
        calendar = UnitCalendar.objects.select_related("unit").get(unit__name=spec.name)
        assert calendar.accepts_bookings and calendar.ticket_prefix == spec.prefix
        lat, lon = geo.city_coordinates(calendar.unit.city)
        assert float(calendar.latitude) == pytest.approx(lat) and float(calendar.longitude) == pytest.approx(
            lon
        )
        hours = set(OpeningHours.objects.filter(calendar=calendar).values_list("weekday", "opens", "closes"))
        weekdays = {(d, time(7, 30), time(17, 30)) for d in range(5)}
        assert hours == (weekdays | {(5, time(8), time(12))} if spec.saturday else weekdays)


def test_offerings_have_priority_seats_one_is_by_video_and_slots_were_made(demo):
    offerings = Offering.objects.select_related("service")
    assert offerings.filter(priority_reserved__gte=1).count() >= len(UNITS)
    video = offerings.get(mode=Mode.VIDEO)
    assert video.service.name == "Apresentar defesa ou recurso de multa de trânsito"
    assert video.calendar.unit.name == "Sede do DETRAN-MT"
    for offering in offerings:
        assert offering.priority_reserved <= offering.capacity
        assert Slot.objects.filter(offering=offering, open=True).exists(), offering
    assert all(o.service.agency.acronym == "DETRAN-MT" and o.service.is_published for o in offerings)


def test_the_changes_were_made_by_the_agencys_gestor_and_audited(demo):
    events = AuditEvent.objects.filter(action="scheduling.offering_create").select_related("actor")
    assert events.count() == Offering.objects.count()
    assert {
        e.actor.agency_roles.filter(role="gestor").values_list("agency__acronym", flat=True).first()
        for e in events
    } == {"DETRAN-MT"}


# --- the past month ------------------------------------------------------------------------------


def _past():
    return datetime.combine(local_today(), time.min, CUIABA)


def test_every_unit_has_a_month_of_past_attendance_of_every_kind(demo):
    first = demo["first"]
    assert first.past_appointments > 1000 and first.past_tickets > 1000 and first.people > 0
    assert demo["report"].created["agendamentos passados"] == first.past_appointments
    earliest = local_today() - timedelta(days=HISTORY_DAYS)
    past = Appointment.objects.filter(starts_at__lt=_past())
    assert past.filter(starts_at__lt=datetime.combine(earliest, time.min, CUIABA)).count() == 0
    for spec in UNITS:
        at_unit = past.filter(offering__calendar__unit__name=spec.name)
        statuses = set(at_unit.values_list("status", flat=True))
        assert statuses == {AppointmentStatus.DONE, AppointmentStatus.NO_SHOW, AppointmentStatus.CANCELLED}
        walk_ins = Ticket.objects.filter(calendar__unit__name=spec.name, appointment__isnull=True)
        assert walk_ins.filter(status=TicketStatus.DONE).exists(), spec.name
    # the past is final: the nightly closing finds nothing left open
    assert queue_close_past_days() == dict.fromkeys(
        ("faltou", "cancelados_pela_unidade", "senhas_canceladas", "senhas_atendidas"), 0
    )
    shares = Counter(past.values_list("status", flat=True))
    held = shares[AppointmentStatus.DONE] + shares[AppointmentStatus.NO_SHOW]
    assert 0.05 < shares[AppointmentStatus.NO_SHOW] / held < 0.2


def test_the_slots_counters_match_their_appointments(demo):
    held = ~Q(appointments__status__in=[AppointmentStatus.CANCELLED, AppointmentStatus.RESCHEDULED])
    slots = (
        Slot.objects.filter(starts_at__lt=_past())
        .annotate(
            regular=Count("appointments", filter=held & Q(appointments__uses_reserved_seat=False)),
            priority=Count("appointments", filter=held & Q(appointments__uses_reserved_seat=True)),
        )
        .values_list("booked_regular", "booked_priority", "regular", "priority", "capacity", "reserved")
    )
    assert slots
    for booked_regular, booked_priority, regular, priority, capacity, reserved in slots:
        assert (booked_regular, booked_priority) == (regular, priority)
        assert booked_regular + booked_priority <= capacity and reserved == 0
    assert Slot.objects.filter(starts_at__lt=_past(), booked_priority__gt=0).exists()


def test_tickets_are_those_of_the_queue(demo):
    done = Appointment.objects.filter(starts_at__lt=_past(), status=AppointmentStatus.DONE)
    in_person = done.filter(offering__mode=Mode.IN_PERSON)
    assert in_person.filter(ticket__isnull=True).count() == 0
    assert done.filter(offering__mode=Mode.VIDEO, ticket__isnull=False).count() == 0
    assert Appointment.objects.filter(status=AppointmentStatus.NO_SHOW, ticket__isnull=False).count() == 0
    for ticket in Ticket.objects.filter(appointment__isnull=False).select_related("appointment")[:300]:
        appointment = ticket.appointment
        assert ticket.day == appointment.starts_at.astimezone(CUIABA).date()
        assert ticket.due_at == appointment.starts_at and ticket.person_id == appointment.person_id
        assert appointment.checked_in_at == ticket.issued_at and appointment.finished_at == ticket.finished_at
        assert ticket.issued_at <= ticket.called_at <= ticket.started_at < ticket.finished_at
        assert ticket.label.split("-")[1][0] == ("P" if appointment.priority else "A")
    # numbers per unit, day and series are those the unit's counter gave
    last = {(s.calendar_id, s.day, s.series): s.last_number for s in TicketSequence.objects.all()}
    seen = Counter()
    for calendar_id, day, label in Ticket.objects.values_list("calendar_id", "day", "label"):
        series = label.split("-")[-1][0]
        seen[(calendar_id, day, series)] += 1
    assert seen == Counter(last)
    assert (
        Ticket.objects.values("calendar_id", "day", "label").annotate(n=Count("id")).filter(n__gt=1).count()
        == 0
    )
    assert TicketSequence.objects.aggregate(m=Max("last_number"))["m"] < 1000


def test_the_history_belongs_to_fictitious_people_not_to_the_demo_accounts(demo):
    people = (
        Appointment.objects.filter(starts_at__lt=_past()).values_list("person__cpf", flat=True).distinct()
    )
    assert not {spec.cpf for spec in CITIZENS} & set(people)
    for person in Appointment.objects.filter(starts_at__lt=_past()).select_related("person")[:20]:
        assert not person.person.has_usable_password() and person.person.email == ""


def test_the_gestors_figures_page_and_the_panel_show_numbers(demo, client):
    client.force_login(_gestor())
    response = client.get(reverse("scheduling_manage:figures"))
    assert response.status_code == 200
    report = response.context["report"]
    assert report.has_data and report.total.appointments > 1000 and report.total.occupancy > 0.3
    assert 0.05 < report.total.no_show_rate < 0.2 and report.total.times.wait_median > 0
    page = response.content.decode()
    assert "Sede do DETRAN-MT" in page and "sem dados" in page  # the video service has no tickets
    assert f"{report.total.occupancy * 100:.1f}%".replace(".", ",") in page
    indicators_refresh()
    detran = SchedulingIndicator.objects.filter(scope="orgao", agency__acronym="DETRAN-MT", month=0)
    assert detran.get().booked > 1000
    panel = client.get(reverse("monitoring:panel_agency", args=["detran-mt"]))
    assert "Atendimento com hora marcada" in panel.content.decode()
