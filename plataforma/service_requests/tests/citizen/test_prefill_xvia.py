"""Once-only across agencies: data another agency holds is fetched through X-VIA only after the
person consents, with their CPF and the purpose; a refusal or an outage only means the field is
asked."""

from __future__ import annotations

import httpx
import pytest
from django.core.cache import cache
from django.test import override_settings

from plataforma.common.models import AuditEvent

from ... import prefill_xvia
from ...models import ServiceRequest
from ..factories import service_with_form
from .helpers import post_submit, submit_url

pytestmark = pytest.mark.django_db

SERVICE_ID = "MT/GOV/01540798000100/DETRAN-VEICULOS/veiculos"
FIELDS = [
    {"key": "nome", "type": "text", "label": "Nome completo", "prefill": "person.full_name"},
    {"key": "placa", "type": "text", "label": "Placa do veículo", "prefill": "detran.vehicle_plate"},
]
XVIA = {
    "XVIA_PORTAL_SECURITY_SERVER": "http://ss-mti.local:8080",
    "XVIA_PORTAL_CLIENT": "MT/GOV/00000000000191/PORTAL",
    "XVIA_PREFILL_SERVICES": {"detran": SERVICE_ID},
}


@pytest.fixture
def calls(monkeypatch):
    """The portal's calls to its security server, answered like DETRAN-MT's service would."""
    seen: list[httpx.Request] = []
    answer = {
        "status": 200,
        "json": {"proprietario": "", "veiculos": [{"placa": "QAB1C23", "marca_modelo": "VW/GOL"}]},
    }

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if answer.get("fault"):
            return httpx.Response(
                403,
                json={"type": answer["fault"], "message": "negado", "detail": ""},
                headers={"X-Road-Error": answer["fault"]},
            )
        return httpx.Response(answer["status"], json=answer["json"])

    real = prefill_xvia.XViaClient

    def client(url, client_id, **kwargs):
        return real(url, client_id, transport=httpx.MockTransport(handler), **kwargs)

    monkeypatch.setattr(prefill_xvia, "XViaClient", client)
    seen_answer = type("Calls", (), {"requests": seen, "answer": answer})
    return seen_answer


@pytest.fixture
def vehicle_service(agency, editor):
    return service_with_form(agency=agency, editor=editor, fields=FIELDS, name="Licenciamento anual")


def consent_url(service) -> str:
    return submit_url(service) + "autorizar-busca/"


@override_settings(**XVIA)
def test_nothing_is_fetched_before_consent_and_the_field_is_asked(client, person, vehicle_service, calls):
    client.force_login(person)
    body = client.get(submit_url(vehicle_service)).content.decode()
    assert calls.requests == []
    assert "Autorizar a busca no DETRAN-MT" in body and "Placa do veículo em seu nome" in body
    assert 'name="placa"' in body


@override_settings(**XVIA)
def test_after_consent_the_data_comes_through_x_via_with_cpf_and_purpose(
    client, person, vehicle_service, calls
):
    client.force_login(person)
    response = client.post(consent_url(vehicle_service), {"fonte": "detran"})
    assert response.status_code == 303
    consent = AuditEvent.objects.get(action="service_requests.prefill_consent")
    assert consent.subject_user_id == person.pk and consent.changes == {"source": "detran"}

    body = client.get(submit_url(vehicle_service)).content.decode()
    sent = calls.requests[-1]
    assert sent.url.path == f"/r1/{SERVICE_ID}/proprietarios/{person.cpf}/veiculos"
    assert sent.headers["x-road-client"] == "MT/GOV/00000000000191/PORTAL"
    assert sent.headers["x-via-data-subject"] == person.cpf
    assert "Licenciamento anual" in sent.headers["x-via-purpose"]
    assert "QAB1C23" in body and 'name="placa"' not in body
    assert "Autorizar a busca no DETRAN-MT" not in body

    # the plate is the platform's value, whatever is posted
    post_submit(client, vehicle_service, {"placa": "ZZZ9Z99"})
    request = ServiceRequest.objects.get()
    assert request.data["placa"] == "QAB1C23"


@override_settings(**XVIA)
def test_several_vehicles_or_a_refusal_leave_the_field_to_the_person(client, person, vehicle_service, calls):
    client.force_login(person)
    client.post(consent_url(vehicle_service), {"fonte": "detran"})
    calls.answer["json"] = {"veiculos": [{"placa": "QAB1C23"}, {"placa": "QXY2D34"}]}
    assert 'name="placa"' in client.get(submit_url(vehicle_service)).content.decode()
    cache.clear()  # what was fetched is kept for a few minutes: ask again
    calls.answer["fault"] = "Server.ServerProxy.AccessDenied"
    response = client.get(submit_url(vehicle_service))
    assert response.status_code == 200 and 'name="placa"' in response.content.decode()
    assert len(calls.requests) == 2
    # the refusal is remembered for a minute: the next page does not wait for X-VIA again
    client.get(submit_url(vehicle_service))
    assert len(calls.requests) == 2


def test_without_x_via_configured_no_call_is_made(client, person, vehicle_service, calls):
    client.force_login(person)
    client.post(consent_url(vehicle_service), {"fonte": "detran"})
    body = client.get(submit_url(vehicle_service)).content.decode()
    assert calls.requests == [] and 'name="placa"' in body


@override_settings(**XVIA)
def test_consent_to_a_source_the_form_does_not_use_is_refused(
    client, person, vehicle_service, service, calls
):
    client.force_login(person)
    for url, data in (
        (consent_url(vehicle_service), {"fonte": "sefaz"}),
        (consent_url(service), {"fonte": "detran"}),
    ):
        response = client.post(url, data)
        assert response.status_code == 400 and "não usa dados dessa origem" in response.content.decode()
    assert "prefill_consents" not in client.session
    assert not AuditEvent.objects.filter(action="service_requests.prefill_consent").exists()
    assert client.get(consent_url(vehicle_service)).status_code == 405


def test_anonymous_people_cannot_consent(client, vehicle_service):
    response = client.post(consent_url(vehicle_service), {"fonte": "detran"})
    assert response.status_code == 302 and "/conta/entrar/" in response["Location"]


def test_the_service_is_that_of_the_member_tied_to_the_agency_never_a_lookalike(
    client, person, agency, vehicle_service, calls
):
    from plataforma.catalog.tests.factories import AgencyFactory
    from xvia.central import services as xvia
    from xvia.central.demo.setup import dev_setup
    from xvia.central.models import Member

    AgencyFactory(acronym="MTI", name="Empresa Mato-grossense de Tecnologia da Informação")
    dev_setup()  # ties DETRAN-MT's and MTI's members to their catalogue agencies
    # another member registers a subsystem and a service of the same codes
    impostor = Member.objects.exclude(agency__acronym__in=["DETRAN-MT", "MTI"]).first()
    subsystem = xvia.subsystem_create(actor=None, member=impostor, code="DETRAN-VEICULOS", name="Cópia")
    xvia.service_create(actor=None, subsystem=subsystem, code="veiculos", title="Cópia")
    settings = {**XVIA, "XVIA_PREFILL_SERVICES": {}, "XVIA_PORTAL_CLIENT": ""}
    with override_settings(**settings):
        client.force_login(person)
        client.post(consent_url(vehicle_service), {"fonte": "detran"})
        client.get(submit_url(vehicle_service))
    sent = calls.requests[-1]
    detran = Member.objects.get(agency=agency)
    assert sent.url.path.startswith(f"/r1/MT/GOV/{detran.code}/DETRAN-VEICULOS/veiculos/proprietarios/")
    mti = Member.objects.get(agency__acronym="MTI")
    assert sent.headers["x-road-client"] == f"MT/GOV/{mti.code}/PORTAL"


@override_settings(**XVIA)
def test_a_bronze_session_is_not_offered_other_agencies_data(client, vehicle_service, calls):
    from plataforma.identity.models import Level

    from ..factories import citizen

    bronze = citizen(level=Level.BRONZE)
    client.force_login(bronze)
    body = client.get(submit_url(vehicle_service)).content.decode()
    assert "Autorizar a busca no DETRAN-MT" not in body
    assert "precisa ser de nível prata ou ouro" in body and "necessario=prata" in body
    assert client.post(consent_url(vehicle_service), {"fonte": "detran"}).status_code == 403
    assert "prefill_consents" not in client.session
    # even with a consent in the session (e.g. from before a level was lost), nothing is asked
    session = client.session
    session["prefill_consents"] = {vehicle_service.slug: ["detran"]}
    session.save()
    assert 'name="placa"' in client.get(submit_url(vehicle_service)).content.decode()
    assert calls.requests == []


@override_settings(**XVIA)
def test_the_page_and_its_submission_make_one_query(client, person, vehicle_service, calls):
    client.force_login(person)
    client.post(consent_url(vehicle_service), {"fonte": "detran"})
    client.get(submit_url(vehicle_service))
    client.get(submit_url(vehicle_service))
    post_submit(client, vehicle_service, {})
    assert len(calls.requests) == 1
    assert ServiceRequest.objects.get().data["placa"] == "QAB1C23"
