"""Fixtures shared by the tests of the unit's attendance pages: 10:00 in Cuiabá, one unit with one
offering, an attendant and a desk."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from django.utils import timezone

from plataforma.common.calendar import CUIABA
from plataforma.identity.models import AgencyRole

from ..factories import add_desk, servant, unit_with_offering

Role = AgencyRole.Role


def today_at(hour: int, minute: int = 0) -> datetime:
    day = timezone.localtime(REAL_NOW(), CUIABA).date()
    return datetime.combine(day, time(hour, minute), CUIABA)


REAL_NOW = timezone.now


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """Every page sees 10:00 of today in Cuiabá (no test depends on the hour it runs)."""
    fixed = today_at(10)
    monkeypatch.setattr(timezone, "now", lambda: fixed)
    return fixed


@pytest.fixture
def unit():
    return unit_with_offering()


@pytest.fixture
def calendar(unit):
    return unit[0]


@pytest.fixture
def offering(unit):
    return unit[1]


@pytest.fixture
def attendant(calendar):
    return servant(calendar.unit.agency, Role.ATTENDANT)


@pytest.fixture
def desk(calendar):
    return add_desk(calendar, "Guichê 3")


def base(calendar) -> str:
    return f"/servidor/atendimento/{calendar.pk}/"


def choose_desk(client, calendar, desk, services_=()):
    response = client.post(base(calendar) + "guiche/", {"guiche": str(desk.pk), "servicos": list(services_)})
    assert response.status_code == 303
    return response
