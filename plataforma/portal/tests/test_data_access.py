"""'Quem acessou meus dados': each person sees the reads of their own data by others, and only
theirs; nothing about what was read beyond the action in words."""

from datetime import timedelta

import pytest
from django.utils import timezone

from plataforma.common.models import AuditEvent
from plataforma.identity.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/conta/acessos-aos-meus-dados/"


def _access(*, actor, subject, action="service_requests.read", label="2026.DETRANMT.000001-8", days_ago=0):
    event = AuditEvent.objects.create(
        kind=AuditEvent.Kind.ACCESS,
        action=action,
        actor=actor,
        actor_label=actor.audit_label(),
        target_type="service_requests.servicerequest",
        target_id="x",
        target_label=label,
        subject_user_id=subject.pk,
    )
    if days_ago:
        AuditEvent.objects.filter(pk=event.pk).update(occurred_at=timezone.now() - timedelta(days=days_ago))
    return event


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/conta/entrar/" in response["Location"]


def test_the_person_sees_who_read_their_data_and_nobody_else_sees_it(client):
    person, other, servant = UserFactory(), UserFactory(), UserFactory(full_name="Servidora Exemplo")
    _access(actor=servant, subject=person, action="ombudsman.identity.reveal", label="2026.OUV.000001-1")
    _access(actor=servant, subject=other, label="2026.SEFAZ.000009-9")
    # the person's own actions on their data are not "accesses by others"
    _access(actor=person, subject=person, label="2026.DETRANMT.000002-6")

    client.force_login(person)
    body = client.get(URL).content.decode()
    assert "Servidora Exemplo" in body
    assert "A ouvidoria consultou quem registrou uma manifestação sua" in body
    assert "2026.OUV.000001-1" in body
    assert "2026.SEFAZ.000009-9" not in body and "2026.DETRANMT.000002-6" not in body
    assert "1 acesso registrado no período" in body
    assert client.get(URL).headers["Cache-Control"].startswith("max-age=0")

    client.force_login(other)
    body = client.get(URL).content.decode()
    assert "2026.SEFAZ.000009-9" in body and "2026.OUV.000001-1" not in body


def test_the_period_limits_the_list_and_bad_values_fall_back_to_90_days(client):
    person, servant = UserFactory(), UserFactory()
    _access(actor=servant, subject=person, label="RECENTE", days_ago=10)
    _access(actor=servant, subject=person, label="ANTIGO", days_ago=200)
    client.force_login(person)
    assert "ANTIGO" not in client.get(URL).content.decode()
    body = client.get(URL, {"periodo": "tudo"}).content.decode()
    assert "ANTIGO" in body and "RECENTE" in body
    response = client.get(URL, {"periodo": "<script>"})
    assert response.status_code == 200 and "RECENTE" in response.content.decode()
    assert "ANTIGO" not in response.content.decode()
    assert client.post(URL).status_code == 405


def test_unknown_actions_are_said_in_general_words(client):
    person, servant = UserFactory(), UserFactory()
    _access(actor=servant, subject=person, action="something.new")
    client.force_login(person)
    assert "Consultou dados seus" in client.get(URL).content.decode()
