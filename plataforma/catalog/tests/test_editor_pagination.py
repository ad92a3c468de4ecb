import pytest
from django.urls import reverse

from plataforma.identity.tests.factories import make_editor

from .factories import AgencyFactory, ServiceUnitFactory

pytestmark = pytest.mark.django_db


def test_the_units_list_pages_with_the_shared_pagination_and_keeps_the_query(client):
    agency = AgencyFactory()
    client.force_login(make_editor(agency))
    for n in range(51):
        ServiceUnitFactory(agency=agency, name=f"Unidade {n:02d}", city="Cuiabá")
    url = reverse("catalog_editor:unit_list")

    first = client.get(url, {"orgao": agency.slug}).content.decode()
    assert "Página 1 de 2" in first
    assert f"?orgao={agency.slug}&amp;pagina=2" in first  # the other parameters of the address survive
    assert "Unidade 50" not in first

    second = client.get(url, {"orgao": agency.slug, "pagina": 2}).content.decode()
    assert "Unidade 50" in second and "Unidade 00" not in second
    assert 'aria-current="page"' in second
