"""Two representatives granting a tie to the same person at the same moment: one wins, the other
gets a clear error (the one-open-tie constraint), never a 500. Needs PostgreSQL's row locks."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from plataforma.identity.companies import services
from plataforma.identity.companies.models import CompanyTie
from plataforma.identity.tests.factories import UserFactory

from .factories import make_representative

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"),
]


def test_two_simultaneous_grants_to_the_same_person_give_one_tie(monkeypatch):
    first, company = make_representative()
    second, _ = make_representative(company=company)
    person = UserFactory()
    real_audit = services.audit_record

    def slow_audit(**kwargs):
        time.sleep(0.5)  # keep the first transaction open after its insert
        return real_audit(**kwargs)

    monkeypatch.setattr(services, "audit_record", slow_audit)
    outcomes: list[str] = []

    def grant(actor):
        try:
            services.tie_grant(actor=actor, company=company, user=person, role=CompanyTie.Role.COLLABORATOR)
            outcomes.append("granted")
        except ValidationError as exc:
            outcomes.append(next(iter(exc.message_dict)))
        finally:
            connection.close()

    threads = [threading.Thread(target=grant, args=(actor,)) for actor in (first, second)]
    for t in threads:
        t.start()
        time.sleep(0.1)
    for t in threads:
        t.join(10)
    assert sorted(outcomes) == ["cpf", "granted"]
    assert CompanyTie.objects.filter(company=company, user=person).count() == 1
