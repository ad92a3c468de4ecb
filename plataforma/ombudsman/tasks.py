"""Periodic jobs of the ouvidoria (Celery beat; the schedule is in settings.CELERY_BEAT_SCHEDULE).

- `notify_deadlines` (hourly): tells the ouvidores of each agency, in one digest, which
  manifestações must be answered within 5 days and which are already overdue (the Ouvidoria-Geral
  hears of overdue ones too); tells the responsible areas which requests from the ouvidoria are
  due within 5 days. Each manifestação and forwarding is announced once per deadline (flags on
  the rows, reset when the deadline moves), so a second run sends nothing.
- `email_author`: the notice to an author registered at a desk without an MT Login account, by
  e-mail, carrying only the protocol and where to follow it — never the content.

Both work in bounded batches on partial indexes and skip rows another worker holds.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import timedelta
from urllib.parse import urlencode

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.identity.models import AgencyRole, User
from plataforma.notifications.services import notification_send

from .access import general_agency, ombudsman_recipients
from .deadlines import DUE_SOON_DAYS, soon_limit
from .models import OPEN_STATUSES, Forwarding, Manifestation, ManifestationIdentity

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
MAX_BATCHES = 25
DIGEST_PROTOCOLS = 10


def _inbox_url(agency_slug: str | None, deadline: str) -> str:
    query = {"prazo": deadline}
    if agency_slug:
        query["orgao"] = agency_slug
    return f"{reverse('ombudsman_staff:inbox')}?{urlencode(query)}"


def _mark(flag: str, condition: Q, now) -> dict:
    """Set `flag` on the open manifestações matching `condition` (batches, skip locked) and
    return {agency_id or None: [(protocol, agency_slug, agency_acronym)]}."""
    found: dict = defaultdict(list)
    for _batch_number in range(MAX_BATCHES):
        with transaction.atomic():
            batch = list(
                Manifestation.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(
                    condition,
                    status__in=OPEN_STATUSES,
                    clock_paused_at__isnull=True,
                    **{f"{flag}__isnull": True},
                )
                .select_related("agency")
                .only("id", "protocol", "agency__id", "agency__slug", "agency__acronym")
                .order_by("answer_due_at", "id")[:BATCH_SIZE]
            )
            if not batch:
                break
            Manifestation.objects.filter(pk__in=[m.pk for m in batch]).update(**{flag: now})
        for item in batch:
            agency = item.agency
            found[agency.pk if agency else None].append(
                (item.protocol, agency.slug if agency else None, agency.acronym if agency else _("sem órgão"))
            )
        if len(batch) < BATCH_SIZE:
            break
    return found


def _digest(protocols: list[str]) -> str:
    shown = ", ".join(protocols[:DIGEST_PROTOCOLS])
    more = len(protocols) - DIGEST_PROTOCOLS
    return shown + (_(" e mais %(n)d.") % {"n": more} if more > 0 else ".")


def _send(people, *, title: str, body: str, url: str) -> int:
    for person in people:
        notification_send(user=person, title=title, body=body, url=url, category="geral")
    return len(people)


def _area_people(agency_id) -> list:
    return list(
        User.objects.filter(
            is_active=True,
            agency_roles__agency_id=agency_id,
            agency_roles__role__in=[AgencyRole.Role.ANALYST, AgencyRole.Role.MANAGER],
            agency_roles__revoked_at__isnull=True,
        )
        .distinct()
        .order_by("id")[:200]
    )


@shared_task
def notify_deadlines() -> dict:
    """Digest of deadlines about to expire and expired, to the ouvidores (and the areas).
    Returns how many manifestações and forwardings were announced."""
    now = timezone.now()
    soon = _mark("due_soon_notified_at", Q(answer_due_at__gte=now, answer_due_at__lte=soon_limit(now)), now)
    late = _mark("overdue_notified_at", Q(answer_due_at__lt=now), now)
    with transaction.atomic():
        for agency_id, rows in soon.items():
            protocols = [p for p, _slug, _acr in rows]
            slug, acronym = rows[0][1], rows[0][2]
            _send(
                ombudsman_recipients(agency_id),
                title=_("%(agency)s: %(n)d manifestação(ões) vencem em até %(days)d dias")
                % {"agency": acronym, "n": len(protocols), "days": DUE_SOON_DAYS},
                body=_("Responda ou, se preciso, prorrogue com justificativa: %(list)s")
                % {"list": _digest(protocols)},
                url=_inbox_url(slug, "em_breve"),
            )
        general = general_agency()
        for agency_id, rows in late.items():
            protocols = [p for p, _slug, _acr in rows]
            slug, acronym = rows[0][1], rows[0][2]
            recipients = ombudsman_recipients(agency_id)
            _send(
                recipients,
                title=_("%(agency)s: %(n)d manifestação(ões) com prazo vencido")
                % {"agency": acronym, "n": len(protocols)},
                body=_("O prazo de resposta da Lei 13.460 (art. 16) venceu: %(list)s")
                % {"list": _digest(protocols)},
                url=_inbox_url(slug, "vencidas"),
            )
        others = [
            p
            for agency_id, rows in late.items()
            if general is None or agency_id != general.pk
            for p, _s, _a in rows
        ]
        if others and general is not None:
            _send(
                ombudsman_recipients(general.pk),
                title=_("Ouvidoria-Geral: %(n)d manifestação(ões) de outros órgãos passaram do prazo")
                % {"n": len(others)},
                body=_("Com prazo de resposta vencido: %(list)s") % {"list": _digest(others)},
                url=_inbox_url(None, "vencidas"),
            )
    areas = _remind_areas(now)
    total = {
        "due_soon": sum(len(r) for r in soon.values()),
        "overdue": sum(len(r) for r in late.values()),
        "forwardings": areas,
    }
    if any(total.values()):
        logger.info("ombudsman deadline notices: %s", total)
    return total


def _remind_areas(now) -> int:
    limit = now + timedelta(days=DUE_SOON_DAYS)
    by_agency: dict = defaultdict(int)
    for _batch_number in range(MAX_BATCHES):
        with transaction.atomic():
            batch = list(
                Forwarding.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(status=Forwarding.Status.OPEN, due_at__lte=limit, reminded_at__isnull=True)
                .only("id", "agency_id")
                .order_by("due_at", "id")[:BATCH_SIZE]
            )
            if not batch:
                break
            Forwarding.objects.filter(pk__in=[f.pk for f in batch]).update(reminded_at=now)
        for forwarding in batch:
            by_agency[forwarding.agency_id] += 1
        if len(batch) < BATCH_SIZE:
            break
    with transaction.atomic():
        for agency_id, count in by_agency.items():
            _send(
                _area_people(agency_id),
                title=_("%(n)d pedido(s) da ouvidoria vencem em breve") % {"n": count},
                body=_(
                    "A ouvidoria espera a resposta da área em até %(days)d dias (Lei 13.460, art. "
                    "16, parágrafo único)."
                )
                % {"days": DUE_SOON_DAYS},
                url=reverse("ombudsman_staff:area_list"),
            )
    return sum(by_agency.values())


@shared_task
def email_author(*, manifestation_id: str, title: str) -> bool:
    """E-mail an author without an MT Login account who left an address at the desk: only the
    protocol and where to follow it (the content stays on the platform)."""
    identity = (
        ManifestationIdentity.objects.select_related("manifestation")
        .filter(manifestation_id=manifestation_id, manifestation__requester__isnull=True)
        .exclude(email="")
        .first()
    )
    if identity is None:
        return False
    manifestation = identity.manifestation
    url = settings.SITE_URL.rstrip("/") + reverse("ombudsman:follow")
    body = _(
        "%(title)s\n\nProtocolo: %(protocol)s\n\nPara ver o andamento, acesse %(url)s e informe o "
        "protocolo e o "
        "código de acesso que você recebeu ao registrar a manifestação.\n\nOuvidoria — Governo de Mato Grosso"
    ) % {"title": title, "protocol": manifestation.protocol, "url": url}
    send_mail(subject=title[:200], message=body, from_email=None, recipient_list=[identity.email])
    return True
