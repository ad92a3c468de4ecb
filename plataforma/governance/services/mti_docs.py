"""MTI's technical justifications (Resolução 002/2021/NGD art. 3 §1 I) and integration guidance
pages (art. 3 §2).

Justifications: MTI drafts them, submits them (the number, "2026.JT.0007", is issued then, from the
shared protocol counters, so two submissions at the same moment never get the same number and a
rollback gives the number back), the Núcleo approves or declines with reasons, and every decided
one is public. Until it is submitted a draft carries a placeholder number (`DRAFT_PREFIX`…) that is
never shown.

Guidance pages: MTI writes, publishes and unpublishes them; the body is plain text with the small
formatting `mti_text` understands (never HTML).

Same conventions as `services.mti`: ValidationErrors keyed by field name, nothing written on error,
one audit row per change.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record
from plataforma.common.protocols import protocol_issue, protocol_parse

from ..models.mti import TEXT_MAX, GuidancePage, TechJustification
from ..permissions import check_mti, check_nucleo
from .mti import check_not_author, clean_line, clean_reasons, clean_text

DRAFT_PREFIX = "RASC-"
# The counter (common.ProtocolSequence) the justification numbers come from; not an agency acronym.
JUSTIFICATION_SEQUENCE = "MTIJT"
BODY_MAX = 40000
ORDER_MAX = 32767


def justification_number(year: int, sequence: int) -> str:
    return f"{year:04d}.JT.{sequence:04d}"


def _draft_number() -> str:
    return DRAFT_PREFIX + uuid.uuid4().hex[:15]


# --- technical justifications --------------------------------------------------------------------


@dataclass(frozen=True)
class JustificationData:
    title: str
    technology: str
    context: str
    justification: str
    alternatives: str
    costs: str = ""


def _check_justification(data: JustificationData) -> dict:
    errors: dict = {}
    values = {
        "title": clean_line(errors, "title", data.title, max_length=200),
        "technology": clean_line(
            errors, "technology", data.technology, max_length=200, message=_("Diga qual é a tecnologia.")
        ),
        "context": clean_text(
            errors, "context", data.context, max_length=TEXT_MAX, message=_("Descreva a necessidade.")
        ),
        "justification": clean_text(errors, "justification", data.justification, max_length=TEXT_MAX),
        "alternatives": clean_text(
            errors,
            "alternatives",
            data.alternatives,
            max_length=TEXT_MAX,
            message=_("Diga quais alternativas foram consideradas e por que não foram escolhidas."),
        ),
        "costs": clean_text(errors, "costs", data.costs, max_length=TEXT_MAX, required=False),
    }
    if errors:
        raise ValidationError(errors)
    return values


def _locked_justification(item: TechJustification, *statuses: str) -> TechJustification:
    locked = TechJustification.objects.select_for_update().get(pk=item.pk)
    if statuses and locked.status not in statuses:
        raise ValidationError(
            _("Esta justificativa está “%(status)s” e não pode mais ser mudada assim.")
            % {"status": locked.get_status_display()}
        )
    return locked


@transaction.atomic
def justification_create(*, actor, data: JustificationData) -> TechJustification:
    check_mti(actor)
    values = _check_justification(data)
    item = TechJustification.objects.create(number=_draft_number(), created_by=actor, **values)
    audit_record(
        actor=actor,
        action="governance.mti.justification.create",
        target=item,
        changes={"status": item.status},
    )
    return item


@transaction.atomic
def justification_update(*, actor, item: TechJustification, data: JustificationData) -> TechJustification:
    check_mti(actor)
    locked = _locked_justification(item, TechJustification.Status.DRAFT)
    values = _check_justification(data)
    changed = sorted(name for name, value in values.items() if getattr(locked, name) != value)
    if not changed:
        return locked
    for name, value in values.items():
        setattr(locked, name, value)
    locked.save()
    audit_record(
        actor=actor, action="governance.mti.justification.update", target=locked, changes={"fields": changed}
    )
    return locked


@transaction.atomic
def justification_discard(*, actor, item: TechJustification) -> None:
    check_mti(actor)
    locked = _locked_justification(item, TechJustification.Status.DRAFT)
    audit_record(
        actor=actor,
        action="governance.mti.justification.discard",
        target=locked,
        changes={"status": "rascunho"},
    )
    locked.delete()


@transaction.atomic
def justification_submit(*, actor, item: TechJustification) -> TechJustification:
    """Send a draft to the Núcleo; it gets its number now (late in the transaction: the counter
    row stays locked until the transaction ends)."""
    check_mti(actor)
    locked = _locked_justification(item, TechJustification.Status.DRAFT)
    year, _prefix, sequence = protocol_parse(protocol_issue(prefix=JUSTIFICATION_SEQUENCE))
    locked.number = justification_number(year, sequence)
    locked.status = TechJustification.Status.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["number", "status", "submitted_at", "updated_at"])
    audit_record(
        actor=actor,
        action="governance.mti.justification.submit",
        target=locked,
        changes={"status": locked.status, "number": locked.number},
    )
    return locked


@transaction.atomic
def justification_decide(*, actor, item: TechJustification, approve: bool, reasons: str) -> TechJustification:
    """The Núcleo's decision; approved or not, the justification is public from now on."""
    check_nucleo(actor)
    text = clean_reasons(reasons)
    locked = _locked_justification(item, TechJustification.Status.SUBMITTED)
    check_not_author(actor, locked.created_by_id)
    locked.status = TechJustification.Status.APPROVED if approve else TechJustification.Status.DECLINED
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    locked.decision_reasons = text
    locked.save(update_fields=["status", "decided_at", "decided_by", "decision_reasons", "updated_at"])
    audit_record(
        actor=actor,
        action="governance.mti.justification." + ("approve" if approve else "decline"),
        target=locked,
        changes={"status": locked.status, "number": locked.number},
    )
    return locked


# --- guidance pages ------------------------------------------------------------------------------


@dataclass(frozen=True)
class GuideData:
    slug: str
    title: str
    summary: str
    body: str
    order: int = 100


def _check_guide(data: GuideData, *, exclude_id=None) -> dict:
    errors: dict = {}
    slug = (data.slug or "").strip().lower()
    try:
        if not slug or len(slug) > 80:
            raise ValidationError("bad length")
        validate_slug(slug)
    except ValidationError:
        errors["slug"] = _(
            "Use de 1 a 80 letras sem acento, algarismos e hífens, por exemplo como-aderir-ao-x-via."
        )
    else:
        if GuidancePage.objects.filter(slug=slug).exclude(pk=exclude_id).exists():
            errors["slug"] = _("Já existe uma orientação com este endereço.")
    values = {
        "slug": slug,
        "title": clean_line(errors, "title", data.title, max_length=200),
        "summary": clean_line(
            errors, "summary", data.summary, max_length=300, message=_("Resuma a orientação em uma frase.")
        ),
        "body": clean_text(errors, "body", data.body, max_length=BODY_MAX),
        "order": data.order,
    }
    if not isinstance(data.order, int) or isinstance(data.order, bool) or not 0 <= data.order <= ORDER_MAX:
        errors["order"] = _("Informe um número de 0 a %(n)s.") % {"n": ORDER_MAX}
    if errors:
        raise ValidationError(errors)
    return values


def _save_guide(page: GuidancePage) -> None:
    try:
        with transaction.atomic():
            page.save()
    except IntegrityError as exc:  # the same address taken at the same moment
        raise ValidationError({"slug": _("Já existe uma orientação com este endereço.")}) from exc


@transaction.atomic
def guide_create(*, actor, data: GuideData) -> GuidancePage:
    check_mti(actor)
    page = GuidancePage(updated_by=actor, **_check_guide(data))
    _save_guide(page)
    audit_record(
        actor=actor,
        action="governance.mti.guide.create",
        target=page,
        changes={"slug": page.slug, "is_published": False},
    )
    return page


@transaction.atomic
def guide_update(*, actor, page: GuidancePage, data: GuideData) -> GuidancePage:
    check_mti(actor)
    locked = GuidancePage.objects.select_for_update().get(pk=page.pk)
    values = _check_guide(data, exclude_id=locked.pk)
    changed = sorted(name for name, value in values.items() if getattr(locked, name) != value)
    if not changed:
        return locked
    for name, value in values.items():
        setattr(locked, name, value)
    locked.updated_by = actor
    _save_guide(locked)
    audit_record(
        actor=actor,
        action="governance.mti.guide.update",
        target=locked,
        changes={"fields": changed, "slug": locked.slug, "is_published": locked.is_published},
    )
    return locked


@transaction.atomic
def guide_set_published(*, actor, page: GuidancePage, published: bool) -> GuidancePage:
    check_mti(actor)
    locked = GuidancePage.objects.select_for_update().get(pk=page.pk)
    if locked.is_published == published:
        return locked
    locked.is_published = published
    if published:
        locked.published_at = timezone.now()
    locked.updated_by = actor
    locked.save(update_fields=["is_published", "published_at", "updated_by", "updated_at"])
    audit_record(
        actor=actor,
        action="governance.mti.guide." + ("publish" if published else "unpublish"),
        target=locked,
        changes={"slug": locked.slug, "is_published": published},
    )
    return locked
