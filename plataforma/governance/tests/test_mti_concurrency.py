"""MTI's records written at the same time (PostgreSQL only: SQLite runs one write transaction at a
time): justification numbers stay unique and gap-free, a service never gets two open price
proposals, and a proposal is decided once."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from plataforma.common.testing import run_together

from ..models.mti import PriceVersion, TechJustification
from ..services import mti as services
from ..services import mti_docs as docs
from .factories_mti import make_justification, make_service, mti_user, nucleo_user, price_data, submitted

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_concurrent_submissions_get_unique_gap_free_numbers():
    mti = mti_user()
    items = [make_justification(mti, title=f"Tecnologia {n}") for n in range(6)]
    results, errors = run_together([lambda i=i: docs.justification_submit(actor=mti, item=i) for i in items])
    assert errors == []
    numbers = sorted(int(r.number.rsplit(".", 1)[1]) for r in results)
    assert numbers == list(range(numbers[0], numbers[0] + 6))
    assert TechJustification.objects.filter(status=TechJustification.Status.SUBMITTED).count() == 6


def test_two_proposals_for_one_service_at_once_make_one():
    mti = mti_user()
    service = make_service(mti)
    results, errors = run_together(
        [
            lambda p=p: services.price_draft_create(actor=mti, service=service, data=price_data(p))
            for p in ("1", "2")
        ]
    )
    assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert PriceVersion.objects.filter(service=service).count() == 1


def test_a_proposal_is_decided_once():
    mti, first, second = mti_user(), nucleo_user(), nucleo_user()
    version = submitted(mti, make_service(mti))
    results, errors = run_together(
        [
            lambda: services.price_decide(actor=first, version=version, approve=True, reasons="Sim."),
            lambda: services.price_decide(actor=second, version=version, approve=False, reasons="Não."),
        ]
    )
    assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], ValidationError)
    version.refresh_from_db()
    assert version.status == results[0].status
