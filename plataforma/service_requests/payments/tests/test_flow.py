"""The whole payment flow with the lead's submit: a request with a fee waits for its PIX, the
provider's signed webhook moves it on, expiry cancels it; late, repeated, wrong-amount and
post-cancellation payments never move it and are flagged for reconciliation."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from plataforma.common.models import AuditEvent

from ...models import RequestEvent
from ...services import service_request_act
from ...tests.factories import reload, service_with_form, submit
from ..brcode import brcode_parse
from ..models import Charge, WebhookDelivery
from ..selectors import charge_for_request, charge_is_payable
from ..services import charge_confirm_paid, charge_open, charges_expire
from .conftest import FEE
from .helpers import post_webhook, signed

pytestmark = pytest.mark.django_db


def test_submitting_a_service_with_a_fee_opens_a_pix_charge(awaiting, paid_service):
    assert awaiting.status == "aguardando_pagamento"
    assert awaiting.state == "aguardando_pagamento"
    assert awaiting.due_at is None and awaiting.paused_at is not None
    charge = charge_for_request(awaiting)
    assert charge is not None and charge.status == "pendente"
    assert charge.amount == FEE and charge.agency_id == awaiting.agency_id
    assert len(charge.txid) == 25 and charge.txid.isalnum()
    parsed = brcode_parse(charge.br_code)
    assert parsed["amount"] == FEE
    assert parsed["txid"] == charge.txid
    assert parsed["key"] == "pagamentos@sefaz.mt.gov.br"
    assert (parsed["name"], parsed["city"]) == ("GOVERNO DE MATO GROSSO", "CUIABA")
    # Due at the end of the form's payment_days-th day (3 by default), Cuiabá time.
    local_due = timezone.localtime(charge.expires_at)
    assert local_due.date() == timezone.localdate() + timedelta(days=3)
    assert (local_due.hour, local_due.minute) == (23, 59)
    assert charge_is_payable(charge)
    assert AuditEvent.objects.filter(action="payments.charge.open", target_id=str(charge.pk)).exists()


def test_a_free_service_opens_no_charge(agency, person):
    service = service_with_form(agency=agency)
    request = submit(service, person)
    assert request.status == "em_andamento"
    assert charge_for_request(request) is None


def test_the_signed_webhook_confirms_payment_and_the_request_is_received(client, awaiting):
    charge = charge_for_request(awaiting)
    headers, body = signed(charge.txid, FEE, payer_name="Maria da Silva Souza")
    response = post_webhook(client, headers, body)
    assert response.status_code == 200
    assert response.json()["resultado"] == "aplicada"
    charge.refresh_from_db()
    assert charge.status == "paga" and charge.paid_amount == FEE and charge.end_to_end_id
    assert charge.payer_name_masked == "M*** da S*** S***"
    request = reload(awaiting)
    assert request.state == "recebida" and request.status == "em_andamento"
    assert request.due_at is not None and request.paused_at is None
    event = RequestEvent.objects.get(request=request, action="pagamento_confirmado")
    assert event.actor_role == "sistema"
    delivery = WebhookDelivery.objects.get()
    assert delivery.signature_valid and delivery.outcome == "aplicada" and delivery.charge_id == charge.pk
    assert delivery.body == "" and len(delivery.body_sha256) == 64  # payer's name: only the digest


def test_a_notification_without_personal_data_keeps_its_body(client, awaiting):
    charge = charge_for_request(awaiting)
    headers, body = signed(charge.txid, FEE)
    post_webhook(client, headers, body)
    assert WebhookDelivery.objects.get().body == body.decode()


def test_a_replayed_delivery_has_no_effect(client, awaiting):
    charge = charge_for_request(awaiting)
    headers, body = signed(charge.txid, FEE, delivery_id="entrega-1")
    assert post_webhook(client, headers, body).status_code == 200
    events = RequestEvent.objects.filter(request=awaiting).count()
    again = post_webhook(client, headers, body)
    assert again.status_code == 200 and again.json()["resultado"] == "duplicada"
    assert WebhookDelivery.objects.count() == 1
    assert RequestEvent.objects.filter(request=awaiting).count() == events


def test_the_same_payment_in_another_delivery_has_no_second_effect(client, awaiting):
    charge = charge_for_request(awaiting)
    headers, body = signed(charge.txid, FEE, end_to_end_id="E12345678202603011200abcdefghijk")
    post_webhook(client, headers, body)
    headers, body = signed(charge.txid, FEE, end_to_end_id="E12345678202603011200abcdefghijk")
    response = post_webhook(client, headers, body)
    assert response.json()["resultado"] == "ja_paga"
    charge.refresh_from_db()
    assert charge.status == "paga" and charge.reconciliation == ""


def test_a_second_payment_of_a_paid_charge_is_flagged_for_refund(client, awaiting):
    charge = charge_for_request(awaiting)
    post_webhook(client, *signed(charge.txid, FEE))
    response = post_webhook(client, *signed(charge.txid, FEE))
    assert response.json()["resultado"] == "estorno"
    charge.refresh_from_db()
    assert charge.status == "paga"
    assert charge.reconciliation == "estorno" and charge.reconciliation_amount == FEE
    assert reload(awaiting).state == "recebida"


def test_a_different_amount_changes_nothing_and_is_flagged(client, awaiting):
    charge = charge_for_request(awaiting)
    response = post_webhook(client, *signed(charge.txid, Decimal("8.54")))
    assert response.status_code == 200 and response.json()["resultado"] == "valor_divergente"
    charge.refresh_from_db()
    assert charge.status == "pendente"
    assert charge.reconciliation == "valor_divergente" and charge.reconciliation_amount == Decimal("8.54")
    assert reload(awaiting).state == "aguardando_pagamento"
    assert AuditEvent.objects.filter(action="payments.charge.reconciliation.mismatch").exists()
    # The right amount still pays it afterwards.
    post_webhook(client, *signed(charge.txid, FEE))
    assert reload(awaiting).state == "recebida"


def test_an_unknown_txid_is_recorded_and_answered_200(client, awaiting):
    response = post_webhook(client, *signed("NAOEXISTE", FEE))
    assert response.status_code == 200
    assert WebhookDelivery.objects.get().outcome == "cobranca_desconhecida"


def test_expiry_cancels_the_request(awaiting):
    charge = charge_for_request(awaiting)
    assert charges_expire(now=charge.expires_at - timedelta(seconds=1)) == {"expired": 0, "cancelled": 0}
    assert charges_expire(now=charge.expires_at + timedelta(seconds=1)) == {"expired": 1, "cancelled": 0}
    charge.refresh_from_db()
    assert charge.status == "expirada" and charge.closed_at is not None
    request = reload(awaiting)
    assert request.state == "cancelada" and request.status == "cancelada" and request.concluded_at is not None
    assert RequestEvent.objects.filter(request=request, action="pagamento_expirado").exists()
    # Running it again changes nothing.
    assert charges_expire(now=charge.expires_at + timedelta(days=1)) == {"expired": 0, "cancelled": 0}


def test_a_late_webhook_for_an_expired_charge_is_flagged_and_does_not_reopen(client, awaiting):
    charge = charge_for_request(awaiting)
    charges_expire(now=charge.expires_at + timedelta(seconds=1))
    response = post_webhook(client, *signed(charge.txid, FEE))
    assert response.status_code == 200 and response.json()["resultado"] == "estorno"
    charge.refresh_from_db()
    assert charge.status == "expirada" and charge.paid_at is None
    assert charge.reconciliation == "estorno" and charge.reconciliation_amount == FEE
    assert reload(awaiting).state == "cancelada"


def test_a_payment_made_after_the_due_time_expires_the_charge(client, awaiting):
    """The expiry job has not run yet, but the provider says the PIX was paid after the due time."""
    charge = charge_for_request(awaiting)
    response = post_webhook(
        client, *signed(charge.txid, FEE, paid_at=charge.expires_at + timedelta(minutes=5))
    )
    assert response.json()["resultado"] == "estorno"
    charge.refresh_from_db()
    assert charge.status == "expirada" and charge.reconciliation == "estorno"
    assert reload(awaiting).state == "cancelada"


def test_a_payment_made_in_time_but_notified_late_still_counts(awaiting):
    charge = charge_for_request(awaiting)
    outcome, _ = charge_confirm_paid(
        provider="sandbox",
        txid=charge.txid,
        end_to_end_id="E0000000020260301120000000000001",
        paid_amount=FEE,
        paid_at=charge.expires_at - timedelta(minutes=1),
    )
    assert outcome == "aplicada"
    assert reload(awaiting).state == "recebida"


def test_a_payment_after_the_requester_cancelled_is_flagged_for_refund(client, awaiting, person):
    service_request_act(request_id=awaiting.pk, actor=person, action_key="cancelar")
    charge = charge_for_request(awaiting)
    assert not charge_is_payable(charge)
    response = post_webhook(client, *signed(charge.txid, FEE))
    assert response.json()["resultado"] == "estorno"
    charge.refresh_from_db()
    assert charge.status == "cancelada" and charge.reconciliation == "estorno"
    assert reload(awaiting).state == "cancelada"


def test_the_periodic_job_cancels_the_charge_of_a_cancelled_request(awaiting, person):
    service_request_act(request_id=awaiting.pk, actor=person, action_key="cancelar")
    assert charges_expire() == {"expired": 0, "cancelled": 1}
    assert charge_for_request(awaiting).status == "cancelada"


def test_one_open_charge_per_request(awaiting):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        charge_open(request=awaiting, amount=FEE, description="Outra")
    assert Charge.objects.filter(request=awaiting).count() == 1


def test_the_database_refuses_a_second_open_charge(awaiting):
    from django.db import IntegrityError, transaction

    charge = charge_for_request(awaiting)
    with pytest.raises(IntegrityError), transaction.atomic():
        Charge.objects.create(
            request=awaiting,
            agency_id=awaiting.agency_id,
            amount=FEE,
            description="x",
            txid="X" * 25,
            provider="sandbox",
            expires_at=charge.expires_at,
        )


def test_the_database_refuses_a_paid_charge_with_another_amount(awaiting):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Charge.objects.filter(request=awaiting).update(
            status="paga", paid_at=timezone.now(), paid_amount=Decimal("1.00"), end_to_end_id="E1"
        )


def test_a_provider_failure_creates_no_request(paid_service, person, monkeypatch):
    from ...models import ServiceRequest
    from ..providers.sandbox import SandboxProvider

    def broken(self, charge):
        raise RuntimeError("PSP fora do ar")

    monkeypatch.setattr(SandboxProvider, "create_charge", broken)
    with pytest.raises(RuntimeError):
        submit(paid_service, person)
    assert not ServiceRequest.objects.exists() and not Charge.objects.exists()
