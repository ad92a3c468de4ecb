"""The apps read their notifications with the same MT Login token as their requests."""

import pytest
from django.test import Client

from plataforma.notifications.services import notification_send

from .conftest import API

pytestmark = pytest.mark.django_db


def test_a_person_reads_and_marks_their_notifications_with_their_token(person, other_person, as_person):
    mine = notification_send(user=person, title="Pedido recebido", body="Protocolo registrado.")
    notification_send(user=other_person, title="De outra pessoa", body="Não é sua.")
    listed = as_person.get("/notificacoes").json()
    assert listed["total"] == 1 and listed["unread"] == 1
    assert listed["items"][0]["title"] == "Pedido recebido"
    assert as_person.post(f"/notificacoes/{mine.pk}/lida").status_code == 200
    assert as_person.get("/notificacoes").json()["unread"] == 0


def test_without_a_token_the_notifications_stay_closed():
    assert Client().get(f"{API}/notificacoes").status_code == 401
