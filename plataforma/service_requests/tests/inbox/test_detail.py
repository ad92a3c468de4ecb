"""The request page and its files: what the servant reads, who may read it, and the audit."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plataforma.common.models import AuditEvent
from plataforma.identity.tests.factories import make_editor

from ... import selectors as request_selectors
from ...documents import ALL_KINDS, document_store
from ...models import Attachment, RequestForm, RequestFormVersion
from ...services import service_request_submit
from ..factories import citizen, servant, service_with_form, submit

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def detail_url(request) -> str:
    return f"/servidor/solicitacoes/{request.protocol}/"


@pytest.fixture
def with_file(agency, editor, person, documents_dir):
    """A request whose form has a file field, answered with a PDF."""
    fields = [
        {"key": "placa", "type": "text", "label": "Placa do veículo"},
        {"key": "crv", "type": "file", "label": "Cópia do CRV", "file_kinds": ["pdf"]},
        {
            "key": "tipo",
            "type": "choice",
            "label": "Tipo",
            "choices": [{"value": "carro", "label": "Automóvel"}, {"value": "moto", "label": "Motocicleta"}],
        },
    ]
    svc = service_with_form(agency=agency, editor=editor, fields=fields)
    document = document_store(
        owner=person, upload=SimpleUploadedFile("crv.pdf", PDF), allowed_kinds=ALL_KINDS, max_mb=None
    )
    request, _created = service_request_submit(
        user=person,
        service=svc,
        data={"placa": "QBX1A23", "tipo": "moto"},
        files={"crv": [document]},
        idempotency_key="k-file",
        session_level="ouro",
    )
    return request


def test_the_servant_reads_the_requester_the_answers_and_the_timeline(client, analyst, person, make_request):
    person.phone_number = "+5565999998888"
    person.save()
    request = make_request()
    client.force_login(analyst)
    response = client.get(detail_url(request))
    assert response.status_code == 200
    page = response.content.decode()
    assert person.full_name in page
    cpf = person.cpf
    assert f"{cpf[:3]}.{cpf[3:6]}.{cpf[6:9]}-{cpf[9:]}" in page
    assert person.email in page
    assert "Placa do veículo" in page and "QBX1A23" in page
    assert "Pedido enviado" in page
    assert "Iniciar análise" in page  # the action the analyst may take now


def test_labels_come_from_the_version_the_request_was_made_with(client, analyst, service, make_request):
    request = make_request()
    form = RequestForm.objects.get(service=service)
    old = form.current_version
    RequestFormVersion.objects.filter(pk=old.pk).update(state=RequestFormVersion.State.SUPERSEDED)
    fields = [{**f, "label": "Rótulo novo"} if f["key"] == "placa" else f for f in old.spec["fields"]]
    form.current_version = RequestFormVersion.objects.create(
        form=form, number=2, state=RequestFormVersion.State.PUBLISHED, spec={"fields": fields}
    )
    form.save()
    client.force_login(analyst)
    page = client.get(detail_url(request)).content.decode()
    assert "Placa do veículo" in page and "Rótulo novo" not in page


def test_reading_a_request_is_audited_as_an_access_to_the_requesters_data(
    client, analyst, person, make_request
):
    request = make_request()
    client.force_login(analyst)
    client.get(detail_url(request))
    row = AuditEvent.objects.get(action="service_requests.read", target_id=str(request.pk))
    assert row.kind == AuditEvent.Kind.ACCESS and row.subject_user_id == person.pk and row.actor == analyst


def test_choices_show_their_labels_and_files_link_to_the_inbox_download(client, analyst, with_file):
    client.force_login(analyst)
    page = client.get(detail_url(with_file)).content.decode()
    assert "Motocicleta" in page
    attachment = Attachment.objects.get(request=with_file)
    assert f"/servidor/solicitacoes/{with_file.protocol}/anexos/{attachment.pk}/" in page


def test_downloading_a_file_streams_it_and_is_audited(client, analyst, person, with_file):
    attachment = Attachment.objects.get(request=with_file)
    client.force_login(analyst)
    response = client.get(f"/servidor/solicitacoes/{with_file.protocol}/anexos/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    row = AuditEvent.objects.get(action="service_requests.attachment_download")
    assert row.kind == AuditEvent.Kind.ACCESS and row.subject_user_id == person.pk
    assert row.changes == {"attachment": str(attachment.pk), "document": str(attachment.document_id)}


def test_an_attachment_of_another_request_is_not_found_under_this_protocol(
    client, analyst, with_file, make_request
):
    other = make_request()
    attachment = Attachment.objects.get(request=with_file)
    client.force_login(analyst)
    assert client.get(f"/servidor/solicitacoes/{other.protocol}/anexos/{attachment.pk}/").status_code == 404


@pytest.mark.parametrize("who", ["citizen", "requester", "carta_editor", "ouvidor", "outsider"])
def test_people_who_may_not_see_the_request_get_404_everywhere(
    client, agency, person, with_file, outsider_servant, who
):
    user = {
        "citizen": lambda: citizen(),
        "requester": lambda: person,
        "carta_editor": lambda: make_editor(agency),
        "ouvidor": lambda: servant(agency, "ouvidor"),
        "outsider": lambda: outsider_servant,
    }[who]()
    attachment = Attachment.objects.get(request=with_file)
    base = f"/servidor/solicitacoes/{with_file.protocol}/"
    client.force_login(user)
    assert client.get(base).status_code == 404
    assert client.get(f"{base}anexos/{attachment.pk}/").status_code == 404
    assert client.get(f"{base}acao/iniciar_analise/").status_code == 404
    assert client.post(f"{base}acao/iniciar_analise/").status_code == 404
    assert client.post(f"{base}assumir/").status_code == 404
    assert client.get(f"{base}atribuir/").status_code == 404
    assert client.post(f"{base}observacao/", {"note": "x"}).status_code == 404
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS).exists()


def test_an_unknown_or_malformed_protocol_is_404(client, analyst):
    client.force_login(analyst)
    assert client.get("/servidor/solicitacoes/2026.DETRANMT.000001-0/").status_code == 404
    assert client.get("/servidor/solicitacoes/nada/").status_code == 404


def test_anonymous_people_are_sent_to_sign_in_from_every_page(client, make_request):
    request = make_request()
    for url in (
        detail_url(request),
        f"{detail_url(request)}acao/iniciar_analise/",
        f"{detail_url(request)}atribuir/",
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert f"next={url}" in response["Location"].replace("%2F", "/")


def test_a_servant_sees_but_cannot_work_their_own_request(client, agency, service):
    colleague = servant(agency, "analista", "gestor", full_name="Sérgio Servidor")
    own = submit(service, colleague)
    client.force_login(colleague)
    response = client.get(detail_url(own))
    assert response.status_code == 200
    assert response.context["actions"] == [] and response.context["own_request"]
    assert "não trabalha no próprio pedido" in response.content.decode()
    assert client.post(f"{detail_url(own)}acao/iniciar_analise/").status_code == 403
    assert client.post(f"{detail_url(own)}assumir/").status_code == 403
    assert client.post(f"{detail_url(own)}observacao/", {"note": "x"}).status_code == 403
    own.refresh_from_db()
    assert own.state == "recebida" and own.assignee_id is None
    assert [e.action for e in request_selectors.timeline(request=own, for_requester=False)] == ["enviar"]
