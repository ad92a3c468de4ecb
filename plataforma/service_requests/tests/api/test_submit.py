"""Submitting through the API: multipart with `dados` and files, Idempotency-Key required, the
same key returns the same request, bad input gets field errors and nothing is created, files
are checked by content and discarded when the submission fails."""

from __future__ import annotations

import json
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plataforma.identity.models import Level

from ...documents import document_store
from ...models import Attachment, Document, ServiceRequest
from ..factories import citizen, service_with_form
from .conftest import ApiCaller, issue_token

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00" + b"\x00" * 64
FILE_FIELDS = [
    {"key": "placa", "type": "text", "label": "Placa", "min_length": 7, "max_length": 8},
    {"key": "crlv", "type": "file", "label": "CRLV", "file_kinds": ["pdf"], "max_files": 2},
]


def _files_on_disk(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()]


def _post(caller, slug, dados, key="chave-1", **parts):
    body = {"dados": json.dumps(dados) if not isinstance(dados, str) else dados, **parts}
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return caller.post(f"/servicos/{slug}/solicitacoes", body, **headers)


@pytest.fixture
def file_service(agency, editor):
    return service_with_form(agency=agency, editor=editor, fields=FILE_FIELDS)


def test_a_request_is_created_with_201_location_and_its_detail(service, person, as_person):
    response = _post(as_person, service.slug, {"placa": "QBX1A23", "motivo": "Venda", "nome": "Outro Nome"})

    assert response.status_code == 201, response.content
    body = response.json()
    request = ServiceRequest.objects.get()
    assert body["protocol"] == request.protocol
    assert response["Location"].endswith(f"/api/v1/solicitacoes/{request.protocol}")
    assert request.requester == person and request.company is None
    assert request.data["placa"] == "QBX1A23" and request.data["motivo"] == "Venda"
    # a prefilled field takes the platform's value, never the posted one
    assert request.data["nome"] == person.full_name
    assert body["receipt"]["code"] == request.receipt_code


def test_the_same_idempotency_key_returns_the_same_request(file_service, as_person, documents_root):
    first = _post(
        as_person, file_service.slug, {"placa": "QBX1A23"}, arquivo_crlv=SimpleUploadedFile("a.pdf", PDF)
    )
    again = _post(
        as_person, file_service.slug, {"placa": "OUTRA99"}, arquivo_crlv=SimpleUploadedFile("b.pdf", PDF)
    )

    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["protocol"] == first.json()["protocol"]
    assert "Location" not in again
    assert ServiceRequest.objects.count() == 1
    assert Document.objects.count() == 1 and len(_files_on_disk(documents_root)) == 1


def test_a_key_already_used_for_another_service_is_a_conflict(service, file_service, as_person):
    assert _post(as_person, service.slug, {"placa": "QBX1A23"}).status_code == 201
    response = _post(as_person, file_service.slug, {"placa": "QBX1A23"})
    assert response.status_code == 409
    assert ServiceRequest.objects.count() == 1


def test_the_idempotency_key_is_required(service, as_person):
    response = _post(as_person, service.slug, {"placa": "QBX1A23"}, key=None)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["detail"]
    too_long = _post(as_person, service.slug, {"placa": "QBX1A23"}, key="x" * 81)
    assert too_long.status_code == 400
    assert not ServiceRequest.objects.exists()


def test_malformed_dados_is_a_bad_request_with_the_field(service, as_person):
    for dados in ("{nao é json", "[1, 2]"):
        response = _post(as_person, service.slug, dados)
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "dados"
    assert not ServiceRequest.objects.exists()


def test_a_json_body_is_refused(service, as_person):
    response = as_person.post_json(
        f"/servicos/{service.slug}/solicitacoes", {"placa": "QBX1A23"}, HTTP_IDEMPOTENCY_KEY="k"
    )
    assert response.status_code == 400
    assert "multipart" in response.json()["detail"]


def test_invalid_answers_get_field_errors_and_nothing_is_created(service, as_person):
    response = _post(as_person, service.slug, {"placa": "AB", "campo_inventado": "x", "motivo": ["a"]})

    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert set(errors) == {"placa", "campo_inventado", "motivo"}
    assert "7" in errors["placa"]  # "pelo menos 7 caracteres", in Portuguese
    assert not ServiceRequest.objects.exists()


def test_a_missing_required_answer_is_a_field_error(service, as_person):
    response = _post(as_person, service.slug, {})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["placa"]


def test_typed_answers_map_to_the_form(agency, editor, as_person):
    typed = service_with_form(
        agency=agency,
        editor=editor,
        fields=[
            {"key": "quantidade", "type": "number", "label": "Quantidade", "decimal_places": 2},
            {"key": "urgente", "type": "yesno", "label": "Urgente?"},
            {"key": "dia", "type": "date", "label": "Dia"},
            {
                "key": "cores",
                "type": "multichoice",
                "label": "Cores",
                "choices": [{"value": "azul", "label": "Azul"}, {"value": "verde", "label": "Verde"}],
            },
            {"key": "endereco", "type": "cep", "label": "Endereço"},
        ],
    )
    address = {
        "cep": "78049-903",
        "logradouro": "Rua A",
        "numero": "10",
        "bairro": "Centro",
        "municipio": "Cuiabá",
        "uf": "MT",
    }
    response = _post(
        as_person,
        typed.slug,
        {
            "quantidade": 1.5,
            "urgente": False,
            "dia": "2026-01-15",
            "cores": ["azul", "verde"],
            "endereco": address,
        },
    )

    assert response.status_code == 201, response.content
    data = ServiceRequest.objects.get().data
    assert data["quantidade"] == "1.50" and data["urgente"] is False and data["dia"] == "2026-01-15"
    assert data["cores"] == ["azul", "verde"] and data["endereco"]["cep"] == "78049903"


def test_an_address_part_error_names_the_part(agency, editor, as_person):
    typed = service_with_form(
        agency=agency, editor=editor, fields=[{"key": "endereco", "type": "cep", "label": "Endereço"}]
    )
    response = _post(as_person, typed.slug, {"endereco": {"cep": "123", "logradouro": "Rua A"}})
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert "endereco.cep" in fields and "endereco.numero" in fields


def test_files_are_stored_and_attached(file_service, person, as_person, documents_root):
    response = _post(
        as_person,
        file_service.slug,
        {"placa": "QBX1A23"},
        arquivo_crlv=[SimpleUploadedFile("crlv.pdf", PDF), SimpleUploadedFile("verso.pdf", PDF)],
    )

    assert response.status_code == 201, response.content
    attachments = response.json()["attachments"]
    assert [a["name"] for a in attachments] == ["crlv.pdf", "verso.pdf"]
    assert all(a["field"] == "crlv" for a in attachments)
    assert Attachment.objects.count() == 2 and len(_files_on_disk(documents_root)) == 2
    download = as_person.get(attachments[0]["download_url"].split("/api/v1", 1)[1])
    assert b"".join(download.streaming_content) == PDF


def test_a_file_is_judged_by_its_content_not_its_name(file_service, as_person, documents_root):
    response = _post(
        as_person, file_service.slug, {"placa": "QBX1A23"}, arquivo_crlv=SimpleUploadedFile("crlv.pdf", EXE)
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "crlv"
    assert "conteúdo" in response.json()["errors"][0]["message"]
    assert not ServiceRequest.objects.exists() and not Document.objects.exists()
    assert _files_on_disk(documents_root) == []


def test_a_png_where_only_pdf_is_accepted_is_refused(file_service, as_person):
    response = _post(
        as_person, file_service.slug, {"placa": "QBX1A23"}, arquivo_crlv=SimpleUploadedFile("x.pdf", PNG)
    )
    assert response.status_code == 422 and not ServiceRequest.objects.exists()


def test_a_file_part_for_no_file_field_is_an_error(service, as_person):
    response = _post(
        as_person, service.slug, {"placa": "QBX1A23"}, arquivo_placa=SimpleUploadedFile("a.pdf", PDF)
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "arquivo_placa"


def test_a_failure_after_storing_files_leaves_nothing_behind(file_service, as_person, documents_root):
    with (
        mock.patch(
            "plataforma.service_requests.api.submission.service_request_submit",
            side_effect=RuntimeError("boom"),
        ),
        pytest.raises(RuntimeError),
    ):
        _post(
            as_person,
            file_service.slug,
            {"placa": "QBX1A23"},
            arquivo_crlv=SimpleUploadedFile("a.pdf", PDF),
        )
    assert not ServiceRequest.objects.exists() and not Document.objects.exists()
    assert _files_on_disk(documents_root) == []


def test_a_kept_document_can_be_attached_again(file_service, person, as_person, documents_root):
    kept = document_store(
        owner=person, upload=SimpleUploadedFile("guardado.pdf", PDF), allowed_kinds=["pdf"], max_mb=1
    )

    response = _post(as_person, file_service.slug, {"placa": "QBX1A23"}, documentos_crlv=str(kept.pk))

    assert response.status_code == 201, response.content
    assert Attachment.objects.get().document == kept
    assert Document.objects.count() == 1


def test_another_persons_document_cannot_be_attached(file_service, person, other_person, as_person):
    document_store(owner=person, upload=SimpleUploadedFile("meu.pdf", PDF), allowed_kinds=["pdf"], max_mb=1)
    theirs = document_store(
        owner=other_person, upload=SimpleUploadedFile("dele.pdf", PDF), allowed_kinds=["pdf"], max_mb=1
    )
    response = _post(as_person, file_service.slug, {"placa": "QBX1A23"}, documentos_crlv=str(theirs.pk))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "crlv"
    assert not ServiceRequest.objects.exists()


def test_a_reuse_id_when_no_document_fits_is_an_error(file_service, other_person, as_person):
    theirs = document_store(
        owner=other_person, upload=SimpleUploadedFile("dele.pdf", PDF), allowed_kinds=["pdf"], max_mb=1
    )
    response = _post(as_person, file_service.slug, {"placa": "QBX1A23"}, documentos_crlv=str(theirs.pk))
    assert response.status_code == 422
    assert not ServiceRequest.objects.exists()


def test_a_service_above_the_session_level_is_forbidden(agency, editor, as_person):
    gated = service_with_form(agency=agency, editor=editor, min_login_level=Level.OURO)
    response = _post(as_person, gated.slug, {"placa": "QBX1A23"})
    assert response.status_code == 403
    assert "nível" in response.json()["detail"]
    assert not ServiceRequest.objects.exists()


def test_a_service_not_taking_requests_is_not_found(as_person, agency, editor):
    from ...models import RequestForm

    closed = service_with_form(agency=agency, editor=editor)
    RequestForm.objects.filter(service=closed).update(accepts_requests=False)
    assert _post(as_person, closed.slug, {"placa": "QBX1A23"}).status_code == 404
    assert _post(as_person, "nao-existe", {"placa": "QBX1A23"}).status_code == 404


def test_acting_for_a_company_makes_the_company_the_requester(service, colleague, company, app_client):
    caller = ApiCaller(issue_token(colleague, app_client), company_cnpj=company.cnpj)
    response = _post(caller, service.slug, {"placa": "QBX1A23"})

    assert response.status_code == 201, response.content
    request = ServiceRequest.objects.get()
    assert request.company == company and request.requester == colleague
    assert response.json()["company"]["cnpj"] == company.cnpj


def test_the_audit_row_records_the_company_acted_for(service, colleague, company, app_client):
    from plataforma.common.models import AuditEvent

    caller = ApiCaller(issue_token(colleague, app_client), company_cnpj=company.cnpj)
    assert _post(caller, service.slug, {"placa": "QBX1A23"}).status_code == 201
    row = AuditEvent.objects.filter(action="service_requests.submit").get()
    assert row.on_behalf_of_type == "company" and row.on_behalf_of_id == str(company.pk)


def test_two_people_may_use_the_same_key(service, as_person, app_client):
    other = ApiCaller(issue_token(citizen(), app_client))
    assert _post(as_person, service.slug, {"placa": "QBX1A23"}, key="k").status_code == 201
    assert _post(other, service.slug, {"placa": "QBX1A23"}, key="k").status_code == 201
    assert ServiceRequest.objects.count() == 2
