"""Lodging a manifestação (Lei 13.460 arts. 10-12; Lei 14.129 art. 27): never refused (art. 11),
no motive asked (art. 10 §2), CPF suffices to identify (art. 10-A), identity protected (art. 10
§7). A protocol and a comprovante with an authentication code come out of the same transaction.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.authcodes import document_authenticate, mask_name
from plataforma.common.calendar import CUIABA
from plataforma.common.crypto import InvalidToken, decrypt, encrypt
from plataforma.common.documents import is_valid_cpf, only_digits
from plataforma.common.protocols import protocol_issue
from plataforma.identity.models import User

from ..access import desk_agency_ids
from ..access_codes import access_code_new
from ..deadlines import answer_deadline, local_date
from ..models import Channel, Kind, Manifestation, ManifestationIdentity, Status
from .common import Role, audit, clean_text, event_add, notify_author

PROTOCOL_PREFIX = "OUV"
MAX_IDEMPOTENCY_KEY = 80
ONLINE_CHANNELS = (Channel.INTERNET, Channel.APP)
DESK_CHANNELS = (Channel.IN_PERSON, Channel.PHONE, Channel.EMAIL, Channel.LETTER)
ANONYMOUS_REPLAY_SECONDS = 24 * 3600


@dataclass(frozen=True)
class DeskIdentity:
    """Who lodged a manifestação received at a desk, by phone, e-mail or letter: CPF suffices
    (art. 10-A); a name is needed only without CPF; contact is optional."""

    full_name: str = ""
    cpf: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class LodgeResult:
    manifestation: Manifestation
    created: bool
    access_code: str = ""  # shown once to whoever follows it without an account; never stored


class SubmissionInProgress(ValidationError):
    """The same Idempotency-Key is being used by a submission that has not finished."""


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def _check_catalogue(*, agency, service) -> Any:
    """The agency (from the service when one is given). Inactive agencies and unpublished
    services are refused with a field error."""
    if service is not None:
        if not service.is_published:
            raise ValidationError({"service": _("Este serviço não está publicado na Carta de Serviços.")})
        if agency is not None and agency.pk != service.agency_id:
            raise ValidationError(
                {
                    "service": _(
                        "O serviço escolhido é prestado por outro órgão. Escolha o órgão do "
                        "serviço ou deixe o órgão em branco."
                    )
                }
            )
        agency = service.agency
    if agency is not None and not agency.is_active:
        raise ValidationError({"agency": _("Este órgão não está ativo. Escolha outro ou deixe em branco.")})
    return agency


def _check_identity(identity: DeskIdentity) -> DeskIdentity:
    name = clean_text(identity.full_name, field="full_name", label=_("Nome"), max_length=200, required=False)
    cpf = only_digits(identity.cpf or "")
    if identity.cpf and not is_valid_cpf(cpf):
        raise ValidationError({"cpf": _("Informe um CPF válido (11 dígitos).")})
    if not cpf and not name:
        raise ValidationError(
            {"cpf": _("Informe o CPF ou, sem ele, o nome de quem se manifesta (ou registre como anônima).")}
        )
    email = (identity.email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError({"email": _("Informe um e-mail válido, como nome@exemplo.com.")}) from None
    phone = only_digits(identity.phone or "")
    if identity.phone and not 10 <= len(phone) <= 13:
        raise ValidationError({"phone": _("Informe um telefone com DDD, como (65) 99999-8888.")})
    return DeskIdentity(full_name=name, cpf=cpf, email=email[:254], phone=phone)


def _checked_fields(*, kind, title, description, facts_location, facts_date) -> dict[str, Any]:
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Escolha o tipo de manifestação.")})
    fields = {
        "kind": kind,
        "title": clean_text(title, field="title", label=_("Resumo"), max_length=200),
        "description": clean_text(description, field="description", label=_("Relato")),
        "facts_location": clean_text(
            facts_location, field="facts_location", label=_("Local dos fatos"), max_length=300, required=False
        ),
        "facts_date": facts_date,
    }
    if facts_date is not None:
        if not isinstance(facts_date, date):
            raise ValidationError({"facts_date": _("Informe a data dos fatos como dia/mês/ano.")})
        if facts_date > local_date(timezone.now()):
            raise ValidationError({"facts_date": _("A data dos fatos não pode estar no futuro.")})
        if facts_date.year < 1900:
            raise ValidationError({"facts_date": _("Confira o ano da data dos fatos.")})
    return fields


def _replay_key(*, actor, key: str) -> str:
    who = str(actor.pk) if _signed_in(actor) else "-"
    digest = hmac.new(settings.SECRET_KEY.encode(), f"ombudsman-lodge|{who}|{key}".encode(), hashlib.sha256)
    return f"ombudsman:lodge:{digest.hexdigest()[:40]}"


def _anonymous_replay(cache_key: str) -> LodgeResult | None:
    """An anonymous manifestação is not tied to anyone in the database, so its Idempotency-Key
    lives only in the cache for a day, with the access code encrypted (ADR 0029)."""
    stored = cache.get(cache_key)
    if stored is None:
        return None
    if stored == "pending":
        raise SubmissionInProgress(
            {"idempotency_key": _("Esta manifestação ainda está sendo registrada. Aguarde um instante.")}
        )
    manifestation = Manifestation.objects.filter(pk=stored.get("id")).first()
    if manifestation is None:
        return None
    try:
        code = decrypt(stored.get("code", ""))
    except (InvalidToken, ValueError, TypeError):
        code = ""
    return LodgeResult(manifestation=manifestation, created=False, access_code=code)


def manifestation_lodge(
    *,
    actor,
    kind: str,
    title: str,
    description: str,
    channel: str = Channel.INTERNET,
    agency=None,
    service=None,
    facts_location: str = "",
    facts_date: date | None = None,
    anonymous: bool = False,
    identity_consent: bool = False,
    idempotency_key: str = "",
    desk_identity: DeskIdentity | None = None,
) -> LodgeResult:
    """Register a manifestação and return it with, when it has no account behind it, the access
    code to follow it (shown once).

    - A person signed in lodges in their own name (`requester`), or anonymously.
    - Someone not signed in lodges anonymously (`actor` None).
    - A servant at a desk (ouvidor or atendente) registers one received in person, by phone,
      e-mail or letter, for `desk_identity` or anonymously; if the CPF has an MT Login account,
      the person finds it in "Minhas manifestações".
    Idempotent with `idempotency_key`: the same key returns the first manifestação.
    Raises ValidationError (per field, in Portuguese) and PermissionDenied; writes nothing then.
    """
    key = (idempotency_key or "").strip()
    if len(key) > MAX_IDEMPOTENCY_KEY or (key and not key.isprintable()):
        raise ValidationError(
            {"idempotency_key": _("Chave de envio inválida. Recarregue a página e envie de novo.")}
        )
    desk = desk_identity is not None or channel in DESK_CHANNELS
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Canal desconhecido.")})
    if desk:
        if not desk_agency_ids(actor):
            raise PermissionDenied(
                _("Só ouvidores e atendentes registram manifestações recebidas no balcão.")
            )
        if channel not in DESK_CHANNELS:
            raise ValidationError(
                {
                    "channel": _(
                        "Escolha por onde a manifestação chegou: presencial, telefone, e-mail ou carta."
                    )
                }
            )
        if not anonymous and desk_identity is None:
            raise ValidationError({"cpf": _("Informe quem se manifesta, ou registre como anônima.")})
    elif channel not in ONLINE_CHANNELS:
        raise ValidationError({"channel": _("Canal desconhecido.")})
    if not desk and not anonymous and not _signed_in(actor):
        raise PermissionDenied(
            _("Para se identificar, entre com o MT Login. Sem entrar, a manifestação é anônima.")
        )
    fields = _checked_fields(
        kind=kind, title=title, description=description, facts_location=facts_location, facts_date=facts_date
    )
    agency = _check_catalogue(agency=agency, service=service)
    identity = None if anonymous else (_check_identity(desk_identity) if desk else None)

    requester = None
    if not anonymous:
        if desk:
            requester = (
                User.objects.filter(cpf=identity.cpf, is_active=True).first() if identity.cpf else None
            )
        else:
            requester = actor
    replay_key = ""
    if key and requester is not None:
        existing = Manifestation.objects.filter(requester=requester, idempotency_key=key).first()
        if existing is not None:
            return LodgeResult(manifestation=existing, created=False)
    elif key:
        replay_key = _replay_key(actor=actor, key=key)
        replayed = _anonymous_replay(replay_key)
        if replayed is not None:
            return replayed
        if not cache.add(replay_key, "pending", timeout=60):
            raise SubmissionInProgress(
                {"idempotency_key": _("Esta manifestação ainda está sendo registrada. Aguarde um instante.")}
            )
    try:
        with transaction.atomic():
            result = _create(
                actor=actor,
                fields=fields,
                channel=channel,
                agency=agency,
                service=service,
                anonymous=anonymous,
                requester=requester,
                identity=identity,
                consent=bool(identity_consent) and not anonymous,
                key=key if requester is not None else "",
                desk=desk,
            )
    except IntegrityError:
        if replay_key:
            cache.delete(replay_key)
        existing = (
            Manifestation.objects.filter(requester=requester, idempotency_key=key).first() if key else None
        )
        if existing is None:
            raise
        return LodgeResult(manifestation=existing, created=False)
    except BaseException:
        if replay_key:
            cache.delete(replay_key)
        raise
    if replay_key:
        cache.set(
            replay_key,
            {"id": str(result.manifestation.pk), "code": encrypt(result.access_code)},
            timeout=ANONYMOUS_REPLAY_SECONDS,
        )
    return result


def _identity_row(
    *, manifestation: Manifestation, requester, identity: DeskIdentity | None
) -> ManifestationIdentity:
    if identity is None:  # a person signed in: what MT Login knows, as it was at intake
        identity = DeskIdentity(
            full_name=requester.display_name,
            cpf=requester.cpf,
            email=requester.email if requester.email_verified else "",
            phone=requester.phone_number or "",
        )
    return ManifestationIdentity.objects.create(
        manifestation=manifestation,
        full_name=identity.full_name[:200],
        cpf=identity.cpf,
        email=identity.email,
        phone=identity.phone[:20],
    )


def _create(
    *, actor, fields, channel, agency, service, anonymous, requester, identity, consent, key, desk
) -> LodgeResult:
    now = timezone.now()
    manifestation = Manifestation(
        **fields,
        channel=channel,
        status=Status.RECEIVED,
        agency=agency,
        service=service,
        is_anonymous=anonymous,
        requester=requester,
        identity_consent_at=now if consent else None,
        registered_by=actor if desk else None,
        idempotency_key=key,
        received_at=now,
        answer_due_at=answer_deadline(now),
    )
    # Drawn late: the protocol counter's row stays locked until commit (ADR 0018).
    manifestation.protocol = protocol_issue(prefix=PROTOCOL_PREFIX)
    access_code = ""
    if requester is None:
        access_code, manifestation.access_code_hash = access_code_new(protocol=manifestation.protocol)
    name = "" if anonymous else (identity.full_name if identity is not None else requester.display_name)
    receipt = document_authenticate(
        kind="ombudsman.receipt",
        kind_label=_("Comprovante de manifestação à ouvidoria"),
        reference=manifestation.protocol,
        title=str(Kind(manifestation.kind).label)
        + (
            f" — {service.name}"
            if service is not None
            else (f" — {agency.acronym}" if agency is not None else "")
        ),
        issuer_label=(
            f"Ouvidoria — {agency.name}"
            if agency is not None
            else _("Ouvidoria-Geral do Estado de Mato Grosso")
        ),
        subject_label=mask_name(name) if name else _("Manifestação anônima"),
        content={
            "protocol": manifestation.protocol,
            "kind": manifestation.kind,
            "channel": channel,
            "agency": str(agency.pk) if agency is not None else None,
            "service": str(service.pk) if service is not None else None,
            "received_at": now.isoformat(),
            "title": manifestation.title,
            "description": manifestation.description,
        },
        target=manifestation,
        audit=False,
    )
    manifestation.receipt_code = receipt.code
    manifestation.save(force_insert=True)
    if not anonymous:
        _identity_row(manifestation=manifestation, requester=requester, identity=identity)
    event_add(
        manifestation=manifestation,
        actor=actor if desk else None,
        role=Role.OMBUDSMAN if desk else Role.USER,
        action="lodged",
        to_status=Status.RECEIVED,
        data={"channel": channel},
    )
    audit(
        actor=actor if (desk or not anonymous) else None,
        action="ombudsman.manifestation.lodge",
        manifestation=manifestation,
        changes={
            "kind": manifestation.kind,
            "channel": channel,
            "agency": str(agency.pk) if agency is not None else None,
            "anonymous": anonymous,
            "receipt_document": str(receipt.pk),
        },
        by_author=not desk,
    )
    due = manifestation.answer_due_at.astimezone(CUIABA)
    notify_author(
        manifestation=manifestation,
        title=_("Manifestação %(protocol)s recebida") % {"protocol": manifestation.protocol},
        body=_(
            "Sua manifestação foi registrada com o protocolo %(protocol)s. A ouvidoria tem até "
            "%(due)s para responder (Lei 13.460, art. 16)."
        )
        % {"protocol": manifestation.protocol, "due": f"{due:%d/%m/%Y}"},
    )
    return LodgeResult(manifestation=manifestation, created=True, access_code=access_code)
