"""What the author does after lodging (Lei 13.460 arts. 12 V and 23): reply to a request for
information, rate the answer, reopen within the window, give or withdraw consent to share their
identity with the responsible area.

The author is either the MT Login account behind the manifestação (`actor`), or — for an
anonymous manifestação or one registered at a desk for a person without an account — whoever
proved the access code (`by_code=True`, set only by the views and API after checking it)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..deadlines import MAX_REOPENINGS, REOPEN_WINDOW_DAYS, answer_deadline, reopen_until, resumed_deadline
from ..models import AnswerRating, Manifestation, ManifestationAnswer, Status
from ..transitions import TransitionNotAllowed, transition_check
from .common import Role, audit, clean_text, event_add
from .handling import locked


def is_author(*, actor, manifestation: Manifestation, by_code: bool) -> bool:
    if manifestation.requester_id is not None:
        return (
            actor is not None
            and getattr(actor, "is_authenticated", False)
            and actor.pk == manifestation.requester_id
        )
    return by_code


def _as_author(*, actor, manifestation: Manifestation, by_code: bool) -> Manifestation:
    row = locked(manifestation)
    if not is_author(actor=actor, manifestation=row, by_code=by_code):
        raise PermissionDenied(_("Só quem registrou a manifestação pode fazer isso."))
    return row


def _actor(actor, row: Manifestation):
    return actor if row.requester_id is not None else None


def manifestation_reply(
    *, actor, manifestation: Manifestation, text: str, by_code: bool = False
) -> Manifestation:
    """The author's reply to the ouvidoria's request for information: aguardando_usuario → em
    análise; a suspended clock resumes and the deadline moves by the whole days waited."""
    text = clean_text(text, field="text", label=_("Resposta"))
    with transaction.atomic():
        row = _as_author(actor=actor, manifestation=manifestation, by_code=by_code)
        to = transition_check(row, "user_replied")
        now = timezone.now()
        previous_due = row.answer_due_at
        if row.clock_paused_at is not None:
            row.answer_due_at = resumed_deadline(previous_due, paused_at=row.clock_paused_at, resumed_at=now)
            row.clock_paused_at = None
            row.due_soon_notified_at = None
            row.overdue_notified_at = None
        previous, row.status = row.status, to
        row.pending_question = ""
        row.user_reply_due_at = None
        row.save(
            update_fields=[
                "status",
                "answer_due_at",
                "clock_paused_at",
                "due_soon_notified_at",
                "overdue_notified_at",
                "pending_question",
                "user_reply_due_at",
                "updated_at",
            ]
        )
        event_add(
            manifestation=row,
            actor=_actor(actor, row),
            role=Role.USER,
            action="user_replied",
            from_status=previous,
            to_status=to,
            note=text,
        )
        audit(
            actor=_actor(actor, row),
            action="ombudsman.manifestation.reply",
            manifestation=row,
            by_author=True,
            changes={
                "status": to,
                "answer_due_at": [previous_due.isoformat(), row.answer_due_at.isoformat()],
            },
        )
    return row


def manifestation_rate(
    *,
    actor,
    manifestation: Manifestation,
    resolved: bool,
    satisfaction: int,
    comment: str = "",
    by_code: bool = False,
) -> AnswerRating:
    """Rate the answer of the current cycle once: resolved or not, satisfaction 1 to 5 and an
    optional comment (Lei 13.460 art. 23)."""
    if not isinstance(resolved, bool):
        raise ValidationError({"resolved": _("Diga se a manifestação foi resolvida.")})
    if isinstance(satisfaction, bool) or not isinstance(satisfaction, int) or not 1 <= satisfaction <= 5:
        raise ValidationError({"satisfaction": _("Escolha uma nota de 1 a 5.")})
    comment = clean_text(comment, field="comment", label=_("Comentário"), max_length=1000, required=False)
    try:
        with transaction.atomic():
            row = _as_author(actor=actor, manifestation=manifestation, by_code=by_code)
            transition_check(row, "rated")
            if not ManifestationAnswer.objects.filter(manifestation=row, cycle=row.cycle).exists():
                raise TransitionNotAllowed({"satisfaction": _("Ainda não há resposta para avaliar.")})
            if AnswerRating.objects.filter(manifestation=row, cycle=row.cycle).exists():
                raise TransitionNotAllowed({"satisfaction": _("Você já avaliou esta resposta.")})
            rating = AnswerRating.objects.create(
                manifestation=row,
                cycle=row.cycle,
                resolved=resolved,
                satisfaction=satisfaction,
                comment=comment,
            )
            event_add(
                manifestation=row,
                actor=_actor(actor, row),
                role=Role.USER,
                action="rated",
                data={"resolved": resolved, "satisfaction": satisfaction},
            )
            audit(
                actor=_actor(actor, row),
                action="ombudsman.answer.rate",
                manifestation=row,
                by_author=True,
                changes={"cycle": row.cycle, "satisfaction": satisfaction, "resolved": resolved},
            )
    except IntegrityError:
        raise TransitionNotAllowed({"satisfaction": _("Você já avaliou esta resposta.")}) from None
    return rating


def reopen_deadline(manifestation: Manifestation):
    """Until when the author may reopen it (None when it is not closed)."""
    if manifestation.concluded_at is None or manifestation.status not in (Status.CONCLUDED, Status.ARCHIVED):
        return None
    return reopen_until(manifestation.concluded_at)


def can_reopen(manifestation: Manifestation, now=None) -> bool:
    until = reopen_deadline(manifestation)
    return (
        until is not None and (now or timezone.now()) <= until and manifestation.reopen_count < MAX_REOPENINGS
    )


def manifestation_reopen(
    *, actor, manifestation: Manifestation, reason: str, by_code: bool = False
) -> Manifestation:
    """Reopen an answered or archived manifestação within 30 days, at most twice (ADR 0030): a new
    cycle starts with its own 30-day deadline and its own single extension; reopenings are
    counted in the yearly report."""
    reason = clean_text(reason, field="reason", label=_("Motivo da reabertura"))
    with transaction.atomic():
        row = _as_author(actor=actor, manifestation=manifestation, by_code=by_code)
        to = transition_check(row, "reopened")
        now = timezone.now()
        if row.reopen_count >= MAX_REOPENINGS:
            raise TransitionNotAllowed(
                {
                    "reason": _(
                        "Esta manifestação já foi reaberta %(n)s vezes. Registre uma nova "
                        "manifestação ou procure a Ouvidoria-Geral do Estado."
                    )
                    % {"n": MAX_REOPENINGS}
                }
            )
        if not can_reopen(row, now):
            raise TransitionNotAllowed(
                {
                    "reason": _(
                        "O prazo de %(days)s dias para reabrir terminou. Registre uma nova manifestação."
                    )
                    % {"days": REOPEN_WINDOW_DAYS}
                }
            )
        previous = row.status
        row.status = to
        row.cycle += 1
        row.reopen_count += 1
        row.reopened_at = now
        row.concluded_at = None
        row.concluded_on_time = None
        row.archive_reason = ""
        row.answer_due_at = answer_deadline(now)
        row.answer_extended_at = None
        row.answer_extension_reason = ""
        row.clock_suspension_used = False
        row.due_soon_notified_at = None
        row.overdue_notified_at = None
        row.save()
        event_add(
            manifestation=row,
            actor=_actor(actor, row),
            role=Role.USER,
            action="reopened",
            from_status=previous,
            to_status=to,
            note=reason,
            data={"cycle": row.cycle},
        )
        audit(
            actor=_actor(actor, row),
            action="ombudsman.manifestation.reopen",
            manifestation=row,
            by_author=True,
            changes={"status": to, "cycle": row.cycle},
        )
    return row


def identity_consent_set(*, actor, manifestation: Manifestation, consent: bool) -> Manifestation:
    """The author allows (or stops allowing) the ouvidoria to tell the responsible area who they
    are (Lei 13.460 art. 10 §7). Only for identified manifestações, by the account holder, in any
    status. Withdrawing hides the identity from the areas from then on (selectors.staff); it cannot
    undo what an area already read."""
    with transaction.atomic():
        row = _as_author(actor=actor, manifestation=manifestation, by_code=False)
        if row.is_anonymous:
            raise ValidationError(_("Uma manifestação anônima não tem identidade a compartilhar."))
        given = row.identity_consent_at is not None
        if given == bool(consent):
            return row
        row.identity_consent_at = timezone.now() if consent else None
        row.save(update_fields=["identity_consent_at", "updated_at"])
        action = "consent_given" if consent else "consent_withdrawn"
        event_add(manifestation=row, actor=actor, role=Role.USER, action=action)
        audit(
            actor=actor,
            action=f"ombudsman.identity.{action}",
            manifestation=row,
            by_author=True,
            changes={"consent": bool(consent)},
        )
    return row
