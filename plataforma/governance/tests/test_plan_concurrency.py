"""Nominations at the same time (PostgreSQL only: SQLite runs one write transaction at a time):
two gestores of an agency racing for its last place get exactly one nomination; the other is told
the cap was reached, because the cycle row lock serialises them."""

from __future__ import annotations

import contextlib
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from plataforma.common.testing import run_together

from ..models import Nomination
from ..services import plan_nominations
from .factories import AgencyFactory, agency_service, gestor_of, nominate, open_cycle

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_two_gestores_nominating_the_fifth_and_sixth_at_once_get_one(monkeypatch):
    """Both nominations meet between reading the agency's nominations and writing their own: with
    the cycle locked the second never gets there (it waits for the first to commit, and the meeting
    times out), without it both would count four and race to the unique index."""
    original = plan_nominations._active
    meeting = threading.Barrier(2, timeout=3)

    def meet_then_count(cycle, agency_id):
        with contextlib.suppress(threading.BrokenBarrierError):
            meeting.wait()
        return original(cycle, agency_id)

    agency = AgencyFactory()
    first, second = gestor_of(agency), gestor_of(agency)
    cycle = open_cycle()
    for rank in range(1, 5):
        nominate(cycle, first, agency_service(agency), rank=rank)
    fifth, sixth = agency_service(agency), agency_service(agency)
    monkeypatch.setattr(plan_nominations, "_active", meet_then_count)
    results, errors = run_together(
        [lambda: nominate(cycle, first, fifth, rank=5), lambda: nominate(cycle, second, sixth, rank=5)]
    )
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], ValidationError)
    assert "máximo deste plano" in " ".join(errors[0].messages)  # the lock, not the unique index
    assert Nomination.objects.filter(cycle=cycle, agency=agency).count() == 5


def test_many_agencies_nominating_at_once_all_succeed_within_their_caps():
    agencies = [AgencyFactory() for _ in range(4)]
    pairs = [(gestor_of(a), agency_service(a)) for a in agencies]
    cycle = open_cycle(max_per_agency=1)
    results, errors = run_together([lambda g=g, s=s: nominate(cycle, g, s, rank=1) for g, s in pairs])
    assert errors == [] and len(results) == 4
    assert Nomination.objects.filter(cycle=cycle).count() == 4
