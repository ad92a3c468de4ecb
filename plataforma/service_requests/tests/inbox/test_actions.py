"""Workflow actions through the inbox pages."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ... import selectors as request_selectors
from ...models import Attachment, Document, RequestEvent
from ..factories import reload

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def act_url(request, key: str) -> str:
    return f"/servidor/solicitacoes/{request.protocol}/acao/{key}/"


def test_the_action_page_uses_the_actions_note_label(client, analyst, make_request):
    request = make_request(state="em_analise", analyst=analyst)
    client.force_login(analyst)
    response = client.get(act_url(request, "indeferir"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Justificativa" in page and 'enctype="multipart/form-data"' in page


def test_asking_a_question_shows_the_answer_deadline_and_the_requester_sees_the_question(
    client, analyst, make_request
):
    request = make_request(state="em_analise", analyst=analyst)
    client.force_login(analyst)
    page = client.get(act_url(request, "solicitar_informacoes")).content.decode()
    assert "10 dias úteis" in page
    response = client.post(
        act_url(request, "solicitar_informacoes"), {"note": "Envie a cópia do CRV assinada."}
    )
    assert response.status_code == 303
    assert response["Location"] == f"/servidor/solicitacoes/{request.protocol}/"
    request = reload(request)
    assert request.state == "pendente" and request.pending_question == "Envie a cópia do CRV assinada."
    seen = request_selectors.timeline(request=request, for_requester=True)
    assert seen[-1].note == "Envie a cópia do CRV assinada." and seen[-1].actor == analyst


def test_approving_concludes_the_request(client, analyst, make_request):
    request = make_request(state="em_analise", analyst=analyst)
    client.force_login(analyst)
    assert client.post(act_url(request, "deferir"), {"note": ""}).status_code == 303
    request = reload(request)
    assert request.status == "deferida" and request.concluded_at is not None


def test_rejecting_without_justification_is_a_field_error_and_changes_nothing(client, analyst, make_request):
    request = make_request(state="em_analise", analyst=analyst)
    events = RequestEvent.objects.filter(request=request).count()
    client.force_login(analyst)
    response = client.post(act_url(request, "indeferir"), {"note": "   "})
    assert response.status_code == 400
    assert response.context["form"].errors["note"] == ["Preencha: Justificativa."]
    assert 'id="id_note_error"' in response.content.decode()
    assert reload(request).state == "em_analise"
    assert RequestEvent.objects.filter(request=request).count() == events


def test_attachments_are_stored_as_the_servants_documents_with_the_event(
    client, analyst, make_request, documents_dir
):
    request = make_request(state="em_analise", analyst=analyst)
    client.force_login(analyst)
    response = client.post(
        act_url(request, "deferir"),
        {"note": "Segue o documento.", "anexos": [SimpleUploadedFile("licenca.pdf", PDF)]},
    )
    assert response.status_code == 303
    attachment = Attachment.objects.get(request=request)
    assert attachment.event.action == "deferir" and attachment.document.owner == analyst
    assert (documents_dir / attachment.document.file.name).read_bytes() == PDF


def test_a_refused_file_is_a_field_error_and_nothing_is_kept(client, analyst, make_request, documents_dir):
    request = make_request(state="em_analise", analyst=analyst)
    client.force_login(analyst)
    response = client.post(
        act_url(request, "deferir"),
        {"note": "", "anexos": [SimpleUploadedFile("ok.pdf", PDF), SimpleUploadedFile("virus.pdf", EXE)]},
    )
    assert response.status_code == 400
    assert "não é do tipo aceito" in " ".join(response.context["form"].errors["anexos"])
    assert reload(request).state == "em_analise"
    assert not Document.objects.filter(owner=analyst).exists()
    assert not [p for p in documents_dir.rglob("*") if p.is_file()]


def test_when_the_action_fails_after_storing_files_they_are_discarded(
    client, analyst, make_request, documents_dir
):
    request = make_request(state="em_analise", analyst=analyst)
    client.force_login(analyst)
    response = client.post(
        act_url(request, "indeferir"), {"note": "", "anexos": [SimpleUploadedFile("ok.pdf", PDF)]}
    )
    assert response.status_code == 400
    assert not Document.objects.exists()
    assert not [p for p in documents_dir.rglob("*") if p.is_file()]


def test_an_attendant_may_not_decide(client, attendant, analyst, make_request):
    request = make_request(state="em_analise", analyst=analyst)
    client.force_login(attendant)
    assert client.get(act_url(request, "deferir")).status_code == 403
    assert client.post(act_url(request, "deferir"), {"note": ""}).status_code == 403
    assert reload(request).state == "em_analise"


def test_the_requesters_actions_and_system_actions_are_not_the_agencys(client, analyst, make_request):
    request = make_request(state="pendente", analyst=analyst)
    client.force_login(analyst)
    assert client.post(act_url(request, "responder"), {"note": "x"}).status_code == 403
    assert client.post(act_url(request, "pagamento_confirmado")).status_code == 404
    assert client.post(act_url(request, "nao_existe")).status_code == 404
    assert reload(request).state == "pendente"


def test_an_action_not_available_in_this_step_says_so(client, analyst, make_request):
    request = make_request()
    client.force_login(analyst)
    response = client.post(act_url(request, "deferir"), {"note": ""})
    assert response.status_code == 400
    assert "não está disponível na etapa atual" in response.content.decode()
    assert reload(request).state == "recebida"
