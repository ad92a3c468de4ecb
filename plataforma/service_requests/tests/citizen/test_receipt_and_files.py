"""The comprovante (page and PDF), a request's files, and "Meus documentos"."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone

from plataforma.common.authcodes import authcode_display
from plataforma.identity.companies.acting import SESSION_KEY

from ...documents import document_upload_to_area
from ...models import Attachment, Document, ServiceRequest
from ...services import service_request_act
from ..factories import service_with_form, submit
from .helpers import FILE_FIELDS, PDF_BYTES, pdf, post_submit, stored_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def file_service(agency, editor):
    return service_with_form(agency=agency, editor=editor, fields=FILE_FIELDS, name="Registrar o veículo")


def _submitted(client, service, user):
    client.force_login(user)
    post_submit(client, service, {"placa": "QBX1A23", "crlv": pdf("crlv 2026.pdf")})
    return ServiceRequest.objects.get()


def test_the_receipt_carries_everything_and_its_authentication(client, file_service, person):
    request = _submitted(client, file_service, person)
    page = client.get(reverse("service_requests:receipt", args=[request.protocol]))
    html = page.content.decode()
    when = timezone.localtime(
        request.submitted_at, timezone=__import__("zoneinfo").ZoneInfo("America/Cuiaba")
    )
    assert page.status_code == 200
    assert request.protocol in html and "Registrar o veículo" in html
    assert "Departamento Estadual de Trânsito de Mato Grosso" in html
    assert when.strftime("%d/%m/%Y") in html and when.strftime("%H:%M") in html
    assert person.full_name in html and person.masked_cpf.split("(")[-1].strip(")") in html
    assert person.cpf not in html
    assert "Placa do veículo" in html and "QBX1A23" in html
    assert "crlv_2026.pdf" in html or "crlv 2026.pdf" in html
    assert hashlib.sha256(PDF_BYTES).hexdigest()[:16] in html
    code = authcode_display(request.receipt_code)
    assert code in html and "-" in code
    assert "Confira a autenticidade deste comprovante em" in html
    assert "/autenticidade/?codigo=" + code in html
    assert "<svg" in html and 'role="img"' in html


def test_the_receipt_code_is_verified_on_the_public_page(client, file_service, person):
    request = _submitted(client, file_service, person)
    client.logout()
    page = client.get(reverse("common:authenticity"), {"codigo": authcode_display(request.receipt_code)})
    assert page.status_code == 200 and request.protocol in page.content.decode()


def test_the_receipt_pdf_is_a_pdf_download(client, file_service, person):
    request = _submitted(client, file_service, person)
    response = client.get(reverse("service_requests:receipt_pdf", args=[request.protocol]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == f'attachment; filename="comprovante-{request.protocol}.pdf"'


def test_a_companys_receipt_names_the_company_and_its_cnpj(client, service, representative, company):
    request = submit(service, representative, company=company)
    client.force_login(representative)
    session = client.session
    session[SESSION_KEY] = str(company.pk)
    session.save()
    html = client.get(reverse("service_requests:receipt", args=[request.protocol])).content.decode()
    assert company.legal_name in html and company.cnpj_display in html


def test_the_requester_downloads_their_attachment_safely(client, file_service, person):
    request = _submitted(client, file_service, person)
    attachment = Attachment.objects.get(request=request)
    response = client.get(reverse("service_requests:attachment", args=[request.protocol, attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_attachment_of_another_request_is_not_served_through_this_one(client, file_service, person):
    first = _submitted(client, file_service, person)
    other = submit(file_service.__class__.objects.get(pk=file_service.pk), person, data={"placa": "ABC1234"})
    attachment = Attachment.objects.get(request=first)
    url = reverse("service_requests:attachment", args=[other.protocol, attachment.pk])
    assert client.get(url).status_code == 404


def test_a_hidden_steps_attachment_is_not_served(client, file_service, person, analyst):
    request = _submitted(client, file_service, person)
    service_request_act(request_id=request.pk, actor=analyst, action_key="iniciar_analise")
    held = document_upload_to_area(actor=analyst, upload=pdf("parecer.pdf"))
    service_request_act(request_id=request.pk, actor=analyst, action_key="deferir", documents=[held])
    attachment = Attachment.objects.get(document=held)
    url = reverse("service_requests:attachment", args=[request.protocol, attachment.pk])
    assert client.get(url).status_code == 200  # the decision's file is for the requester
    attachment.event.visible_to_requester = False
    attachment.event.save()
    assert client.get(url).status_code == 404


# --- Meus documentos ---------------------------------------------------------------------------


def test_a_person_keeps_downloads_and_removes_documents(client, person, documents_root):
    client.force_login(person)
    url = reverse("service_requests:documents")
    response = client.post(url, {"arquivo": pdf("rg.pdf")})
    assert response.status_code == 303
    document = Document.objects.get()
    assert document.owner == person and document.company is None
    html = client.get(url).content.decode()
    assert "rg.pdf" in html
    download = client.get(reverse("service_requests:document_download", args=[document.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES
    assert download["X-Content-Type-Options"] == "nosniff"

    assert client.post(url, {"excluir": str(document.pk)}).status_code == 303
    document.refresh_from_db()
    assert document.deleted_at is not None
    client.get(url)  # the flash message names the file once
    assert "rg.pdf" not in client.get(url).content.decode()
    assert client.get(reverse("service_requests:document_download", args=[document.pk])).status_code == 404
    assert len(stored_files(documents_root)) == 1  # the file is kept (requests may use it)


def test_a_removed_document_stays_available_inside_the_request_that_used_it(client, file_service, person):
    request = _submitted(client, file_service, person)
    attachment = Attachment.objects.get(request=request)
    client.post(reverse("service_requests:documents"), {"excluir": str(attachment.document_id)})
    attachment.document.refresh_from_db()
    assert attachment.document.deleted_at is not None
    url = reverse("service_requests:attachment", args=[request.protocol, attachment.pk])
    assert client.get(url).status_code == 200


def test_only_pdf_jpeg_and_png_are_kept_and_bad_files_get_a_field_error(client, person, documents_root):
    client.force_login(person)
    url = reverse("service_requests:documents")
    for upload in (pdf("virus.pdf", b"MZ\x90\x00executavel"), pdf("vazio.pdf", b"")):
        response = client.post(url, {"arquivo": upload})
        assert response.status_code == 400
        assert 'id="id_arquivo_error"' in response.content.decode()
    assert client.post(url, {}).status_code == 400
    assert Document.objects.count() == 0 and stored_files(documents_root) == []


def test_nobody_else_gets_a_persons_document(client, person, other_person, outsider_servant, analyst):
    document = document_upload_to_area(actor=person, upload=pdf("rg.pdf"))
    url = reverse("service_requests:document_download", args=[document.pk])
    for intruder in (other_person, outsider_servant, analyst):
        client.force_login(intruder)
        assert client.get(url).status_code == 404
        assert "rg.pdf" not in client.get(reverse("service_requests:documents")).content.decode()
        assert (
            client.post(reverse("service_requests:documents"), {"excluir": str(document.pk)}).status_code
            == 400
        )
    document.refresh_from_db()
    assert document.deleted_at is None
    client.logout()
    assert client.get(url).status_code == 302


def test_a_companys_documents_are_shared_by_those_acting_for_it(client, representative, colleague, company):
    client.force_login(representative)
    session = client.session
    session[SESSION_KEY] = str(company.pk)
    session.save()
    client.post(reverse("service_requests:documents"), {"arquivo": pdf("contrato-social.pdf")}, follow=True)
    document = Document.objects.get()
    assert document.company == company
    # the colleague, as a natural person, does not list it
    client.force_login(colleague)
    assert "contrato-social.pdf" not in client.get(reverse("service_requests:documents")).content.decode()
    session = client.session
    session[SESSION_KEY] = str(company.pk)
    session.save()
    assert "contrato-social.pdf" in client.get(reverse("service_requests:documents")).content.decode()
    assert client.get(reverse("service_requests:document_download", args=[document.pk])).status_code == 200
