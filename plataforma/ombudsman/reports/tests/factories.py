"""Rows of the ouvidoria written straight to the database with known dates and outcomes (the
report's selectors read them); people and agencies from the ouvidoria's own factories."""

from __future__ import annotations

import importlib
import itertools
from datetime import datetime, timedelta

from plataforma.common.calendar import CUIABA
from plataforma.ombudsman.models import (
    AdoptedMeasure,
    AnswerRating,
    Forwarding,
    Manifestation,
    ManifestationAnswer,
    Subject,
)

_numbers = itertools.count(1)
# What no report may ever show: the author's name, CPF and words.
SECRET_TEXT = "Relato de Joana Secreta Figueiredo, CPF 529.982.247-25: o servidor Fulano me destratou."
SECRET_TITLE = "Joana Secreta reclama do balcão"


def local(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=CUIABA)


def subject(slug: str) -> Subject:
    """A subject by slug, with the seeded name when it is one of migration 0002's (even if another
    test's flush removed the seeded rows)."""
    seeded = dict(importlib.import_module("plataforma.ombudsman.migrations.0002_initial_subjects").SUBJECTS)
    return Subject.objects.get_or_create(slug=slug, defaults={"name": seeded.get(slug, f"Assunto {slug}")})[0]


def make_manifestation(
    *,
    agency,
    received: datetime,
    kind: str = "reclamacao",
    channel: str = "internet",
    status: str = "recebida",
    service=None,
    subject_slug: str | None = None,
    anonymous: bool = False,
    reopen_count: int = 0,
    due: datetime | None = None,
    paused: datetime | None = None,
    concluded: datetime | None = None,
    archive_reason: str = "",
) -> Manifestation:
    n = next(_numbers)
    return Manifestation.objects.create(
        protocol=f"{received.year}.OUV.{n:06d}-0",
        kind=kind,
        channel=channel,
        status=status,
        agency=agency,
        service=service,
        subject=subject(subject_slug) if subject_slug else None,
        title=SECRET_TITLE,
        description=SECRET_TEXT,
        is_anonymous=anonymous,
        access_code_hash="0" * 64,
        received_at=received,
        answer_due_at=due or received + timedelta(days=30),
        clock_paused_at=paused,
        cycle=1 + reopen_count,
        reopen_count=reopen_count,
        concluded_at=concluded,
        archive_reason=archive_reason,
    )


def make_answer(
    manifestation,
    *,
    answered: datetime,
    on_time: bool = True,
    cycle: int = 1,
    extended: bool = False,
    kind: str = "resposta",
    agency="same",
) -> ManifestationAnswer:
    return ManifestationAnswer.objects.create(
        manifestation=manifestation,
        agency=manifestation.agency if agency == "same" else agency,
        cycle=cycle,
        kind=kind,
        text="Resposta",
        answered_at=answered,
        due_at=answered + timedelta(days=1 if on_time else -1),
        on_time=on_time,
        extended=extended,
    )


def make_rating(manifestation, *, created: datetime, satisfaction: int, resolved: bool, cycle: int = 1):
    rating = AnswerRating.objects.create(
        manifestation=manifestation,
        cycle=cycle,
        resolved=resolved,
        satisfaction=satisfaction,
        comment=SECRET_TEXT,
    )
    AnswerRating.objects.filter(pk=rating.pk).update(created_at=created)
    return rating


def make_measure(manifestation, *, created: datetime, kind: str, description: str) -> AdoptedMeasure:
    measure = AdoptedMeasure.objects.create(
        manifestation=manifestation, agency=manifestation.agency, kind=kind, description=description
    )
    AdoptedMeasure.objects.filter(pk=measure.pk).update(created_at=created)
    return measure


def make_forwarding(manifestation, *, sent: datetime, answered: datetime | None = None, on_time=None):
    return Forwarding.objects.create(
        manifestation=manifestation,
        agency=manifestation.agency,
        area="Diretoria",
        extract="Extrato",
        question="Pergunta",
        status="respondido" if answered else "aberto",
        sent_at=sent,
        due_at=sent + timedelta(days=20),
        answered_at=answered,
        answer="Resposta da área" if answered else "",
        answered_on_time=on_time,
    )
