"""Odd input never gets a 500: NUL bytes (PostgreSQL refuses them in text), lone surrogates
(no UTF-8 encoding), very long values and odd unicode in every input of the requests API —
path and query parameters, JSON and multipart bodies, file names and headers. Bad text gets a
4xx with a Portuguese message; nothing is written. Run on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ...models import Document, RequestEvent, ServiceRequest
from ...services import service_request_act
from ..factories import service_with_form, submit
from .conftest import API

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BAD_TEXT = ["a\x00b", "\x00", "a\ud800b"]
needs_monitoring = pytest.mark.skipif(
    not apps.is_installed("plataforma.monitoring"), reason="the monitoring app is not installed yet"
)


def _pending(service, person, analyst):
    request = submit(service, person)
    service_request_act(request_id=request.pk, actor=analyst, action_key="iniciar_analise")
    service_request_act(
        request_id=request.pk, actor=analyst, action_key="solicitar_informacoes", note="Envie o CRLV."
    )
    return request


def _raw_json(caller, path, text: str):
    """POST a JSON body written by hand (so it may hold escapes such as \\ud800)."""
    return Client(raise_request_exception=False).post(
        API + path, text, content_type="application/json", **caller._headers({})
    )


@pytest.mark.parametrize("reason", ["a\x00b", "\x00"])
def test_a_cancellation_reason_with_a_nul_byte_gets_a_field_error(service, person, as_person, reason):
    request = submit(service, person)

    response = as_person.post_json(f"/solicitacoes/{request.protocol}/cancelamento", {"reason": reason})

    assert response.status_code == 422, response.content
    assert response.json()["errors"][0]["field"] == "reason"
    assert ServiceRequest.objects.get(pk=request.pk).status != "cancelada"


def test_a_cancellation_reason_with_a_lone_surrogate_gets_a_field_error(service, person, as_person):
    request = submit(service, person)

    response = _raw_json(
        as_person, f"/solicitacoes/{request.protocol}/cancelamento", '{"reason": "a\\ud800"}'
    )

    assert response.status_code == 422, response.content
    assert response.json()["errors"][0]["field"] == "reason"
    assert ServiceRequest.objects.get(pk=request.pk).status != "cancelada"


def test_a_cancellation_reason_sent_as_a_form_with_a_nul_byte_is_refused(service, person, as_person):
    request = submit(service, person)

    response = as_person.post(f"/solicitacoes/{request.protocol}/cancelamento", {"reason": "a\x00b"})

    assert response.status_code == 422, response.content
    assert ServiceRequest.objects.get(pk=request.pk).status != "cancelada"


def test_an_answer_with_a_nul_byte_gets_a_field_error(service, person, analyst, as_person):
    request = _pending(service, person, analyst)

    response = as_person.post(f"/solicitacoes/{request.protocol}/resposta", {"texto": "a\x00b"})

    assert response.status_code == 422, response.content
    assert response.json()["errors"][0]["field"] == "texto"
    assert ServiceRequest.objects.get(pk=request.pk).status == "pendente"


def test_an_answer_file_with_a_nul_byte_in_its_name_is_refused_or_renamed(
    service, person, analyst, as_person
):
    request = _pending(service, person, analyst)

    response = as_person.post(
        f"/solicitacoes/{request.protocol}/resposta",
        {"texto": "Segue.", "arquivos": [SimpleUploadedFile("cr\x00lv.pdf", PDF)]},
    )

    assert response.status_code in (200, 422), response.content
    assert all("\x00" not in name for name in Document.objects.values_list("name", flat=True))


@pytest.mark.parametrize("documento", ["\x00", "a" * 5000, "00000000-0000-0000-0000-00000000000\x00"])
def test_an_answer_with_an_odd_document_id_gets_a_field_error(service, person, analyst, as_person, documento):
    request = _pending(service, person, analyst)

    response = as_person.post(
        f"/solicitacoes/{request.protocol}/resposta", {"texto": "Veja.", "documentos": [documento]}
    )

    assert response.status_code == 422, response.content


@pytest.mark.parametrize(
    "path",
    [
        "/servicos/a%00b/formulario",
        "/servicos/%00/formulario",
        "/solicitacoes/a%00b",
        "/solicitacoes/2026.DETRANMT.000001-%00",
        "/solicitacoes/" + "9" * 5000,
        "/solicitacoes/2026.detranmt.000001-%E2%80%AE",
        "/solicitacoes/%ED%A0%80",
        "/solicitacoes/a%00b/anexos/00000000-0000-0000-0000-000000000000",
        # an encoded "?" then characters oauthlib refuses in a query (found by Schemathesis)
        "/solicitacoes/%3F%C2%AA%C2%85fw%7F%5B",
        "/solicitacoes/%3F%5B/anexos/00000000-0000-0000-0000-000000000000",
    ],
)
def test_odd_path_parameters_get_404(as_person, path):
    assert as_person.get(path).status_code == 404


def test_an_odd_attachment_id_gets_404(service, person, as_person):
    request = submit(service, person)
    for anexo in ("%00", "a" * 3000, "%E2%80%AE"):
        assert as_person.get(f"/solicitacoes/{request.protocol}/anexos/{anexo}").status_code == 404


@pytest.mark.parametrize("path", ["/solicitacoes/a%00b/cancelamento", "/solicitacoes/a%00b/resposta"])
def test_writes_on_a_protocol_with_a_nul_byte_get_404(as_person, path):
    assert as_person.post(path, {"texto": "x"}).status_code == 404


def test_submitting_to_a_slug_with_a_nul_byte_gets_404(as_person):
    response = as_person.post("/servicos/a%00b/solicitacoes", {"dados": "{}"}, HTTP_IDEMPOTENCY_KEY="chave-1")
    assert response.status_code == 404


@pytest.mark.parametrize("query", ["situacao=%00", "situacao=a%00b", "situacao=" + "x" * 5000, "limit=%00"])
def test_odd_query_parameters_get_422(as_person, query):
    response = as_person.get("/solicitacoes?" + query)
    assert response.status_code == 422, response.content


@pytest.mark.parametrize("key", ["a\x00b", "\x00", "chave\x07", "a" * 81])
def test_an_odd_idempotency_key_gets_400(service, as_person, key):
    response = as_person.post(
        f"/servicos/{service.slug}/solicitacoes",
        {"dados": json.dumps({"placa": "QBX1A23"})},
        HTTP_IDEMPOTENCY_KEY=key,
    )
    assert response.status_code == 400, response.content
    assert not ServiceRequest.objects.exists()


def test_an_idempotency_key_with_accents_is_accepted(service, as_person):
    response = as_person.post(
        f"/servicos/{service.slug}/solicitacoes",
        {"dados": json.dumps({"placa": "QBX1A23"})},
        HTTP_IDEMPOTENCY_KEY="pedido-ção-1",
    )
    assert response.status_code == 201, response.content


@pytest.mark.parametrize("cnpj", ["\x00", "12.345.678/0001-9\x00", "1" * 5000, "\u202e12345678000195"])
def test_an_odd_company_header_gets_400_or_403(person, app_client, cnpj):
    from .conftest import ApiCaller, issue_token

    caller = ApiCaller(issue_token(person, app_client), company_cnpj=cnpj)
    # 403: the digits make a valid CNPJ the person has no tie with
    assert caller.get("/solicitacoes").status_code in (400, 403)


@pytest.mark.parametrize("token", ["a\x00b", "\x00", "x" * 5000])
def test_an_odd_bearer_token_gets_401(token):
    response = Client(raise_request_exception=False).get(
        API + "/solicitacoes", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 401


@pytest.mark.parametrize(
    "dados",
    [
        '{"placa": "QBX1\\u0000A23"}',
        '{"placa": "QBX1\\ud800A2"}',
        '{"motivo": "a\\u0000b", "placa": "QBX1A23"}',
        '{"motivo": "a\\udfffb", "placa": "QBX1A23"}',
        '{"pl\\u0000aca": "QBX1A23"}',
        '{"placa": ["QBX1\\u0000A23"]}',
        '{"placa": {"a\\u0000": "b"}}',
    ],
)
def test_answers_with_bad_text_get_422_and_create_nothing(service, as_person, dados):
    response = as_person.post(
        f"/servicos/{service.slug}/solicitacoes", {"dados": dados}, HTTP_IDEMPOTENCY_KEY="chave-1"
    )

    assert response.status_code == 422, response.content
    assert response.json()["errors"]
    assert not ServiceRequest.objects.exists()


def test_an_address_part_with_a_nul_byte_gets_a_field_error(agency, editor, as_person):
    svc = service_with_form(
        agency=agency, editor=editor, fields=[{"key": "endereco", "type": "cep", "label": "Endereço"}]
    )
    dados = json.dumps(
        {
            "endereco": {
                "cep": "78000000",
                "logradouro": "Rua\x00A",
                "numero": "1",
                "bairro": "Centro",
                "municipio": "Cuiabá",
                "uf": "MT",
            }
        }
    )

    response = as_person.post(
        f"/servicos/{svc.slug}/solicitacoes", {"dados": dados}, HTTP_IDEMPOTENCY_KEY="chave-1"
    )

    assert response.status_code == 422, response.content
    assert not ServiceRequest.objects.exists()


def test_odd_but_valid_unicode_in_answers_is_kept(service, as_person):
    motivo = "Mudança \u202edireita\u202c 🚗 \u200b São José"
    response = as_person.post(
        f"/servicos/{service.slug}/solicitacoes",
        {"dados": json.dumps({"placa": "QBX1A23", "motivo": motivo})},
        HTTP_IDEMPOTENCY_KEY="chave-1",
    )

    assert response.status_code == 201, response.content
    assert ServiceRequest.objects.get().data["motivo"] == motivo


def test_a_submitted_file_with_a_nul_byte_in_its_name_never_stores_it(agency, editor, as_person):
    svc = service_with_form(
        agency=agency,
        editor=editor,
        fields=[
            {"key": "placa", "type": "text", "label": "Placa"},
            {"key": "crlv", "type": "file", "label": "CRLV", "file_kinds": ["pdf"]},
        ],
    )
    response = as_person.post(
        f"/servicos/{svc.slug}/solicitacoes",
        {"dados": json.dumps({"placa": "QBX1A23"}), "arquivo_crlv": SimpleUploadedFile("a\x00b.pdf", PDF)},
        HTTP_IDEMPOTENCY_KEY="chave-1",
    )

    assert response.status_code in (201, 422), response.content
    assert all("\x00" not in name for name in Document.objects.values_list("name", flat=True))


def test_a_multipart_part_name_with_a_nul_byte_gets_422(service, as_person):
    response = as_person.post(
        f"/servicos/{service.slug}/solicitacoes",
        {"dados": json.dumps({"placa": "QBX1A23"}), "documentos_a\x00b": "x"},
        HTTP_IDEMPOTENCY_KEY="chave-1",
    )
    assert response.status_code == 422, response.content
    assert not ServiceRequest.objects.exists()


@needs_monitoring
@pytest.mark.parametrize(
    "body",
    [
        '{"step": "conclusao", "score": 5, "comment": "a\\u0000b"}',
        '{"step": "conclusao", "score": 5, "comment": "a\\ud800b"}',
        '{"step": "conc\\u0000lusao", "score": 5}',
        '{"step": "conclusao", "score": 5, "dimensions": {"te\\u0000mpo": 5}}',
    ],
)
def test_a_rating_with_bad_text_gets_422(service, person, analyst, as_person, body):
    request = submit(service, person)
    service_request_act(request_id=request.pk, actor=analyst, action_key="iniciar_analise")
    service_request_act(request_id=request.pk, actor=analyst, action_key="deferir")

    response = _raw_json(as_person, f"/solicitacoes/{request.protocol}/avaliacoes", body)

    assert response.status_code == 422, response.content
    assert response.json()["errors"]
    assert not RequestEvent.objects.filter(request=request, action="avaliar").exists()
