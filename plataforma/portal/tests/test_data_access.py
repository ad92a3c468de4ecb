"""'Quem acessou meus dados': each person sees the reads of their own data by others, and only
theirs; nothing about what was read beyond the action in words."""

from datetime import timedelta

import pytest
from django.utils import timezone

from plataforma.common.models import AuditEvent
from plataforma.identity.models import Level
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


# --- X-VIA (ADR 0037): queries other agencies' systems made about the person -------------------


def _xvia_record(*, cpf, client_name="Arrecadação", purpose="Conferência de débitos", days_ago=0, issue=""):
    from xvia.central import services as xvia
    from xvia.central.models import DataSubjectRecord, MemberClass, SecurityServer
    from xvia.central.selectors.tracker import subject_digest

    server = SecurityServer.objects.filter(code="ss-detran").first()
    if server is None:
        gov = MemberClass.objects.get_or_create(code="GOV", defaults={"description": "Governo"})[0]
        detran = xvia.member_create(actor=None, member_class=gov, code="03507415000144", name="DETRAN-MT")
        server = xvia.server_create(actor=None, owner=detran, code="ss-detran", address="127.0.0.1:5501")
    when = timezone.now() - timedelta(days=days_ago)
    return DataSubjectRecord.objects.create(
        reporting_server=server,
        subject_digest=subject_digest(cpf),
        occurred_at=when,
        logged_at=when,
        message_id=f"m-{DataSubjectRecord.objects.count()}",
        request_id="r",
        client_id="MT/GOV/03507415000178/SEFAZ-ARRECADACAO",
        client_name=client_name,
        client_member_name="SEFAZ-MT",
        service_id="MT/GOV/03507415000144/DETRAN-VEICULOS/veiculos",
        service_title="Consulta de veículos",
        provider_member_name="DETRAN-MT",
        purpose=purpose,
        issue=issue,
        log_seq=1,
        descriptor_sha256=f"{DataSubjectRecord.objects.count():064x}",
        client_certificate_sha256="0" * 64,
    )


def test_the_person_sees_queries_made_about_them_through_xvia_and_nobody_else_does(client):
    person, other = UserFactory(level=Level.PRATA), UserFactory(level=Level.PRATA)
    servant = UserFactory(full_name="Servidora Exemplo")
    _xvia_record(cpf=person.cpf, issue="PROC-2026-1")
    _xvia_record(cpf=other.cpf, client_name="Outro sistema", purpose="Finalidade de outra pessoa")
    _access(actor=servant, subject=person, days_ago=1)

    client.force_login(person)
    body = client.get(URL).content.decode()
    assert "SEFAZ-MT" in body and "Sistema: Arrecadação (MT/GOV/03507415000178/SEFAZ-ARRECADACAO)" in body
    assert "X-VIA" in body and "Consultou o serviço “Consulta de veículos” de DETRAN-MT" in body
    assert "Conferência de débitos" in body and "PROC-2026-1" in body
    assert "servidor-7" not in body  # the client system's internal user id is not shown
    assert "Outro sistema" not in body and "Finalidade de outra pessoa" not in body
    assert "2 acessos registrados no período" in body
    # newest first: the X-VIA query (today) before the servant's read (yesterday)
    assert body.index("Consulta de veículos") < body.index("Servidora Exemplo")

    client.force_login(other)
    body = client.get(URL).content.decode()
    assert "Outro sistema" in body and "Conferência de débitos" not in body


def test_xvia_queries_follow_the_period(client):
    person = UserFactory(level=Level.PRATA)
    _xvia_record(cpf=person.cpf, purpose="RECENTE", days_ago=10)
    _xvia_record(cpf=person.cpf, purpose="ANTIGO", days_ago=200)
    client.force_login(person)
    body = client.get(URL).content.decode()
    assert "RECENTE" in body and "ANTIGO" not in body
    assert "ANTIGO" in client.get(URL, {"periodo": "tudo"}).content.decode()


def test_a_bronze_session_does_not_see_queries_made_with_its_cpf(client):
    """Anyone may open a bronze account with somebody else's CPF: X-VIA's records, found by CPF,
    wait for a proven CPF (level prata or ouro)."""
    person = UserFactory(level=Level.BRONZE)
    _xvia_record(cpf=person.cpf, purpose="Conferência de débitos", issue="PROC-2026-1")
    servant = UserFactory()
    _access(actor=servant, subject=person, label="2026.DETRANMT.000001-8")
    client.force_login(person)
    body = client.get(URL, {"periodo": "tudo"}).content.decode()
    assert "Conferência de débitos" not in body and "PROC-2026-1" not in body
    assert "2026.DETRANMT.000001-8" in body  # the platform's own reads are found by account
    assert "nível prata ou ouro" in body and "necessario=prata" in body
