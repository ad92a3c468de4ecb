"""Fixtures of the monitoring tests: two agencies with digital services that take requests, the
people of every role, and a catalogue of ten requests whose figures are known by hand."""

from __future__ import annotations

import pytest

from plataforma.catalog.tests.factories import AgencyFactory, published_service
from plataforma.identity.tests.factories import make_editor
from plataforma.service_requests.tests.factories import citizen, servant, service_with_form

from .factories import local, make_evaluation, make_request

RATINGS_EACH = 5  # see `known`


@pytest.fixture
def agency():
    return AgencyFactory(
        name="Departamento Estadual de Trânsito de Mato Grosso", acronym="DETRAN-MT", slug="detran-mt"
    )


@pytest.fixture
def other_agency():
    return AgencyFactory(name="Secretaria de Estado de Fazenda", acronym="SEFAZ", slug="sefaz")


@pytest.fixture
def service(agency):
    return service_with_form(agency=agency, name="Transferir a propriedade do veículo")


@pytest.fixture
def person():
    return citizen(full_name="Maria da Silva Souza")


@pytest.fixture
def other_person():
    return citizen(full_name="João Pereira Lima")


@pytest.fixture
def analyst(agency):
    return servant(agency, "analista", full_name="Ana Analista")


@pytest.fixture
def outsider_servant(other_agency):
    return servant(other_agency, "analista", "atendente", "gestor", full_name="Otávio de Outro Órgão")


@pytest.fixture
def known(agency, other_agency, person):
    """Ten requests in 2025 with known times and outcomes, twenty ratings, and one published
    non-digital service. Days to conclude (calendar): r1 2, r2 5, r3 10, r6 4, r7 23, r9 1, r10 7.

    The ratings are four distinct ones made five times each (RATINGS_EACH), so every cell that has
    ratings — S1, S3, both agencies, the platform, each rated dimension — reaches the default
    MONITORING_MIN_RATINGS (5) and is published, while means and shares are those of the four.

    | req | service | submitted | outcome     | concluded | on time |
    | r1  | S1 (A)  | 01/03     | deferida    | 03/03     | yes     |
    | r2  | S1 (A)  | 02/03     | deferida    | 07/03     | yes     |
    | r3  | S1 (A)  | 03/03     | indeferida  | 13/03     | no      |
    | r4  | S1 (A)  | 05/03     | cancelada   | 06/03     | —       |
    | r5  | S1 (A)  | 20/03     | em análise  | —         | —       |
    | r6  | S2 (A)  | 25/02     | deferida    | 01/03     | yes     |
    | r7  | S2 (A)  | 10/03     | deferida    | 02/04     | no      |
    | r8  | S2 (A)  | 28/03     | pendente    | —         | —       |
    | r9  | S3 (B)  | 04/03     | deferida    | 05/03     | no deadline |
    | r10 | S3 (B)  | 15/03     | indeferida  | 22/03     | yes     |
    """
    s1 = service_with_form(agency=agency, name="Serviço um")
    s2 = service_with_form(agency=agency, name="Serviço dois")
    s3 = service_with_form(agency=other_agency, name="Serviço três")
    editor = make_editor(other_agency)
    published_service(agency=other_agency, editor=editor, name="Serviço presencial", is_digital=False)

    def req(service, submitted, state="recebida", concluded=None, on_time=None):
        return make_request(
            service=service,
            requester=person,
            submitted_at=local(*submitted),
            state=state,
            concluded_at=local(*concluded) if concluded else None,
            on_time=on_time,
        )

    req(s1, (2025, 3, 1), "deferida", (2025, 3, 3), True)
    req(s1, (2025, 3, 2), "deferida", (2025, 3, 7), True)
    req(s1, (2025, 3, 3), "indeferida", (2025, 3, 13), False)
    req(s1, (2025, 3, 5), "cancelada", (2025, 3, 6), None)
    req(s1, (2025, 3, 20), "em_analise")
    req(s2, (2025, 2, 25), "deferida", (2025, 3, 1), True)
    req(s2, (2025, 3, 10), "deferida", (2025, 4, 2), False)
    req(s2, (2025, 3, 28), "pendente")
    req(s3, (2025, 3, 4), "deferida", (2025, 3, 5), None)
    req(s3, (2025, 3, 15), "indeferida", (2025, 3, 22), True)
    for _copy in range(RATINGS_EACH):
        make_evaluation(service=s1, created_at=local(2025, 3, 4), score=5, clareza=4, tempo=5)
        make_evaluation(service=s1, created_at=local(2025, 3, 8), score=4, clareza=2)
        make_evaluation(service=s1, created_at=local(2025, 3, 14), score=2)
        make_evaluation(service=s3, created_at=local(2025, 3, 23), score=3, eficacia=1)
    return {"s1": s1, "s2": s2, "s3": s3, "a": agency, "b": other_agency}


@pytest.fixture(autouse=True)
def _empty_cache():
    """Exports are cached between refreshes: nothing cached by one test may reach another."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
