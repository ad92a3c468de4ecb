"""People, agencies and manifestações for the ouvidoria's tests."""

from __future__ import annotations

import importlib
import uuid

from django.test import override_settings
from django.utils import timezone

from plataforma.catalog.tests.factories import AgencyFactory, published_service
from plataforma.identity.models import AgencyRole, Level
from plataforma.identity.tests.factories import UserFactory, make_editor

from ..models import Kind, Subject
from ..services import (
    manifestation_answer,
    manifestation_forward,
    manifestation_lodge,
    manifestation_start_analysis,
)

Role = AgencyRole.Role
general_setting = override_settings(OMBUDSMAN_GENERAL_AGENCY="CGE")


def person(**kwargs):
    kwargs.setdefault("email_verified_at", timezone.now())
    kwargs.setdefault("level", Level.BRONZE)
    return UserFactory(**kwargs)


def servant(agency, *roles: str, **kwargs):
    user = person(**kwargs)
    for role in roles:
        AgencyRole.objects.create(user=user, agency=agency, role=role)
    return user


def general_agency():
    from plataforma.catalog.models import Agency

    found = Agency.objects.filter(acronym="CGE").first()
    return found or AgencyFactory(acronym="CGE", slug="cge", name="Controladoria Geral do Estado")


def service_of(agency, **content):
    content.setdefault("name", f"Serviço de teste {uuid.uuid4().hex[:6]}")
    return published_service(agency=agency, editor=make_editor(agency), **content)


def restore_subjects() -> None:
    """The subjects of migration 0002, which a flushing transactional test removes."""
    seeded = importlib.import_module("plataforma.ombudsman.migrations.0002_initial_subjects").SUBJECTS
    Subject.objects.bulk_create(
        [Subject(slug=slug, name=name) for slug, name in seeded], ignore_conflicts=True
    )


def subject(slug: str = "atendimento") -> Subject:
    return Subject.objects.get_or_create(slug=slug, defaults={"name": f"Assunto {slug}"})[0]


DESCRIPTION = (
    "Fui atendido com grosseria no balcão. Meu CPF é 529.982.247-25, meu e-mail maria@example.org "
    "e meu telefone (65) 99999-8888."
)


def lodge(author=None, *, agency=None, service=None, kind=Kind.COMPLAINT, anonymous=False, **kwargs):
    kwargs.setdefault("title", "Atendimento ruim")
    kwargs.setdefault("description", DESCRIPTION)
    return manifestation_lodge(
        actor=author, kind=kind, agency=agency, service=service, anonymous=anonymous, **kwargs
    )


def forwarded(author, agency, ouvidor, *, share_identity: bool = False, **kwargs):
    result = lodge(author, agency=agency, **kwargs)
    manifestation = manifestation_start_analysis(actor=ouvidor, manifestation=result.manifestation)
    forwarding = manifestation_forward(
        actor=ouvidor,
        manifestation=manifestation,
        area="Diretoria de Atendimento",
        extract="O usuário relata grosseria no balcão.",
        question="Quais providências a área adotou?",
        share_identity=share_identity,
    )
    return forwarding.manifestation, forwarding


def answered(author, agency, ouvidor, **kwargs):
    result = lodge(author, agency=agency, **kwargs)
    manifestation = manifestation_start_analysis(actor=ouvidor, manifestation=result.manifestation)
    manifestation_answer(actor=ouvidor, manifestation=manifestation, text="Apuramos e orientamos a equipe.")
    manifestation.refresh_from_db()
    return manifestation, result
