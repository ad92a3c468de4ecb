"""The Área Empresarial pages: sign-in required, bad input answers 400 and changes nothing, and
each page refuses the people who must not get in."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from plataforma.common.documents import format_cnpj, format_cpf, make_cpf
from plataforma.common.models import AuditEvent
from plataforma.identity.companies.models import Company, CompanyTie
from plataforma.identity.tests.factories import UserFactory

from .factories import CompanyFactory, make_representative, make_tie, next_cnpj

pytestmark = pytest.mark.django_db
Role, Status = CompanyTie.Role, CompanyTie.Status
HOME = reverse("companies:home")
REQUEST = reverse("companies:tie_request")


def _company_url(company):
    return reverse("companies:company", args=[company.pk])


def _grant_url(company):
    return reverse("companies:grant", args=[company.pk])


def test_every_page_asks_anonymous_people_to_sign_in(client):
    tie = make_tie(status=Status.PENDING)
    urls = [
        HOME,
        REQUEST,
        _company_url(tie.company),
        reverse("companies:tie_revoke", args=[tie.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("identity:login")), url
    for url in (_grant_url(tie.company), reverse("companies:tie_approve", args=[tie.company.pk, tie.pk])):
        assert client.post(url, {}).status_code == 302
    assert CompanyTie.objects.get().status == Status.PENDING


def test_home_lists_the_persons_ties_with_status_role_and_expiry(client):
    person = UserFactory()
    expiry = timezone.localdate() + timedelta(days=5)
    active = make_tie(user=person, role=Role.ACCOUNTANT, expires_at=expiry)
    pending = make_tie(user=person, role=Role.PARTNER, status=Status.PENDING)
    expired = make_tie(user=person, expires_at=timezone.localdate() - timedelta(days=2))
    someone_else = make_tie()
    client.force_login(person)
    body = client.get(HOME).content.decode()
    for tie in (active, pending, expired):
        assert tie.company.legal_name in body
    assert someone_else.company.legal_name not in body
    assert "Contador" in body and "Aguardando validação" in body and "Vencido" in body
    assert expiry.strftime("%d/%m/%Y") in body
    assert reverse("companies:acting_start", args=[active.company.pk]) in body
    assert reverse("companies:acting_start", args=[expired.company.pk]) not in body
    assert reverse("companies:acting_start", args=[pending.company.pk]) not in body


def test_a_person_requests_a_tie_through_the_form(client):
    person, cnpj = UserFactory(), next_cnpj()
    client.force_login(person)
    assert client.get(REQUEST).status_code == 200
    response = client.post(
        REQUEST, {"cnpj": format_cnpj(cnpj), "legal_name": "Beta Serviços Ltda", "role": "socio"}
    )
    assert response.status_code == 302 and response.url == HOME
    tie = CompanyTie.objects.get(user=person)
    assert tie.company.cnpj == cnpj and tie.status == Status.PENDING
    body = client.get(HOME).content.decode()
    assert "Beta Serviços Ltda" in body and "Vínculo pedido" in body  # in the person's history


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"cnpj": "11.222.333/0001-00", "legal_name": "X", "role": "socio"}, "Informe um CNPJ válido"),
        ({"cnpj": "", "legal_name": "X", "role": "socio"}, "Informe o CNPJ."),
        ({"cnpj": "9" * 500, "legal_name": "X", "role": "socio"}, "Informe um CNPJ válido"),
        ({"cnpj": "NEW", "legal_name": "", "role": "socio"}, "Informe a razão social"),
        ({"cnpj": "NEW", "legal_name": "y" * 201, "role": "socio"}, "no máximo"),
        ({"cnpj": "NEW", "legal_name": "X", "role": "dono"}, "Escolha um tipo de vínculo da lista."),
        ({"cnpj": "NEW", "legal_name": "X"}, "Escolha o tipo de vínculo."),
    ],
)
def test_bad_requests_answer_400_with_a_portuguese_message_and_change_nothing(client, data, message):
    client.force_login(UserFactory())
    if data["cnpj"] == "NEW":
        data["cnpj"] = next_cnpj()
    response = client.post(REQUEST, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    assert (
        not Company.objects.exists() and not CompanyTie.objects.exists() and not AuditEvent.objects.exists()
    )


def test_a_second_open_request_is_refused_with_a_clear_error(client):
    tie = make_tie(status=Status.PENDING)
    client.force_login(tie.user)
    response = client.post(REQUEST, {"cnpj": tie.company.cnpj, "legal_name": "", "role": "contador"})
    assert response.status_code == 400 and "pedido em análise" in response.content.decode()
    assert CompanyTie.objects.count() == 1


@override_settings(MTLOGIN_TIE_REQUEST_LIMIT=(2, 3600))
def test_tie_requests_are_rate_limited_per_person(client):
    client.force_login(UserFactory())
    for _ in range(2):
        assert (
            client.post(REQUEST, {"cnpj": next_cnpj(), "legal_name": "X", "role": "socio"}).status_code == 302
        )
    response = client.post(REQUEST, {"cnpj": next_cnpj(), "legal_name": "X", "role": "socio"})
    assert response.status_code == 429 and "Muitas tentativas" in response.content.decode()
    assert CompanyTie.objects.count() == 2


# --- The company page (representatives) -----------------------------------------------------


def test_a_representative_sees_the_companys_people_and_history(client):
    representative, company = make_representative()
    colleague = make_tie(company=company, role=Role.ACCOUNTANT)
    pending = make_tie(company=company, status=Status.PENDING)
    ended = make_tie(company=company, status=Status.REVOKED)
    client.force_login(representative)
    body = client.get(_company_url(company)).content.decode()
    assert colleague.user.masked_cpf in body and pending.user.masked_cpf in body
    assert ended.user.masked_cpf not in body
    assert colleague.user.cpf not in body  # never the full CPF
    assert reverse("companies:tie_approve", args=[company.pk, pending.pk]) in body
    assert reverse("companies:tie_revoke", args=[colleague.pk]) in body


def test_who_may_not_see_the_company_page(client):
    company = CompanyFactory()
    collaborator = make_tie(company=company, role=Role.COLLABORATOR).user
    accountant = make_tie(company=company, role=Role.ACCOUNTANT).user
    expired, _ = make_representative(company=company, expires_at=timezone.localdate() - timedelta(days=1))
    pending, _ = make_representative(company=company, status=Status.PENDING)
    other_representative, _ = make_representative()
    citizen = UserFactory()
    cases = [
        (collaborator, 403),
        (accountant, 403),
        (expired, 404),
        (pending, 404),
        (other_representative, 404),
        (citizen, 404),
    ]
    for user, status in cases:
        client.force_login(user)
        assert client.get(_company_url(company)).status_code == status
        response = client.post(_grant_url(company), {"cpf": format_cpf(citizen.cpf), "role": "colaborador"})
        assert response.status_code == status
    assert not CompanyTie.objects.filter(user=citizen).exists()
    assert not AuditEvent.objects.exists()


def test_a_representative_grants_a_tie_by_cpf(client):
    representative, company = make_representative()
    person = UserFactory()
    client.force_login(representative)
    expiry = timezone.localdate() + timedelta(days=30)
    response = client.post(
        _grant_url(company),
        {"cpf": format_cpf(person.cpf), "role": "colaborador", "expires_at": expiry.isoformat()},
    )
    assert response.status_code == 302 and response.url == _company_url(company)
    tie = CompanyTie.objects.get(user=person)
    assert tie.status == Status.ACTIVE and tie.expires_at == expiry and tie.granted_by == representative
    client.force_login(person)  # the person sees it in their area
    body = client.get(HOME).content.decode()
    assert company.legal_name in body and "Vínculo concedido por representante" in body


@pytest.mark.parametrize(
    ("data", "field_message"),
    [
        ({"cpf": "123.456.789-00", "role": "colaborador"}, "Informe um CPF válido"),
        ({"cpf": make_cpf("987654321"), "role": "colaborador"}, "Não há conta no MT Login com este CPF"),
        ({"cpf": "SELF", "role": "colaborador"}, "a si mesmo"),
        ({"cpf": "OTHER", "role": "chefe"}, "Escolha um tipo de vínculo da lista."),
        ({"cpf": "OTHER", "role": "colaborador", "expires_at": "2020-01-01"}, "não pode estar no passado"),
        ({"cpf": "OTHER", "role": "colaborador", "expires_at": "31/31/2030"}, "Informe uma data válida."),
        ({"cpf": "1" * 1000, "role": "colaborador"}, "Informe um CPF válido"),
    ],
)
def test_bad_grants_answer_400_and_change_nothing(client, data, field_message):
    representative, company = make_representative()
    client.force_login(representative)
    if data["cpf"] == "SELF":
        data["cpf"] = representative.cpf
    elif data["cpf"] == "OTHER":
        data["cpf"] = UserFactory().cpf
    response = client.post(_grant_url(company), data)
    assert response.status_code == 400
    assert field_message in response.content.decode()
    assert CompanyTie.objects.count() == 1 and not AuditEvent.objects.exists()


@override_settings(MTLOGIN_CPF_LOOKUP_LIMIT=(2, 3600))
def test_cpf_lookups_in_the_grant_form_are_rate_limited(client):
    representative, company = make_representative()
    client.force_login(representative)
    for base in ("987654321", "987654322"):
        assert (
            client.post(_grant_url(company), {"cpf": make_cpf(base), "role": "colaborador"}).status_code
            == 400
        )
    person = UserFactory()
    response = client.post(_grant_url(company), {"cpf": person.cpf, "role": "colaborador"})
    assert response.status_code == 429
    assert not CompanyTie.objects.filter(user=person).exists()


def test_a_representative_approves_a_pending_request(client):
    representative, company = make_representative()
    pending = make_tie(company=company, role=Role.ACCOUNTANT, status=Status.PENDING)
    client.force_login(representative)
    url = reverse("companies:tie_approve", args=[company.pk, pending.pk])
    response = client.post(url, {f"aprovar-{pending.pk}-expires_at": "1999-01-01"})
    assert response.status_code == 400 and "não pode estar no passado" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Status.PENDING
    response = client.post(url, {f"aprovar-{pending.pk}-expires_at": ""})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert (
        pending.status == Status.ACTIVE
        and pending.role == Role.ACCOUNTANT
        and pending.granted_by == representative
    )


def test_approving_a_tie_of_another_company_or_not_pending_is_a_404(client):
    representative, company = make_representative()
    foreign = make_tie(status=Status.PENDING)
    active = make_tie(company=company)
    client.force_login(representative)
    assert client.post(reverse("companies:tie_approve", args=[company.pk, foreign.pk])).status_code == 404
    assert (
        client.post(reverse("companies:tie_approve", args=[foreign.company.pk, foreign.pk])).status_code
        == 404
    )
    assert client.post(reverse("companies:tie_approve", args=[company.pk, active.pk])).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == Status.PENDING


# --- Ending ties ------------------------------------------------------------------------------


def test_ending_a_tie_asks_for_confirmation_then_ends_it(client):
    representative, company = make_representative()
    tie = make_tie(company=company)
    client.force_login(representative)
    url = reverse("companies:tie_revoke", args=[tie.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Encerrar vínculo?" in page.content.decode()
    tie.refresh_from_db()
    assert tie.status == Status.ACTIVE  # a GET changes nothing
    response = client.post(url)
    assert response.status_code == 302 and response.url == _company_url(company)
    tie.refresh_from_db()
    assert tie.status == Status.REVOKED


def test_a_person_ends_their_own_tie_from_their_area(client):
    tie = make_tie(role=Role.COLLABORATOR)
    client.force_login(tie.user)
    response = client.post(reverse("companies:tie_revoke", args=[tie.pk]))
    assert response.status_code == 302 and response.url == HOME
    tie.refresh_from_db()
    assert tie.status == Status.REVOKED


def test_who_may_not_end_a_tie_gets_a_404(client):
    company = CompanyFactory()
    tie = make_tie(company=company)
    collaborator = make_tie(company=company, role=Role.COLLABORATOR).user
    expired, _ = make_representative(company=company, expires_at=timezone.localdate() - timedelta(days=1))
    other_representative, _ = make_representative()
    for user in (collaborator, expired, other_representative, UserFactory()):
        client.force_login(user)
        assert client.get(reverse("companies:tie_revoke", args=[tie.pk])).status_code == 404
        assert client.post(reverse("companies:tie_revoke", args=[tie.pk])).status_code == 404
    tie.refresh_from_db()
    assert tie.status == Status.ACTIVE and not AuditEvent.objects.exists()


def test_unknown_ids_are_404_not_500(client):
    client.force_login(UserFactory())
    assert client.get("/empresas/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get("/empresas/nao-e-um-id/").status_code == 404
    assert client.post("/empresas/vinculos/00000000-0000-0000-0000-000000000000/encerrar/").status_code == 404


def test_each_page_has_one_h1_and_no_inline_style_or_script(client):
    representative, company = make_representative()
    pending = make_tie(company=company, status=Status.PENDING)
    client.force_login(representative)
    pages = [
        client.get(HOME),
        client.get(REQUEST),
        client.post(REQUEST, {"cnpj": "1", "role": "x"}),
        client.get(_company_url(company)),
        client.post(_grant_url(company), {"cpf": "1"}),
        client.post(
            reverse("companies:tie_approve", args=[company.pk, pending.pk]),
            {f"aprovar-{pending.pk}-expires_at": "x"},
        ),
        client.get(reverse("companies:tie_revoke", args=[pending.pk])),
    ]
    for response in pages:
        body = response.content.decode()
        assert body.count("<h1") == 1, response.request["PATH_INFO"]
        assert " style=" not in body and "<script>" not in body and " onclick" not in body
