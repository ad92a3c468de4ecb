"""What the ouvidoria does with a manifestação (Lei 13.460 arts. 12-16; ADR 0030): analyse,
classify, ask the user for more information, extend the deadline once, answer, archive, send it
to another agency's ouvidoria, record the measures adopted. Each is a guarded transition
(transitions.py), in one transaction, on the row locked, with an audit row and an event."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.authcodes import document_authenticate

from ..access import can_handle
from ..deadlines import (
    ANSWER_EXTENSION_DAYS,
    USER_REPLY_DAYS,
    deadline_after,
    extended_deadline,
    local_date,
)
from ..models import AdoptedMeasure, Forwarding, Kind, Manifestation, ManifestationAnswer, Status, Subject
from ..models.manifestations import ArchiveReason
from ..pseudonymise import pseudonymise
from ..transitions import TransitionNotAllowed, transition_check
from .common import Role, audit, clean_text, event_add, notify_author


def locked(manifestation: Manifestation) -> Manifestation:
    """The manifestação's row, locked until the caller's transaction ends (one writer at a time)."""
    return (
        Manifestation.objects.select_for_update(of=("self",))
        .select_related("agency", "requester")
        .get(pk=manifestation.pk)
    )


def _handled_by(actor, manifestation: Manifestation) -> Manifestation:
    row = locked(manifestation)
    if not can_handle(actor, row):
        raise PermissionDenied(_("Só a ouvidoria responsável por esta manifestação pode fazer isso."))
    return row


def _day(moment) -> str:
    return f"{local_date(moment):%d/%m/%Y}"


def manifestation_start_analysis(*, actor, manifestation: Manifestation) -> Manifestation:
    """recebida → em análise (art. 12 II)."""
    with transaction.atomic():
        row = _handled_by(actor, manifestation)
        to = transition_check(row, "analysis_started")
        previous, row.status = row.status, to
        row.save(update_fields=["status", "updated_at"])
        event_add(
            manifestation=row,
            actor=actor,
            role=Role.OMBUDSMAN,
            action="analysis_started",
            from_status=previous,
            to_status=to,
        )
        audit(
            actor=actor,
            action="ombudsman.manifestation.start_analysis",
            manifestation=row,
            changes={"status": to},
        )
    return row


def manifestation_classify(
    *, actor, manifestation: Manifestation, kind: str, subject: Subject | None
) -> Manifestation:
    """The ouvidoria's classification: the type (a "reclamação" that is really a "denúncia") and
    the subject the yearly report counts (art. 15)."""
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Escolha o tipo de manifestação.")})
    if subject is not None and not subject.is_active:
        raise ValidationError({"subject": _("Este assunto não está mais em uso.")})
    with transaction.atomic():
        row = _handled_by(actor, manifestation)
        transition_check(row, "classified")
        changes = {}
        if row.kind != kind:
            changes["kind"] = [row.kind, kind]
            row.kind = kind
        new_subject = subject.pk if subject is not None else None
        if row.subject_id != new_subject:
            changes["subject"] = [
                str(row.subject_id) if row.subject_id else None,
                str(new_subject) if new_subject else None,
            ]
            row.subject = subject
        if changes:
            row.save(update_fields=["kind", "subject", "updated_at"])
            event_add(
                manifestation=row,
                actor=actor,
                role=Role.OMBUDSMAN,
                action="classified",
                visible=False,
                data={"kind": row.kind, "subject": str(new_subject or "")},
            )
            audit(actor=actor, action="ombudsman.manifestation.classify", manifestation=row, changes=changes)
    return row


def manifestation_request_info(*, actor, manifestation: Manifestation, question: str) -> Manifestation:
    """Ask the author for more information (ADR 0030): they have 20 days to reply; the first
    request of a cycle suspends the answer clock until they reply, later ones do not."""
    question = clean_text(question, field="question", label=_("Pedido de informações"), max_length=5000)
    with transaction.atomic():
        row = _handled_by(actor, manifestation)
        to = transition_check(row, "info_requested")
        now = timezone.now()
        previous = row.status
        suspends = not row.clock_suspension_used
        row.status = to
        row.pending_question = question
        row.user_reply_due_at = deadline_after(now, USER_REPLY_DAYS)
        if suspends:
            row.clock_paused_at = now
            row.clock_suspension_used = True
        row.save(
            update_fields=[
                "status",
                "pending_question",
                "user_reply_due_at",
                "clock_paused_at",
                "clock_suspension_used",
                "updated_at",
            ]
        )
        event_add(
            manifestation=row,
            actor=actor,
            role=Role.OMBUDSMAN,
            action="info_requested",
            from_status=previous,
            to_status=to,
            note=question,
            data={"clock_suspended": suspends},
        )
        audit(
            actor=actor,
            action="ombudsman.manifestation.request_info",
            manifestation=row,
            changes={"status": to, "clock_suspended": suspends},
        )
        notify_author(
            manifestation=row,
            title=_("A ouvidoria pede mais informações (%(protocol)s)") % {"protocol": row.protocol},
            body=_("Responda até %(day)s para que a ouvidoria possa continuar a análise.")
            % {"day": _day(row.user_reply_due_at)},
        )
    return row


def manifestation_extend(*, actor, manifestation: Manifestation, reason: str) -> Manifestation:
    """Extend the answer deadline once per cycle by 30 days, with a justification the author
    reads (Lei 13.460 art. 16)."""
    reason = clean_text(reason, field="reason", label=_("Justificativa"), max_length=2000)
    with transaction.atomic():
        row = _handled_by(actor, manifestation)
        transition_check(row, "extended")
        if row.answer_extended_at is not None:
            raise TransitionNotAllowed(
                {
                    "reason": _(
                        "O prazo de resposta já foi prorrogado uma vez; a lei não permite outra prorrogação."
                    )
                }
            )
        # a deadline already missed is not extended afterwards: that would turn a late answer into
        # one on time in the reports and the panel (the clock, while suspended, stopped earlier)
        if (row.clock_paused_at or timezone.now()) > row.answer_due_at:
            raise TransitionNotAllowed(
                {
                    "reason": _(
                        "O prazo de resposta já terminou; a prorrogação só vale se pedida antes do fim."
                    )
                }
            )
        previous_due = row.answer_due_at
        row.answer_due_at = extended_deadline(previous_due, ANSWER_EXTENSION_DAYS)
        row.answer_extended_at = timezone.now()
        row.answer_extension_reason = reason
        row.due_soon_notified_at = None
        row.overdue_notified_at = None
        row.save(
            update_fields=[
                "answer_due_at",
                "answer_extended_at",
                "answer_extension_reason",
                "due_soon_notified_at",
                "overdue_notified_at",
                "updated_at",
            ]
        )
        event_add(
            manifestation=row,
            actor=actor,
            role=Role.OMBUDSMAN,
            action="extended",
            note=reason,
            data={"from": previous_due.isoformat(), "to": row.answer_due_at.isoformat()},
        )
        audit(
            actor=actor,
            action="ombudsman.manifestation.extend",
            manifestation=row,
            changes={"answer_due_at": [previous_due.isoformat(), row.answer_due_at.isoformat()]},
        )
        notify_author(
            manifestation=row,
            title=_("Prazo de resposta prorrogado (%(protocol)s)") % {"protocol": row.protocol},
            body=_("A ouvidoria prorrogou o prazo para %(day)s. Justificativa: %(reason)s")
            % {"day": _day(row.answer_due_at), "reason": reason},
        )
    return row


def _conclude(
    *, actor, row: Manifestation, action: str, kind: str, text: str, archive_reason: str = ""
) -> ManifestationAnswer:
    now = timezone.now()
    to = transition_check(row, action)
    previous = row.status
    # while the clock is suspended (waiting for the user) the time waited does not count (ADR 0030)
    on_time = (row.clock_paused_at or now) <= row.answer_due_at
    answer = ManifestationAnswer(
        manifestation=row,
        agency=row.agency,
        cycle=row.cycle,
        kind=kind,
        text=text,
        answered_by=actor,
        answered_at=now,
        due_at=row.answer_due_at,
        on_time=on_time,
        extended=row.answer_extended_at is not None,
    )
    document = document_authenticate(
        kind="ombudsman.answer",
        kind_label=_("Resposta da ouvidoria"),
        reference=row.protocol,
        title=(
            _("Resposta à manifestação %(protocol)s")
            if kind == ManifestationAnswer.Kind.ANSWER
            else _("Arquivamento da manifestação %(protocol)s")
        )
        % {"protocol": row.protocol},
        issuer_label=(
            f"Ouvidoria — {row.agency.name}"
            if row.agency is not None
            else _("Ouvidoria-Geral do Estado de Mato Grosso")
        ),
        subject_label=_("Autor da manifestação"),
        content={
            "protocol": row.protocol,
            "cycle": row.cycle,
            "kind": kind,
            "text": text,
            "answered_at": now.isoformat(),
        },
        target=answer,
        audit=False,
    )
    answer.authentication_code = document.code
    answer.save(force_insert=True)
    Forwarding.objects.filter(manifestation=row, status=Forwarding.Status.OPEN).update(
        status=Forwarding.Status.CANCELLED, updated_at=now
    )
    row.status = to
    row.concluded_at = now
    row.concluded_on_time = on_time
    row.archive_reason = archive_reason
    row.clock_paused_at = None
    row.pending_question = ""
    row.user_reply_due_at = None
    row.save(
        update_fields=[
            "status",
            "concluded_at",
            "concluded_on_time",
            "archive_reason",
            "clock_paused_at",
            "pending_question",
            "user_reply_due_at",
            "updated_at",
        ]
    )
    event_add(
        manifestation=row,
        actor=actor,
        role=Role.OMBUDSMAN,
        action=action,
        from_status=previous,
        to_status=to,
        note=text,
        data={"answer": str(answer.pk), "on_time": on_time, "archive_reason": archive_reason},
    )
    audit(
        actor=actor,
        action="ombudsman.manifestation."
        + ("answer" if kind == ManifestationAnswer.Kind.ANSWER else "archive"),
        manifestation=row,
        changes={
            "status": to,
            "cycle": row.cycle,
            "on_time": on_time,
            "archive_reason": archive_reason,
            "document": str(document.pk),
        },
    )
    return answer


def manifestation_answer(*, actor, manifestation: Manifestation, text: str) -> ManifestationAnswer:
    """The conclusive answer (art. 12 IV-V): the author is informed; the cycle ends."""
    text = clean_text(text, field="text", label=_("Resposta"))
    with transaction.atomic():
        row = _handled_by(actor, manifestation)
        answer = _conclude(
            actor=actor, row=row, action="answered", kind=ManifestationAnswer.Kind.ANSWER, text=text
        )
        notify_author(
            manifestation=row,
            title=_("Sua manifestação %(protocol)s foi respondida") % {"protocol": row.protocol},
            body=_(
                "Leia a resposta da ouvidoria e diga se o problema foi resolvido. Se não "
                "concordar, você pode reabrir a manifestação em até 30 dias."
            ),
        )
    return answer


def manifestation_archive(
    *, actor, manifestation: Manifestation, reason: str, text: str
) -> ManifestationAnswer:
    """Close without an answer on the merits, for one of the `ArchiveReason`s, telling the author why."""
    if reason not in ArchiveReason.values:
        raise ValidationError({"reason": _("Escolha o motivo do arquivamento.")})
    text = clean_text(text, field="text", label=_("Explicação ao usuário"))
    with transaction.atomic():
        row = _handled_by(actor, manifestation)
        if reason == ArchiveReason.NO_REPLY and not (
            row.status == Status.AWAITING_USER
            and row.user_reply_due_at is not None
            and row.user_reply_due_at < timezone.now()
        ):
            raise TransitionNotAllowed(
                {
                    "reason": _(
                        "Só se arquiva por falta de resposta depois de vencido o prazo dado ao usuário."
                    )
                }
            )
        answer = _conclude(
            actor=actor,
            row=row,
            action="archived",
            kind=ManifestationAnswer.Kind.ARCHIVE,
            text=text,
            archive_reason=reason,
        )
        notify_author(
            manifestation=row,
            title=_("Manifestação %(protocol)s arquivada") % {"protocol": row.protocol},
            body=_("Motivo: %(reason)s. Se discordar, você pode reabri-la em até 30 dias.")
            % {"reason": ArchiveReason(reason).label},
        )
    return answer


def manifestation_reroute(*, actor, manifestation: Manifestation, agency, reason: str) -> Manifestation:
    """Send it to the ouvidoria of the agency competent for it (or, from the Ouvidoria-Geral's
    triage, give it its agency). The answer clock keeps running from the first receipt: the
    author never waits longer because the state routed it internally (ADR 0030)."""
    reason = clean_text(reason, field="reason", label=_("Motivo"), max_length=2000)
    if agency is None or not agency.is_active:
        raise ValidationError({"agency": _("Escolha um órgão ativo.")})
    with transaction.atomic():
        row = _handled_by(actor, manifestation)
        to = transition_check(row, "rerouted")
        if row.agency_id == agency.pk:
            raise ValidationError({"agency": _("A manifestação já está com este órgão.")})
        previous_status, previous_agency = row.status, row.agency_id
        row.status = to
        row.agency = agency
        if row.service_id and row.service.agency_id != agency.pk:
            row.service = None
        row.save(update_fields=["status", "agency", "service", "updated_at"])
        data = {"from_agency": str(previous_agency) if previous_agency else None, "to_agency": str(agency.pk)}
        event_add(
            manifestation=row,
            actor=actor,
            role=Role.OMBUDSMAN,
            action="rerouted",
            from_status=previous_status,
            to_status=to,
            note=reason,
            data={**data, "agency_name": agency.name},
        )
        audit(actor=actor, action="ombudsman.manifestation.reroute", manifestation=row, changes=data)
        notify_author(
            manifestation=row,
            title=_("Manifestação %(protocol)s encaminhada a outro órgão") % {"protocol": row.protocol},
            body=_(
                "A ouvidoria de %(agency)s vai tratar sua manifestação. O prazo de resposta continua o mesmo."
            )
            % {"agency": agency.name},
        )
    return row


def measure_record(*, actor, manifestation: Manifestation, kind: str, description: str) -> AdoptedMeasure:
    """A measure the agency adopted because of the manifestação (art. 15 II), for the yearly
    report. The description is published there: no personal data."""
    if kind not in AdoptedMeasure.Kind.values:
        raise ValidationError({"kind": _("Escolha o tipo de providência.")})
    description = clean_text(
        description, field="description", label=_("Descrição da providência"), max_length=1000
    )
    with transaction.atomic():
        row = _handled_by(actor, manifestation)
        transition_check(row, "measure_recorded")
        # published in the yearly report: the author's name (and any CPF, e-mail or phone) typed
        # by mistake is masked before it is kept
        from .forwarding import author_names

        description = pseudonymise(description, names=author_names(row))
        measure = AdoptedMeasure.objects.create(
            manifestation=row, agency=row.agency, kind=kind, description=description, recorded_by=actor
        )
        event_add(
            manifestation=row,
            actor=actor,
            role=Role.OMBUDSMAN,
            action="measure_recorded",
            note=description,
            visible=False,
            data={"measure": str(measure.pk), "kind": kind},
        )
        audit(
            actor=actor,
            action="ombudsman.measure.record",
            manifestation=row,
            changes={"measure": str(measure.pk), "kind": kind},
        )
    return measure
