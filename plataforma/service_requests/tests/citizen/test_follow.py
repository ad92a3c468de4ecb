"""Following a request: the list, the request page with its timeline, answering the agency's
question, cancelling — and nobody else seeing any of it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plataforma.identity.companies.acting import SESSION_KEY

from ...models import Attachment, RequestEvent, ServiceRequest
from ...services import service_request_act
from ..factories import citizen, reload, submit
from .helpers import FILE_FIELDS, pdf, post_submit

pytestmark = pytest.mark.django_db


def _act(client, request, action, data=None):
    return client.post(reverse("service_requests:act", args=[request.protocol, action]), data or {})


def _detail(client, request):
    return client.get(reverse("service_requests:detail", args=[request.protocol]))


def _act_as_company(client, company):
    session = client.session
    session[SESSION_KEY] = str(company.pk)
    session.save()


def test_the_whole_journey_submit_receipt_follow_answer_cancel(client, service, person, analyst):
    client.force_login(person)
    response = post_submit(client, service, {"placa": "QBX1A23"})
    request = ServiceRequest.objects.get()
    receipt = client.get(response["Location"])
    assert receipt.status_code == 200 and request.protocol in receipt.content.decode()

    page = _detail(client, request)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Recebida" in html and "Pedido enviado" in html and "Prazo previsto" in html
    assert "Cancelar pedido" in html and "Responder" not in html

    service_request_act(request_id=request.pk, actor=analyst, action_key="iniciar_analise")
    service_request_act(
        request_id=request.pk,
        actor=analyst,
        action_key="solicitar_informacoes",
        note="Envie o documento de venda assinado.",
    )
    html = _detail(client, request).content.decode()
    assert "Envie o documento de venda assinado." in html and "Responda até" in html
    assert "Analista — DETRAN-MT" in html and analyst.full_name not in html  # role and agency, no name
    assert 'action="' + reverse("service_requests:act", args=[request.protocol, "responder"]) in html

    answer = client.post(
        reverse("service_requests:act", args=[request.protocol, "responder"]),
        {"note": "Segue o documento.", "uploads": pdf("venda.pdf")},
    )
    assert answer.status_code == 303
    request = reload(request)
    assert request.state == "em_analise" and request.pending_question == ""
    event = RequestEvent.objects.get(request=request, action="responder")
    assert event.note == "Segue o documento." and event.actor == person
    assert Attachment.objects.get(event=event).document.name == "venda.pdf"
    assert "Segue o documento." in _detail(client, request).content.decode()

    confirm = client.get(reverse("service_requests:act", args=[request.protocol, "cancelar"]))
    assert confirm.status_code == 200 and "Sim, cancelar o pedido" in confirm.content.decode()
    assert reload(request).status == "em_andamento"  # GET changes nothing
    assert _act(client, request, "cancelar", {"note": ""}).status_code == 303
    request = reload(request)
    assert request.status == "cancelada" and request.concluded_at is not None
    html = _detail(client, request).content.decode()
    assert "O pedido agora está em: Cancelada" in html
    assert reverse("service_requests:act", args=[request.protocol, "cancelar"]) not in html


def test_an_answer_without_its_required_note_is_a_400_on_the_field(client, service, person, analyst):
    request = submit(service, person)
    service_request_act(request_id=request.pk, actor=analyst, action_key="iniciar_analise")
    service_request_act(
        request_id=request.pk, actor=analyst, action_key="solicitar_informacoes", note="Qual a placa?"
    )
    client.force_login(person)
    response = _act(client, request, "responder", {"note": "   "})
    assert response.status_code == 400
    assert 'id="id_note_error"' in response.content.decode()
    assert reload(request).state == "pendente"


def test_an_action_not_available_now_is_404_on_get_and_400_on_post(client, service, person):
    request = submit(service, person)
    client.force_login(person)
    url = reverse("service_requests:act", args=[request.protocol, "responder"])
    assert client.get(url).status_code == 404
    assert client.post(url, {"note": "oi"}).status_code == 400
    for servant_action in ("deferir", "nao-existe"):
        assert (
            client.get(reverse("service_requests:act", args=[request.protocol, servant_action])).status_code
            == 404
        )
        assert _act(client, request, servant_action, {"note": "x"}).status_code == 400
    assert reload(request).state == "recebida"


def test_a_validation_error_of_the_workflow_is_a_400_with_its_message(client, service, person, monkeypatch):
    request = submit(service, person)
    client.force_login(person)

    def refuse(**kwargs):
        raise ValidationError({"note": "Use no máximo 5000 caracteres."})

    monkeypatch.setattr("plataforma.service_requests.views.actions.service_request_act", refuse)
    response = _act(client, request, "cancelar", {"note": "x"})
    assert response.status_code == 400 and "Use no máximo 5000 caracteres." in response.content.decode()


def test_the_list_shows_the_persons_requests_newest_first_in_one_query(
    client, service, person, other_person, django_assert_max_num_queries
):
    first = submit(service, person)
    second = submit(service, person)
    submit(service, other_person)
    client.force_login(person)
    url = reverse("service_requests:mine")
    client.get(url)  # warm the session
    with django_assert_max_num_queries(8):
        page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert html.index(second.protocol) < html.index(first.protocol)
    assert html.count("<tr>") == 3  # header + two rows: not the other person's
    assert "Em andamento" in html and "DETRAN-MT" in html


def test_the_list_query_count_does_not_grow_with_rows(client, service, person, django_assert_num_queries):
    client.force_login(person)
    url = reverse("service_requests:mine")
    submit(service, person)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(5):
        submit(service, person)
    with CaptureQueriesContext(connection) as six:
        client.get(url)
    assert len(six) == len(one)


def test_the_list_filters_by_situacao_and_rejects_unknown_ones(client, service, person):
    open_one = submit(service, person)
    cancelled = submit(service, person)
    client.force_login(person)
    _act(client, cancelled, "cancelar")
    html = client.get(reverse("service_requests:mine"), {"situacao": "cancelada"}).content.decode()
    assert cancelled.protocol in html and open_one.protocol not in html
    assert client.get(reverse("service_requests:mine"), {"situacao": "xyz"}).status_code == 400
    assert client.get(reverse("service_requests:mine"), {"pagina": "abc"}).status_code == 404
    assert client.get(reverse("service_requests:mine"), {"pagina": "9"}).status_code == 404


def test_the_empty_list_points_to_the_carta(client, person):
    client.force_login(person)
    html = client.get(reverse("service_requests:mine")).content.decode()
    assert "ainda não fez nenhuma solicitação" in html and reverse("catalog:service_list") in html


def test_the_list_is_paginated(client, service, person):
    for _ in range(21):
        submit(service, person)
    client.force_login(person)
    first = client.get(reverse("service_requests:mine")).content.decode()
    second = client.get(reverse("service_requests:mine"), {"pagina": "2"}).content.decode()
    assert first.count("<tr>") == 21 and second.count("<tr>") == 2


# --- who may see -----------------------------------------------------------------------------


def _citizen_urls(request, attachment=None):
    urls = [
        reverse("service_requests:detail", args=[request.protocol]),
        reverse("service_requests:receipt", args=[request.protocol]),
        reverse("service_requests:receipt_pdf", args=[request.protocol]),
        reverse("service_requests:act", args=[request.protocol, "cancelar"]),
    ]
    if attachment is not None:
        urls.append(reverse("service_requests:attachment", args=[request.protocol, attachment.pk]))
    return urls


@pytest.fixture
def request_with_file(agency, editor, person, client):
    from ..factories import service_with_form

    service = service_with_form(agency=agency, editor=editor, fields=FILE_FIELDS)
    client.force_login(person)
    post_submit(client, service, {"placa": "QBX1A23", "crlv": pdf()})
    client.logout()
    request = ServiceRequest.objects.get()
    return request, Attachment.objects.get(request=request)


@pytest.mark.parametrize("who", ["other_person", "analyst", "manager", "outsider_servant"])
def test_nobody_else_sees_a_persons_request(client, request_with_file, who, request):
    service_request, attachment = request_with_file
    client.force_login(request.getfixturevalue(who))
    for url in _citizen_urls(service_request, attachment):
        assert client.get(url).status_code == 404, url
    assert _act(client, service_request, "cancelar").status_code == 404
    assert reload(service_request).status == "em_andamento"
    assert service_request.protocol not in client.get(reverse("service_requests:mine")).content.decode()


def test_anonymous_people_are_sent_to_sign_in_on_every_page(client, request_with_file):
    service_request, attachment = request_with_file
    for url in [*_citizen_urls(service_request, attachment), reverse("service_requests:mine")]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("identity:login")), url


def test_an_unknown_or_malformed_protocol_is_not_found(client, person):
    client.force_login(person)
    assert client.get(reverse("service_requests:detail", args=["2026.DETRANMT.000001-0"])).status_code == 404
    assert client.get(reverse("service_requests:detail", args=["qualquer-coisa"])).status_code == 404


def test_a_colleague_acting_for_the_company_sees_its_request_but_not_as_a_person(
    client, service, representative, colleague, company
):
    request = submit(service, representative, company=company)
    client.force_login(colleague)
    assert _detail(client, request).status_code == 404  # acting as a natural person
    _act_as_company(client, company)
    page = _detail(client, request)
    assert page.status_code == 200 and company.legal_name in page.content.decode()
    assert request.protocol in client.get(reverse("service_requests:mine")).content.decode()


def test_the_requester_does_not_see_the_companys_request_outside_its_context(
    client, service, representative, company
):
    request = submit(service, representative, company=company)
    client.force_login(representative)
    assert _detail(client, request).status_code == 404
    assert request.protocol not in client.get(reverse("service_requests:mine")).content.decode()


def test_a_persons_own_request_is_hidden_while_acting_for_a_company(client, service, representative, company):
    own = submit(service, representative)
    client.force_login(representative)
    _act_as_company(client, company)
    assert _detail(client, own).status_code == 404


def test_another_company_does_not_see_the_request(client, service, representative, company):
    from plataforma.identity.companies.models import CompanyTie
    from plataforma.identity.companies.tests.factories import CompanyFactory, make_tie

    request = submit(service, representative, company=company)
    other_company = CompanyFactory()
    stranger = citizen()
    make_tie(company=other_company, user=stranger, role=CompanyTie.Role.LEGAL_REPRESENTATIVE)
    client.force_login(stranger)
    _act_as_company(client, other_company)
    assert _detail(client, request).status_code == 404
    # and pretending to act for a company one has no tie with is dropped by the middleware
    _act_as_company(client, company)
    assert _detail(client, request).status_code == 404


def test_files_of_a_refused_answer_are_not_kept(
    client, service, person, analyst, documents_root, monkeypatch
):
    from ...models import Document
    from .helpers import stored_files

    request = submit(service, person)
    service_request_act(request_id=request.pk, actor=analyst, action_key="iniciar_analise")
    service_request_act(
        request_id=request.pk, actor=analyst, action_key="solicitar_informacoes", note="Qual a placa?"
    )
    client.force_login(person)

    def refuse(**kwargs):
        raise ValidationError("Esta ação não está disponível na etapa atual do pedido.")

    monkeypatch.setattr("plataforma.service_requests.views.actions.service_request_act", refuse)
    response = _act(client, request, "responder", {"note": "Segue.", "uploads": pdf("venda.pdf")})
    assert response.status_code == 400
    assert Document.objects.count() == 0 and stored_files(documents_root) == []
    assert reload(request).state == "pendente"


def test_a_forbidden_action_is_a_403(client, service, person, monkeypatch):
    from django.core.exceptions import PermissionDenied

    request = submit(service, person)
    client.force_login(person)

    def forbid(**kwargs):
        raise PermissionDenied("Você não pode realizar esta ação neste pedido.")

    monkeypatch.setattr("plataforma.service_requests.views.actions.service_request_act", forbid)
    response = _act(client, request, "cancelar")
    assert response.status_code == 403 and "Você não pode realizar esta ação" in response.content.decode()
