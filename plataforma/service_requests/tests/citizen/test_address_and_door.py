"""The person's postal address (kept once, prefilled in request forms) and the Carta's
'Solicitar' door sending people to the portal's own form when the service takes requests here."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plataforma.common.models import AuditEvent
from plataforma.identity.addresses import postal_address_update
from plataforma.identity.models import Level, PostalAddress

from ...prefill import prefill_values
from ..factories import citizen, service_with_form
from .helpers import post_submit

pytestmark = pytest.mark.django_db

ADDRESS = {
    "cep": "78050-970",
    "street": "Rua C, Centro Político Administrativo",
    "number": "s/n",
    "complement": "Bloco III",
    "district": "Centro Político Administrativo",
    "city": "Cuiabá",
    "state": "MT",
}
CEP_FIELDS = [
    {"key": "endereco", "type": "cep", "label": "Endereço do imóvel", "prefill": "person.address"},
    {"key": "placa", "type": "text", "label": "Placa do veículo"},
]


def test_a_person_saves_their_address_and_the_account_page_shows_it(client, person):
    client.force_login(person)
    account = client.get(reverse("identity:account")).content.decode()
    assert "Informar meu endereço" in account
    response = client.post(reverse("identity:address"), ADDRESS)
    assert response.status_code == 302
    address = PostalAddress.objects.get(user=person)
    assert address.cep == "78050970" and address.state == "MT"
    assert address.as_dict() == {**ADDRESS, "cep": "78050970"}
    html = client.get(reverse("identity:account")).content.decode()
    assert "Cuiabá/MT" in html and "78050-970" in html and "Alterar meu endereço" in html
    audit = AuditEvent.objects.get(action="identity.address.create")
    assert "Cuiabá" not in str(audit.changes)  # field names only, never the values


def test_a_bad_address_gets_field_errors_and_nothing_is_saved(client, person):
    client.force_login(person)
    response = client.post(reverse("identity:address"), {**ADDRESS, "cep": "7805", "state": "XX", "city": ""})
    html = response.content.decode()
    assert response.status_code == 400
    for field in ("cep", "state", "city"):
        assert f'id="id_{field}_error"' in html
    assert not PostalAddress.objects.exists()


def test_changing_the_address_updates_the_same_row(client, person):
    postal_address_update(user=person, **{**ADDRESS, "cep": "78050970"})
    client.force_login(person)
    page = client.get(reverse("identity:address")).content.decode()
    assert 'value="78050-970"' in page
    client.post(reverse("identity:address"), {**ADDRESS, "number": "100"})
    assert PostalAddress.objects.get().number == "100"
    assert AuditEvent.objects.filter(action="identity.address.update").count() == 1


def test_the_address_page_needs_a_sign_in(client):
    response = client.get(reverse("identity:address"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("identity:login"))


def test_the_address_is_prefilled_once_only_in_request_forms(client, agency, editor, person):
    postal_address_update(user=person, **{**ADDRESS, "cep": "78050970"})
    assert prefill_values(user=person)["person.address"]["city"] == "Cuiabá"
    service = service_with_form(agency=agency, editor=editor, fields=CEP_FIELDS)
    client.force_login(person)
    page = client.get(reverse("service_requests:submit", args=[service.slug])).content.decode()
    assert "Cuiabá/MT" in page and 'name="endereco-cep"' not in page
    assert post_submit(client, service, {"placa": "QBX1A23"}).status_code == 303
    from ...models import ServiceRequest

    assert ServiceRequest.objects.get().data["endereco"]["municipio"] == "Cuiabá"


def test_the_carta_door_sends_people_to_the_portal_form_when_it_takes_requests(client, service, person):
    door = reverse("catalog:service_access", args=[service.slug])
    anonymous = client.get(door)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("identity:login"))
    client.force_login(person)
    response = client.get(door)
    assert response.status_code == 302
    assert response["Location"] == reverse("service_requests:submit", args=[service.slug])


def test_the_door_keeps_the_level_gate_before_the_portal_form(client, agency, editor):
    service = service_with_form(agency=agency, editor=editor, min_login_level="ouro")
    client.force_login(citizen(level=Level.PRATA))
    response = client.get(reverse("catalog:service_access", args=[service.slug]))
    assert response["Location"].startswith(reverse("levels:raise"))


def test_a_closed_form_sends_people_to_the_external_address_again(client, service, person):
    form = service.request_form
    form.accepts_requests = False
    form.save()
    client.force_login(person)
    response = client.get(reverse("catalog:service_access", args=[service.slug]))
    assert response.status_code == 302
    assert response["Location"].startswith("https://")
