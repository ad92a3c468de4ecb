"""The periodic deadline notices and the e-mail to authors without an account."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from plataforma.notifications.models import Notification

from .. import services
from ..models import Channel, Kind, Manifestation
from ..tasks import email_author, notify_deadlines
from .factories import lodge

pytestmark = pytest.mark.django_db


def _due_in(m, days):
    Manifestation.objects.filter(pk=m.pk).update(answer_due_at=timezone.now() + timedelta(days=days))


def test_ouvidores_hear_once_of_deadlines_about_to_expire_and_expired(world):
    soon = lodge(world.author, agency=world.agency).manifestation
    late = lodge(world.author, agency=world.agency).manifestation
    far = lodge(world.author, agency=world.agency).manifestation
    _due_in(soon, 2)
    _due_in(late, -1)
    result = notify_deadlines()
    assert result["due_soon"] == 1 and result["overdue"] == 1
    notes = Notification.objects.filter(user=world.ouvidor)
    assert notes.count() == 2
    assert any(soon.protocol in n.body for n in notes) and any(late.protocol in n.body for n in notes)
    assert not any(far.protocol in n.body for n in notes)
    assert Notification.objects.filter(user=world.general, body__contains=late.protocol).exists()
    assert not Notification.objects.filter(user=world.other_ouvidor).exists()
    assert not Notification.objects.filter(user=world.author, title__contains="vencem").exists()
    # a second run sends nothing
    assert notify_deadlines() == {"due_soon": 0, "overdue": 0, "forwardings": 0}
    assert Notification.objects.filter(user=world.ouvidor).count() == 2


def test_an_extension_lets_the_new_deadline_be_announced_again(world):
    m = services.manifestation_start_analysis(
        actor=world.ouvidor, manifestation=lodge(world.author, agency=world.agency).manifestation
    )
    _due_in(m, 1)
    notify_deadlines()
    m.refresh_from_db()
    services.manifestation_extend(actor=world.ouvidor, manifestation=m, reason="Laudo.")
    Manifestation.objects.filter(pk=m.pk).update(answer_due_at=timezone.now() + timedelta(days=3))
    assert notify_deadlines()["due_soon"] == 1


def test_a_suspended_clock_is_not_announced(world):
    m = services.manifestation_start_analysis(
        actor=world.ouvidor, manifestation=lodge(world.author, agency=world.agency).manifestation
    )
    services.manifestation_request_info(actor=world.ouvidor, manifestation=m, question="?")
    _due_in(m, -1)
    assert notify_deadlines()["overdue"] == 0


def test_manifestations_without_agency_are_announced_to_the_general_ouvidoria(world):
    m = lodge(world.author).manifestation
    _due_in(m, 1)
    notify_deadlines()
    assert Notification.objects.filter(user=world.general, body__contains=m.protocol).exists()


def test_the_area_is_reminded_of_requests_due_soon(world):
    m = services.manifestation_start_analysis(
        actor=world.ouvidor, manifestation=lodge(world.author, agency=world.agency).manifestation
    )
    fwd = services.manifestation_forward(
        actor=world.ouvidor, manifestation=m, area="A", extract="e", question="q"
    )
    fwd.__class__.objects.filter(pk=fwd.pk).update(due_at=timezone.now() + timedelta(days=2))
    assert notify_deadlines()["forwardings"] == 1
    assert Notification.objects.filter(user=world.analyst, title__contains="ouvidoria").exists()
    assert Notification.objects.filter(user=world.manager, title__contains="ouvidoria").exists()
    assert not Notification.objects.filter(user=world.attendant).exists()
    assert notify_deadlines()["forwardings"] == 0


def test_an_author_without_account_gets_an_email_without_the_content(
    world, django_capture_on_commit_callbacks
):
    result = services.manifestation_lodge(
        actor=world.ouvidor,
        kind=Kind.COMPLAINT,
        title="Por carta",
        description="Conteúdo sigiloso do relato.",
        channel=Channel.LETTER,
        agency=world.agency,
        desk_identity=services.DeskIdentity(full_name="José da Silva", email="jose@example.org"),
    )
    mail.outbox.clear()
    m = result.manifestation
    services.manifestation_start_analysis(actor=world.ouvidor, manifestation=m)
    with django_capture_on_commit_callbacks(execute=True):
        services.manifestation_request_info(actor=world.ouvidor, manifestation=m, question="Qual o endereço?")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["jose@example.org"] and m.protocol in message.body
    assert "sigiloso" not in message.body and "Qual o endereço?" not in message.body
    assert (
        email_author(
            manifestation_id=str(lodge(world.author, agency=world.agency).manifestation.pk), title="x"
        )
        is False
    )
