"""The delivery task: idempotent, retried after a failure, and driven by the channel registry."""

from smtplib import SMTPRecipientsRefused

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from plataforma.notifications import channels
from plataforma.notifications.models import NotificationPreference
from plataforma.notifications.tasks import DeliveryFailed, deliver_notification

from .factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_running_the_task_twice_sends_one_email():
    notification = NotificationFactory()
    assert deliver_notification(notification_id=str(notification.pk)) == 1
    assert deliver_notification(notification_id=str(notification.pk)) == 0
    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_a_failed_send_leaves_the_notification_unsent_and_a_retry_sends_it(monkeypatch):
    notification = NotificationFactory()

    def refuse(self, messages):
        raise ConnectionRefusedError("SMTP server down")

    with monkeypatch.context() as patch:
        patch.setattr(EmailBackend, "send_messages", refuse)
        with pytest.raises(DeliveryFailed) as error:
            deliver_notification.run(notification_id=str(notification.pk))
    assert str(error.value) == "email: ConnectionRefusedError" and error.value.__cause__ is None
    notification.refresh_from_db()
    assert notification.emailed_at is None and mail.outbox == []
    assert deliver_notification(notification_id=str(notification.pk)) == 1
    assert len(mail.outbox) == 1


def test_a_refused_recipient_is_not_retried_and_its_address_not_logged(monkeypatch, caplog):
    notification = NotificationFactory()
    address = notification.user.email

    def refuse(self, messages):
        raise SMTPRecipientsRefused({address: (550, b"no such user")})

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    assert deliver_notification(notification_id=str(notification.pk)) == 0
    notification.refresh_from_db()
    assert notification.emailed_at is None
    assert address not in caplog.text and str(notification.pk) in caplog.text


def test_the_preference_is_read_when_the_task_runs():
    notification = NotificationFactory()
    NotificationPreference.objects.create(user=notification.user, email=False)
    assert deliver_notification(notification_id=str(notification.pk)) == 0
    assert mail.outbox == []


def test_an_unknown_or_deleted_notification_sends_nothing():
    assert deliver_notification(notification_id="3f2b8c1e-1111-4c3a-9a8b-0123456789ab") == 0
    notification = NotificationFactory()
    pk = str(notification.pk)
    notification.delete()
    assert deliver_notification(notification_id=pk) == 0 and mail.outbox == []


class RecordingChannel:
    """A second channel, as SMS would be: it reuses `read_at` as its marker only to keep the test small."""

    key = "teste"
    label = "Canal de teste"
    sent_field = "read_at"

    def __init__(self):
        self.sent = []

    def allows(self, *, user, preference):
        return bool(user.phone_number)

    def send(self, *, notification):
        self.sent.append(notification.pk)


@pytest.fixture
def recording_channel():
    channel = channels.register(RecordingChannel())
    yield channel
    channels._registry.pop(channel.key)


def test_the_task_uses_every_registered_channel_the_person_allows(recording_channel):
    with_phone = NotificationFactory(user__phone_number="+5565999998888")
    without_phone = NotificationFactory(user=UserFactory(email_verified_at=None))
    assert deliver_notification(notification_id=str(with_phone.pk)) == 2
    assert deliver_notification(notification_id=str(without_phone.pk)) == 0
    assert deliver_notification(notification_id=str(with_phone.pk)) == 0
    assert recording_channel.sent == [with_phone.pk] and len(mail.outbox) == 1


def test_the_email_channel_is_registered():
    assert [c.key for c in channels.registered()] == ["email"]
