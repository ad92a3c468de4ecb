"""Test data for the exceptions: the people of every role and requests brought to each state
through the real services. What happened "in the past" (a plan that expired) is made by moving
the dates back after the services wrote the records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from plataforma.catalog.models import Agency, Service
from plataforma.catalog.tests.factories import AgencyFactory, published_service
from plataforma.identity.models import AgencyRole, User
from plataforma.identity.tests.factories import UserFactory, make_editor

from ..models import ExceptionRequest
from ..services import exceptions as services
from ..services import exceptions_decisions as decisions

Role = AgencyRole.Role


def servant(agency: Agency, *roles: str) -> User:
    user = UserFactory()
    for role in roles:
        AgencyRole.objects.create(user=user, agency=agency, role=role)
    return user


def days(n: int) -> date:
    return timezone.localdate() + timedelta(days=n)


@dataclass
class World:
    detran: Agency
    sefaz: Agency
    seplag: Agency
    mti: Agency
    gestor: User  # DETRAN's gestor
    other_gestor: User  # SEFAZ's gestor
    nucleo: User  # a Núcleo member at SEPLAG
    nucleo2: User  # another Núcleo member at SEFAZ
    mti_staff: User
    citizen: User
    service: Service  # DETRAN's, published
    service2: Service  # DETRAN's, published
    sefaz_service: Service


def make_world() -> World:
    detran = AgencyFactory(acronym="DETRAN-MT", slug="detran-mt", name="Departamento Estadual de Trânsito")
    sefaz = AgencyFactory(acronym="SEFAZ", slug="sefaz", name="Secretaria de Estado de Fazenda")
    seplag = AgencyFactory(
        acronym="SEPLAG", slug="seplag", name="Secretaria de Estado de Planejamento e Gestão"
    )
    mti = AgencyFactory(acronym="MTI", slug="mti", name="Empresa Mato-grossense de Tecnologia da Informação")
    editor, sefaz_editor = make_editor(detran), make_editor(sefaz)
    return World(
        detran=detran,
        sefaz=sefaz,
        seplag=seplag,
        mti=mti,
        gestor=servant(detran, Role.MANAGER),
        other_gestor=servant(sefaz, Role.MANAGER),
        nucleo=servant(seplag, Role.NUCLEO),
        nucleo2=servant(sefaz, Role.NUCLEO),
        mti_staff=servant(mti, Role.MTI),
        citizen=UserFactory(),
        service=published_service(agency=detran, editor=editor, name="Licenciar veículo", acronym=""),
        service2=published_service(agency=detran, editor=editor, name="Transferir veículo", acronym=""),
        sefaz_service=published_service(
            agency=sefaz, editor=sefaz_editor, name="Emitir nota fiscal", acronym=""
        ),
    )


def request_data(service: Service, **overrides) -> services.RequestData:
    data = {
        "service": service,
        "platform_name": "Sistema próprio do DETRAN",
        "platform_url": "https://detran.example.org/licenciamento",
        "justification": "O sistema integra com o RENAVAM e ainda não há conector na plataforma oficial.",
    }
    data.update(overrides)
    return services.RequestData(**data)


def draft(w: World, service: Service | None = None, *, actions=(30,), **overrides) -> ExceptionRequest:
    """A draft of `service` (default: w.service) by its agency's gestor, with actions due in
    `actions` days."""
    service = service or w.service
    gestor = gestor_for(w, service)
    exc = services.exception_create(actor=gestor, data=request_data(service, **overrides))
    for i, n in enumerate(actions, 1):
        services.action_add(actor=gestor, request=exc, description=f"Etapa {i} da migração", due_on=days(n))
    return exc


def gestor_for(w: World, service: Service) -> User:
    return w.other_gestor if service.agency_id == w.sefaz.pk else w.gestor


def submitted(w: World, **kwargs) -> ExceptionRequest:
    exc = draft(w, **kwargs)
    return services.exception_submit(actor=gestor_for(w, exc.service), request=exc)


def approved(w: World, **kwargs) -> ExceptionRequest:
    return decisions.exception_decide(
        actor=w.nucleo,
        request=submitted(w, **kwargs),
        decision="aprovar",
        reasons="Conector previsto para o ano.",
    )


def declined(w: World, **kwargs) -> ExceptionRequest:
    return decisions.exception_decide(
        actor=w.nucleo,
        request=submitted(w, **kwargs),
        decision="recusar",
        reasons="A plataforma oficial já atende.",
    )


def expire(exc: ExceptionRequest, *, days_ago: int = 1) -> ExceptionRequest:
    """Move the term of an approved exception into the past (as if its plan had ended)."""
    ExceptionRequest.objects.filter(pk=exc.pk).update(valid_until=days(-days_ago))
    exc.refresh_from_db()
    return exc


def in_review(w: World, **kwargs) -> ExceptionRequest:
    exc = expire(approved(w, **kwargs))
    decisions.exceptions_flag_expired()
    exc.refresh_from_db()
    assert exc.status == ExceptionRequest.Status.REVIEW
    return exc
