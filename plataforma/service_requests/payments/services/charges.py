"""Charges: opening one when a request with a fee is submitted, confirming its payment, and
closing it when it expires (Lei 14.129 art. 21 VIII: digital payment of fees).

Locks are always taken charge first, then request (inside service_request_system_act), so the
webhook and the expiry job never deadlock each other.
"""

from __future__ import annotations

import secrets
import string
from datetime import datetime, time, timedelta
from decimal import Decimal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import localize
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record
from plataforma.common.authcodes import mask_name

from ...models import RequestForm, ServiceRequest
from ...services import service_request_system_act, workflow_of
from ...services.notify import notify_requester
from ...workflow import Status as RequestStatus
from ..models import Charge, WebhookDelivery
from ..providers import provider_default, provider_get

TXID_ALPHABET = string.ascii_uppercase + string.digits
TXID_LENGTH = 25
Outcome = WebhookDelivery.Outcome


def txid_new() -> str:
    """25 random letters and digits (about 129 bits): unguessable, fits the BR Code's field."""
    return "".join(secrets.choice(TXID_ALPHABET) for _ in range(TXID_LENGTH))


def charge_due(*, start: datetime, days: int) -> datetime:
    """The end (23:59:59, America/Cuiaba) of the `days`-th calendar day after `start`: a due
    date a person can read and keep ("pague até 12/03 às 23:59")."""
    day = timezone.localdate(start) + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


def charge_open(*, request: ServiceRequest, amount: Decimal, description: str) -> Charge:
    """Open the PIX charge of a request's fee. Called by service_request_submit inside its
    transaction: if the provider fails, the request is not created either.

    The charge is due at the end of the form's `payment_days`-th day; the provider returns the
    BR Code (copia e cola) that the citizen's page shows with its QR code.
    """
    amount = Decimal(amount)
    if amount <= 0:
        raise ValidationError(_("O valor da cobrança precisa ser maior que zero."))
    with transaction.atomic():
        if Charge.objects.filter(request=request, status=Charge.Status.PENDING).exists():
            raise ValidationError(_("Este pedido já tem uma cobrança em aberto."))
        form = RequestForm.objects.only("payment_days").get(service_id=request.service_id)
        provider = provider_default()
        charge = Charge.objects.create(
            request=request,
            agency_id=request.agency_id,
            amount=amount,
            description=(description or "").strip()[:140] or _("Taxa do serviço"),
            txid=txid_new(),
            provider=provider.key,
            expires_at=charge_due(start=timezone.now(), days=form.payment_days),
        )
        created = provider.create_charge(charge)
        charge.provider_reference = created.reference[:100]
        charge.br_code = created.br_code
        charge.location = created.location[:77]
        charge.save(update_fields=["provider_reference", "br_code", "location", "updated_at"])
        audit_record(
            actor=request.requester,
            action="payments.charge.open",
            target=charge,
            changes={
                "request": str(request.pk),
                "amount": str(amount),
                "provider": provider.key,
                "expires_at": charge.expires_at.isoformat(),
            },
            subject_user_id=request.requester_id,
        )
    return charge


def _lock(**lookup) -> Charge | None:
    return Charge.objects.select_for_update().filter(**lookup).first()


def _flag(charge: Charge, *, kind: str, amount: Decimal, end_to_end_id: str, outcome: str) -> None:
    charge.reconciliation = kind
    charge.reconciliation_amount = amount
    charge.reconciliation_end_to_end_id = end_to_end_id[:32]
    charge.save(
        update_fields=[
            "reconciliation",
            "reconciliation_amount",
            "reconciliation_end_to_end_id",
            "updated_at",
        ]
    )
    audit_record(
        actor=None,
        action=f"payments.charge.reconciliation.{outcome}",
        target=charge,
        changes={"status": charge.status, "reconciliation": kind, "amount": str(amount)},
        subject_user_id=charge.request.requester_id,
    )


def _tell_refund(charge: Charge, amount: Decimal) -> None:
    request = charge.request
    notify_requester(
        request=request,
        title=_("Pedido %(protocol)s: pagamento a devolver") % {"protocol": request.protocol},
        body=_(
            "Recebemos um PIX de R$ %(amount)s depois que a cobrança deste pedido venceu ou foi "
            "cancelada. O pedido não é reaberto: o órgão vai devolver o valor."
        )
        % {"amount": localize(amount)},
        category="pagamento",
    )


def _close(charge: Charge, *, status: str, now: datetime) -> None:
    charge.status = status
    charge.closed_at = now
    charge.save(update_fields=["status", "closed_at", "updated_at"])
    provider_get(charge.provider).cancel_charge(charge)


def charge_confirm_paid(
    *,
    provider: str,
    txid: str,
    end_to_end_id: str,
    paid_amount: Decimal,
    paid_at: datetime,
    payer_name: str = "",
) -> tuple[str, Charge | None]:
    """Apply one PIX payment notified by `provider`. Idempotent: the same payment (end-to-end
    id) applied twice has no second effect. Returns (outcome, charge).

    Under the charge's row lock:
    - the amount must equal the charge's; otherwise nothing changes and the charge is flagged
      "valor divergente" for the agency's reconciliation;
    - a payment made by the due time marks the charge paid and takes the workflow's paid action
      (the request moves on and the requester is told, by the transition);
    - a payment made after the due time, for an expired or cancelled charge, a second payment of
      a paid charge, or one for a request the requester already cancelled never reopens the
      request: it is flagged for refund and the requester is told.
    """
    with transaction.atomic():
        charge = _lock(provider=provider, txid=txid)
        if charge is None:
            return Outcome.UNKNOWN_CHARGE, None
        charge = Charge.objects.select_related("request").get(pk=charge.pk)
        if charge.status == Charge.Status.PAID:
            if charge.end_to_end_id == end_to_end_id:
                return Outcome.ALREADY_PAID, charge
            _flag(
                charge, kind="estorno", amount=paid_amount, end_to_end_id=end_to_end_id, outcome="duplicate"
            )
            _tell_refund(charge, paid_amount)
            return Outcome.REFUND, charge
        if charge.reconciliation and charge.reconciliation_end_to_end_id == end_to_end_id:
            return Outcome.DUPLICATE, charge  # this payment was already flagged
        if Charge.objects.filter(end_to_end_id=end_to_end_id).exists():
            return Outcome.DUPLICATE, charge  # applied to another charge: never twice
        if charge.status != Charge.Status.PENDING:
            _flag(charge, kind="estorno", amount=paid_amount, end_to_end_id=end_to_end_id, outcome="late")
            _tell_refund(charge, paid_amount)
            return Outcome.REFUND, charge
        if paid_amount != charge.amount:
            _flag(
                charge,
                kind="valor_divergente",
                amount=paid_amount,
                end_to_end_id=end_to_end_id,
                outcome="mismatch",
            )
            return Outcome.MISMATCH, charge
        now = timezone.now()
        workflow = workflow_of(charge.request)
        if paid_at > charge.expires_at:
            # Paid after the due time, before the expiry job ran: the charge expires now.
            _expire(charge, now=now)
            _flag(charge, kind="estorno", amount=paid_amount, end_to_end_id=end_to_end_id, outcome="late")
            _tell_refund(charge, paid_amount)
            return Outcome.REFUND, charge
        moved = service_request_system_act(
            request_id=charge.request_id, action_key=workflow.paid_action or ""
        )
        if moved is None:
            # The request left the payment step (cancelled by the requester) before the money came.
            _close(charge, status=Charge.Status.CANCELLED, now=now)
            _flag(charge, kind="estorno", amount=paid_amount, end_to_end_id=end_to_end_id, outcome="closed")
            _tell_refund(charge, paid_amount)
            return Outcome.REFUND, charge
        charge.status = Charge.Status.PAID
        charge.paid_at = paid_at
        charge.paid_amount = paid_amount
        charge.end_to_end_id = end_to_end_id
        charge.payer_name_masked = mask_name(payer_name)[:80]
        charge.closed_at = now
        charge.save(
            update_fields=[
                "status",
                "paid_at",
                "paid_amount",
                "end_to_end_id",
                "payer_name_masked",
                "closed_at",
                "updated_at",
            ]
        )
        audit_record(
            actor=None,
            action="payments.charge.paid",
            target=charge,
            changes={"request": str(charge.request_id), "amount": str(paid_amount), "status": charge.status},
            subject_user_id=charge.request.requester_id,
        )
        return Outcome.APPLIED, charge


def _expire(charge: Charge, *, now: datetime) -> None:
    _close(charge, status=Charge.Status.EXPIRED, now=now)
    action = workflow_of(charge.request).expired_action
    if action:
        service_request_system_act(request_id=charge.request_id, action_key=action)
    audit_record(
        actor=None,
        action="payments.charge.expire",
        target=charge,
        changes={"request": str(charge.request_id), "status": charge.status},
        subject_user_id=charge.request.requester_id,
    )


def charge_expire(*, charge_id: UUID, now: datetime | None = None) -> bool:
    """Expire one pending charge past its due time and take the workflow's expired action
    (the default workflow cancels the request). False when there was nothing to do."""
    now = now or timezone.now()
    with transaction.atomic():
        charge = _lock(pk=charge_id, status=Charge.Status.PENDING, expires_at__lt=now)
        if charge is None:
            return False
        charge = Charge.objects.select_related("request").get(pk=charge.pk)
        _expire(charge, now=now)
    return True


def charge_cancel_for_request(*, request_id: UUID) -> bool:
    """Cancel the open charge of a request that no longer waits for payment (the requester
    cancelled it). Safe to call any time; the expiry job also sweeps these."""
    with transaction.atomic():
        charge = _lock(request_id=request_id, status=Charge.Status.PENDING)
        if charge is None:
            return False
        charge = Charge.objects.select_related("request").get(pk=charge.pk)
        if charge.request.status == RequestStatus.AWAITING_PAYMENT:
            return False
        _close(charge, status=Charge.Status.CANCELLED, now=timezone.now())
        audit_record(
            actor=None,
            action="payments.charge.cancel",
            target=charge,
            changes={"request": str(charge.request_id), "status": charge.status},
            subject_user_id=charge.request.requester_id,
        )
    return True


def charges_expire(*, now: datetime | None = None, batch: int = 500) -> dict[str, int]:
    """Periodic job: expire pending charges past their due time, and cancel pending charges of
    requests that left the payment step. Each charge in its own short transaction."""
    now = now or timezone.now()
    expired = cancelled = 0
    for _round in range(1000):  # bounded: at most 500,000 charges per run
        ids = list(
            Charge.objects.filter(status=Charge.Status.PENDING, expires_at__lt=now)
            .order_by("expires_at")
            .values_list("pk", flat=True)[:batch]
        )
        for charge_id in ids:
            expired += charge_expire(charge_id=charge_id, now=now)
        if len(ids) < batch:
            break
    stale = (
        Charge.objects.filter(status=Charge.Status.PENDING)
        .exclude(request__status=RequestStatus.AWAITING_PAYMENT)
        .values_list("request_id", flat=True)
    )
    for request_id in list(stale[:10_000]):
        cancelled += charge_cancel_for_request(request_id=request_id)
    return {"expired": expired, "cancelled": cancelled}
