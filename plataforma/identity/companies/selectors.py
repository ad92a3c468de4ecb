"""Reads about companies and ties: what a person may do for which company, the claims of the
OpenID Connect "empresas" scope, and the history each person concerned is shown."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plataforma.common.models import AuditEvent
from plataforma.identity.models import AgencyRole
from plataforma.identity.selectors import agency_ids_with_role

from .models import Company, CompanyTie

Role = CompanyTie.Role
Status = CompanyTie.Status

# Roles whose holders may grant and revoke other people's ties (gov.br Login Único: the
# company's partners and legal representatives answer for it).
MANAGING_ROLES = (Role.PARTNER, Role.LEGAL_REPRESENTATIVE)
# Servants who check the contrato social or the procuração at a service desk.
VALIDATOR_ROLES = (AgencyRole.Role.ATTENDANT, AgencyRole.Role.MANAGER)
AUDIT_PREFIX = "identity.companies."
HISTORY_LIMIT = 50
ACTION_LABELS = {
    "identity.companies.company_create": _("Empresa cadastrada no MT Login"),
    "identity.companies.tie_request": _("Vínculo pedido"),
    "identity.companies.tie_grant": _("Vínculo concedido por representante"),
    "identity.companies.tie_revoke": _("Vínculo encerrado"),
    "identity.companies.tie_validate": _("Vínculo validado no atendimento"),
    "identity.companies.tie_reject": _("Vínculo recusado no atendimento"),
    "identity.companies.acting_start": _("Passou a atuar em nome da empresa"),
    "identity.companies.acting_stop": _("Voltou a atuar como pessoa física"),
}


def _not_expired(today: date | None = None) -> Q:
    today = today or timezone.localdate()
    return Q(expires_at__isnull=True) | Q(expires_at__gte=today)


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def effective_ties(user) -> QuerySet[CompanyTie]:
    """The person's ties that let them act for a company now: active and not expired."""
    if not _signed_in(user):
        return CompanyTie.objects.none()
    return (
        CompanyTie.objects.filter(user=user, status=Status.ACTIVE)
        .filter(_not_expired())
        .select_related("company")
        .order_by("company__legal_name")
    )


def effective_tie(*, user, company_id: UUID | str) -> CompanyTie | None:
    """The person's effective tie to one company, if any (used on every request while acting)."""
    return effective_ties(user).filter(company_id=company_id).first()


def company_managers(*, company_id: UUID | str) -> QuerySet[CompanyTie]:
    """The company's partners and legal representatives with an effective tie now: who answers
    for it (and is told about its requests)."""
    return (
        CompanyTie.objects.filter(company_id=company_id, status=Status.ACTIVE, role__in=MANAGING_ROLES)
        .filter(_not_expired())
        .select_related("user")
        .filter(user__is_active=True)
    )


def can_manage(user, company: Company) -> bool:
    """An active, unexpired sócio or representante legal of the company may grant and revoke ties."""
    return effective_ties(user).filter(company=company, role__in=MANAGING_ROLES).exists()


def managed_company(*, user, company_id: UUID) -> Company | None:
    tie = effective_ties(user).filter(company_id=company_id, role__in=MANAGING_ROLES).first()
    return tie.company if tie else None


def companies_for_claims(user) -> list[dict]:
    """The OpenID Connect "empresas" claim: one entry per effective tie."""
    return [
        {
            "cnpj": tie.company.cnpj,
            "razao_social": tie.company.legal_name,
            "vinculo": tie.role,
            "validade": tie.expires_at.isoformat() if tie.expires_at else None,
        }
        for tie in effective_ties(user)
    ]


def ties_of_person(user) -> list[CompanyTie]:
    """All the person's ties (any status), open ones first, for the Área Empresarial."""
    ties = list(
        CompanyTie.objects.filter(user=user)
        .select_related("company", "validation_agency")
        .order_by("company__legal_name", "-requested_at")[:200]
    )
    today = timezone.localdate()
    for tie in ties:
        tie.effective = tie.is_effective(today)
        tie.expired = tie.status == Status.ACTIVE and not tie.effective
        tie.manages = tie.effective and tie.role in MANAGING_ROLES
    open_states = (Status.ACTIVE, Status.PENDING)
    return sorted(ties, key=lambda t: (t.status not in open_states, t.company.legal_name))


def people_of_company(company: Company) -> list[CompanyTie]:
    """The company's open ties (active and pending), for its representatives."""
    ties = list(
        CompanyTie.objects.filter(company=company, status__in=[Status.ACTIVE, Status.PENDING])
        .select_related("user")
        .order_by("status", "user__full_name")[:500]
    )
    today = timezone.localdate()
    for tie in ties:
        tie.effective = tie.is_effective(today)
        tie.expired = tie.status == Status.ACTIVE and not tie.effective
    return ties


def tie_for_revocation(*, user, tie_id: UUID) -> CompanyTie | None:
    """An open tie the person may end: their own, or one of a company they manage."""
    tie = (
        CompanyTie.objects.filter(pk=tie_id, status__in=[Status.ACTIVE, Status.PENDING])
        .select_related("company", "user")
        .first()
    )
    if tie is None:
        return None
    if tie.user_id == user.pk or can_manage(user, tie.company):
        return tie
    return None


def pending_ties() -> QuerySet[CompanyTie]:
    """Requests waiting for a servant at a service desk, oldest first."""
    return (
        CompanyTie.objects.filter(status=Status.PENDING)
        .select_related("company", "user")
        .order_by("requested_at", "pk")
    )


def pending_tie(tie_id: UUID) -> CompanyTie | None:
    return pending_ties().filter(pk=tie_id).first()


def _described(events: QuerySet[AuditEvent]) -> list[AuditEvent]:
    rows = list(events.order_by("-occurred_at")[:HISTORY_LIMIT])
    for event in rows:
        event.description = ACTION_LABELS.get(event.action, event.action)
    return rows


def history_of_person(user) -> list[AuditEvent]:
    """What happened to the person's ties and acting, as they are shown it (Lei 14.129 art. 40)."""
    return _described(AuditEvent.objects.filter(subject_user_id=user.pk, action__startswith=AUDIT_PREFIX))


def history_of_company(company: Company) -> list[AuditEvent]:
    """What happened to the company's ties and who acted for it, for its representatives."""
    tie_ids = [str(pk) for pk in CompanyTie.objects.filter(company=company).values_list("pk", flat=True)]
    return _described(
        AuditEvent.objects.filter(
            Q(target_type="companies.companytie", target_id__in=tie_ids)
            | Q(target_type="companies.company", target_id=str(company.pk))
        )
    )


def validating_agency_ids(user) -> set[UUID]:
    """Agencies in which the person may validate or reject tie requests at the service desk:
    those where they hold an active atendente or gestor role."""
    ids: set[UUID] = set()
    for role in VALIDATOR_ROLES:
        ids |= agency_ids_with_role(user=user, role=role)
    return ids
