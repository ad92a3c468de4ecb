"""The requester's pages: GET never changes anything (a confirmation page or 405), and NUL bytes
in any form field get a 400 with the form again, never a 500 (PostgreSQL refuses NUL in text)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ...models import Document, ServiceRequest
from ...services import service_request_act
from ..factories import submit
from .helpers import PDF_BYTES, pdf, post_submit

pytestmark = pytest.mark.django_db


def test_get_on_the_cancel_action_only_asks_for_confirmation(client, service, person):
    request = submit(service, person)
    client.force_login(person)

    response = client.get(reverse("service_requests:act", args=[request.protocol, "cancelar"]))

    assert response.status_code == 200
    assert ServiceRequest.objects.get(pk=request.pk).status == request.status
    assert request.events.count() == 1


@pytest.mark.parametrize("name", ["receipt", "receipt_pdf", "detail"])
def test_read_only_pages_refuse_post(client, service, person, name):
    request = submit(service, person)
    client.force_login(person)
    assert client.post(reverse(f"service_requests:{name}", args=[request.protocol])).status_code == 405


@pytest.mark.parametrize("note", ["a\x00b", "\x00"])
def test_a_nul_byte_in_the_cancel_reason_gets_400(client, service, person, note):
    request = submit(service, person)
    client.force_login(person)

    response = client.post(
        reverse("service_requests:act", args=[request.protocol, "cancelar"]), {"note": note}
    )

    assert response.status_code == 400
    assert ServiceRequest.objects.get(pk=request.pk).status == request.status


def test_a_nul_byte_in_an_answer_gets_400(client, service, person, analyst):
    request = submit(service, person)
    service_request_act(request_id=request.pk, actor=analyst, action_key="iniciar_analise")
    service_request_act(
        request_id=request.pk, actor=analyst, action_key="solicitar_informacoes", note="Envie."
    )
    client.force_login(person)

    response = client.post(
        reverse("service_requests:act", args=[request.protocol, "responder"]), {"note": "Se\x00gue"}
    )

    assert response.status_code == 400
    assert ServiceRequest.objects.get(pk=request.pk).status == "pendente"


@pytest.mark.parametrize("data", [{"placa": "QBX\x00A23"}, {"placa": "QBX1A23", "motivo": "a\x00b"}])
def test_a_nul_byte_in_the_request_form_gets_400(client, service, person, data):
    client.force_login(person)

    response = post_submit(client, service, data)

    assert response.status_code == 400
    assert not ServiceRequest.objects.exists()


def test_a_nul_byte_in_the_document_area_gets_400(client, person):
    client.force_login(person)
    url = reverse("service_requests:documents")

    assert client.post(url, {"excluir": "\x00"}).status_code == 400
    response = client.post(url, {"arquivo": pdf("a\x00b.pdf", PDF_BYTES)})
    assert response.status_code in (303, 400)
    assert all("\x00" not in n for n in Document.objects.values_list("name", flat=True))
