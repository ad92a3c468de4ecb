"""Test data for MTI's part: the agencies that hold the roles, people of every role, and services,
price versions, justifications and guidance pages brought to each state through the real services.
What happened "in the past" (an old validity) is made by moving dates after the services wrote."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from plataforma.catalog.tests.factories import AgencyFactory
from plataforma.identity.models import AgencyRole, Level
from plataforma.identity.tests.factories import UserFactory

from ..models.mti import GuidancePage, PriceVersion, StandardService, TechJustification
from ..services import mti as services
from ..services import mti_docs as docs

__all__ = ["AgencyFactory"]


def person(**kwargs):
    kwargs.setdefault("email_verified_at", timezone.now())
    kwargs.setdefault("level", Level.BRONZE)
    return UserFactory(**kwargs)


def agency(acronym: str):
    from plataforma.catalog.models import Agency

    found = Agency.objects.filter(acronym=acronym).first()
    return found or AgencyFactory(acronym=acronym, slug=acronym.lower())


def servant(acronym: str, role: str, **kwargs):
    user = person(**kwargs)
    AgencyRole.objects.create(user=user, agency=agency(acronym), role=role)
    return user


def mti_user(**kwargs):
    return servant("MTI", AgencyRole.Role.MTI, **kwargs)


def nucleo_user(**kwargs):
    return servant("SEPLAG", AgencyRole.Role.NUCLEO, **kwargs)


def gestor_user(acronym: str = "DETRAN", **kwargs):
    return servant(acronym, AgencyRole.Role.MANAGER, **kwargs)


def today() -> date:
    return timezone.localdate()


def service_data(**overrides) -> services.ServiceData:
    values = {
        "code": "HOSP-01",
        "name": "Hospedagem de aplicação em contêiner",
        "category": StandardService.Category.HOSTING,
        "description": "Execução de uma aplicação web em contêiner, com monitoramento.",
        "unit": "vCPU/mês",
        "service_level": "Disponibilidade de 99,5% ao mês.",
        "is_active": True,
    }
    values.update(overrides)
    return services.ServiceData(**values)


def make_service(actor, **overrides) -> StandardService:
    return services.service_create(actor=actor, data=service_data(**overrides))


def price_data(
    price="100.00", valid_from=None, justification="Custo de servidores e equipe."
) -> services.PriceData:
    return services.PriceData(
        price=Decimal(price), valid_from=valid_from or today(), justification=justification
    )


def reference_data(price="100.00", *, days_ago=30, **overrides) -> services.ReferenceData:
    values = {
        "kind": "cotacao",
        "source": f"Fornecedor {price}",
        "price": Decimal(price),
        "reference_date": today() - timedelta(days=days_ago),
        "url": "https://exemplo.com.br/cotacao",
        "note": "",
    }
    values.update(overrides)
    return services.ReferenceData(**values)


def draft(mti, service, price="100.00", references=("90.00", "100.00", "110.00"), **kwargs) -> PriceVersion:
    version = services.price_draft_create(actor=mti, service=service, data=price_data(price, **kwargs))
    for value in references:
        services.reference_add(actor=mti, version=version, data=reference_data(value))
    return version


def submitted(
    mti, service, price="100.00", references=("90.00", "100.00", "110.00"), **kwargs
) -> PriceVersion:
    return services.price_submit(actor=mti, version=draft(mti, service, price, references, **kwargs))


def approved(mti, nucleo, service, price="100.00", *, valid_from=None, **kwargs) -> PriceVersion:
    """An approved version; with `valid_from` in the past the dates are moved after approval."""
    start = valid_from if valid_from and valid_from > today() else None
    version = submitted(mti, service, price, valid_from=start, **kwargs)
    version = services.price_decide(
        actor=nucleo, version=version, approve=True, reasons="Compatível com o mercado."
    )
    if valid_from is not None and valid_from <= today():
        PriceVersion.objects.filter(pk=version.pk).update(valid_from=valid_from)
        version.refresh_from_db()
    return version


def justification_data(**overrides) -> docs.JustificationData:
    values = {
        "title": "Adoção de filas de mensagens",
        "technology": "RabbitMQ",
        "context": "Integrações assíncronas entre órgãos.",
        "justification": "Padrão aberto, maduro e com suporte.",
        "alternatives": "Kafka: mais complexo para o volume atual.",
        "costs": "",
    }
    values.update(overrides)
    return docs.JustificationData(**values)


def make_justification(mti, **overrides) -> TechJustification:
    return docs.justification_create(actor=mti, data=justification_data(**overrides))


def guide_data(**overrides) -> docs.GuideData:
    values = {
        "slug": "como-aderir-ao-x-via",
        "title": "Como aderir ao X-VIA",
        "summary": "Passos para o órgão se integrar à plataforma de interoperabilidade.",
        "body": "## Antes de começar\n\nPeça o certificado.\n\n- Passo um\n- Passo dois",
        "order": 10,
    }
    values.update(overrides)
    return docs.GuideData(**values)


def make_guide(mti, *, published=False, **overrides) -> GuidancePage:
    page = docs.guide_create(actor=mti, data=guide_data(**overrides))
    if published:
        page = docs.guide_set_published(actor=mti, page=page, published=True)
    return page


def reference_post(price="100,00", days_ago=30, **overrides):
    """A market reference as the form posts it (Brazilian decimal comma)."""
    data = {
        "kind": "tabela_publica",
        "source": "Tabela pública de nuvem",
        "price": price,
        "reference_date": (today() - timedelta(days=days_ago)).isoformat(),
        "url": "https://exemplo.com.br/precos",
        "note": "",
    }
    data.update(overrides)
    return data
