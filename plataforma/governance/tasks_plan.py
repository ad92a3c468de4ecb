"""Daily job of the plan (Celery beat; the schedule is in settings.CELERY_BEAT_SCHEDULE):
`flag_late_milestones` tells each agency's gestores which milestones of its digitisation tracks
became late (not done and past their date), in one notification per agency and run.

Each milestone is announced once per due date: the announcement is written to the audit trail
(action governance.milestone.late_notified, with the due date), and a milestone whose audit row
exists for its current due date is skipped; moving the date and missing it again announces it
again. Rows are read in bounded batches, locked with SKIP LOCKED, so two workers never announce
the same milestone twice.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from celery import shared_task
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record
from plataforma.common.models import AuditEvent

from .models import Milestone
from .selectors.plan import newly_late_milestones
from .services.plan import notify_gestores

NOTIFIED = "governance.milestone.late_notified"
BATCH_SIZE = 200
MAX_BATCHES = 50
TITLES_SHOWN = 10


def _already_notified(batch: list[Milestone]) -> set[tuple[str, str]]:
    rows = AuditEvent.objects.filter(
        action=NOTIFIED,
        target_type=Milestone._meta.label_lower,
        target_id__in=[str(m.pk) for m in batch],
    ).values_list("target_id", "changes")
    return {(target_id, (changes or {}).get("due_on", "")) for target_id, changes in rows}


def _announce(agency_id, milestones: list[Milestone]) -> None:
    titles = "; ".join(
        f"{m.title} ({m.track.nomination.service.name}, {m.due_on:%d/%m/%Y})"
        for m in milestones[:TITLES_SHOWN]
    )
    more = len(milestones) - TITLES_SHOWN
    body = _(
        "Estes marcos das trilhas de digitalização do seu órgão passaram da data prevista: %(list)s."
    ) % {"list": titles}
    if more > 0:
        body += " " + _("E mais %(n)d.") % {"n": more}
    body += " " + _("Conclua-os ou atualize a data e conte o motivo numa atualização da trilha.")
    url = (
        reverse("governance:plan_track", args=[milestones[0].track_id])
        if len({m.track_id for m in milestones}) == 1
        else reverse("governance:plan_tracks")
    )
    notify_gestores(
        agency_id=agency_id,
        title=_("%(n)d marco(s) atrasado(s) no plano de serviços prioritários") % {"n": len(milestones)},
        body=body,
        url=url,
    )


def notify_late_milestones(today: date | None = None) -> int:
    """Announce the milestones that became late; returns how many were announced."""
    today = today or timezone.localdate()
    announced = 0
    last_pk = None
    for _batch_number in range(MAX_BATCHES):
        with transaction.atomic():
            qs = newly_late_milestones(today).order_by("pk")
            if last_pk is not None:
                qs = qs.filter(pk__gt=last_pk)
            batch = list(
                qs.select_for_update(skip_locked=True, of=("self",)).select_related(
                    "track__nomination__service"
                )[:BATCH_SIZE]
            )
            if not batch:
                break
            last_pk = batch[-1].pk
            done = _already_notified(batch)
            by_agency: dict = defaultdict(list)
            for milestone in batch:
                if (str(milestone.pk), milestone.due_on.isoformat()) in done:
                    continue
                by_agency[milestone.track.nomination.agency_id].append(milestone)
                audit_record(
                    actor=None,
                    action=NOTIFIED,
                    target=milestone,
                    changes={"due_on": milestone.due_on.isoformat(), "track": str(milestone.track_id)},
                )
                announced += 1
            for agency_id, milestones in by_agency.items():
                _announce(agency_id, milestones)
        if len(batch) < BATCH_SIZE:
            break
    return announced


@shared_task(name="plataforma.governance.tasks_plan.flag_late_milestones")
def flag_late_milestones() -> int:
    """Daily: tell the agencies' gestores about milestones that became late (once each)."""
    return notify_late_milestones()
