"""The reminder the day before: in the platform and by e-mail, once per appointment whatever the
number of workers (a conditional UPDATE claims each one; tested with parallel workers on
PostgreSQL), only for booked appointments within the lead time that were booked before it."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

from plataforma.notifications.models import Notification

from .. import reminders
from ..models import Appointment, AppointmentStatus, Mode
from ..reminders import send_appointment_reminders
from .factories_citizen import DOCUMENTS, appointment_raw, person, world

pytestmark = pytest.mark.django_db


def _due(w, who, *, hours: float = 20, booked_days_ago: int = 3, **fields) -> Appointment:
    """An appointment starting in `hours`, booked `booked_days_ago` days ago."""
    starts_at = (timezone.now() + timedelta(hours=hours)).replace(second=0, microsecond=0)
    appointment = appointment_raw(who, w.offering, starts_at=starts_at, **fields)
    Appointment.objects.filter(pk=appointment.pk).update(
        created_at=timezone.now() - timedelta(days=booked_days_ago)
    )
    return appointment


def _reminders_of(user):
    return Notification.objects.filter(user=user, title__startswith="Lembrete")


def test_an_appointment_tomorrow_is_reminded_in_the_platform_and_by_e_mail(
    django_capture_on_commit_callbacks,
):
    w = world()
    appointment = _due(w, w.citizen)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_appointment_reminders() == 1
    notification = _reminders_of(w.citizen).get()
    assert w.service.name in notification.title
    assert f"{appointment.code[:4]}-{appointment.code[4:]}" in notification.body
    assert w.calendar.unit.name in notification.body and w.calendar.unit.address in notification.body
    assert all(document in notification.body for document in DOCUMENTS)
    assert notification.url == f"/conta/agendamentos/{appointment.code}/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [w.citizen.email]
    assert "Lembrete" in mail.outbox[0].subject
    appointment.refresh_from_db()
    assert appointment.reminded_at is not None


def test_a_second_run_sends_nothing_more():
    w = world()
    _due(w, w.citizen)
    assert send_appointment_reminders() == 1
    assert send_appointment_reminders() == 0
    assert _reminders_of(w.citizen).count() == 1


@pytest.mark.parametrize(
    ("case", "kwargs"),
    [
        ("too far ahead", {"hours": 30}),
        ("already past", {"hours": -1}),
        ("cancelled", {"status": AppointmentStatus.CANCELLED}),
        ("rescheduled", {"status": AppointmentStatus.RESCHEDULED}),
        ("checked in", {"status": AppointmentStatus.CHECKED_IN}),
        ("booked within the lead time", {"booked_days_ago": 0}),
    ],
)
def test_who_is_not_reminded(case, kwargs):
    w = world()
    appointment = _due(w, w.citizen, **kwargs)
    assert send_appointment_reminders() == 0, case
    assert not _reminders_of(w.citizen).exists()
    appointment.refresh_from_db()
    assert appointment.reminded_at is None


def test_an_appointment_already_reminded_is_not_reminded_again():
    w = world()
    _due(w, w.citizen, reminded_at=timezone.now() - timedelta(hours=1))
    assert send_appointment_reminders() == 0


def test_the_lead_time_is_configurable(settings):
    w = world()
    _due(w, w.citizen, hours=40)
    assert send_appointment_reminders() == 0
    settings.SCHEDULING_REMINDER_LEAD_HOURS = 48
    assert send_appointment_reminders() == 1


def test_video_and_phone_reminders_say_how_the_attendance_happens():
    video = world(mode=Mode.VIDEO)
    _due(video, video.citizen)
    phone = world(mode=Mode.PHONE)
    _due(phone, phone.citizen)
    assert send_appointment_reminders() == 2
    assert "por vídeo" in _reminders_of(video.citizen).get().body
    assert "por telefone" in _reminders_of(phone.citizen).get().body


def test_one_failing_reminder_does_not_hold_back_the_others_and_is_retried(monkeypatch):
    w = world()
    broken_person = person()
    broken = _due(w, broken_person, hours=10)
    fine = _due(w, w.citizen, hours=12)
    real_send = reminders.notification_send

    def send(*, user, **kwargs):
        if user.pk == broken_person.pk:
            raise RuntimeError("falha simulada")
        return real_send(user=user, **kwargs)

    monkeypatch.setattr(reminders, "notification_send", send)
    assert send_appointment_reminders() == 1
    broken.refresh_from_db()
    fine.refresh_from_db()
    assert broken.reminded_at is None  # its claim was rolled back with the failure
    assert fine.reminded_at is not None
    monkeypatch.setattr(reminders, "notification_send", real_send)
    assert send_appointment_reminders() == 1
    assert _reminders_of(broken_person).count() == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_workers_remind_each_appointment_exactly_once():
    if connection.vendor != "postgresql":
        pytest.skip("row locks of concurrent workers: PostgreSQL only")
    w = world()
    people = [person() for _ in range(6)]
    appointments = [_due(w, who, hours=2 + i * 0.5) for i, who in enumerate(people * 4)]
    workers = 8
    barrier = threading.Barrier(workers)
    sent: list[int] = []
    errors: list[BaseException] = []

    def run():
        try:
            barrier.wait()
            sent.append(send_appointment_reminders())
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert sum(sent) == len(appointments)
    for who in people:
        assert _reminders_of(who).count() == 4
    assert not Appointment.objects.filter(
        pk__in=[a.pk for a in appointments], reminded_at__isnull=True
    ).exists()
