"""Several people acting at once (PostgreSQL only: SQLite runs one write transaction at a time).

- Two ouvidores answering the same manifestação at once: one answer, the other refused.
- Many lodgings at once: unique, gap-free protocols.
- The author rating twice at once (double tap): one rating.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from plataforma.common.protocols import protocol_parse
from plataforma.common.testing import run_together

from .. import services
from ..models import AnswerRating, Manifestation, ManifestationAnswer
from .factories import lodge

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_two_ouvidores_answering_at_once_give_one_answer(world):
    m = services.manifestation_start_analysis(
        actor=world.ouvidor, manifestation=lodge(world.author, agency=world.agency).manifestation
    )

    def answer(who):
        return lambda: services.manifestation_answer(actor=who, manifestation=m, text=f"Resposta de {who.pk}")

    results, errors = run_together([answer(world.ouvidor), answer(world.general)])
    assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert ManifestationAnswer.objects.filter(manifestation=m).count() == 1


def test_concurrent_lodgings_get_unique_gap_free_protocols(world):
    count = 12
    results, errors = run_together(
        [lambda: lodge(world.author, agency=world.agency).manifestation.protocol] * count
    )
    assert not errors, errors
    numbers = sorted(protocol_parse(p)[2] for p in results)
    assert numbers == list(range(numbers[0], numbers[0] + count))
    assert Manifestation.objects.count() == count


def test_a_double_tap_on_rate_records_one_rating(world):
    m = services.manifestation_start_analysis(
        actor=world.ouvidor, manifestation=lodge(world.author, agency=world.agency).manifestation
    )
    services.manifestation_answer(actor=world.ouvidor, manifestation=m, text="Feito.")

    def rate():
        return services.manifestation_rate(actor=world.author, manifestation=m, resolved=True, satisfaction=5)

    results, errors = run_together([rate, rate, rate])
    assert len(results) == 1 and all(isinstance(e, ValidationError) for e in errors)
    assert AnswerRating.objects.count() == 1
