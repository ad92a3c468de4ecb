"""The public pages of the exceptions: only approved, under-review, closed and revoked exceptions
are shown (drafts, requests under analysis and declined ones never), with their filters; bad
filter values answer 400 and unknown numbers 404, never 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..models import ExceptionRequest
from ..services import exceptions_decisions as decisions
from .factories_exceptions import AgencyFactory, approved, declined, draft, in_review, make_world, submitted

pytestmark = pytest.mark.django_db
Status = ExceptionRequest.Status
LIST = "governance:exc_public_list"


@pytest.fixture
def w():
    return make_world()


def _detail(number):
    return reverse("governance:exc_public_detail", args=[number])


def test_only_public_statuses_are_listed_and_have_a_page(client, w):
    shown = approved(w, service=w.service)
    hidden_analysis = submitted(w, service=w.service2)
    hidden_draft = draft(w, service=w.sefaz_service)
    response = client.get(reverse(LIST))
    assert response.status_code == 200
    body = response.content.decode()
    assert shown.number in body and "Licenciar veículo" in body
    assert reverse("catalog:service_detail", args=[w.service.slug]) in body  # link to the Carta page
    assert "Conector previsto para o ano." in body  # the Núcleo's reasons
    assert "0 de 1 ação concluída" in body  # progress of the plan
    assert hidden_analysis.number not in body and "Transferir veículo" not in body
    assert "Emitir nota fiscal" not in body
    assert client.get(_detail(shown.number)).status_code == 200
    assert client.get(_detail(hidden_analysis.number)).status_code == 404
    assert client.get(_detail(hidden_draft.number)).status_code == 404


def test_a_declined_request_is_not_public(client, w):
    exc = declined(w)
    assert exc.number not in client.get(reverse(LIST)).content.decode()
    assert client.get(_detail(exc.number)).status_code == 404


def test_review_closed_and_revoked_exceptions_stay_public(client, w):
    review = in_review(w, service=w.service)
    closed = decisions.exception_review(
        actor=w.nucleo, request=in_review(w, service=w.service2), decision="encerrar", reasons="Migrado."
    )
    revoked = decisions.exception_review(
        actor=w.nucleo,
        request=in_review(w, service=w.sefaz_service),
        decision="revogar",
        reasons="Plano abandonado.",
    )
    body = client.get(reverse(LIST)).content.decode()
    for exc in (review, closed, revoked):
        assert exc.number in body
        page = client.get(_detail(exc.number))
        assert page.status_code == 200
        assert exc.get_status_display() in page.content.decode()
    detail = client.get(_detail(revoked.number)).content.decode()
    assert "Plano abandonado." in detail and "exceção revogada" in detail


def test_filters_by_agency_and_status(client, w):
    detran_exc = approved(w, service=w.service)
    sefaz_exc = in_review(w, service=w.sefaz_service)
    body = client.get(reverse(LIST), {"orgao": "sefaz"}).content.decode()
    assert sefaz_exc.number in body and detran_exc.number not in body
    body = client.get(reverse(LIST), {"situacao": "aprovada"}).content.decode()
    assert detran_exc.number in body and sefaz_exc.number not in body
    body = client.get(reverse(LIST), {"orgao": "detran-mt", "situacao": "em_revisao"}).content.decode()
    assert detran_exc.number not in body and sefaz_exc.number not in body
    AgencyFactory(slug="sem-excecoes")
    assert client.get(reverse(LIST), {"orgao": "sem-excecoes"}).status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"situacao": "rascunho"},
        {"situacao": "em_analise"},
        {"situacao": "recusada"},
        {"situacao": "<script>"},
        {"orgao": "nao-existe"},
        {"orgao": "x" * 500},
        {"pagina": "0"},
        {"pagina": "abc"},
        {"pagina": "9" * 20},
    ],
)
def test_bad_filters_answer_400(client, w, params):
    approved(w)
    response = client.get(reverse(LIST), params)
    assert response.status_code == 400
    assert "Erro 400" in response.content.decode()


@pytest.mark.parametrize("number", ["nada", "2026.EXC.000001", "2026.EXC.000001-0" + "9" * 30, "%00"])
def test_unknown_numbers_answer_404(client, w, number):
    approved(w)
    assert client.get(_detail(number)).status_code == 404


def test_a_page_past_the_end_shows_the_last_one(client, w):
    exc = approved(w)
    response = client.get(reverse(LIST), {"pagina": "99"})
    assert response.status_code == 200 and exc.number in response.content.decode()
