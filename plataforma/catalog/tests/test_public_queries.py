"""No N+1 on the public pages: each page issues the same, small number of queries whether the
catalogue has 3 or 30 services (the counts are pinned)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plataforma.catalog.tests.factories import (
    AgencyFactory,
    CategoryFactory,
    ServiceUnitFactory,
    content_data,
    published_service,
)
from plataforma.identity.tests.factories import make_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return AgencyFactory(acronym="SEFAZ", slug="sefaz", name="Secretaria de Estado de Fazenda")


@pytest.fixture
def add_services(agency):
    """Publish n more rich services (audiences, categories, units, several steps)."""
    editor = make_editor(agency)
    CategoryFactory(name="Impostos", slug="impostos")
    CategoryFactory(name="Veículos", slug="veiculos")
    units = [ServiceUnitFactory(agency=agency, name=f"Agência fazendária {i}") for i in range(3)]
    counter = iter(range(1000))

    def add(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            published_service(
                agency=agency,
                editor=editor,
                **content_data(
                    name=f"Serviço fazendário número {i:03d}",
                    audiences=["cidadao", "empresa"],
                    categories=["impostos", "veiculos"],
                    unit_ids=[str(u.pk) for u in units],
                    is_digital=i % 2 == 0,
                    digital_url="https://www.sefaz.mt.gov.br/servico" if i % 2 == 0 else None,
                ),
            )

    return add


def count_queries(client, url: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


PAGES = {
    # name: (url, params, pinned number of queries)
    "home": (lambda: reverse("portal:home"), {}, 4),
    "list": (lambda: reverse("catalog:service_list"), {}, 4),
    "list-filtered": (
        lambda: reverse("catalog:service_list"),
        {"publico": "empresa", "area": "impostos", "digital": "1"},
        4,
    ),
    "audience": (lambda: reverse("catalog:audience_detail", args=["cidadao"]), {}, 4),
    "category": (lambda: reverse("catalog:category_detail", args=["impostos"]), {}, 5),
    "categories": (lambda: reverse("catalog:category_list"), {}, 1),
    "agencies": (lambda: reverse("catalog:agency_list"), {}, 1),
    "agency": (lambda: reverse("catalog:agency_detail", args=["sefaz"]), {}, 3),
    "carta": (lambda: reverse("catalog:agency_carta", args=["sefaz"]), {}, 6),
    "quadro": (lambda: reverse("catalog:quadro_geral"), {}, 1),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_page_query_count_does_not_grow_with_the_catalogue(client, add_services, page):
    url, params, pinned = PAGES[page]
    add_services(3)
    with_3 = count_queries(client, url(), params)
    add_services(27)
    with_30 = count_queries(client, url(), params)
    assert with_3 == with_30 == pinned


def test_search_query_count_does_not_grow_with_the_results(client, add_services):
    add_services(3)
    with_3 = count_queries(client, reverse("catalog:search"), {"q": "fazendario"})
    add_services(27)
    with_30 = count_queries(client, reverse("catalog:search"), {"q": "fazendario"})
    assert with_3 == with_30


def test_service_page_has_a_fixed_number_of_queries(client, add_services, django_assert_num_queries):
    add_services(1)
    from plataforma.catalog.models import Service

    slug = Service.objects.get().slug
    # 5: the page, plus one EXISTS for "Agendar atendimento" (issue #5: does any unit book it?)
    with django_assert_num_queries(5):
        response = client.get(reverse("catalog:service_detail", args=[slug]))
    assert response.status_code == 200


def test_quadro_geral_of_a_year_is_one_query(client, add_services, django_assert_num_queries):
    add_services(5)
    with django_assert_num_queries(1):
        response = client.get(reverse("catalog:quadro_geral"), {"ano": str(timezone.localdate().year)})
    assert "Serviço fazendário número 004" in response.content.decode()
