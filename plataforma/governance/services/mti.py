"""MTI's Catálogo de Serviços Padronizados (Resolução 002/2021/NGD art. 3 §1 II).

MTI staff create and edit the standard services and propose prices: a `PriceVersion` draft with
the market references it was compared with; it goes to the Núcleo only with at least
`MIN_MARKET_REFERENCES` references, each dated within the last 12 months and not in the future.
The Núcleo approves or declines with reasons; nobody decides a proposal they prepared.

Errors are ValidationErrors keyed by the form's field names, in Portuguese; nothing is written when
one is raised. Every change writes an audit row (ids, states, counts, prices: no free text).
The technical justifications and the guidance pages are in `mti_docs`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record

from ..models.mti import MIN_MARKET_REFERENCES, TEXT_MAX, MarketReference, PriceVersion, StandardService
from ..permissions import check_mti, check_nucleo

CODE_RE = re.compile(r"[A-Z0-9][A-Z0-9.\-]{0,19}")
REFERENCE_MAX_AGE_MONTHS = 12
MAX_REFERENCES = 20
PRICE_MAX = Decimal("9999999999.99")
OPEN_STATUSES = (PriceVersion.Status.DRAFT, PriceVersion.Status.SUBMITTED)


# --- shared checks -------------------------------------------------------------------------------


def clean_text(errors: dict, name: str, value, *, max_length: int, required: bool = True, message="") -> str:
    """Trimmed text; records an error under `name` when it is missing or too long."""
    text = (value or "").strip()
    if required and not text:
        errors[name] = message or _("Preencha este campo.")
    elif len(text) > max_length:
        errors[name] = _("Use no máximo %(n)s caracteres.") % {"n": f"{max_length:,}".replace(",", ".")}
    return text


def clean_line(errors: dict, name: str, value, *, max_length: int, required: bool = True, message="") -> str:
    """Like clean_text, for one-line fields: inner runs of spaces and line breaks become one space."""
    line = " ".join((value or "").split())
    return clean_text(errors, name, line, max_length=max_length, required=required, message=message)


def clean_reasons(reasons) -> str:
    errors: dict = {}
    text = clean_text(
        errors,
        "reasons",
        reasons,
        max_length=TEXT_MAX,
        message=_("Escreva os fundamentos da decisão: eles são publicados com ela."),
    )
    if errors:
        raise ValidationError(errors)
    return text


def check_not_author(actor, author_id) -> None:
    """Whoever prepared a record does not decide it (someone holding both roles, for example)."""
    if author_id is not None and author_id == actor.pk:
        raise PermissionDenied(
            _("Quem preparou este pedido não pode decidi-lo: outro membro do Núcleo decide.")
        )


def oldest_reference_date(today: date) -> date:
    """The earliest date a market reference may have on `today` (12 months back)."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


def _br_date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def _price(errors: dict, name: str, value) -> Decimal | None:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        errors[name] = _("Informe o valor em reais, por exemplo 1.234,56.")
        return None
    if not amount.is_finite() or amount <= 0:
        errors[name] = _("O valor deve ser maior que zero.")
        return None
    if amount != amount.quantize(Decimal("0.01")):
        errors[name] = _("Use no máximo dois dígitos para os centavos.")
        return None
    if amount > PRICE_MAX:
        errors[name] = _("O valor é alto demais.")
        return None
    return amount


# --- standard services ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceData:
    code: str
    name: str
    category: str
    description: str
    unit: str
    service_level: str = ""
    is_active: bool = True


def _check_service(data: ServiceData, *, exclude_id=None) -> dict:
    errors: dict = {}
    code = (data.code or "").strip().upper()
    if not CODE_RE.fullmatch(code):
        errors["code"] = _(
            "Use de 1 a 20 letras sem acento, algarismos, ponto ou hífen, começando por letra ou "
            "algarismo (por exemplo HOSP-01)."
        )
    elif StandardService.objects.filter(code=code).exclude(pk=exclude_id).exists():
        errors["code"] = _("Já existe um serviço com este código.")
    values = {
        "code": code,
        "name": clean_line(errors, "name", data.name, max_length=200),
        "description": clean_text(errors, "description", data.description, max_length=TEXT_MAX),
        "unit": clean_line(
            errors, "unit", data.unit, max_length=60, message=_("Informe a unidade: por exemplo, vCPU/mês.")
        ),
        "service_level": clean_text(
            errors, "service_level", data.service_level, max_length=TEXT_MAX, required=False
        ),
        "category": data.category,
        "is_active": bool(data.is_active),
    }
    if data.category not in StandardService.Category.values:
        errors["category"] = _("Escolha uma das categorias.")
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def service_create(*, actor, data: ServiceData) -> StandardService:
    check_mti(actor)
    values = _check_service(data)
    try:
        with transaction.atomic():
            service = StandardService.objects.create(**values)
    except IntegrityError as exc:  # the same code created at the same moment
        raise ValidationError({"code": _("Já existe um serviço com este código.")}) from exc
    audit_record(
        actor=actor,
        action="governance.mti.service.create",
        target=service,
        changes={"code": service.code, "category": service.category, "is_active": service.is_active},
    )
    return service


@transaction.atomic
def service_update(*, actor, service: StandardService, data: ServiceData) -> StandardService:
    check_mti(actor)
    locked = StandardService.objects.select_for_update().get(pk=service.pk)
    values = _check_service(data, exclude_id=locked.pk)
    changed = sorted(name for name, value in values.items() if getattr(locked, name) != value)
    if not changed:
        return locked
    for name, value in values.items():
        setattr(locked, name, value)
    try:
        with transaction.atomic():
            locked.save()
    except IntegrityError as exc:
        raise ValidationError({"code": _("Já existe um serviço com este código.")}) from exc
    audit_record(
        actor=actor,
        action="governance.mti.service.update",
        target=locked,
        changes={"fields": changed, "code": locked.code, "is_active": locked.is_active},
    )
    return locked


# --- price proposals -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PriceData:
    price: Decimal
    valid_from: date
    justification: str


def _check_price(data: PriceData) -> dict:
    errors: dict = {}
    price = _price(errors, "price", data.price)
    justification = clean_text(
        errors,
        "justification",
        data.justification,
        max_length=TEXT_MAX,
        message=_("Explique como o preço foi composto (custos, premissas)."),
    )
    if not isinstance(data.valid_from, date):
        errors["valid_from"] = _("Informe a data a partir da qual o preço vale.")
    elif data.valid_from < timezone.localdate():
        errors["valid_from"] = _("A data de início da vigência não pode ter passado.")
    if errors:
        raise ValidationError(errors)
    return {"price": price, "valid_from": data.valid_from, "justification": justification}


def _locked_version(version: PriceVersion, *statuses: str) -> PriceVersion:
    locked = PriceVersion.objects.select_for_update().select_related("service").get(pk=version.pk)
    if statuses and locked.status not in statuses:
        raise ValidationError(
            _("Esta proposta está “%(status)s” e não pode mais ser mudada assim.")
            % {"status": locked.get_status_display()}
        )
    return locked


@transaction.atomic
def price_draft_create(*, actor, service: StandardService, data: PriceData) -> PriceVersion:
    """A new price proposal (draft) for `service`; one open proposal per service at a time."""
    check_mti(actor)
    values = _check_price(data)
    locked = StandardService.objects.select_for_update().get(pk=service.pk)
    if locked.prices.filter(status__in=OPEN_STATUSES).exists():
        raise ValidationError(
            _("Este serviço já tem uma proposta de preço em aberto: conclua-a ou descarte-a antes.")
        )
    number = (locked.prices.aggregate(n=Max("number"))["n"] or 0) + 1
    try:
        with transaction.atomic():
            version = PriceVersion.objects.create(service=locked, number=number, created_by=actor, **values)
    except IntegrityError as exc:
        raise ValidationError(_("Este serviço já tem uma proposta de preço em aberto.")) from exc
    audit_record(
        actor=actor,
        action="governance.mti.price.create",
        target=version,
        changes={
            "service": locked.code,
            "number": number,
            "price": str(version.price),
            "valid_from": version.valid_from.isoformat(),
        },
    )
    return version


@transaction.atomic
def price_draft_update(*, actor, version: PriceVersion, data: PriceData) -> PriceVersion:
    check_mti(actor)
    locked = _locked_version(version, PriceVersion.Status.DRAFT)
    values = _check_price(data)
    changed = sorted(name for name, value in values.items() if getattr(locked, name) != value)
    if not changed:
        return locked
    for name, value in values.items():
        setattr(locked, name, value)
    locked.save()
    audit_record(
        actor=actor,
        action="governance.mti.price.update",
        target=locked,
        changes={"fields": changed, "price": str(locked.price), "valid_from": locked.valid_from.isoformat()},
    )
    return locked


@transaction.atomic
def price_discard(*, actor, version: PriceVersion) -> None:
    """Delete a draft (with its references); a submitted or decided version stays for good."""
    check_mti(actor)
    locked = _locked_version(version, PriceVersion.Status.DRAFT)
    audit_record(
        actor=actor,
        action="governance.mti.price.discard",
        target=locked,
        changes={"service": locked.service.code, "number": locked.number},
    )
    locked.delete()


@dataclass(frozen=True)
class ReferenceData:
    kind: str
    source: str
    price: Decimal
    reference_date: date
    url: str = ""
    note: str = ""


def _reference_date_errors(reference_date, today: date) -> str:
    if not isinstance(reference_date, date):
        return _("Informe a data da referência.")
    if reference_date > today:
        return _("A data da referência não pode estar no futuro.")
    if reference_date < oldest_reference_date(today):
        return _("A referência tem mais de 12 meses: use uma de %(d)s em diante.") % {
            "d": _br_date(oldest_reference_date(today))
        }
    return ""


def _check_reference(data: ReferenceData) -> dict:
    errors: dict = {}
    values = {
        "source": clean_line(
            errors, "source", data.source, max_length=200, message=_("Diga de onde vem o preço.")
        ),
        "note": clean_line(errors, "note", data.note, max_length=500, required=False),
        "price": _price(errors, "price", data.price),
        "kind": data.kind,
        "reference_date": data.reference_date,
        "url": (data.url or "").strip(),
    }
    if data.kind not in MarketReference.Kind.values:
        errors["kind"] = _("Escolha o tipo da referência.")
    date_error = _reference_date_errors(data.reference_date, timezone.localdate())
    if date_error:
        errors["reference_date"] = date_error
    if values["url"]:
        try:
            if len(values["url"]) > 200:
                raise ValidationError("too long")
            URLValidator(schemes=["http", "https"])(values["url"])
        except ValidationError:
            errors["url"] = _("Informe um endereço completo que comece com https:// ou http://.")
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def reference_add(*, actor, version: PriceVersion, data: ReferenceData) -> MarketReference:
    check_mti(actor)
    locked = _locked_version(version, PriceVersion.Status.DRAFT)
    values = _check_reference(data)
    if locked.references.count() >= MAX_REFERENCES:
        raise ValidationError(_("Uma proposta tem no máximo %(n)s referências.") % {"n": MAX_REFERENCES})
    reference = MarketReference.objects.create(version=locked, **values)
    audit_record(
        actor=actor,
        action="governance.mti.reference.add",
        target=locked,
        changes={
            "reference": str(reference.pk),
            "kind": reference.kind,
            "price": str(reference.price),
            "count": locked.references.count(),
        },
    )
    return reference


@transaction.atomic
def reference_remove(*, actor, reference: MarketReference) -> None:
    check_mti(actor)
    locked = _locked_version(reference.version, PriceVersion.Status.DRAFT)
    deleted, _rows = MarketReference.objects.filter(pk=reference.pk, version=locked).delete()
    if not deleted:
        return
    audit_record(
        actor=actor,
        action="governance.mti.reference.remove",
        target=locked,
        changes={"reference": str(reference.pk), "count": locked.references.count()},
    )


@transaction.atomic
def price_submit(*, actor, version: PriceVersion) -> PriceVersion:
    """Send a draft to the Núcleo: at least three references, each dated in the last 12 months."""
    check_mti(actor)
    locked = _locked_version(version, PriceVersion.Status.DRAFT)
    today = timezone.localdate()
    references = list(locked.references.order_by("reference_date"))
    problems = []
    if len(references) < MIN_MARKET_REFERENCES:
        problems.append(
            _("Inclua ao menos %(min)s referências de mercado (esta proposta tem %(n)s).")
            % {"min": MIN_MARKET_REFERENCES, "n": len(references)}
        )
    for reference in references:
        error = _reference_date_errors(reference.reference_date, today)
        if error:
            problems.append(f"{reference.source} ({_br_date(reference.reference_date)}): {error}")
    if locked.valid_from < today:
        problems.append(_("A data de início da vigência já passou: mude-a antes de enviar."))
    if problems:
        raise ValidationError(problems)
    locked.status = PriceVersion.Status.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_record(
        actor=actor,
        action="governance.mti.price.submit",
        target=locked,
        changes={"status": locked.status, "references": len(references), "price": str(locked.price)},
    )
    return locked


@transaction.atomic
def price_decide(*, actor, version: PriceVersion, approve: bool, reasons: str) -> PriceVersion:
    """The Núcleo's decision on a submitted price, with its reasons (published with it)."""
    check_nucleo(actor)
    text = clean_reasons(reasons)
    locked = _locked_version(version, PriceVersion.Status.SUBMITTED)
    check_not_author(actor, locked.created_by_id)
    locked.status = PriceVersion.Status.APPROVED if approve else PriceVersion.Status.DECLINED
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    locked.decision_reasons = text
    locked.save(update_fields=["status", "decided_at", "decided_by", "decision_reasons", "updated_at"])
    audit_record(
        actor=actor,
        action="governance.mti.price.approve" if approve else "governance.mti.price.decline",
        target=locked,
        changes={"status": locked.status, "service": locked.service.code, "number": locked.number},
    )
    return locked
