import pytest
from django.test import override_settings

from plataforma.catalog.tests.factories import AgencyFactory
from plataforma.common.audit import audit_record, audit_trail_for
from plataforma.common.context import ActingContext, OnBehalfOf, acting_context
from plataforma.identity.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_audit_row_records_who_on_behalf_of_whom_what_and_from_where():
    agency = AgencyFactory()
    user = UserFactory()
    ctx = ActingContext(
        ip_address="203.0.113.9",
        user_agent="Navegador de teste",
        on_behalf_of=OnBehalfOf(kind="agency", id=str(agency.pk), label=agency.acronym),
    )
    with acting_context(ctx):
        event = audit_record(actor=user, action="test.change", target=agency, changes={"field": "name"})
    assert event.actor == user
    assert event.actor_label.endswith(user.masked_cpf + ")")
    assert user.cpf not in event.actor_label
    assert event.on_behalf_of_label == agency.acronym
    assert event.ip_address == "203.0.113.9"
    assert event.request_id == ctx.request_id
    assert list(audit_trail_for(agency)) == [event]


def test_a_web_request_carries_its_address_and_request_id(client):
    response = client.get("/healthz", REMOTE_ADDR="198.51.100.7", HTTP_X_REQUEST_ID="abc123")
    assert response["X-Request-ID"] == "abc123"


def test_health_check_reports_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
def test_health_check_fails_when_the_cache_does_not_keep_values(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "falha"
