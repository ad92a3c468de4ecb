"""Two gestores stepping down at the same moment must not leave the agency without a gestor:
member_revoke locks the agency's gestor rows (PostgreSQL; SQLite serialises every write)."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from plataforma.identity.models import AgencyRole
from plataforma.identity.servants import services

from .helpers import Role, servant

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_two_gestores_stepping_down_at_once_leave_one(monkeypatch):
    first, agency = servant(Role.MANAGER)
    second, _ = servant(Role.MANAGER, agency=agency)
    real_revoke = services.agency_role_revoke

    def slow_revoke(**kwargs):
        time.sleep(0.5)  # hold the locks while the other request arrives
        return real_revoke(**kwargs)

    monkeypatch.setattr(services, "agency_role_revoke", slow_revoke)
    outcomes: dict = {}

    def step_down(user):
        try:
            services.member_revoke(actor=user, grant=AgencyRole.objects.get(user=user, agency=agency))
            outcomes[user.pk] = "revoked"
        except ValidationError:
            outcomes[user.pk] = "refused"
        finally:
            connection.close()

    threads = [threading.Thread(target=step_down, args=(u,)) for u in (first, second)]
    for t in threads:
        t.start()
        time.sleep(0.1)
    for t in threads:
        t.join(10)
    assert sorted(outcomes.values()) == ["refused", "revoked"]
    assert AgencyRole.objects.filter(agency=agency, role=Role.MANAGER, revoked_at__isnull=True).count() == 1
