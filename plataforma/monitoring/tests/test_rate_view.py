"""The rating page /conta/solicitacoes/<protocol>/avaliar/."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plataforma.identity.companies.acting import SESSION_KEY
from plataforma.identity.companies.tests.factories import CompanyFactory, make_tie
from plataforma.monitoring.models import Evaluation
from plataforma.service_requests.tests.factories import submit

from .test_evaluations import conclude

pytestmark = pytest.mark.django_db


@pytest.fixture
def concluded(service, person, analyst):
    return conclude(submit(service, person), analyst)


def url(request, **query):
    base = reverse("monitoring:rate", kwargs={"protocol": request.protocol})
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_form_is_accessible(client, concluded, person):
    client.force_login(person)
    response = client.get(url(concluded))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<legend" in html and 'type="radio"' in html
    assert "Avaliar sem me identificar" in html
    assert "Clareza das informações" in html and "Eficácia" in html
    assert 'name="etapa" value="conclusao"' in html


def test_posting_records_the_rating_and_goes_back_to_the_request(client, concluded, person):
    client.force_login(person)
    data = {
        "etapa": "conclusao",
        "score": "5",
        "dim_clareza": "4",
        "dim_tempo": "",
        "comment": "Ótimo",
        "anonymous": "on",
    }
    response = client.post(url(concluded, etapa="conclusao"), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("service_requests:detail", kwargs={"protocol": concluded.protocol})
    evaluation = Evaluation.objects.get()
    assert (evaluation.score, evaluation.dim_clareza, evaluation.dim_tempo) == (5, 4, None)
    assert evaluation.anonymous and evaluation.user is None
    # Nothing left to rate: the page is gone.
    assert client.get(url(concluded)).status_code == 404


def test_field_errors_answer_400(client, concluded, person):
    client.force_login(person)
    response = client.post(
        url(concluded), {"etapa": "conclusao", "score": "9", "comment": "x" * 1001, "dim_custo": "0"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Escolha uma nota de 1 a 5." in html
    assert "no máximo 1000 caracteres" in html or "no máximo 1.000 caracteres" in html
    assert Evaluation.objects.count() == 0


def test_a_second_post_is_refused_clearly(client, concluded, person):
    client.force_login(person)
    client.post(url(concluded), {"etapa": "conclusao", "score": "3"})
    response = client.post(url(concluded), {"etapa": "conclusao", "score": "3"})
    assert response.status_code == 404  # nothing open any more
    assert Evaluation.objects.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(client, concluded):
    response = client.get(url(concluded))
    assert response.status_code == 302
    assert reverse("identity:login") in response["Location"]


@pytest.mark.parametrize("who", ["other_person", "analyst", "outsider_servant"])
def test_others_get_404(client, concluded, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(concluded)).status_code == 404
    assert client.post(url(concluded), {"etapa": "conclusao", "score": "5"}).status_code == 404
    assert Evaluation.objects.count() == 0


def test_404_when_nothing_is_open_or_the_step_is_unknown(client, service, person, concluded):
    client.force_login(person)
    assert client.get(url(submit(service, person))).status_code == 404
    assert client.get(url(concluded, etapa="em_analise")).status_code == 404
    assert client.get(url(concluded, etapa="%00")).status_code == 404
    assert client.get("/conta/solicitacoes/nao-e-um-protocolo/avaliar/").status_code == 404


def test_a_company_request_is_rated_while_acting_for_it(client, service, analyst):
    company = CompanyFactory()
    tie = make_tie(company=company)
    request = conclude(submit(service, tie.user, company=company), analyst)
    client.force_login(tie.user)
    assert client.get(url(request)).status_code == 404  # acting as a person
    session = client.session
    session[SESSION_KEY] = str(company.pk)
    session.save()
    assert client.get(url(request)).status_code == 200
    assert client.post(url(request), {"etapa": "conclusao", "score": "4"}).status_code == 302
