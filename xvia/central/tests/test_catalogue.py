"""The developers' catalogue: servants browse and download OpenAPI; others do not."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse

from xvia.central import services

from .helpers import OPENAPI

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(world):
    return services.service_create(
        actor=None,
        subsystem=world.detran_sub,
        code="veiculos",
        title="Consulta de veículos",
        personal_data=True,
        openapi=OPENAPI,
    )


def test_a_servant_browses_and_downloads_the_openapi(client, world, service):
    client.force_login(world.sefaz_admin)
    listing = client.get(reverse("xvia:catalogue"), {"q": "veículos"})
    assert listing.status_code == 200 and "Consulta de veículos" in listing.content.decode()
    detail = client.get(reverse("xvia:catalogue_service", args=[service.pk])).content.decode()
    assert "/veiculos/{placa}" in detail and service.xroad_id in detail and "DETRAN-MT" in detail
    download = client.get(reverse("xvia:catalogue_openapi", args=[service.pk]))
    assert download["Content-Type"].startswith("application/json")
    assert hashlib.sha256(download.content).hexdigest() == service.openapi_sha256


def test_search_without_match(client, world, service):
    client.force_login(world.detran_attendant)
    listing = client.get(reverse("xvia:catalogue"), {"q": "inexistente"})
    assert "Nenhum serviço encontrado" in listing.content.decode()


def test_citizens_and_anonymous_people_do_not_browse(client, world, service):
    urls = [reverse("xvia:catalogue"), reverse("xvia:catalogue_service", args=[service.pk])]
    for url in urls:
        assert client.get(url).status_code == 302
    client.force_login(world.citizen)
    for url in [*urls, reverse("xvia:catalogue_openapi", args=[service.pk])]:
        assert client.get(url).status_code == 403
