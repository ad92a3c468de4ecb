import itertools
from typing import Any

import factory

from plataforma.catalog import services
from plataforma.catalog.models import Agency, Audience, Category, Service, ServiceUnit
from plataforma.common.documents import make_cnpj

_seq = itertools.count(1)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Secretaria de Estado de Teste {n}")
    acronym = factory.Sequence(lambda n: f"SETESTE{n}")
    slug = factory.LazyAttribute(lambda o: o.acronym.lower())
    cnpj = factory.LazyFunction(lambda: make_cnpj(f"{next(_seq):08d}0001"))
    administration = Agency.Administration.DIRECT


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Área {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")


class ServiceUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceUnit

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Unidade {n}")
    street = "Avenida Historiador Rubens de Mendonça"
    number = "1000"
    city = "Cuiabá"
    opening_hours = "Segunda a sexta, das 8h às 17h"


def restore_reference_rows() -> None:
    """The rows of migration 0003 (audiences), which a flushing transactional test removes."""
    Audience.objects.bulk_create(
        [Audience(code=code) for code in Audience.Code.values], ignore_conflicts=True
    )


def content_data(**overrides: Any) -> dict[str, Any]:
    """A complete, valid Carta content document."""
    data: dict[str, Any] = {
        "name": "Emitir segunda via da carteira de identidade",
        "acronym": "RG",
        "popular_names": ["Segunda via do RG", "Identidade"],
        "description": "Peça a segunda via da sua carteira de identidade em uma unidade de atendimento.",
        "audiences": ["cidadao"],
        "categories": [],
        "requesters": [{"type": "Cidadão", "requirements": "Ter a primeira via emitida em Mato Grosso."}],
        "steps": [
            {
                "title": "Agendar o atendimento",
                "description": "Escolha a unidade, o dia e o horário.",
                "documents": ["Certidão de nascimento ou casamento"],
                "costs": [],
                "channels": [
                    {"type": "web", "description": "Agendamento", "address": "https://www.mt.gov.br"}
                ],
            }
        ],
        "total_time": {"kind": "ate", "max": 15, "unit": "dias-uteis"},
        "is_free": True,
        "keywords": ["documento", "identificação"],
        "priority_treatment": "Pessoas idosas, gestantes e pessoas com deficiência têm prioridade.",
        "manifestation_handling": "Pela Ouvidoria Geral do Estado, no portal, em até 30 dias.",
    }
    data.update(overrides)
    return data


def published_service(*, agency: Agency, editor, **overrides: Any) -> Service:
    version = services.service_create(actor=editor, agency=agency, content=content_data(**overrides))
    services.version_submit(actor=editor, version=version)
    services.version_publish(actor=editor, version=version)
    version.service.refresh_from_db()
    return version.service
