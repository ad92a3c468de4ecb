"""Submitting a request on the portal's own form: level gate, once-only data, idempotency,
field-level errors with nothing half-written, files rolled back when the submission fails."""

from __future__ import annotations

from unittest import mock

import pytest
from django.urls import reverse

from plataforma.common.models import AuditEvent
from plataforma.identity.companies.acting import SESSION_KEY
from plataforma.identity.models import Level

from ...models import Attachment, Document, ServiceRequest
from ..factories import citizen, service_with_form
from .helpers import FILE_FIELDS, counts, pdf, post_submit, stored_files, submission_key, submit_url

pytestmark = pytest.mark.django_db


def test_anonymous_people_are_sent_to_mt_login_first(client, service):
    response = client.get(submit_url(service))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("identity:login"))
    assert "next=" in response["Location"]


def test_a_sign_in_below_the_service_level_meets_the_step_up_page(client, agency, editor):
    ouro_service = service_with_form(agency=agency, editor=editor, min_login_level="ouro")
    client.force_login(citizen(level=Level.PRATA))
    for response in (client.get(submit_url(ouro_service)), client.post(submit_url(ouro_service), {})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("levels:raise"))
        assert "necessario=ouro" in response["Location"]
    assert ServiceRequest.objects.count() == 0


def test_a_service_without_an_open_form_is_not_found(client, service, person):
    client.force_login(person)
    form = service.request_form
    form.accepts_requests = False
    form.save()
    assert client.get(submit_url(service)).status_code == 404
    assert client.get(reverse("service_requests:submit", args=["nao-existe"])).status_code == 404


def test_the_form_page_shows_the_summary_the_known_data_masked_and_one_send_button(client, service, person):
    client.force_login(person)
    page = client.get(submit_url(service))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Transferir a propriedade do veículo" in html
    assert "DETRAN-MT" in html and "Até 10 dias úteis" in html
    assert "Dados que já temos" in html
    assert person.full_name in html and person.email in html
    assert person.cpf not in html  # the CPF is shown masked
    assert person.masked_cpf in html
    assert 'name="placa"' in html and 'name="nome"' not in html  # known data is not asked again
    assert html.count('type="submit">') >= 1 and "Enviar pedido" in html
    assert 'name="_envio"' in html


def test_a_valid_submission_creates_one_request_and_lands_on_its_receipt(client, service, person):
    client.force_login(person)
    response = post_submit(client, service, {"placa": "QBX1A23", "motivo": "Venda do carro"})
    request = ServiceRequest.objects.get()
    assert response.status_code == 303
    assert response["Location"] == reverse("service_requests:receipt", args=[request.protocol])
    assert request.requester == person and request.company is None
    assert request.data["placa"] == "QBX1A23"
    # once-only: the platform's value, whatever was posted
    assert request.data["nome"] == person.full_name
    assert AuditEvent.objects.filter(action="service_requests.submit", target_id=str(request.pk)).exists()


def test_a_posted_value_never_replaces_what_the_platform_knows(client, service, person):
    client.force_login(person)
    post_submit(client, service, {"placa": "QBX1A23", "nome": "Outra Pessoa", "email": "x@example.org"})
    request = ServiceRequest.objects.get()
    assert request.data["nome"] == person.full_name and request.data["email"] == person.email


def test_a_double_submit_with_the_same_key_makes_one_request(client, service, person):
    client.force_login(person)
    key = submission_key(client, service)
    first = post_submit(client, service, {"placa": "QBX1A23"}, key=key)
    second = post_submit(client, service, {"placa": "QBX1A23"}, key=key)
    assert ServiceRequest.objects.count() == 1
    assert first.status_code == second.status_code == 303
    assert first["Location"] == second["Location"]


def test_each_page_load_gets_a_new_key(client, service, person):
    client.force_login(person)
    post_submit(client, service, {"placa": "QBX1A23"})
    post_submit(client, service, {"placa": "QBX1A24"})
    assert ServiceRequest.objects.count() == 2


def test_a_tampered_or_missing_key_is_refused_and_nothing_is_created(client, service, person):
    client.force_login(person)
    key = submission_key(client, service)
    for bad in (key[:-2] + "xx", "", "a" * 500):
        response = client.post(submit_url(service), {"_envio": bad, "placa": "QBX1A23"})
        assert response.status_code == 400
        assert "Recarregue a página" in response.content.decode()
    assert ServiceRequest.objects.count() == 0


def test_another_persons_key_does_not_work(client, service, person, other_person):
    client.force_login(other_person)
    key = submission_key(client, service)
    client.force_login(person)
    assert post_submit(client, service, {"placa": "QBX1A23"}, key=key).status_code == 400
    assert ServiceRequest.objects.count() == 0


def test_bad_input_gets_field_errors_with_400_and_nothing_is_written(client, service, person):
    client.force_login(person)
    key = submission_key(client, service)
    before = AuditEvent.objects.count()
    response = post_submit(client, service, {"placa": "Q1"}, key=key)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_placa_error"' in html
    assert f'value="{key}"' in html  # the same key: a corrected resend is still idempotent
    assert counts() == (0, 0)
    assert AuditEvent.objects.count() == before


def test_a_file_is_stored_and_attached_to_the_request(client, agency, editor, person, documents_root):
    service = service_with_form(agency=agency, editor=editor, fields=FILE_FIELDS)
    client.force_login(person)
    post_submit(client, service, {"placa": "QBX1A23", "crlv": pdf()})
    request = ServiceRequest.objects.get()
    attachment = Attachment.objects.get(request=request)
    assert attachment.field_key == "crlv" and attachment.document.owner == person
    assert request.data["crlv"] == [str(attachment.document_id)]
    assert len(stored_files(documents_root)) == 1


def test_a_file_of_the_wrong_kind_is_refused_on_its_field(client, agency, editor, person, documents_root):
    service = service_with_form(agency=agency, editor=editor, fields=FILE_FIELDS)
    client.force_login(person)
    fake = pdf("crlv.pdf", b"MZ\x90\x00 not a pdf at all")
    response = post_submit(client, service, {"placa": "QBX1A23", "crlv": fake})
    assert response.status_code == 400
    assert "não é do tipo aceito" in response.content.decode()
    assert counts() == (0, 0) and stored_files(documents_root) == []


def test_a_document_already_held_is_reused_without_uploading(client, agency, editor, person, documents_root):
    from ...documents import document_upload_to_area

    held = document_upload_to_area(actor=person, upload=pdf("meu-crlv.pdf"))
    service = service_with_form(agency=agency, editor=editor, fields=FILE_FIELDS)
    client.force_login(person)
    response = post_submit(client, service, {"placa": "QBX1A23", "crlv-reuse": [str(held.pk)]})
    assert response.status_code == 303
    assert Attachment.objects.get().document == held
    assert Document.objects.count() == 1 and len(stored_files(documents_root)) == 1


def test_stored_files_are_removed_when_the_submission_fails(client, agency, editor, person, documents_root):
    service = service_with_form(agency=agency, editor=editor, fields=FILE_FIELDS)
    client.force_login(person)
    key = submission_key(client, service)
    with mock.patch(
        "plataforma.service_requests.views.submit.service_request_submit", side_effect=RuntimeError("boom")
    ):
        client.raise_request_exception = False
        response = post_submit(client, service, {"placa": "QBX1A23", "crlv": pdf()}, key=key)
    assert response.status_code == 500
    assert counts() == (0, 0)
    assert stored_files(documents_root) == []


def test_a_failure_inside_the_service_rolls_back_rows_and_files(
    client, agency, editor, person, documents_root
):
    """The error happens after the request row was written (the receipt step): nothing stays."""
    service = service_with_form(agency=agency, editor=editor, fields=FILE_FIELDS)
    client.force_login(person)
    key = submission_key(client, service)
    with mock.patch(
        "plataforma.service_requests.services.submit.document_authenticate", side_effect=RuntimeError("boom")
    ):
        client.raise_request_exception = False
        response = post_submit(client, service, {"placa": "QBX1A23", "crlv": pdf()}, key=key)
    assert response.status_code == 500
    assert counts() == (0, 0)
    assert Attachment.objects.count() == 0
    assert stored_files(documents_root) == []


def test_a_validation_error_from_the_service_is_a_400_and_discards_files(
    client, agency, editor, person, documents_root
):
    from django.core.exceptions import ValidationError

    service = service_with_form(agency=agency, editor=editor, fields=FILE_FIELDS)
    client.force_login(person)
    with mock.patch(
        "plataforma.service_requests.views.submit.service_request_submit",
        side_effect=ValidationError("Um dos documentos escolhidos foi excluído."),
    ):
        response = post_submit(client, service, {"placa": "QBX1A23", "crlv": pdf()})
    assert response.status_code == 400
    assert "Um dos documentos escolhidos foi excluído." in response.content.decode()
    assert counts() == (0, 0) and stored_files(documents_root) == []


def test_acting_for_a_company_the_request_is_the_companys(client, service, representative, company):
    client.force_login(representative)
    session = client.session
    session[SESSION_KEY] = str(company.pk)
    session.save()
    page = client.get(submit_url(service))
    assert "Pedido em nome de" in page.content.decode() and company.legal_name in page.content.decode()
    post_submit(client, service, {"placa": "QBX1A23"})
    request = ServiceRequest.objects.get()
    assert request.company == company and request.requester == representative


def test_submissions_are_rate_limited_per_person(client, service, person):
    from plataforma.common.ratelimit import Limit

    client.force_login(person)
    with mock.patch("plataforma.service_requests.views.submit.SUBMIT_LIMIT", Limit("test.submit", 2, 600)):
        statuses = [post_submit(client, service, {"placa": f"QBX1A2{i}"}).status_code for i in range(3)]
    assert statuses == [303, 303, 429]
    assert ServiceRequest.objects.count() == 2


def test_the_fee_is_shown_before_sending(client, agency, editor, person):
    from decimal import Decimal

    paid = service_with_form(agency=agency, editor=editor, fee=Decimal("85.30"))
    client.force_login(person)
    html = client.get(submit_url(paid)).content.decode()
    assert "R$ 85,30" in html and "PIX" in html
