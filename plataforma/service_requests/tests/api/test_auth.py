"""Who may call the requests API: MT Login access tokens with the `solicitacoes` scope, of an
active person, within the pace limit; X-Empresa only with an effective tie."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from oauth2_provider.models import get_access_token_model, get_refresh_token_model

from plataforma.identity.models import Level
from plataforma.identity.oidc.models import OIDCClient, TokenContext

from ..factories import citizen, service_with_form, submit
from .conftest import API, ApiCaller, issue_token

pytestmark = pytest.mark.django_db
AccessToken = get_access_token_model()
RefreshToken = get_refresh_token_model()


def _assert_invalid_token(response):
    assert response.status_code == 401
    assert 'error="invalid_token"' in response["WWW-Authenticate"]
    assert response["WWW-Authenticate"].startswith("Bearer ")
    assert "Token de acesso" in response.json()["detail"] or "token" in response.json()["detail"]


def test_without_a_token_the_api_asks_for_one(person):
    response = Client().get(f"{API}/solicitacoes")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith('Bearer realm="MT Login"')
    assert "Authorization: Bearer" in response.json()["detail"]


def test_another_scheme_is_refused():
    response = Client().get(f"{API}/solicitacoes", HTTP_AUTHORIZATION="Basic dXNlcjpwYXNz")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_unknown_token_is_refused(person):
    _assert_invalid_token(ApiCaller("nao-existe-" + uuid.uuid4().hex).get("/solicitacoes"))


def test_an_expired_token_is_refused(person, app_client):
    token = issue_token(person, app_client, expires_in=-1)
    _assert_invalid_token(ApiCaller(token).get("/solicitacoes"))


def test_a_revoked_token_is_refused(person, app_client):
    token = issue_token(person, app_client)
    assert ApiCaller(token).get("/solicitacoes").status_code == 200
    AccessToken.objects.get(user=person).revoke()
    _assert_invalid_token(ApiCaller(token).get("/solicitacoes"))


def test_a_deactivated_account_cannot_use_its_token(person, app_client):
    token = issue_token(person, app_client)
    person.is_active = False
    person.save(update_fields=["is_active"])
    _assert_invalid_token(ApiCaller(token).get("/solicitacoes"))


def test_a_disabled_application_token_stops_working(person, app_client):
    token = issue_token(person, app_client)
    app_client.enabled = False
    app_client.save(update_fields=["enabled"])
    _assert_invalid_token(ApiCaller(token).get("/solicitacoes"))


def test_a_token_without_a_person_is_refused(app_client):
    machine = OIDCClient.objects.create(
        name="Sistema do órgão",
        client_type=OIDCClient.CLIENT_CONFIDENTIAL,
        authorization_grant_type=OIDCClient.GRANT_CLIENT_CREDENTIALS,
        allowed_scopes="solicitacoes",
    )
    token = issue_token(None, machine)
    _assert_invalid_token(ApiCaller(token).get("/solicitacoes"))


def test_a_token_without_the_scope_gets_insufficient_scope(person, app_client):
    token = issue_token(person, app_client, scope="openid profile")
    response = ApiCaller(token).get("/solicitacoes")
    assert response.status_code == 403
    assert 'error="insufficient_scope"' in response["WWW-Authenticate"]
    assert 'scope="solicitacoes"' in response["WWW-Authenticate"]
    assert "solicitacoes" in response.json()["detail"]


def test_each_token_has_a_pace_limit(person, app_client, settings):
    settings.SERVICE_REQUESTS_API_RATE = (2, 60)
    caller = ApiCaller(issue_token(person, app_client))
    assert caller.get("/solicitacoes").status_code == 200
    assert caller.get("/solicitacoes").status_code == 200
    refused = caller.get("/solicitacoes")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert refused.json()["detail"]
    # another token of the same person has its own counter
    assert ApiCaller(issue_token(person, app_client)).get("/solicitacoes").status_code == 200


def test_x_empresa_without_a_tie_is_forbidden(person, as_person, company):
    response = as_person.get("/solicitacoes", HTTP_X_EMPRESA=company.cnpj)
    assert response.status_code == 403
    assert "vínculo" in response.json()["detail"]


def test_x_empresa_of_an_unknown_company_gets_the_same_answer(as_person):
    from plataforma.common.documents import make_cnpj

    response = as_person.get("/solicitacoes", HTTP_X_EMPRESA=make_cnpj("999999990001"))
    assert response.status_code == 403


def test_a_malformed_x_empresa_is_a_bad_request(as_person):
    response = as_person.get("/solicitacoes", HTTP_X_EMPRESA="12.345")
    assert response.status_code == 400
    assert "CNPJ" in response.json()["detail"]


def test_a_revoked_tie_stops_acting_for_the_company(colleague, company, app_client, service):
    from plataforma.identity.companies.models import CompanyTie

    submit(service, colleague, company=company)
    caller = ApiCaller(issue_token(colleague, app_client), company_cnpj=company.cnpj)
    assert caller.get("/solicitacoes").json()["total"] == 1
    CompanyTie.objects.filter(user=colleague, company=company).update(status=CompanyTie.Status.REVOKED)
    assert caller.get("/solicitacoes").status_code == 403


def _token_with_sign_in(user, client, *, acr: str) -> str:
    raw = issue_token(user, client)
    access = AccessToken.objects.get(user=user, application=client)
    family = uuid.uuid4()
    RefreshToken.objects.create(
        user=user, application=client, access_token=access, token="r-" + uuid.uuid4().hex, token_family=family
    )
    TokenContext.objects.create(
        token_family=family, client=client, user=user, acr=acr, amr=["pwd"], auth_time=timezone.now()
    )
    return raw


def test_the_session_level_is_the_sign_in_behind_the_token(agency, editor, app_client):
    gold = citizen(level=Level.OURO)
    gated = service_with_form(agency=agency, editor=editor, min_login_level=Level.OURO)
    low = ApiCaller(_token_with_sign_in(gold, app_client, acr=Level.PRATA))
    form = low.get(f"/servicos/{gated.slug}/formulario").json()
    assert form["session_level"] == "prata" and form["level_ok"] is False

    AccessToken.objects.all().delete()
    high = ApiCaller(_token_with_sign_in(gold, app_client, acr=Level.OURO))
    form = high.get(f"/servicos/{gated.slug}/formulario").json()
    assert form["session_level"] == "ouro" and form["level_ok"] is True


def test_the_session_level_never_exceeds_the_account_level_now(agency, editor, app_client):
    demoted = citizen(level=Level.BRONZE)
    gated = service_with_form(agency=agency, editor=editor, min_login_level=Level.PRATA)
    caller = ApiCaller(_token_with_sign_in(demoted, app_client, acr=Level.OURO))
    form = caller.get(f"/servicos/{gated.slug}/formulario").json()
    assert form["session_level"] == "bronze" and form["level_ok"] is False


def test_without_a_recorded_sign_in_the_level_is_what_a_password_reaches(person, as_person, service):
    # person is prata (validated): a password sign-in reaches prata, never ouro
    form = as_person.get(f"/servicos/{service.slug}/formulario").json()
    assert form["session_level"] == Level.PRATA


def test_tokens_expire_by_the_clock(person, app_client):
    token = issue_token(person, app_client, expires_in=60)
    AccessToken.objects.filter(user=person).update(expires=timezone.now() - timedelta(seconds=1))
    _assert_invalid_token(ApiCaller(token).get("/solicitacoes"))


@pytest.fixture
def requests_scope_offered(settings):
    """The scope as the lead adds it to settings (OIDC_SCOPES); DOT reloads its settings."""
    settings.OAUTH2_PROVIDER = {
        **settings.OAUTH2_PROVIDER,
        "SCOPES": {
            **settings.OAUTH2_PROVIDER["SCOPES"],
            "solicitacoes": "Ver e fazer seus pedidos de serviços",
        },
    }


def test_a_token_from_the_real_code_flow_works_and_carries_the_sign_in_level(
    requests_scope_offered, agency, editor
):
    from plataforma.identity.oidc.tests.helpers import exchange, get_code, grant_consent, register, signed_in

    gold = citizen(level=Level.OURO)
    gated = service_with_form(agency=agency, editor=editor, min_login_level=Level.OURO)
    registered = register(
        client_type=OIDCClient.CLIENT_PUBLIC, scopes="openid profile solicitacoes", name="MT Cidadão"
    )
    grant_consent(gold, registered, scopes="openid profile solicitacoes")
    browser = signed_in(gold, acr=Level.OURO, amr=("x509",))
    code, verifier = get_code(browser, registered, scope="openid profile solicitacoes")
    tokens = exchange(registered, code, verifier).json()
    assert "solicitacoes" in tokens["scope"].split()

    caller = ApiCaller(tokens["access_token"])
    form = caller.get(f"/servicos/{gated.slug}/formulario").json()
    assert form["session_level"] == "ouro" and form["level_ok"] is True
    assert caller.get("/solicitacoes").json()["total"] == 0

    # a refreshed token keeps the sign-in's level
    from plataforma.identity.oidc.tests.helpers import token_request

    refreshed = token_request(
        Client(), registered, grant_type="refresh_token", refresh_token=tokens["refresh_token"]
    ).json()
    again = ApiCaller(refreshed["access_token"]).get(f"/servicos/{gated.slug}/formulario").json()
    assert again["session_level"] == "ouro"
