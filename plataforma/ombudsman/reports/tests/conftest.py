"""The report's tests: a year (2025) of manifestações whose every figure is known by hand (`known`),
and the people of every role."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.test import override_settings

from plataforma.ombudsman.tests.factories import (
    AgencyFactory,
    Role,
    general_agency,
    person,
    servant,
    service_of,
)

from .factories import (
    local,
    make_answer,
    make_forwarding,
    make_manifestation,
    make_measure,
    make_rating,
)

YEAR = 2025


@pytest.fixture(autouse=True)
def _setup():
    cache.clear()
    with override_settings(OMBUDSMAN_GENERAL_AGENCY="CGE", MONITORING_MIN_RATINGS=5):
        yield
    cache.clear()


@dataclass
class People:
    general: object
    ouvidor: object
    other_ouvidor: object
    citizen: object
    attendant: object
    analyst: object
    manager: object
    editor: object
    admin: object


@pytest.fixture
def agencies(db):
    a = AgencyFactory(acronym="DETRAN-MT", slug="detran-mt", name="Departamento Estadual de Trânsito")
    b = AgencyFactory(acronym="SEFAZ", slug="sefaz", name="Secretaria de Estado de Fazenda")
    return a, b, general_agency()


@pytest.fixture
def people(agencies) -> People:
    a, b, cge = agencies
    admin = person(is_staff=True, is_superuser=True)
    return People(
        general=servant(cge, Role.OMBUDSMAN),
        ouvidor=servant(a, Role.OMBUDSMAN),
        other_ouvidor=servant(b, Role.OMBUDSMAN),
        citizen=person(),
        attendant=servant(a, Role.ATTENDANT),
        analyst=servant(a, Role.ANALYST),
        manager=servant(a, Role.MANAGER),
        editor=servant(a, Role.CARTA_EDITOR),
        admin=admin,
    )


@pytest.fixture
def known(agencies):
    """2025 for DETRAN-MT (A), SEFAZ (B) and one manifestação awaiting triage; 2024 and 2026 rows
    that the 2025 figures must leave out. Days to the first conclusion: m1 10, m2 47, m4 2,
    m5 0 (20 minutes), m7 10, m8 5 → state median (5 + 10) / 2 = 7.5; DETRAN-MT's 10.

    | m   | ag | kind        | channel    | status             | received   | subject        | service |
    | m1  | A  | reclamacao  | internet   | concluida          | 10/01      | atendimento    | S1      |
    | m2  | A  | reclamacao  | aplicativo | concluida          | 01/02      | atendimento    | S1      |
    | m3  | A  | denuncia    | internet   | em_analise (late)  | 05/03 anon | irregularidade | —       |
    | m4  | A  | elogio      | presencial | concluida          | 15/03      | —              | S2      |
    | m5  | A  | reclamacao  | telefone   | arquivada          | 31/12 23:30| atendimento    | S1      |
    | m6  | A  | sugestao    | email      | aguardando (paused)| 10/06      | —              | —       |
    | m7  | A  | reclamacao  | internet   | concluida, reopened| 05/05      | prazo          | S2      |
    | m8  | B  | reclamacao  | carta      | concluida          | 01/04      | atendimento    | S3      |
    | m9  | B  | simplifique | internet   | recebida (late)    | 20/11      | —              | —       |
    | m10 | —  | solicitacao | internet   | recebida (late)    | 08/08      | —              | —       |
    """
    a, b, _cge = agencies
    s1 = service_of(a, name="Renovar a CNH")
    s2 = service_of(a, name="Licenciar o veículo")
    s3 = service_of(b, name="Emitir certidão negativa")
    mk = make_manifestation
    m1 = mk(
        agency=a,
        received=local(2025, 1, 10),
        status="concluida",
        service=s1,
        subject_slug="atendimento",
        concluded=local(2025, 1, 20),
    )
    m2 = mk(
        agency=a,
        received=local(2025, 2, 1),
        channel="aplicativo",
        status="concluida",
        service=s1,
        subject_slug="atendimento",
        concluded=local(2025, 3, 20),
    )
    m3 = mk(
        agency=a,
        received=local(2025, 3, 5),
        kind="denuncia",
        status="em_analise",
        subject_slug="irregularidade",
        anonymous=True,
        due=local(2025, 4, 4),
    )
    m4 = mk(
        agency=a,
        received=local(2025, 3, 15),
        kind="elogio",
        channel="presencial",
        status="concluida",
        service=s2,
        concluded=local(2025, 3, 17),
    )
    m5 = mk(
        agency=a,
        received=local(2025, 12, 31, 23, 30),
        channel="telefone",
        status="arquivada",
        service=s1,
        subject_slug="atendimento",
        concluded=local(2025, 12, 31, 23, 50),
        archive_reason="duplicada",
    )
    mk(
        agency=a,
        received=local(2025, 6, 10),
        kind="sugestao",
        channel="email",
        status="aguardando_usuario",
        due=local(2025, 7, 10),
        paused=local(2025, 6, 20),
    )
    m7 = mk(
        agency=a,
        received=local(2025, 5, 5),
        status="concluida",
        service=s2,
        subject_slug="prazo",
        reopen_count=1,
        concluded=local(2025, 6, 20),
    )
    m8 = mk(
        agency=b,
        received=local(2025, 4, 1),
        channel="carta",
        status="concluida",
        service=s3,
        subject_slug="atendimento",
        concluded=local(2025, 4, 6),
    )
    mk(agency=b, received=local(2025, 11, 20), kind="simplifique", due=local(2025, 12, 20))
    mk(agency=None, received=local(2025, 8, 8), kind="solicitacao", due=local(2025, 9, 7))
    # Outside 2025 (Cuiabá time): the first minutes of 2026, the last of 2024, and mid-2024.
    m11 = mk(agency=a, received=local(2026, 1, 1, 0, 10), subject_slug="atendimento")
    mk(agency=a, received=local(2024, 12, 31, 23, 59), subject_slug="atendimento")
    mk(agency=a, received=local(2024, 6, 1), kind="denuncia", subject_slug="irregularidade")

    make_answer(m1, answered=local(2025, 1, 20))
    make_answer(m2, answered=local(2025, 3, 20), on_time=False, extended=True)
    make_answer(m4, answered=local(2025, 3, 17))
    make_answer(m5, answered=local(2025, 12, 31, 23, 50), kind="arquivamento")
    make_answer(m7, answered=local(2025, 5, 15))
    make_answer(m7, answered=local(2025, 6, 20), cycle=2)
    make_answer(m8, answered=local(2025, 4, 6))
    make_answer(m11, answered=local(2026, 1, 5))

    make_rating(m1, created=local(2025, 1, 25), satisfaction=5, resolved=True)
    make_rating(m2, created=local(2025, 3, 21), satisfaction=2, resolved=False)
    make_rating(m4, created=local(2025, 3, 18), satisfaction=5, resolved=True)
    make_rating(m7, created=local(2025, 5, 16), satisfaction=1, resolved=False)
    make_rating(m7, created=local(2025, 6, 21), satisfaction=4, resolved=True, cycle=2)
    make_rating(m8, created=local(2025, 4, 7), satisfaction=3, resolved=True)
    make_rating(m5, created=local(2026, 1, 2), satisfaction=1, resolved=False)

    make_measure(
        m4,
        created=local(2025, 3, 20),
        kind="orientacao",
        description="Boa prática divulgada à equipe de atendimento.",
    )
    make_measure(
        m8,
        created=local(2025, 4, 12),
        kind="correcao",
        description="Sistema de certidões corrigido para emitir na hora.",
    )
    make_measure(m1, created=local(2026, 1, 3), kind="processo", description="Providência de 2026.")

    make_forwarding(m2, sent=local(2025, 2, 3), answered=local(2025, 2, 10), on_time=True)
    make_forwarding(m3, sent=local(2025, 3, 6))
    make_forwarding(m11, sent=local(2026, 1, 2))
    return {"a": a, "b": b, "s1": s1, "s2": s2, "s3": s3, "m1": m1}
