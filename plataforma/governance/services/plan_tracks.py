"""The digitisation track of each priority service of an approved plan (Resolução 002/2021/NGD
art. 2 §§1-3):

- the agency's gestor keeps it: owner (a servant of the agency), budget requested, milestones with
  dates, risks, and status updates that may move the stage one step forward or back (diagnóstico →
  redesenho → desenvolvimento → homologação → publicado digital; the last only when the Carta
  says the service is digital);
- the Núcleo grants the budget (art. 2 §1: financed when needed).

Each write locks the track row, checks the actor's role and is audited (ids, stages, counts).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.catalog.models import Service
from plataforma.common.audit import audit_record
from plataforma.identity.models import AgencyRole

from ..models import Milestone, Risk, StatusUpdate, Track
from ..models.plan import TEXT_MAX, TITLE_MAX
from ..permissions import check_agency_manager, check_nucleo

MAX_AMOUNT = Decimal("999999999999.99")  # 14 digits, 2 after the comma
FIRST_DAY = date(2021, 1, 1)
LAST_DAY = date(2100, 12, 31)
RISK_MAX = 500

Stage = Track.Stage


def _text(value: str | None) -> str:
    return (value or "").replace("\r\n", "\n").strip()


def _too_long(limit: int) -> str:
    return _("Use no máximo %(n)d caracteres.") % {"n": limit}


def _locked(track: Track) -> Track:
    return Track.objects.select_for_update().select_related("nomination").get(pk=track.pk)


def _check_gestor(actor, track: Track) -> None:
    check_agency_manager(actor, track.nomination.agency_id)


def _check_amount(errors: dict, field: str, value, *, required: bool = False) -> None:
    if value is None:
        if required:
            errors[field] = _("Informe o valor em reais.")
    elif not isinstance(value, Decimal) or not value.is_finite() or value < 0 or value > MAX_AMOUNT:
        errors[field] = _("Informe um valor em reais de 0 a 999.999.999.999,99.")


def is_agency_servant(user, agency_id) -> bool:
    """Whether `user` is an active account holding an active role in the agency (owner choices)."""
    return AgencyRole.objects.filter(
        user=user, user__is_active=True, agency_id=agency_id, revoked_at__isnull=True
    ).exists()


def track_update(*, actor, track: Track, owner, budget_requested: Decimal | None) -> Track:
    """The gestor names the owner (a servant of the agency, or nobody) and the budget requested."""
    _check_gestor(actor, track)
    errors: dict[str, str] = {}
    if owner is not None and not is_agency_servant(owner, track.nomination.agency_id):
        errors["owner"] = _("Escolha uma pessoa que trabalha no órgão (com um papel ativo nele).")
    _check_amount(errors, "budget_requested", budget_requested)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked(track)
        changes = {
            "owner": [str(locked.owner_id or ""), str(owner.pk if owner else "")],
            "budget_requested": [str(locked.budget_requested or ""), str(budget_requested or "")],
        }
        locked.owner = owner
        locked.budget_requested = budget_requested
        locked.save(update_fields=["owner", "budget_requested", "updated_at"])
        audit_record(actor=actor, action="governance.track.update", target=locked, changes=changes)
    return locked


def track_grant_budget(*, actor, track: Track, budget_granted: Decimal | None, note: str) -> Track:
    """The Núcleo records the budget granted to the track and a note on the financing."""
    check_nucleo(actor)
    note = _text(note)
    errors: dict[str, str] = {}
    _check_amount(errors, "budget_granted", budget_granted, required=True)
    if len(note) > TEXT_MAX:
        errors["budget_note"] = _too_long(TEXT_MAX)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked(track)
        before = str(locked.budget_granted or "")
        locked.budget_granted = budget_granted
        locked.budget_note = note
        locked.save(update_fields=["budget_granted", "budget_note", "updated_at"])
        audit_record(
            actor=actor,
            action="governance.track.grant_budget",
            target=locked,
            changes={"budget_granted": [before, str(budget_granted)]},
        )
    return locked


# --- milestones ------------------------------------------------------------------------------------


def _check_milestone(*, title: str, stage: str, due_on, done_on) -> None:
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = _("Diga qual é o marco, por exemplo: “Formulário digital publicado”.")
    elif len(title) > TITLE_MAX:
        errors["title"] = _too_long(TITLE_MAX)
    if stage and stage not in Stage.values:
        errors["stage"] = _("Escolha uma etapa da lista.")
    if not isinstance(due_on, date):
        errors["due_on"] = _("Informe a data prevista.")
    elif not FIRST_DAY <= due_on <= LAST_DAY:
        errors["due_on"] = _("Informe uma data entre 2021 e 2100.")
    if done_on is not None:
        if not isinstance(done_on, date):
            errors["done_on"] = _("Informe a data em que o marco foi concluído.")
        elif done_on > timezone.localdate():
            errors["done_on"] = _("A data de conclusão não pode estar no futuro.")
        elif done_on < FIRST_DAY:
            errors["done_on"] = _("Informe uma data a partir de 2021.")
    if errors:
        raise ValidationError(errors)


def _milestone_changes(m: Milestone) -> dict:
    return {
        "stage": m.stage,
        "due_on": m.due_on.isoformat(),
        "done_on": m.done_on.isoformat() if m.done_on else None,
    }


def milestone_create(
    *, actor, track: Track, title: str, stage: str, due_on: date, done_on: date | None = None
) -> Milestone:
    _check_gestor(actor, track)
    title = " ".join((title or "").split())
    _check_milestone(title=title, stage=stage or "", due_on=due_on, done_on=done_on)
    with transaction.atomic():
        locked = _locked(track)
        milestone = Milestone.objects.create(
            track=locked, title=title, stage=stage or "", due_on=due_on, done_on=done_on
        )
        audit_record(
            actor=actor,
            action="governance.milestone.create",
            target=milestone,
            changes=_milestone_changes(milestone),
        )
    return milestone


def milestone_update(
    *, actor, milestone: Milestone, title: str, stage: str, due_on: date, done_on: date | None
) -> Milestone:
    _check_gestor(actor, milestone.track)
    title = " ".join((title or "").split())
    _check_milestone(title=title, stage=stage or "", due_on=due_on, done_on=done_on)
    with transaction.atomic():
        _locked(milestone.track)
        locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
        before = _milestone_changes(locked)
        locked.title, locked.stage, locked.due_on, locked.done_on = title, stage or "", due_on, done_on
        locked.save(update_fields=["title", "stage", "due_on", "done_on", "updated_at"])
        after = _milestone_changes(locked)
        audit_record(
            actor=actor,
            action="governance.milestone.update",
            target=locked,
            changes={k: [before[k], after[k]] for k in after if before[k] != after[k]},
        )
    return locked


def milestone_mark_done(*, actor, milestone: Milestone, done_on: date | None = None) -> Milestone:
    """Mark a milestone as done (today unless another past date is given)."""
    _check_gestor(actor, milestone.track)
    done_on = done_on or timezone.localdate()
    _check_milestone(title=milestone.title, stage=milestone.stage, due_on=milestone.due_on, done_on=done_on)
    with transaction.atomic():
        _locked(milestone.track)
        locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
        if locked.done_on is not None:
            raise ValidationError(_("Este marco já está concluído."))
        locked.done_on = done_on
        locked.save(update_fields=["done_on", "updated_at"])
        audit_record(
            actor=actor,
            action="governance.milestone.done",
            target=locked,
            changes={"done_on": done_on.isoformat(), "late": locked.is_late()},
        )
    return locked


# --- risks -----------------------------------------------------------------------------------------


def _check_risk(*, description: str, probability: str, impact: str, mitigation: str, status: str) -> None:
    errors: dict[str, str] = {}
    if not description:
        errors["description"] = _("Descreva o risco: o que pode dar errado.")
    elif len(description) > RISK_MAX:
        errors["description"] = _too_long(RISK_MAX)
    for name, value in (("probability", probability), ("impact", impact)):
        if value not in Risk.Level.values:
            errors[name] = _("Escolha baixo, médio ou alto.")
    if len(mitigation) > TEXT_MAX:
        errors["mitigation"] = _too_long(TEXT_MAX)
    if status not in Risk.Status.values:
        errors["status"] = _("Escolha uma situação da lista.")
    if errors:
        raise ValidationError(errors)


def risk_create(
    *,
    actor,
    track: Track,
    description: str,
    probability: str,
    impact: str,
    mitigation: str = "",
    status: str = Risk.Status.OPEN,
) -> Risk:
    _check_gestor(actor, track)
    description, mitigation = " ".join((description or "").split()), _text(mitigation)
    _check_risk(
        description=description, probability=probability, impact=impact, mitigation=mitigation, status=status
    )
    with transaction.atomic():
        locked = _locked(track)
        risk = Risk.objects.create(
            track=locked,
            description=description,
            probability=probability,
            impact=impact,
            mitigation=mitigation,
            status=status,
        )
        audit_record(
            actor=actor,
            action="governance.risk.create",
            target=risk,
            changes={"probability": probability, "impact": impact, "status": status},
        )
    return risk


def risk_update(
    *, actor, risk: Risk, description: str, probability: str, impact: str, mitigation: str, status: str
) -> Risk:
    _check_gestor(actor, risk.track)
    description, mitigation = " ".join((description or "").split()), _text(mitigation)
    _check_risk(
        description=description, probability=probability, impact=impact, mitigation=mitigation, status=status
    )
    with transaction.atomic():
        _locked(risk.track)
        locked = Risk.objects.select_for_update().get(pk=risk.pk)
        before = {"probability": locked.probability, "impact": locked.impact, "status": locked.status}
        locked.description, locked.probability, locked.impact = description, probability, impact
        locked.mitigation, locked.status = mitigation, status
        locked.save(
            update_fields=["description", "probability", "impact", "mitigation", "status", "updated_at"]
        )
        after = {"probability": probability, "impact": impact, "status": status}
        audit_record(
            actor=actor,
            action="governance.risk.update",
            target=locked,
            changes={k: [before[k], after[k]] for k in after},
        )
    return locked


# --- status updates --------------------------------------------------------------------------------


def allowed_stages(stage: str) -> list[str]:
    """The stages a status update may leave the track in: one step back, the same, one forward."""
    index = Track.STAGE_ORDER.index(stage)
    return Track.STAGE_ORDER[max(index - 1, 0) : index + 2]


def status_update_post(*, actor, track: Track, text: str, stage: str) -> StatusUpdate:
    """The agency reports on the track; the stage may move one step either way. Reaching
    publicado digital needs the service to be digital in the Carta, and dates it."""
    _check_gestor(actor, track)
    text = _text(text)
    errors: dict[str, str] = {}
    if not text:
        errors["text"] = _("Conte o que foi feito desde a última atualização e o que vem a seguir.")
    elif len(text) > TEXT_MAX:
        errors["text"] = _too_long(TEXT_MAX)
    if stage not in Stage.values:
        errors["stage"] = _("Escolha uma etapa da lista.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked(track)
        before = locked.stage
        if stage not in allowed_stages(before):
            raise ValidationError(
                {"stage": _("A etapa pode avançar ou voltar um passo por vez, ou ficar como está.")}
            )
        if stage == Stage.DIGITAL and before != Stage.DIGITAL:
            is_digital = Service.objects.filter(pk=locked.nomination.service_id, is_digital=True).exists()
            if not is_digital:
                raise ValidationError(
                    {
                        "stage": _(
                            "O serviço ainda não aparece como digital na Carta de Serviços. "
                            "Publique na Carta a versão digital (com o endereço onde é pedido) antes."
                        )
                    }
                )
            locked.digital_since = timezone.now()
        elif before == Stage.DIGITAL and stage != Stage.DIGITAL:
            locked.digital_since = None
        locked.stage = stage
        locked.save(update_fields=["stage", "digital_since", "updated_at"])
        update = StatusUpdate.objects.create(
            track=locked, author=actor, text=text, stage_before=before, stage_after=stage
        )
        audit_record(
            actor=actor,
            action="governance.track.status_update",
            target=locked,
            changes={"stage": [before, stage], "update": str(update.pk)},
        )
    return update
