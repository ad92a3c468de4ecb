"""Writes about companies and ties (Área Empresarial), as gov.br's Login Único binds a CPF to a
CNPJ: the person asks, then a representative of the company grants it or a servant validates it
at a service desk after checking the contrato social or the procuração.

Every function validates first, then acts, in one transaction, and writes an audit row whose
data subject is the person tied (Lei 14.129 art. 40: they are shown it in the Área Empresarial).
Bad input raises ValidationError (messages in Portuguese); missing rights raise PermissionDenied.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record
from plataforma.common.documents import is_valid_cnpj, only_digits
from plataforma.identity.models import User

from . import selectors
from .models import Company, CompanyTie

Role = CompanyTie.Role
Status = CompanyTie.Status
OPEN = (Status.PENDING, Status.ACTIVE)


def _check_role(role: str) -> None:
    if role not in Role.values:
        raise ValidationError({"role": [_("Escolha um tipo de vínculo da lista.")]})


def _check_expiry(expires_at: date | None) -> None:
    if expires_at is not None and expires_at < timezone.localdate():
        raise ValidationError({"expires_at": [_("A data de validade não pode estar no passado.")]})


def _check_note(note: str, missing: str) -> str:
    note = " ".join((note or "").split())
    if not note:
        raise ValidationError({"note": [missing]})
    if len(note) > 200:
        raise ValidationError({"note": [_("Use no máximo 200 caracteres.")]})
    return note


def _changes(tie: CompanyTie, **extra) -> dict:
    return {
        "company": str(tie.company_id),
        "role": tie.role,
        "status": tie.status,
        "expires_at": tie.expires_at.isoformat() if tie.expires_at else None,
        **extra,
    }


def _locked(tie: CompanyTie) -> CompanyTie:
    return CompanyTie.objects.select_for_update().select_related("company").get(pk=tie.pk)


@transaction.atomic
def tie_request(*, actor: User, cnpj: str, legal_name: str, role: str) -> CompanyTie:
    """The person asks to be tied to a CNPJ. A company not yet known is created with the razão
    social they give; the tie stays pending until a representative or a servant decides."""
    cnpj = only_digits(cnpj)
    legal_name = " ".join((legal_name or "").split())
    if not is_valid_cnpj(cnpj):
        raise ValidationError({"cnpj": [_("Informe um CNPJ válido (14 dígitos).")]})
    _check_role(role)
    company = Company.objects.filter(cnpj=cnpj).first()
    if company is None:
        if not legal_name:
            raise ValidationError({"legal_name": [_("Informe a razão social da empresa.")]})
        if len(legal_name) > 200:
            raise ValidationError({"legal_name": [_("Use no máximo 200 caracteres.")]})
        company, created = Company.objects.get_or_create(cnpj=cnpj, defaults={"legal_name": legal_name})
        if created:
            audit_record(
                actor=actor,
                action="identity.companies.company_create",
                target=company,
                changes={"cnpj": cnpj},
                subject_user_id=actor.pk,
            )
    if CompanyTie.objects.filter(company=company, user=actor, status__in=OPEN).exists():
        raise ValidationError(
            {
                "cnpj": [
                    _(
                        "Você já tem um vínculo ativo ou um pedido em análise com esta empresa. "
                        "Encerre-o antes de pedir outro."
                    )
                ]
            }
        )
    try:
        with transaction.atomic():
            tie = CompanyTie.objects.create(company=company, user=actor, role=role)
    except IntegrityError as exc:  # a concurrent request for the same person and company
        raise ValidationError(
            {"cnpj": [_("Você já tem um vínculo ativo ou um pedido em análise com esta empresa.")]}
        ) from exc
    audit_record(
        actor=actor,
        action="identity.companies.tie_request",
        target=tie,
        changes=_changes(tie),
        subject_user_id=actor.pk,
    )
    return tie


@transaction.atomic
def tie_grant(
    *, actor: User, company: Company, user: User, role: str, expires_at: date | None = None
) -> CompanyTie:
    """An active, unexpired sócio or representante legal ties another person (who has an account)
    to the company. A pending request of that person is approved; an expired tie is renewed."""
    if not selectors.can_manage(actor, company):
        raise PermissionDenied(
            _("Só sócios e representantes legais com vínculo ativo podem conceder vínculos.")
        )
    if user.pk == actor.pk:
        raise ValidationError({"cpf": [_("Você não pode conceder um vínculo a si mesmo.")]})
    if not user.is_active:
        raise ValidationError({"cpf": [_("Esta conta está desativada e não pode receber vínculos.")]})
    _check_role(role)
    _check_expiry(expires_at)
    existing = (
        CompanyTie.objects.select_for_update().filter(company=company, user=user, status__in=OPEN).first()
    )
    if existing is not None and existing.is_effective():
        raise ValidationError(
            {
                "cpf": [
                    _(
                        "Esta pessoa já tem um vínculo ativo com a empresa. Encerre o vínculo atual "
                        "para conceder outro."
                    )
                ]
            }
        )
    now = timezone.now()
    if existing is None:
        try:
            with transaction.atomic():
                tie = CompanyTie.objects.create(
                    company=company,
                    user=user,
                    role=role,
                    status=Status.ACTIVE,
                    expires_at=expires_at,
                    granted_by=actor,
                    decided_at=now,
                )
        except IntegrityError as exc:  # the person asked, or was granted, at the same moment
            raise ValidationError(
                {"cpf": [_("Esta pessoa acabou de receber um vínculo com a empresa. Confira a lista.")]}
            ) from exc
        previous = None
    else:
        previous = existing.status
        tie = existing
        tie.role, tie.status, tie.expires_at = role, Status.ACTIVE, expires_at
        tie.granted_by, tie.decided_at = actor, now
        tie.save(update_fields=["role", "status", "expires_at", "granted_by", "decided_at"])
    audit_record(
        actor=actor,
        action="identity.companies.tie_grant",
        target=tie,
        changes=_changes(tie, previous_status=previous),
        subject_user_id=user.pk,
    )
    return tie


@transaction.atomic
def tie_revoke(*, actor: User, tie: CompanyTie) -> CompanyTie:
    """End an open tie (or withdraw a pending request): by a representative of the company, or by
    the person themselves for their own tie."""
    tie = _locked(tie)
    if tie.user_id != actor.pk and not selectors.can_manage(actor, tie.company):
        raise PermissionDenied(_("Você não pode encerrar este vínculo."))
    if tie.status not in OPEN:
        raise ValidationError(_("Este vínculo já foi encerrado ou recusado."))
    previous = tie.status
    tie.status, tie.revoked_by, tie.revoked_at = Status.REVOKED, actor, timezone.now()
    tie.save(update_fields=["status", "revoked_by", "revoked_at"])
    audit_record(
        actor=actor,
        action="identity.companies.tie_revoke",
        target=tie,
        changes=_changes(tie, previous_status=previous, by_self=tie.user_id == actor.pk),
        subject_user_id=tie.user_id,
    )
    return tie


def _check_desk(actor: User, tie: CompanyTie, agency) -> None:
    if agency is None or agency.pk not in selectors.validating_agency_ids(actor):
        raise PermissionDenied(_("Só atendentes e gestores de um órgão podem validar vínculos com empresas."))
    if tie.user_id == actor.pk:
        raise PermissionDenied(_("Você não pode decidir um pedido de vínculo seu."))
    if tie.status != Status.PENDING:
        raise ValidationError(_("Este pedido já foi decidido."))


@transaction.atomic
def tie_validate(
    *, actor: User, tie: CompanyTie, agency, note: str, expires_at: date | None = None
) -> CompanyTie:
    """A servant (atendente or gestor) checked the contrato social or the procuração at a service
    desk: the tie becomes active. Records the agency and the document presented."""
    tie = _locked(tie)
    _check_desk(actor, tie, agency)
    note = _check_note(note, _("Descreva o documento conferido (contrato social, procuração…)."))
    _check_expiry(expires_at)
    tie.status, tie.expires_at = Status.ACTIVE, expires_at
    tie.validated_by, tie.validation_agency, tie.validation_note = actor, agency, note
    tie.decided_at = timezone.now()
    tie.save(
        update_fields=[
            "status",
            "expires_at",
            "validated_by",
            "validation_agency",
            "validation_note",
            "decided_at",
        ]
    )
    audit_record(
        actor=actor,
        action="identity.companies.tie_validate",
        target=tie,
        changes=_changes(tie, agency=str(agency.pk)),
        subject_user_id=tie.user_id,
    )
    return tie


@transaction.atomic
def tie_reject(*, actor: User, tie: CompanyTie, agency, note: str) -> CompanyTie:
    """A servant refuses a pending request (the documents do not show the role asked for)."""
    tie = _locked(tie)
    _check_desk(actor, tie, agency)
    note = _check_note(note, _("Explique o motivo da recusa."))
    tie.status = Status.REJECTED
    tie.validated_by, tie.validation_agency, tie.validation_note = actor, agency, note
    tie.decided_at = timezone.now()
    tie.save(update_fields=["status", "validated_by", "validation_agency", "validation_note", "decided_at"])
    audit_record(
        actor=actor,
        action="identity.companies.tie_reject",
        target=tie,
        changes=_changes(tie, agency=str(agency.pk)),
        subject_user_id=tie.user_id,
    )
    return tie
