"""Acting on one's request through the API: answering the agency's question (with files),
cancelling, rating. Wrong state → 409, bad input → 422 with fields, not theirs → 404."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

from ...documents import document_store
from ...models import Document, RequestEvent
from ...services import service_request_act
from ..factories import reload, submit
from .conftest import ApiCaller, issue_token

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00" + b"\x00" * 64
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


def test_answering_the_question_with_a_file_resumes_the_analysis(
    service, person, analyst, as_person, documents_root
):
    request = _pending(service, person, analyst)

    response = as_person.post(
        f"/solicitacoes/{request.protocol}/resposta",
        {"texto": "Segue o CRLV.", "arquivos": [SimpleUploadedFile("crlv.pdf", PDF)]},
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "em_analise" and body["pending_question"] == ""
    last = body["timeline"][-1]
    assert last["action"] == "responder" and last["note"] == "Segue o CRLV." and len(last["attachments"]) == 1
    event = RequestEvent.objects.get(action="responder")
    assert event.attachments.get().document.name == "crlv.pdf"


def test_an_answer_may_attach_a_kept_document(service, person, analyst, as_person):
    request = _pending(service, person, analyst)
    kept = document_store(
        owner=person, upload=SimpleUploadedFile("g.pdf", PDF), allowed_kinds=["pdf"], max_mb=1
    )

    response = as_person.post(
        f"/solicitacoes/{request.protocol}/resposta", {"texto": "Veja.", "documentos": [str(kept.pk)]}
    )

    assert response.status_code == 200, response.content
    assert RequestEvent.objects.get(action="responder").attachments.get().document == kept


def test_an_answer_without_text_is_a_field_error(service, person, analyst, as_person, documents_root):
    request = _pending(service, person, analyst)
    response = as_person.post(
        f"/solicitacoes/{request.protocol}/resposta",
        {"texto": "", "arquivos": [SimpleUploadedFile("a.pdf", PDF)]},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "texto"
    assert reload(request).state == "pendente"
    assert not Document.objects.exists() and not [p for p in documents_root.rglob("*") if p.is_file()]


def test_an_answer_with_a_disguised_file_is_refused(service, person, analyst, as_person):
    request = _pending(service, person, analyst)
    response = as_person.post(
        f"/solicitacoes/{request.protocol}/resposta",
        {"texto": "Ok", "arquivos": [SimpleUploadedFile("a.pdf", EXE)]},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "arquivos"
    assert reload(request).state == "pendente"


def test_another_persons_document_cannot_be_attached_to_an_answer(
    service, person, other_person, analyst, as_person
):
    request = _pending(service, person, analyst)
    theirs = document_store(
        owner=other_person, upload=SimpleUploadedFile("d.pdf", PDF), allowed_kinds=["pdf"], max_mb=1
    )
    response = as_person.post(
        f"/solicitacoes/{request.protocol}/resposta", {"texto": "Ok", "documentos": [str(theirs.pk)]}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "documentos"


def test_answering_a_request_that_asks_nothing_is_a_conflict(service, person, as_person):
    request = submit(service, person)
    response = as_person.post(f"/solicitacoes/{request.protocol}/resposta", {"texto": "Oi"})
    assert response.status_code == 409
    assert response.json()["detail"]


def test_nobody_else_may_answer(service, person, other_person, analyst, app_client):
    request = _pending(service, person, analyst)
    for user in (other_person, analyst):
        caller = ApiCaller(issue_token(user, app_client))
        assert caller.post(f"/solicitacoes/{request.protocol}/resposta", {"texto": "Oi"}).status_code == 404
    assert reload(request).state == "pendente"


def test_cancelling_a_request(service, person, as_person):
    request = submit(service, person)

    response = as_person.post_json(f"/solicitacoes/{request.protocol}/cancelamento", {"reason": "Desisti."})

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "cancelada" and response.json()["actions"] == []
    assert reload(request).status == "cancelada"
    assert RequestEvent.objects.get(action="cancelar").note == "Desisti."
    again = as_person.post_json(f"/solicitacoes/{request.protocol}/cancelamento", {})
    assert again.status_code == 409


def test_cancelling_needs_no_body(service, person, as_person):
    request = submit(service, person)
    assert as_person.post(f"/solicitacoes/{request.protocol}/cancelamento").status_code == 200


def test_a_concluded_request_cannot_be_cancelled(service, person, analyst, as_person):
    request = submit(service, person)
    service_request_act(request_id=request.pk, actor=analyst, action_key="iniciar_analise")
    service_request_act(request_id=request.pk, actor=analyst, action_key="deferir")
    assert as_person.post_json(f"/solicitacoes/{request.protocol}/cancelamento", {}).status_code == 409


def test_nobody_else_may_cancel(service, person, other_person, app_client):
    request = submit(service, person)
    caller = ApiCaller(issue_token(other_person, app_client))
    assert caller.post_json(f"/solicitacoes/{request.protocol}/cancelamento", {}).status_code == 404
    assert reload(request).status == "em_andamento"


@needs_monitoring
def test_rating_a_concluded_request_once(service, person, analyst, as_person):
    request = submit(service, person)
    service_request_act(request_id=request.pk, actor=analyst, action_key="iniciar_analise")
    service_request_act(request_id=request.pk, actor=analyst, action_key="deferir")
    steps = as_person.get(f"/solicitacoes/{request.protocol}").json()["rating_steps"]
    assert [s["step"] for s in steps] == ["conclusao"]

    payload = {"step": "conclusao", "score": 5, "dimensions": {"tempo": 4}, "comment": "Rápido."}
    response = as_person.post_json(f"/solicitacoes/{request.protocol}/avaliacoes", payload)

    assert response.status_code == 201, response.content
    assert response.json()["score"] == 5 and response.json()["step"] == "conclusao"
    assert as_person.get(f"/solicitacoes/{request.protocol}").json()["rating_steps"] == []
    assert as_person.post_json(f"/solicitacoes/{request.protocol}/avaliacoes", payload).status_code == 409


@needs_monitoring
def test_a_step_not_open_for_rating_is_a_field_error(service, person, as_person):
    request = submit(service, person)
    response = as_person.post_json(
        f"/solicitacoes/{request.protocol}/avaliacoes", {"step": "conclusao", "score": 3}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "step"


def test_a_score_out_of_range_is_a_field_error(service, person, as_person):
    request = submit(service, person)
    response = as_person.post_json(
        f"/solicitacoes/{request.protocol}/avaliacoes", {"step": "conclusao", "score": 9}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "score"


def test_nobody_else_may_rate(service, person, other_person, app_client):
    request = submit(service, person)
    caller = ApiCaller(issue_token(other_person, app_client))
    response = caller.post_json(
        f"/solicitacoes/{request.protocol}/avaliacoes", {"step": "conclusao", "score": 3}
    )
    assert response.status_code == 404
