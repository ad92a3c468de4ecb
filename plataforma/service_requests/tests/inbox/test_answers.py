"""How the servant's page reads the answers: addresses with every part, not only the CEP."""

from __future__ import annotations

import pytest

from plataforma.identity.models import Level

from ...inbox.answers import request_answers
from ...services import service_request_submit
from ..factories import service_with_form

pytestmark = pytest.mark.django_db

ADDRESS = {
    "cep": "78000000",
    "logradouro": "Rua Barão de Melgaço",
    "numero": "123",
    "complemento": "Sala 4",
    "bairro": "Centro",
    "municipio": "Cuiabá",
    "uf": "MT",
}


@pytest.fixture
def with_address(agency, editor, person):
    svc = service_with_form(
        agency=agency,
        editor=editor,
        fields=[{"key": "endereco", "type": "cep", "label": "Endereço do imóvel"}],
    )
    request, _created = service_request_submit(
        user=person,
        service=svc,
        data={"endereco": ADDRESS},
        files={},
        idempotency_key="k-address",
        session_level=Level.OURO,
    )
    return request


def test_the_address_answer_shows_every_part(with_address):
    (answer,) = request_answers(request=with_address, attachments=[])
    for part in ("Rua Barão de Melgaço", "123", "Sala 4", "Centro", "Cuiabá/MT", "CEP 78000-000"):
        assert part in answer.text


def test_the_servant_page_shows_the_street_of_the_address(client, analyst, with_address):
    client.force_login(analyst)
    html = client.get(f"/servidor/solicitacoes/{with_address.protocol}/").content.decode()
    assert "Rua Barão de Melgaço" in html
    assert "78000-000" in html


def test_english_keys_of_older_prefill_sources_are_read_too(with_address):
    with_address.data = {
        "endereco": {"cep": "78000000", "street": "Av. Getúlio Vargas", "number": "9", "city": "Cuiabá"}
    }
    (answer,) = request_answers(request=with_address, attachments=[])
    assert "Av. Getúlio Vargas, 9" in answer.text
    assert "Cuiabá" in answer.text
