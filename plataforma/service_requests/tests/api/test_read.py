"""Reading one's requests through the API: the list, a request's detail, a service's form, an
attachment. Nobody sees what is not theirs: other people, other companies, servants — 404."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plataforma.identity.models import Level

from ...documents import document_store
from ...models import RequestForm, ServiceRequest
from ...services import service_request_act
from ..factories import service_with_form, submit
from .conftest import ApiCaller, issue_token

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_list_shows_my_requests_newest_first(service, person, other_person, as_person):
    first = submit(service, person)
    second = submit(service, person)
    submit(service, other_person)

    body = as_person.get("/solicitacoes").json()

    assert body["total"] == 2
    assert [item["protocol"] for item in body["items"]] == [second.protocol, first.protocol]
    item = body["items"][0]
    assert item["service"] == {"slug": service.slug, "name": service.name}
    assert item["agency"]["acronym"] == "DETRAN-MT"
    assert item["status"] == "em_andamento" and item["state_label"] == "Recebida"
    assert item["company"] is None
    assert item["url"].endswith(f"/api/v1/solicitacoes/{second.protocol}")


def test_the_list_filters_by_status_and_pages(service, person, as_person):
    requests = [submit(service, person) for _ in range(3)]
    service_request_act(request_id=requests[0].pk, actor=person, action_key="cancelar")

    cancelled = as_person.get("/solicitacoes", {"situacao": "cancelada"}).json()
    assert cancelled["total"] == 1 and cancelled["items"][0]["protocol"] == requests[0].protocol

    page = as_person.get("/solicitacoes", {"limit": 1, "offset": 1}).json()
    assert page["total"] == 3 and page["limit"] == 1 and page["offset"] == 1
    assert [i["protocol"] for i in page["items"]] == [requests[1].protocol]

    beyond = as_person.get("/solicitacoes", {"offset": 10}).json()
    assert beyond["total"] == 3 and beyond["items"] == []


def test_bad_list_parameters_get_field_errors(as_person):
    response = as_person.get("/solicitacoes", {"situacao": "qualquer", "limit": 0})
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"situacao", "limit"} <= fields


def test_the_list_runs_a_fixed_number_of_queries(service, person, as_person):
    submit(service, person)
    as_person.get("/solicitacoes")  # the token's sign-in level is looked up once, then kept
    with CaptureQueriesContext(connection) as few:
        assert as_person.get("/solicitacoes").status_code == 200
    for _ in range(4):
        submit(service, person)
    with CaptureQueriesContext(connection) as many:
        assert as_person.get("/solicitacoes").json()["total"] == 5
    assert len(many) == len(few)


def test_a_company_request_is_listed_only_in_the_company_context(
    service, representative, colleague, company, app_client
):
    mine = submit(service, representative)
    theirs = submit(service, representative, company=company)

    personal = ApiCaller(issue_token(representative, app_client)).get("/solicitacoes").json()
    assert [i["protocol"] for i in personal["items"]] == [mine.protocol]

    acting = ApiCaller(issue_token(colleague, app_client), company_cnpj=company.cnpj)
    listing = acting.get("/solicitacoes").json()
    assert [i["protocol"] for i in listing["items"]] == [theirs.protocol]
    assert listing["items"][0]["company"] == {"cnpj": company.cnpj, "name": company.legal_name}
    assert acting.get(f"/solicitacoes/{theirs.protocol}").status_code == 200
    assert acting.get(f"/solicitacoes/{mine.protocol}").status_code == 404


def test_the_detail_shows_state_answers_timeline_receipt_and_actions(service, person, as_person):
    request = submit(service, person)

    response = as_person.get(f"/solicitacoes/{request.protocol}")

    assert response.status_code == 200
    body = response.json()
    assert body["protocol"] == request.protocol
    assert body["state"] == "recebida" and body["state_description"]
    assert body["pending_question"] == ""
    answers = {a["key"]: a["value"] for a in body["answers"]}
    assert answers["placa"] == "QBX1A23"
    assert body["timeline"][0]["label"] == "Pedido enviado"
    assert body["timeline"][0]["role"] == "solicitante"
    assert body["receipt"]["code"] == request.receipt_code
    assert f"codigo={request.receipt_code}" in body["receipt"]["verification_url"]
    assert [(a["key"], a["kind"]) for a in body["actions"]] == [("cancelar", "cancelamento")]
    assert body["charge"] is None


def test_the_detail_shows_the_pending_question_and_the_answer_action(service, person, analyst, as_person):
    request = submit(service, person)
    service_request_act(request_id=request.pk, actor=analyst, action_key="iniciar_analise")
    service_request_act(
        request_id=request.pk, actor=analyst, action_key="solicitar_informacoes", note="Envie o CRLV."
    )

    body = as_person.get(f"/solicitacoes/{request.protocol}").json()

    assert body["status"] == "pendente"
    assert body["pending_question"] == "Envie o CRLV."
    assert body["answer_due_at"]
    kinds = {a["key"]: a["kind"] for a in body["actions"]}
    assert kinds == {"responder": "resposta", "cancelar": "cancelamento"}
    assert body["timeline"][-1]["note"] == "Envie o CRLV."
    assert body["timeline"][-1]["role_label"] == "Analista"


def test_nobody_else_sees_a_request(service, person, other_person, analyst, outsider_servant, app_client):
    request = submit(service, person)
    for user in (other_person, analyst, outsider_servant):
        caller = ApiCaller(issue_token(user, app_client))
        assert caller.get(f"/solicitacoes/{request.protocol}").status_code == 404
        assert request.protocol not in str(caller.get("/solicitacoes").content)


def test_a_malformed_or_unknown_protocol_is_not_found(as_person):
    assert as_person.get("/solicitacoes/nada").status_code == 404
    response = as_person.get("/solicitacoes/2026.DETRANMT.000001-0")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_the_form_lists_fields_rules_and_what_is_prefilled(service, person, as_person):
    body = as_person.get(f"/servicos/{service.slug}/formulario").json()

    fields = {f["key"]: f for f in body["fields"]}
    assert fields["nome"]["prefilled"] is True and fields["nome"]["value"] == person.full_name
    assert fields["placa"]["prefilled"] is False and fields["placa"]["value"] is None
    assert fields["placa"]["rules"]["min_length"] == 7 and fields["placa"]["rules"]["max_length"] == 8
    assert fields["motivo"]["required"] is False
    assert body["min_login_level"] == "bronze" and body["level_ok"] is True
    assert body["version"] == 1 and body["fee"] is None


def test_the_form_names_the_multipart_parts_of_file_fields(agency, editor, as_person):
    with_file = service_with_form(
        agency=agency,
        editor=editor,
        fields=[{"key": "crlv", "type": "file", "label": "CRLV", "file_kinds": ["pdf"], "max_files": 2}],
    )
    field = as_person.get(f"/servicos/{with_file.slug}/formulario").json()["fields"][0]
    assert field["upload_part"] == "arquivo_crlv" and field["reuse_part"] == "documentos_crlv"
    assert field["rules"]["file_kinds"] == ["pdf"] and field["rules"]["max_files"] == 2


def test_the_form_of_a_service_not_taking_requests_is_not_found(service, as_person):
    RequestForm.objects.filter(service=service).update(accepts_requests=False)
    assert as_person.get(f"/servicos/{service.slug}/formulario").status_code == 404
    assert as_person.get("/servicos/nao-existe/formulario").status_code == 404


def test_an_attachment_downloads_with_its_content_only_for_its_requester(
    agency, editor, person, other_person, as_person, app_client
):
    with_file = service_with_form(
        agency=agency,
        editor=editor,
        fields=[{"key": "crlv", "type": "file", "label": "CRLV", "file_kinds": ["pdf"]}],
    )
    upload = io.BytesIO(PDF)
    upload.name = "crlv.pdf"
    upload.size = len(PDF)
    document = document_store(owner=person, upload=_uploaded(PDF), allowed_kinds=["pdf"], max_mb=1)
    from ...services import service_request_submit

    request, _created = service_request_submit(
        user=person,
        service=with_file,
        data={},
        files={"crlv": [document]},
        idempotency_key="k1",
        session_level=Level.PRATA,
    )
    attachment = request.attachments.get()

    body = as_person.get(f"/solicitacoes/{request.protocol}").json()
    assert body["answers"] == [
        {"key": "crlv", "label": "CRLV", "type": "file", "value": [str(attachment.pk)]}
    ]
    listed = body["attachments"][0]
    assert listed["name"] == "crlv.pdf" and listed["content_type"] == "application/pdf"
    assert listed["size"] == len(PDF)

    response = as_person.get(f"/solicitacoes/{request.protocol}/anexos/{attachment.pk}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"

    other = ApiCaller(issue_token(other_person, app_client))
    assert other.get(f"/solicitacoes/{request.protocol}/anexos/{attachment.pk}").status_code == 404
    assert as_person.get(f"/solicitacoes/{request.protocol}/anexos/not-a-uuid").status_code == 404
    other_request = submit(service_with_form(agency=agency, editor=editor), person)
    wrong_pair = as_person.get(f"/solicitacoes/{other_request.protocol}/anexos/{attachment.pk}")
    assert wrong_pair.status_code == 404


def _uploaded(content: bytes, name: str = "crlv.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_a_servant_of_the_agency_gets_404_not_the_request(service, person, manager, app_client):
    request = submit(service, person)
    response = ApiCaller(issue_token(manager, app_client)).get(f"/solicitacoes/{request.protocol}")
    assert response.status_code == 404
    assert ServiceRequest.objects.count() == 1
