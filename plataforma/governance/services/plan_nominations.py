"""The agency's gestor's side of the plan (Resolução 002/2021/NGD art. 2): nominate up to the
cycle's `max_per_agency` published services of the agency's own Carta, ranked 1..max, each with a
justification; change the rank or the justification; withdraw (which frees the rank and the
service). Only while the cycle's nominations are open and the deadline has not passed.

Every write locks the cycle row first (select_for_update), so the cap and the ranks hold when
several gestores nominate at once; the database's unique constraints are the last line.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.catalog.models import Agency, Service
from plataforma.common.audit import audit_record

from ..models import Nomination, PlanCycle
from ..permissions import check_agency_manager
from .plan import check_text, clean_text, local_when, locked_cycle


def check_nominations_open(cycle: PlanCycle) -> None:
    """Raise the reason (in Portuguese) why the cycle takes no nominations now, if it does not."""
    if cycle.status != PlanCycle.Status.OPEN:
        raise ValidationError(_("As indicações do plano %(year)d estão encerradas.") % {"year": cycle.year})
    if timezone.now() > cycle.nomination_deadline:
        raise ValidationError(
            _("O prazo para indicar serviços ao plano %(year)d terminou em %(when)s.")
            % {"year": cycle.year, "when": local_when(cycle.nomination_deadline)}
        )


def _check_nomination_fields(errors: dict, *, rank, justification: str, cycle: PlanCycle) -> None:
    if not isinstance(rank, int) or not 1 <= rank <= cycle.max_per_agency:
        errors["rank"] = _("Escolha uma prioridade de 1 a %(n)d.") % {"n": cycle.max_per_agency}
    check_text(
        errors,
        "justification",
        justification,
        required=_("Explique por que este serviço deve ser prioridade (quem usa, quanto, o que melhora)."),
    )


def _rank_taken(rank: int) -> ValidationError:
    return ValidationError(
        {"rank": _("A prioridade %(rank)d já é de outro serviço do órgão. Escolha outra.") % {"rank": rank}}
    )


def _active(cycle: PlanCycle, agency_id):
    return Nomination.objects.filter(cycle=cycle, agency_id=agency_id).exclude(
        status=Nomination.Status.WITHDRAWN
    )


def nomination_create(
    *, actor, cycle: PlanCycle, agency: Agency, service: Service, rank: int, justification: str
) -> Nomination:
    """Nominate one of the agency's published services, within the cap and the deadline."""
    check_agency_manager(actor, agency.pk)
    justification = clean_text(justification)
    with transaction.atomic():
        locked = locked_cycle(cycle)
        check_nominations_open(locked)
        errors: dict[str, str] = {}
        if not Service.objects.filter(pk=service.pk, agency_id=agency.pk, is_published=True).exists():
            errors["service"] = _("Escolha um serviço publicado na Carta de Serviços do seu órgão.")
        _check_nomination_fields(errors, rank=rank, justification=justification, cycle=locked)
        if errors:
            raise ValidationError(errors)
        active = _active(locked, agency.pk)
        if active.count() >= locked.max_per_agency:
            raise ValidationError(
                _(
                    "O órgão já indicou %(n)d serviços, o máximo deste plano. "
                    "Retire uma indicação para indicar outro serviço."
                )
                % {"n": locked.max_per_agency}
            )
        if active.filter(rank=rank).exists():
            raise _rank_taken(rank)
        if (
            Nomination.objects.filter(cycle=locked, service_id=service.pk)
            .exclude(status=Nomination.Status.WITHDRAWN)
            .exists()
        ):
            raise ValidationError({"service": _("Este serviço já foi indicado neste plano.")})
        try:
            with transaction.atomic():
                nomination = Nomination.objects.create(
                    cycle=locked,
                    agency=agency,
                    service_id=service.pk,
                    rank=rank,
                    justification=justification,
                    nominated_by=actor,
                )
        except IntegrityError as exc:  # another nomination saved at the same moment
            raise ValidationError(
                _(
                    "Outra indicação com esta prioridade ou este serviço foi salva ao mesmo tempo. "
                    "Confira as indicações do órgão e tente de novo."
                )
            ) from exc
        audit_record(
            actor=actor,
            action="governance.nomination.create",
            target=nomination,
            changes={"service": str(service.pk), "rank": rank},
        )
    return nomination


def _locked_nomination(nomination: Nomination) -> tuple[PlanCycle, Nomination]:
    cycle = locked_cycle(nomination.cycle)
    check_nominations_open(cycle)
    locked = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if locked.status != Nomination.Status.NOMINATED:
        raise ValidationError(
            _("Esta indicação já foi %(state)s.") % {"state": locked.get_status_display().lower()}
        )
    return cycle, locked


def nomination_update(*, actor, nomination: Nomination, rank: int, justification: str) -> Nomination:
    """Change the rank or the justification of a nomination while nominations are open."""
    check_agency_manager(actor, nomination.agency_id)
    justification = clean_text(justification)
    with transaction.atomic():
        cycle, locked = _locked_nomination(nomination)
        errors: dict[str, str] = {}
        _check_nomination_fields(errors, rank=rank, justification=justification, cycle=cycle)
        if errors:
            raise ValidationError(errors)
        if _active(cycle, locked.agency_id).filter(rank=rank).exclude(pk=locked.pk).exists():
            raise _rank_taken(rank)
        before = locked.rank
        locked.rank = rank
        locked.justification = justification
        try:
            with transaction.atomic():
                locked.save(update_fields=["rank", "justification", "updated_at"])
        except IntegrityError as exc:
            raise _rank_taken(rank) from exc
        audit_record(
            actor=actor,
            action="governance.nomination.update",
            target=locked,
            changes={"rank": [before, rank]},
        )
    return locked


def nomination_withdraw(*, actor, nomination: Nomination) -> Nomination:
    """The agency takes a nomination back: its rank and its service are free again."""
    check_agency_manager(actor, nomination.agency_id)
    with transaction.atomic():
        _cycle, locked = _locked_nomination(nomination)
        locked.status = Nomination.Status.WITHDRAWN
        locked.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="governance.nomination.withdraw",
            target=locked,
            changes={"status": locked.status, "rank": locked.rank},
        )
    return locked
