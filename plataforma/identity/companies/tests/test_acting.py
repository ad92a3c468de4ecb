"""Acting on behalf of a company: the switch, the middleware's check on every request, and the
audit trail recording both the person and the company."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from plataforma.common.models import AuditEvent
from plataforma.identity.companies.acting import SESSION_KEY
from plataforma.identity.companies.models import CompanyTie

from .factories import CompanyFactory, make_representative, make_tie

pytestmark = pytest.mark.django_db
Role, Status = CompanyTie.Role, CompanyTie.Status
HOME = reverse("companies:home")


def _start(client, company, **extra):
    return client.post(reverse("companies:acting_start", args=[company.pk]), extra)


def test_a_person_with_an_effective_tie_switches_to_the_company_and_back(client):
    tie = make_tie(role=Role.COLLABORATOR)
    client.force_login(tie.user)
    response = _start(client, tie.company)
    assert response.status_code == 302 and response.url == HOME
    assert client.session[SESSION_KEY] == str(tie.company.pk)  # only the id is stored
    page = client.get(HOME)
    assert page.wsgi_request.acting_company == tie.company
    assert "Você está atuando como" in page.content.decode()
    start = AuditEvent.objects.get(action="identity.companies.acting_start")
    assert start.on_behalf_of_type == "company" and start.on_behalf_of_id == str(tie.company.pk)
    assert start.subject_user_id == tie.user.pk

    response = client.post(reverse("companies:acting_stop"), {"next": "/empresas/pedir-vinculo/"})
    assert response.url == "/empresas/pedir-vinculo/"
    assert SESSION_KEY not in client.session
    assert client.get(HOME).wsgi_request.acting_company is None
    stop = AuditEvent.objects.get(action="identity.companies.acting_stop")
    assert stop.on_behalf_of_id == str(tie.company.pk)


def test_the_switch_back_never_redirects_to_another_site(client):
    tie = make_tie()
    client.force_login(tie.user)
    response = client.post(reverse("companies:acting_stop"), {"next": "https://mal.example/"})
    assert response.url == HOME
    response = _start(client, tie.company, next="//mal.example/")
    assert response.url == HOME


@pytest.mark.parametrize(
    "tie_kwargs",
    [
        {"status": Status.PENDING},
        {"status": Status.REVOKED},
        {"status": Status.REJECTED},
        {"expires_at_days": -1},
    ],
)
def test_no_acting_without_an_effective_tie(client, tie_kwargs):
    days = tie_kwargs.pop("expires_at_days", None)
    if days is not None:
        tie_kwargs["expires_at"] = timezone.localdate() + timedelta(days=days)
    tie = make_tie(**tie_kwargs)
    client.force_login(tie.user)
    assert _start(client, tie.company).status_code == 404
    assert SESSION_KEY not in client.session
    assert not AuditEvent.objects.exists()


def test_no_acting_for_someone_elses_company_nor_by_get_nor_anonymously(client):
    company = CompanyFactory()
    make_tie(company=company)
    stranger = make_tie().user
    client.force_login(stranger)
    assert _start(client, company).status_code == 404
    assert client.get(reverse("companies:acting_start", args=[company.pk])).status_code == 405
    client.logout()
    response = _start(client, company)
    assert response.status_code == 302 and reverse("identity:login") in response.url


def test_the_middleware_drops_an_expired_tie_and_says_so(client):
    tie = make_tie(expires_at=timezone.localdate())
    client.force_login(tie.user)
    _start(client, tie.company)
    CompanyTie.objects.filter(pk=tie.pk).update(expires_at=timezone.localdate() - timedelta(days=1))
    page = client.get(HOME)
    assert page.wsgi_request.acting_company is None
    assert SESSION_KEY not in client.session
    body = page.content.decode()
    assert "Você voltou a atuar como pessoa física" in body and tie.company.legal_name in body
    assert "Você voltou a atuar como pessoa física" not in client.get(HOME).content.decode()  # said once


def test_the_middleware_drops_a_tie_revoked_by_a_representative_while_acting(client):
    representative, company = make_representative()
    tie = make_tie(company=company)
    client.force_login(tie.user)
    _start(client, company)
    from plataforma.identity.companies import services

    services.tie_revoke(actor=representative, tie=tie)
    assert client.get(HOME).wsgi_request.acting_company is None
    assert SESSION_KEY not in client.session


def test_a_stale_or_foreign_company_id_in_the_session_is_dropped(client):
    tie = make_tie()
    client.force_login(tie.user)
    session = client.session
    session[SESSION_KEY] = "not-a-uuid"
    session.save()
    assert client.get(HOME).wsgi_request.acting_company is None
    session = client.session
    session[SESSION_KEY] = str(CompanyFactory().pk)  # a company the person has no tie to
    session.save()
    assert client.get(HOME).wsgi_request.acting_company is None


def test_audit_rows_written_while_acting_record_both_the_person_and_the_company(client):
    """RequestContextMiddleware puts request.acting_on_behalf_of into the acting context, which
    every audit_record reads."""
    tie = make_tie(role=Role.LEGAL_REPRESENTATIVE)
    client.force_login(tie.user)
    _start(client, tie.company)
    client.post(
        reverse("companies:tie_request"),
        {"cnpj": CompanyFactory().cnpj, "legal_name": "", "role": Role.ACCOUNTANT},
    )
    event = AuditEvent.objects.get(action="identity.companies.tie_request")
    assert event.actor == tie.user
    assert (event.on_behalf_of_type, event.on_behalf_of_id) == ("company", str(tie.company.pk))
    assert tie.company.legal_name in event.on_behalf_of_label


def test_the_banner_shows_the_company_and_the_switch_back_button(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    tie = make_tie()
    request = rf.get("/catalogo/")
    request.user = tie.user
    request.acting_company = tie.company
    html = render_to_string("companies/_acting_banner.html", {"request": request})
    assert f"Atuando como {tie.company.legal_name}" in html
    assert reverse("companies:acting_stop") in html and 'value="/catalogo/"' in html
    request.acting_company = None
    assert render_to_string("companies/_acting_banner.html", {"request": request}).strip() == ""
    request.user = AnonymousUser()
    assert render_to_string("companies/_acting_banner.html", {}).strip() == ""
