"""PIX charges of service fees (Lei 14.129 art. 21 VIII) and the payment notifications received."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from plataforma.common.models import BaseModel


class Charge(BaseModel):
    """One PIX charge of a request's fee. A request has at most one open (pendente) charge.

    `agency` repeats the request's agency so that the agency's reconciliation reads one table.
    `reconciliation` flags money that arrived but could not be applied as it was: an amount
    different from the charge's (no state change), or a payment that arrived after the charge
    expired or was cancelled, or a second payment of a paid charge (a refund is needed). The
    flagged payment's amount and end-to-end id are kept in `reconciliation_*` for the agency's
    finance team; every notification stays in WebhookDelivery.
    """

    class Status(models.TextChoices):
        PENDING = "pendente", _("Pendente")
        PAID = "paga", _("Paga")
        EXPIRED = "expirada", _("Vencida")
        CANCELLED = "cancelada", _("Cancelada")

    class Reconciliation(models.TextChoices):
        NONE = "", _("Nada a conciliar")
        REFUND = "estorno", _("Pagamento a devolver")
        MISMATCH = "valor_divergente", _("Valor pago diferente do cobrado")

    request = models.ForeignKey(
        "service_requests.ServiceRequest",
        on_delete=models.PROTECT,
        related_name="charges",
        verbose_name=_("solicitação"),
    )
    agency = models.ForeignKey(
        "catalog.Agency", on_delete=models.PROTECT, related_name="pix_charges", verbose_name=_("órgão")
    )
    amount = models.DecimalField(_("valor (R$)"), max_digits=10, decimal_places=2)
    description = models.CharField(_("descrição"), max_length=140)
    txid = models.CharField(_("identificador da cobrança (txid)"), max_length=25, unique=True)
    provider = models.CharField(_("provedor"), max_length=30)
    provider_reference = models.CharField(_("referência no provedor"), max_length=100, blank=True)
    br_code = models.TextField(_("PIX copia e cola"), blank=True)
    location = models.CharField(_("URL de localização"), max_length=77, blank=True)
    status = models.CharField(_("situação"), max_length=12, choices=Status.choices, default=Status.PENDING)
    expires_at = models.DateTimeField(_("vence em"))
    paid_at = models.DateTimeField(_("paga em"), null=True, blank=True)
    paid_amount = models.DecimalField(
        _("valor pago (R$)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    end_to_end_id = models.CharField(
        _("identificador fim a fim (E2E)"), max_length=32, null=True, blank=True, unique=True
    )
    payer_name_masked = models.CharField(_("pagador (mascarado)"), max_length=80, blank=True)
    closed_at = models.DateTimeField(_("encerrada em"), null=True, blank=True)
    reconciliation = models.CharField(
        _("conciliação"), max_length=20, choices=Reconciliation.choices, default="", blank=True
    )
    reconciliation_amount = models.DecimalField(
        _("valor a conciliar (R$)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    reconciliation_end_to_end_id = models.CharField(_("E2E a conciliar"), max_length=32, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("cobrança PIX")
        verbose_name_plural = _("cobranças PIX")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payments_charge_amount_positive"),
            models.CheckConstraint(
                condition=Q(status__in=["pendente", "paga", "expirada", "cancelada"]),
                name="payments_charge_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(reconciliation__in=["", "estorno", "valor_divergente"]),
                name="payments_charge_reconciliation_valid",
            ),
            # A paid charge has its payment, for exactly the amount charged; others have none.
            models.CheckConstraint(
                condition=(
                    Q(
                        status="paga",
                        paid_at__isnull=False,
                        end_to_end_id__isnull=False,
                        paid_amount=F("amount"),
                    )
                    | (
                        ~Q(status="paga")
                        & Q(paid_at__isnull=True, paid_amount__isnull=True, end_to_end_id__isnull=True)
                    )
                ),
                name="payments_charge_paid_consistent",
            ),
            models.CheckConstraint(
                condition=Q(reconciliation="") | Q(reconciliation_amount__isnull=False),
                name="payments_charge_reconciliation_amount",
            ),
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(status="pendente"),
                name="payments_one_open_charge_per_request",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "created_at"], name="payments_charge_agency_idx"),
            models.Index(fields=["status", "expires_at"], name="payments_charge_expiry_idx"),
            models.Index(fields=["request", "-created_at"], name="payments_charge_request_idx"),
        ]

    def __str__(self) -> str:
        return f"PIX {self.txid}"


class WebhookDelivery(BaseModel):
    """One payment notification received from a provider, valid or not.

    `delivery_id` (the provider's id for the notification) is unique per provider: a replayed or
    retried notification is recognised and has no effect. Notifications with a bad signature are
    kept with no delivery id (an attacker must not be able to claim real ids). Never holds a
    secret; the raw body is kept only when it has no personal data, its SHA-256 always.
    """

    class Outcome(models.TextChoices):
        RECEIVED = "recebida", _("Recebida")
        APPLIED = "aplicada", _("Pagamento confirmado")
        DUPLICATE = "duplicada", _("Repetida (sem efeito)")
        ALREADY_PAID = "ja_paga", _("Cobrança já paga com este pagamento")
        BAD_SIGNATURE = "assinatura_invalida", _("Assinatura inválida")
        UNKNOWN_CHARGE = "cobranca_desconhecida", _("Cobrança desconhecida")
        MISMATCH = "valor_divergente", _("Valor diferente do cobrado")
        REFUND = "estorno", _("Pago após vencimento ou cancelamento: devolver")
        MIXED = "varias", _("Vários pagamentos com resultados diferentes")

    provider = models.CharField(_("provedor"), max_length=30)
    delivery_id = models.CharField(_("identificador da notificação"), max_length=100, null=True, blank=True)
    received_at = models.DateTimeField(_("recebida em"))
    signature_valid = models.BooleanField(_("assinatura válida"))
    outcome = models.CharField(_("resultado"), max_length=24, choices=Outcome.choices)
    charge = models.ForeignKey(
        Charge, null=True, blank=True, on_delete=models.PROTECT, related_name="deliveries"
    )
    body_sha256 = models.CharField(_("SHA-256 do corpo"), max_length=64)
    body = models.TextField(_("corpo (sem dados pessoais)"), blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("notificação de pagamento")
        verbose_name_plural = _("notificações de pagamento")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "delivery_id"],
                condition=Q(delivery_id__isnull=False),
                name="payments_delivery_unique_per_provider",
            ),
            models.CheckConstraint(
                condition=Q(signature_valid=True) | Q(delivery_id__isnull=True),
                name="payments_delivery_invalid_has_no_id",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider}:{self.delivery_id or '-'} ({self.outcome})"
