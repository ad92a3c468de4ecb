"""The yearly Plano de Implementação de Serviços Públicos (Resolução 002/2021/NGD art. 2 §§1-3):

    aberto --close (after the deadline, or early)--> em_analise --approve--> aprovado

- the Núcleo opens a cycle for a year (nomination deadline GOVERNANCE_NOMINATION_DAYS days after
  the opening unless chosen, editable until it passes), decides each nomination while the cycle
  is em_analise, and approves the plan once every nomination is decided: each approved
  nomination then gets its digitisation track (services.plan_tracks);
- an agency's gestor nominates up to `max_per_agency` published services of the agency's own
  Carta, ranked 1..max, each with a justification, edits or withdraws them, while nominations are
  open and the deadline has not passed.

Every write locks the cycle row first (select_for_update), so the cap, the ranks and the state
checks hold when several gestores or Núcleo members act at once; the database's unique
constraints are the last line. Every change is audited (ids, states and counts only).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record
from plataforma.identity.models import AgencyRole, User
from plataforma.notifications.services import notification_send

from ..models import Nomination, PlanCycle, Track
from ..models.plan import DEFAULT_MAX_PER_AGENCY, TEXT_MAX
from ..permissions import check_nucleo

MIN_YEAR, MAX_YEAR = 2021, 2100
MAX_AGENCY_CAP = 20
MAX_DEADLINE_AHEAD = timedelta(days=366)
MAX_NOTIFIED_GESTORES = 50


def local_when(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y às %H:%M")


def clean_text(value: str | None) -> str:
    return (value or "").replace("\r\n", "\n").strip()


def check_text(errors: dict, field: str, value: str, *, required: str = "") -> None:
    if required and not value:
        errors[field] = required
    elif len(value) > TEXT_MAX:
        errors[field] = _("Use no máximo %(n)s caracteres.") % {"n": "3.000"}


def _check_cycle_settings(errors: dict, *, deadline, max_per_agency, guidance: str, now) -> None:
    if deadline is None or timezone.is_naive(deadline):
        errors["nomination_deadline"] = _("Informe a data e a hora do prazo.")
    elif deadline <= now:
        errors["nomination_deadline"] = _("O prazo para indicações precisa estar no futuro.")
    elif deadline - now > MAX_DEADLINE_AHEAD:
        errors["nomination_deadline"] = _("O prazo para indicações pode ser de no máximo um ano.")
    if not isinstance(max_per_agency, int) or not 1 <= max_per_agency <= MAX_AGENCY_CAP:
        errors["max_per_agency"] = _("Informe um número de 1 a %(n)d.") % {"n": MAX_AGENCY_CAP}
    check_text(errors, "guidance", guidance)


def locked_cycle(cycle: PlanCycle) -> PlanCycle:
    return PlanCycle.objects.select_for_update().get(pk=cycle.pk)


def _state_error(cycle: PlanCycle) -> ValidationError:
    return ValidationError(
        _("Não é possível fazer isso com o plano na situação “%(state)s”.")
        % {"state": cycle.get_status_display()}
    )


# --- the Núcleo: cycles ----------------------------------------------------------------------------


def cycle_open(
    *,
    actor,
    year: int,
    nomination_deadline: datetime | None = None,
    max_per_agency: int = DEFAULT_MAX_PER_AGENCY,
    guidance: str = "",
) -> PlanCycle:
    """Open the plan of `year`: agencies may nominate until the deadline (by default
    settings.GOVERNANCE_NOMINATION_DAYS days from now)."""
    check_nucleo(actor)
    now = timezone.now()
    deadline = nomination_deadline or now + timedelta(days=settings.GOVERNANCE_NOMINATION_DAYS)
    guidance = clean_text(guidance)
    errors: dict[str, str] = {}
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        errors["year"] = _("Informe um ano de %(a)d a %(b)d.") % {"a": MIN_YEAR, "b": MAX_YEAR}
    _check_cycle_settings(
        errors, deadline=deadline, max_per_agency=max_per_agency, guidance=guidance, now=now
    )
    if errors:
        raise ValidationError(errors)
    taken = ValidationError({"year": _("Já existe um plano para %(year)d.") % {"year": year}})
    with transaction.atomic():
        if PlanCycle.objects.filter(year=year).exists():
            raise taken
        try:
            with transaction.atomic():
                cycle = PlanCycle.objects.create(
                    year=year,
                    opened_at=now,
                    nomination_deadline=deadline,
                    max_per_agency=max_per_agency,
                    guidance=guidance,
                    opened_by=actor,
                )
        except IntegrityError as exc:
            raise taken from exc
        audit_record(
            actor=actor,
            action="governance.cycle.open",
            target=cycle,
            changes={"year": year, "max_per_agency": max_per_agency, "deadline": deadline.isoformat()},
        )
    return cycle


def cycle_update(
    *, actor, cycle: PlanCycle, nomination_deadline: datetime, max_per_agency: int, guidance: str
) -> PlanCycle:
    """Change the deadline, the cap or the guidance while nominations are open and the current
    deadline has not passed. The cap cannot go below what an agency already nominated."""
    check_nucleo(actor)
    now = timezone.now()
    guidance = clean_text(guidance)
    errors: dict[str, str] = {}
    _check_cycle_settings(
        errors, deadline=nomination_deadline, max_per_agency=max_per_agency, guidance=guidance, now=now
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = locked_cycle(cycle)
        if not locked.nominations_open(now):
            raise ValidationError(
                _("O prazo para indicações já terminou: o plano não pode mais ser alterado.")
            )
        # ranks are distinct within an agency and start at 1: the highest one bounds the count too
        highest = max(
            locked.nominations.exclude(status=Nomination.Status.WITHDRAWN).values_list("rank", flat=True),
            default=0,
        )
        if max_per_agency < highest:
            raise ValidationError(
                {
                    "max_per_agency": _(
                        "Um órgão já usou a prioridade %(n)d. O máximo não pode ser menor do que isso."
                    )
                    % {"n": highest}
                }
            )
        before = {"deadline": locked.nomination_deadline.isoformat(), "max": locked.max_per_agency}
        locked.nomination_deadline = nomination_deadline
        locked.max_per_agency = max_per_agency
        locked.guidance = guidance
        locked.save(update_fields=["nomination_deadline", "max_per_agency", "guidance", "updated_at"])
        audit_record(
            actor=actor,
            action="governance.cycle.update",
            target=locked,
            changes={
                "deadline": [before["deadline"], nomination_deadline.isoformat()],
                "max_per_agency": [before["max"], max_per_agency],
            },
        )
    return locked


def cycle_close_nominations(*, actor, cycle: PlanCycle) -> PlanCycle:
    """aberto → em_analise: no more nominations; the Núcleo decides each one. Allowed after the
    deadline, or before it (closing early)."""
    check_nucleo(actor)
    with transaction.atomic():
        locked = locked_cycle(cycle)
        if locked.status != PlanCycle.Status.OPEN:
            raise _state_error(locked)
        early = timezone.now() < locked.nomination_deadline
        locked.status = PlanCycle.Status.REVIEW
        locked.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="governance.cycle.close_nominations",
            target=locked,
            changes={"status": locked.status, "early": early},
        )
    return locked


def nomination_decide(*, actor, nomination: Nomination, approve: bool, note: str) -> Nomination:
    """The Núcleo approves or declines a nomination (declining needs a reason). A decision can be
    changed until the plan is approved."""
    check_nucleo(actor)
    note = clean_text(note)
    errors: dict[str, str] = {}
    check_text(
        errors,
        "note",
        note,
        required="" if approve else _("Explique ao órgão por que o serviço não entra no plano."),
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        cycle = locked_cycle(nomination.cycle)
        locked = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if cycle.status != PlanCycle.Status.REVIEW:
            raise ValidationError(
                _(
                    "As indicações são decididas depois que o Núcleo encerra as indicações "
                    "e antes de aprovar o plano."
                )
            )
        if locked.status == Nomination.Status.WITHDRAWN:
            raise ValidationError(_("Esta indicação foi retirada pelo órgão."))
        before = locked.status
        locked.status = Nomination.Status.APPROVED if approve else Nomination.Status.DECLINED
        locked.decided_at = timezone.now()
        locked.decided_by = actor
        locked.decision_note = note
        locked.save(update_fields=["status", "decided_at", "decided_by", "decision_note", "updated_at"])
        audit_record(
            actor=actor,
            action="governance.nomination.decide",
            target=locked,
            changes={"status": [before, locked.status]},
        )
    return locked


def cycle_approve(*, actor, cycle: PlanCycle, note: str) -> PlanCycle:
    """em_analise → aprovado, once every nomination not withdrawn is decided: each approved one
    gets its track (stage diagnóstico). The agencies' gestores are told."""
    check_nucleo(actor)
    note = clean_text(note)
    errors: dict[str, str] = {}
    check_text(errors, "note", note, required=_("Registre a deliberação do Núcleo que aprovou o plano."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = locked_cycle(cycle)
        if locked.status != PlanCycle.Status.REVIEW:
            raise _state_error(locked)
        pending = locked.nominations.filter(status=Nomination.Status.NOMINATED).count()
        if pending:
            raise ValidationError(
                _("Ainda há %(n)d indicação(ões) sem decisão. Decida todas antes de aprovar o plano.")
                % {"n": pending}
            )
        approved = list(
            locked.nominations.filter(status=Nomination.Status.APPROVED).select_related("service")
        )
        now = timezone.now()
        locked.status = PlanCycle.Status.APPROVED
        locked.approved_at = now
        locked.approved_by = actor
        locked.approval_note = note
        locked.save(update_fields=["status", "approved_at", "approved_by", "approval_note", "updated_at"])
        for nomination in approved:
            track = Track.objects.create(nomination=nomination)
            audit_record(
                actor=actor,
                action="governance.track.create",
                target=track,
                changes={"nomination": str(nomination.pk), "stage": track.stage},
            )
        audit_record(
            actor=actor,
            action="governance.cycle.approve",
            target=locked,
            changes={"status": locked.status, "tracks": len(approved)},
        )
        url = reverse("governance:plan_cycle", args=[locked.pk])
        for agency_id in {
            n.agency_id for n in locked.nominations.exclude(status=Nomination.Status.WITHDRAWN)
        }:
            notify_gestores(
                agency_id=agency_id,
                title=_("Plano de serviços prioritários %(year)d aprovado") % {"year": locked.year},
                body=_(
                    "O Núcleo de Governança Digital aprovou o plano de %(year)d. Veja quais serviços "
                    "do seu órgão entraram e mantenha as trilhas de digitalização em dia."
                )
                % {"year": locked.year},
                url=url,
            )
    return locked


# --- notifications ---------------------------------------------------------------------------------


def notify_gestores(*, agency_id, title: str, body: str, url: str = "") -> int:
    """An in-platform notification (and e-mail when chosen) to each active gestor of the agency,
    inside the caller's transaction. Returns how many were sent."""
    gestores = (
        User.objects.filter(
            is_active=True,
            agency_roles__agency_id=agency_id,
            agency_roles__role=AgencyRole.Role.MANAGER,
            agency_roles__revoked_at__isnull=True,
        )
        .distinct()
        .order_by("pk")[:MAX_NOTIFIED_GESTORES]
    )
    count = 0
    for user in gestores:
        notification_send(user=user, title=title, body=body, url=url, category="geral")
        count += 1
    return count
