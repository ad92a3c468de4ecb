"""Raising an account's level (nível de confiabilidade) — the only writer of `User.level`.

ADR 0011 and 0015, after gov.br's Login Único: bronze is self-registration with a verified
e-mail; prata is an in-person check at a service desk by a servant (who, which agency and unit,
which document, its last digits) or a configured external validation; ouro is an ICP-Brasil
certificate whose CPF is the account's. A level never goes down by these actions: a validation
at or below the current level is recorded as evidence and leaves the level as it is.
"""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record
from plataforma.common.models import AuditEvent
from plataforma.identity.auth_flow import current_sign_in, record_event
from plataforma.identity.models import Level, SecurityEvent, User

from .certificates import PersonCertificate
from .models import LevelValidation
from .selectors import desk_agency_ids

Method = LevelValidation.Method
LEVEL_OF_METHOD = {Method.DESK: Level.PRATA, Method.EXTERNAL: Level.PRATA, Method.CERTIFICATE: Level.OURO}
_LAST_DIGITS = re.compile(r"^[0-9A-Za-z]{4}$")


def _check(
    *, user, level, method, actor, agency, unit, document_type, document_reference, provider, certificate
):
    """Every rule before anything is written; raises ValidationError or PermissionDenied."""
    if not user.is_active:
        raise ValidationError(_("Esta conta está desativada."))
    if method not in LEVEL_OF_METHOD:
        raise ValidationError(_("Forma de validação desconhecida."))
    if level != LEVEL_OF_METHOD[method]:
        raise ValidationError(_("Esta forma de validação não dá o nível pedido."))
    if method == Method.DESK:
        if actor is None or agency is None or unit is None:
            raise ValidationError(_("A validação presencial exige o servidor, o órgão e a unidade."))
        if actor.pk == user.pk:
            raise ValidationError(_("Um servidor não pode validar a própria conta."))
        if agency.pk not in desk_agency_ids(user=actor):
            raise PermissionDenied(_("Você não é atendente nem gestor deste órgão."))
        if unit.agency_id != agency.pk:
            raise ValidationError(_("A unidade escolhida não pertence ao órgão escolhido."))
        if document_type not in LevelValidation.Document.values:
            raise ValidationError(_("Escolha o tipo de documento conferido."))
        if not _LAST_DIGITS.match(document_reference or ""):
            raise ValidationError(_("Informe os 4 últimos caracteres do número do documento."))
    elif method == Method.EXTERNAL:
        if not provider:
            raise ValidationError(_("A validação externa exige o nome do serviço que validou."))
    elif certificate is None or certificate.cpf != user.cpf:
        raise ValidationError(_("O CPF do certificado não é o CPF desta conta."))


@transaction.atomic
def level_raise(
    *,
    user: User,
    level: str,
    method: str,
    actor: User | None = None,
    agency=None,
    unit=None,
    document_type: str = "",
    document_reference: str = "",
    provider: str = "",
    external_reference: str = "",
    certificate: PersonCertificate | None = None,
    request: HttpRequest | None = None,
) -> LevelValidation:
    """Record one validation of `user` and raise the account to `level` if it is higher.

    Writes the evidence (LevelValidation), the audit row (no full document numbers, masked CPF
    only), the person's security log when the level changes, and e-mails the person after commit.
    """
    _check(
        user=user,
        level=level,
        method=method,
        actor=actor,
        agency=agency,
        unit=unit,
        document_type=document_type,
        document_reference=document_reference,
        provider=provider,
        certificate=certificate,
    )
    locked = User.objects.select_for_update().get(pk=user.pk)
    previous = locked.level
    validation = LevelValidation.objects.create(
        user=locked,
        level=level,
        method=method,
        validated_by=actor if method == Method.DESK else None,
        agency=agency if method == Method.DESK else None,
        unit=unit if method == Method.DESK else None,
        document_type=document_type if method == Method.DESK else "",
        document_reference=document_reference.upper() if method == Method.DESK else "",
        provider=provider[:100] if method == Method.EXTERNAL else "",
        external_reference=external_reference[:100] if method == Method.EXTERNAL else "",
        certificate_fingerprint=certificate.fingerprint if certificate else "",
        certificate_issuer=certificate.issuer if certificate else "",
    )
    changed = Level.rank(level) > Level.rank(previous)
    if changed:
        locked.level = level
        locked.level_changed_at = timezone.now()
        locked.save(update_fields=["level", "level_changed_at"])
        user.level, user.level_changed_at = locked.level, locked.level_changed_at
        record_event(
            locked, SecurityEvent.Kind.LEVEL_CHANGED, request, level=level, previous=previous, method=method
        )
    audit_record(
        actor=actor or locked,
        action="identity.level.raise",
        target=validation,
        changes={
            "user": locked.masked_cpf,
            "method": method,
            "level": level,
            "previous_level": previous,
            "changed": changed,
            "agency": str(agency.pk) if agency and method == Method.DESK else None,
            "unit": str(unit.pk) if unit and method == Method.DESK else None,
            "document_type": document_type or None,
            "provider": provider or None,
            "certificate_fingerprint": certificate.fingerprint if certificate else None,
        },
        subject_user_id=locked.pk,
    )
    from .tasks import send_level_validation_email

    # robust: a broker that is down must not turn a committed validation into an error page.
    transaction.on_commit(lambda: send_level_validation_email.delay(str(validation.pk)), robust=True)
    return validation


def person_lookup_record(*, actor: User, person: User) -> None:
    """Audit a servant's search of a person by CPF at the desk: it shows their name and level,
    an access to personal data the person can see (Lei 14.129 art. 40 §1; LGPD art. 37)."""
    audit_record(
        actor=actor,
        action="identity.level.lookup",
        kind=AuditEvent.Kind.ACCESS,
        target=person,
        changes={"user": person.masked_cpf, "level": person.level},
        subject_user_id=person.pk,
    )


def sign_in_step_up(*, request: HttpRequest, level: str, amr: list[str] | None = None) -> None:
    """After a raise made by the person in this browser (certificate, external validation), the
    open sign-in session reaches the new level too: its `acr` goes up (never down) and the method
    used joins its `amr` (ADR 0011: a raise takes effect at the next sign-in or step-up)."""
    sign_in = current_sign_in(request)
    if sign_in is None:
        return
    fields = []
    if Level.rank(level) > Level.rank(sign_in.acr):
        sign_in.acr = level
        fields.append("acr")
    for method in amr or []:
        if method not in sign_in.amr:
            sign_in.amr = [*sign_in.amr, method]
            fields.append("amr")
    if fields:
        sign_in.save(update_fields=sorted(set(fields)))
