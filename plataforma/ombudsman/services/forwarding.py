"""The ouvidoria and the agency's responsible area (Lei 13.460 art. 16 §único; ADR 0029):
the ouvidoria sends a pseudonymised extract and a question; the area answers within 20 days,
extendable once by 20 with a justification. The area never sees the author unless the author
consented and the ouvidoria chose to share it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import can_handle, can_work_forwarding
from ..deadlines import AREA_DAYS, AREA_EXTENSION_DAYS, deadline_after, extended_deadline
from ..models import Forwarding, Manifestation, ManifestationIdentity
from ..pseudonymise import pseudonymise
from ..transitions import TransitionNotAllowed, transition_check
from .common import Role, audit, clean_text, event_add, notify_author
from .handling import locked


def author_names(manifestation: Manifestation) -> list[str]:
    """The author's names, for masking them in the extract (a system read, not shown to anyone)."""
    identity = ManifestationIdentity.objects.filter(manifestation=manifestation).only("full_name").first()
    names = [identity.full_name] if identity is not None and identity.full_name else []
    if manifestation.requester_id:
        requester = manifestation.requester
        names += [requester.full_name, requester.social_name]
    return [name for name in names if name]


def extract_suggestion(manifestation: Manifestation) -> str:
    """The extract the ouvidor starts from: the account of the facts, pseudonymised."""
    return pseudonymise(manifestation.description, names=author_names(manifestation))


def manifestation_forward(
    *,
    actor,
    manifestation: Manifestation,
    area: str,
    extract: str,
    question: str,
    share_identity: bool = False,
) -> Forwarding:
    """em análise (or em decisão) → encaminhada: ask the responsible area of the manifestação's
    agency. The extract is pseudonymised again here whatever the ouvidor typed (a safety net);
    `share_identity` needs the author's recorded consent."""
    area = clean_text(area, field="area", label=_("Área responsável"), max_length=200)
    extract = clean_text(extract, field="extract", label=_("Extrato"))
    question = clean_text(question, field="question", label=_("Pergunta à área"), max_length=5000)
    with transaction.atomic():
        row = locked(manifestation)
        if not can_handle(actor, row):
            raise PermissionDenied(_("Só a ouvidoria responsável por esta manifestação pode fazer isso."))
        to = transition_check(row, "forwarded")
        if row.agency_id is None:
            raise ValidationError(
                {"area": _("Antes de encaminhar, indique o órgão da manifestação (redirecionar).")}
            )
        if share_identity and (row.is_anonymous or row.identity_consent_at is None):
            raise ValidationError(
                {
                    "share_identity": _(
                        "O autor não autorizou compartilhar a identidade: a área recebe só o extrato."
                    )
                }
            )
        now = timezone.now()
        forwarding = Forwarding.objects.create(
            manifestation=row,
            agency_id=row.agency_id,
            area=area,
            extract=pseudonymise(extract, names=author_names(row)) if not share_identity else extract,
            question=question,
            share_identity=share_identity,
            sent_by=actor,
            sent_at=now,
            due_at=deadline_after(now, AREA_DAYS),
        )
        previous, row.status = row.status, to
        row.save(update_fields=["status", "updated_at"])
        event_add(
            manifestation=row,
            actor=actor,
            role=Role.OMBUDSMAN,
            action="forwarded",
            from_status=previous,
            to_status=to,
            data={"forwarding": str(forwarding.pk), "area": area, "share_identity": share_identity},
        )
        audit(
            actor=actor,
            action="ombudsman.forwarding.send",
            manifestation=row,
            changes={
                "forwarding": str(forwarding.pk),
                "share_identity": share_identity,
                "due_at": forwarding.due_at.isoformat(),
            },
        )
        notify_author(
            manifestation=row,
            title=_("Manifestação %(protocol)s encaminhada à área responsável") % {"protocol": row.protocol},
            body=_(
                "A ouvidoria pediu informações à área responsável do órgão. Sua identidade "
                "continua protegida."
            ),
        )
    return forwarding


def _locked_forwarding(forwarding: Forwarding) -> tuple[Forwarding, Manifestation]:
    row = locked(forwarding.manifestation)
    fwd = (
        Forwarding.objects.select_for_update(of=("self",))
        .select_related("manifestation")
        .get(pk=forwarding.pk)
    )
    fwd.manifestation = row
    return fwd, row


def forwarding_answer(*, actor, forwarding: Forwarding, answer: str) -> Forwarding:
    """The area answers the ouvidoria: encaminhada → em decisão."""
    answer = clean_text(answer, field="answer", label=_("Resposta da área"))
    with transaction.atomic():
        fwd, row = _locked_forwarding(forwarding)
        if not can_work_forwarding(actor, fwd):
            raise PermissionDenied(_("Só a área responsável do órgão responde a este encaminhamento."))
        if fwd.status != Forwarding.Status.OPEN:
            raise TransitionNotAllowed({"answer": _("Este encaminhamento já foi respondido ou cancelado.")})
        to = transition_check(row, "area_answered")
        now = timezone.now()
        fwd.status = Forwarding.Status.ANSWERED
        fwd.answer = answer
        fwd.answered_at = now
        fwd.answered_by = actor
        fwd.answered_on_time = now <= fwd.due_at
        fwd.save(
            update_fields=["status", "answer", "answered_at", "answered_by", "answered_on_time", "updated_at"]
        )
        previous, row.status = row.status, to
        row.save(update_fields=["status", "updated_at"])
        event_add(
            manifestation=row,
            actor=actor,
            role=Role.AREA,
            action="area_answered",
            from_status=previous,
            to_status=to,
            visible=False,
            data={"forwarding": str(fwd.pk), "on_time": fwd.answered_on_time},
        )
        audit(
            actor=actor,
            action="ombudsman.forwarding.answer",
            manifestation=row,
            changes={"forwarding": str(fwd.pk), "on_time": fwd.answered_on_time},
        )
    return fwd


def forwarding_extend(*, actor, forwarding: Forwarding, reason: str) -> Forwarding:
    """Once, by 20 days, with a justification (art. 16 §único): by the area or the ouvidoria."""
    reason = clean_text(reason, field="reason", label=_("Justificativa"), max_length=2000)
    with transaction.atomic():
        fwd, row = _locked_forwarding(forwarding)
        if not (can_work_forwarding(actor, fwd) or can_handle(actor, row)):
            raise PermissionDenied(_("Só a área responsável ou a ouvidoria prorrogam este prazo."))
        if fwd.status != Forwarding.Status.OPEN:
            raise TransitionNotAllowed({"reason": _("Este encaminhamento já foi respondido ou cancelado.")})
        if fwd.extended_at is not None:
            raise TransitionNotAllowed(
                {
                    "reason": _(
                        "O prazo da área já foi prorrogado uma vez; a lei não permite outra prorrogação."
                    )
                }
            )
        if timezone.now() > fwd.due_at:
            raise TransitionNotAllowed(
                {
                    "reason": _(
                        "O prazo da área já terminou; a prorrogação só pode ser pedida antes do fim do prazo."
                    )
                }
            )
        transition_check(row, "forwarding_extended")
        previous_due = fwd.due_at
        fwd.due_at = extended_deadline(previous_due, AREA_EXTENSION_DAYS)
        fwd.extended_at = timezone.now()
        fwd.extension_reason = reason
        fwd.reminded_at = None
        fwd.save(update_fields=["due_at", "extended_at", "extension_reason", "reminded_at", "updated_at"])
        role = Role.AREA if can_work_forwarding(actor, fwd) else Role.OMBUDSMAN
        event_add(
            manifestation=row,
            actor=actor,
            role=role,
            action="forwarding_extended",
            note=reason,
            visible=False,
            data={"forwarding": str(fwd.pk)},
        )
        audit(
            actor=actor,
            action="ombudsman.forwarding.extend",
            manifestation=row,
            changes={"forwarding": str(fwd.pk), "due_at": [previous_due.isoformat(), fwd.due_at.isoformat()]},
        )
    return fwd


def forwarding_cancel(*, actor, forwarding: Forwarding, reason: str) -> Forwarding:
    """The ouvidoria withdraws a request sent to the wrong area: encaminhada → em análise."""
    reason = clean_text(reason, field="reason", label=_("Motivo"), max_length=2000)
    with transaction.atomic():
        fwd, row = _locked_forwarding(forwarding)
        if not can_handle(actor, row):
            raise PermissionDenied(_("Só a ouvidoria responsável por esta manifestação pode fazer isso."))
        if fwd.status != Forwarding.Status.OPEN:
            raise TransitionNotAllowed({"reason": _("Este encaminhamento já foi respondido ou cancelado.")})
        to = transition_check(row, "forwarding_cancelled")
        fwd.status = Forwarding.Status.CANCELLED
        fwd.save(update_fields=["status", "updated_at"])
        previous, row.status = row.status, to
        row.save(update_fields=["status", "updated_at"])
        event_add(
            manifestation=row,
            actor=actor,
            role=Role.OMBUDSMAN,
            action="forwarding_cancelled",
            from_status=previous,
            to_status=to,
            note=reason,
            visible=False,
            data={"forwarding": str(fwd.pk)},
        )
        audit(
            actor=actor,
            action="ombudsman.forwarding.cancel",
            manifestation=row,
            changes={"forwarding": str(fwd.pk)},
        )
    return fwd
