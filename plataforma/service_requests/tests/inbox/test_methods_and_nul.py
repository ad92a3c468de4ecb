"""The servant's pages: GET never changes anything (a confirmation page or 405), and NUL bytes in
any form field get a 400 with the form again, never a 500 (PostgreSQL refuses NUL in text)."""

from __future__ import annotations

import pytest

from ...models import RequestEvent, ServiceRequest

pytestmark = pytest.mark.django_db


def _url(request, tail: str) -> str:
    return f"/servidor/solicitacoes/{request.protocol}/{tail}"


@pytest.mark.parametrize(
    ("state", "tail", "status"),
    [
        ("recebida", "acao/iniciar_analise/", 200),
        ("em_analise", "acao/indeferir/", 200),
        ("em_analise", "acao/deferir/", 200),
        ("recebida", "observacao/", 200),
        ("recebida", "assumir/", 405),
    ],
)
def test_get_on_a_work_page_changes_nothing(client, make_request, analyst, state, tail, status):
    request = make_request(state=state, analyst=analyst)
    events = RequestEvent.objects.filter(request=request).count()
    client.force_login(analyst)

    assert client.get(_url(request, tail)).status_code == status

    after = ServiceRequest.objects.get(pk=request.pk)
    assert (after.state, after.assignee_id) == (request.state, request.assignee_id)
    assert RequestEvent.objects.filter(request=request).count() == events


def test_get_on_assign_changes_nothing(client, make_request, manager, analyst):
    request = make_request()
    client.force_login(manager)

    assert client.get(_url(request, "atribuir/")).status_code == 200
    assert ServiceRequest.objects.get(pk=request.pk).assignee_id is None


@pytest.mark.parametrize(
    ("tail", "data"),
    [
        ("acao/solicitar_informacoes/", {"note": "Envie\x00o CRV"}),
        ("acao/indeferir/", {"note": "\x00"}),
        ("observacao/", {"note": "a\x00b"}),
    ],
)
def test_a_nul_byte_in_a_work_form_gets_400(client, make_request, analyst, tail, data):
    request = make_request(state="em_analise", analyst=analyst)
    events = RequestEvent.objects.filter(request=request).count()
    client.force_login(analyst)

    assert client.post(_url(request, tail), data).status_code == 400
    assert RequestEvent.objects.filter(request=request).count() == events
    assert ServiceRequest.objects.get(pk=request.pk).state == "em_analise"


def test_a_nul_byte_in_the_assignee_gets_400(client, make_request, manager):
    request = make_request()
    client.force_login(manager)

    assert client.post(_url(request, "atribuir/"), {"assignee": "\x00"}).status_code == 400
    assert ServiceRequest.objects.get(pk=request.pk).assignee_id is None


@pytest.mark.parametrize(
    "query", ["protocolo=a%00b", "situacao=%00&etapa=%00", "prazo=%00", "responsavel=%00", "servico=%00"]
)
def test_nul_bytes_in_the_list_filters_do_not_break_the_list(client, analyst, query):
    client.force_login(analyst)
    assert client.get("/servidor/solicitacoes/?" + query).status_code in (200, 400)
