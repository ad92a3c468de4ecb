"""Two identical notifications at the same moment (a provider retry racing the original) have
one effect. PostgreSQL only: SQLite serialises writers."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from ...models import RequestEvent
from ...tests.factories import reload, submit
from ..models import Charge, WebhookDelivery
from ..selectors import charge_for_request
from ..services import webhook_receive
from .conftest import FEE
from .helpers import signed

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def _race(calls: list) -> list:
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            results[i] = call()
        except Exception as exc:
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_two_identical_deliveries_at_once_have_one_effect(paid_service, person):
    request = submit(paid_service, person)
    charge = charge_for_request(request)
    headers, body = signed(charge.txid, FEE, delivery_id="mesma-entrega")
    results = _race(
        [lambda: webhook_receive(provider_key="sandbox", headers=headers, body=body) for _ in range(2)]
    )
    assert all(not isinstance(r, Exception) for r in results), results
    assert sorted(r.outcome for r in results) == ["aplicada", "duplicada"]
    assert {r.status for r in results} == {200}
    assert WebhookDelivery.objects.count() == 1
    assert RequestEvent.objects.filter(request=request, action="pagamento_confirmado").count() == 1
    assert reload(request).state == "recebida"


def test_the_same_payment_in_two_deliveries_at_once_has_one_effect(paid_service, person):
    request = submit(paid_service, person)
    charge = charge_for_request(request)
    e2e = "E0000000020260301120000000000777"
    first = signed(charge.txid, FEE, end_to_end_id=e2e, delivery_id="a")
    second = signed(charge.txid, FEE, end_to_end_id=e2e, delivery_id="b")
    results = _race(
        [
            lambda h=h, b=b: webhook_receive(provider_key="sandbox", headers=h, body=b)
            for h, b in (first, second)
        ]
    )
    assert sorted(r.outcome for r in results) == ["aplicada", "ja_paga"]
    assert Charge.objects.get(pk=charge.pk).reconciliation == ""
    assert RequestEvent.objects.filter(request=request, action="pagamento_confirmado").count() == 1


def test_payment_racing_expiry_ends_in_one_consistent_state(paid_service, person):
    from datetime import timedelta

    from ..services import charges_expire

    request = submit(paid_service, person)
    charge = charge_for_request(request)
    headers, body = signed(charge.txid, FEE, paid_at=charge.expires_at - timedelta(minutes=1))
    results = _race(
        [
            lambda: webhook_receive(provider_key="sandbox", headers=headers, body=body),
            lambda: charges_expire(now=charge.expires_at + timedelta(seconds=1)),
        ]
    )
    assert all(not isinstance(r, Exception) for r in results), results
    charge.refresh_from_db()
    state = reload(request).state
    # Either the payment won (paid, request received) or the expiry did (refund flagged).
    assert (charge.status, state, charge.reconciliation) in {
        ("paga", "recebida", ""),
        ("expirada", "cancelada", "estorno"),
    }
