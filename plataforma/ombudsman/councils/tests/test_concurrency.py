"""Applications at the same time (PostgreSQL only: SQLite runs one write transaction at a time):
inscription numbers stay unique and gap-free, and a person double-clicking gets one application."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from plataforma.common.testing import run_together

from ..models import Application
from .factories import AgencyFactory, apply, council_for, gestor_of, open_call, person

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


@pytest.fixture
def call():
    agency = AgencyFactory()
    gestor = gestor_of(agency)
    return open_call(council_for(agency, gestor), gestor)


def test_concurrent_applicants_get_unique_gap_free_numbers(call):
    people = [person() for _ in range(8)]
    results, errors = run_together([lambda p=p: apply(p, call) for p in people])
    assert errors == []
    assert sorted(a.number for a in results) == list(range(1, 9))


def test_the_same_person_applying_twice_at_once_gets_one_application(call):
    maria = person()
    results, errors = run_together([lambda: apply(maria, call), lambda: apply(maria, call)])
    assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert Application.objects.filter(person=maria).count() == 1
