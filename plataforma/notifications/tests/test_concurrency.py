"""Two workers running the same delivery at once (acks late, a redelivered message) send one
e-mail: the row lock serialises them and the second sees `emailed_at` set. PostgreSQL only."""

import threading
import time

import pytest
from django.core import mail
from django.db import connection, connections

from plataforma.notifications.channels import EmailChannel
from plataforma.notifications.tasks import deliver_notification

from .factories import NotificationFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_two_workers_delivering_the_same_notification_send_one_email(monkeypatch):
    notification = NotificationFactory()
    original_send = EmailChannel.send

    def slow_send(self, *, notification):
        time.sleep(0.3)  # keep the lock held while the other worker arrives
        original_send(self, notification=notification)

    monkeypatch.setattr(EmailChannel, "send", slow_send)
    start = threading.Barrier(2)
    results: list[int] = []
    errors: list[BaseException] = []

    def worker():
        try:
            start.wait(timeout=10)
            results.append(deliver_notification(notification_id=str(notification.pk)))
        except BaseException as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(results) == [0, 1]
    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.emailed_at is not None
