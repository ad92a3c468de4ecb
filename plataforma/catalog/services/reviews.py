"""Periodic review of published services (Lei 13.460/2017, art. 7º, § 4º): an editor confirms
that the published content is still accurate, and a daily job flags the services whose review is
overdue and e-mails each affected agency's editors."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plataforma.common.audit import audit_record
from plataforma.identity.models import AgencyRole
from plataforma.identity.selectors import emails_of_role_holders

from ..models import Agency, Service
from ..permissions import check_can_edit_agency
from .workflow import _lock_service, _record_review


@transaction.atomic
def service_mark_reviewed(*, actor, service: Service) -> Service:
    """Confirm that the published content is still accurate without changing it (art. 7 §4)."""
    check_can_edit_agency(actor, service.agency_id)
    service = _lock_service(service)
    if not service.is_published:
        raise ValidationError(_("Só serviços publicados podem ser marcados como revisados."))
    _record_review(service, actor=actor, at=timezone.now())
    service.save(update_fields=["last_reviewed_at", "last_reviewed_by", "review_overdue_since", "updated_at"])
    audit_record(actor=actor, action="catalog.service.review", target=service)
    return service


def _overdue_candidates(*, limit):
    """Published services whose last review is older than `limit` and that are not flagged yet."""
    return Service.objects.filter(is_published=True, review_overdue_since__isnull=True).filter(
        Q(last_reviewed_at__lt=limit) | Q(last_reviewed_at__isnull=True, published_at__lt=limit)
    )


def flag_overdue_reviews(*, now=None, period=None) -> int:
    """Flag published services not reviewed within CATALOG_REVIEW_PERIOD (art. 7 §4; daily job).

    Newly flagged services show as "revisão atrasada" on their agency's dashboard, get an audit
    row, and each affected agency's editors receive one e-mail listing them, sent after commit.
    Returns how many services were newly flagged.
    """
    now = now or timezone.now()
    limit = now - (period or settings.CATALOG_REVIEW_PERIOD)
    with transaction.atomic():
        flagged = list(
            _overdue_candidates(limit=limit)
            .select_for_update()
            .select_related("agency")
            .order_by("agency__acronym", "name")
        )
        by_agency: dict[Any, list[Service]] = {}
        for chunk_start in range(0, len(flagged), 500):
            chunk = flagged[chunk_start : chunk_start + 500]
            Service.objects.filter(pk__in=[s.pk for s in chunk]).update(review_overdue_since=now)
        for service in flagged:
            service.review_overdue_since = now
            by_agency.setdefault(service.agency, []).append(service)
            audit_record(
                actor=None,
                action="catalog.service.review_overdue",
                target=service,
                changes={
                    "last_reviewed_at": service.last_reviewed_at.isoformat()
                    if service.last_reviewed_at
                    else None
                },
            )
        for agency, agency_services in by_agency.items():
            names = [s.name for s in agency_services]
            transaction.on_commit(
                lambda agency=agency, names=names: _notify_overdue_reviews(agency=agency, service_names=names)
            )
    return len(flagged)


def _agency_editor_emails(agency: Agency) -> list[str]:
    return emails_of_role_holders(agency_id=agency.pk, role=AgencyRole.Role.CARTA_EDITOR)


def _notify_overdue_reviews(*, agency: Agency, service_names: list[str]) -> int:
    """One e-mail to the agency's editors listing its services whose review is overdue."""
    recipients = _agency_editor_emails(agency)
    if not recipients:
        return 0
    base_url = settings.SITE_URL.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "agency": agency,
            "service_names": service_names,
            "count": len(service_names),
            "period_days": settings.CATALOG_REVIEW_PERIOD.days,
            "dashboard_url": base_url
            + reverse("catalog_editor:dashboard")
            + "?"
            + urlencode({"orgao": agency.slug, "atrasados": "1"}),
        }
        subject = ngettext(
            "Carta de Serviços (%(acronym)s): %(count)d serviço com revisão atrasada",
            "Carta de Serviços (%(acronym)s): %(count)d serviços com revisão atrasada",
            len(service_names),
        ) % {"acronym": agency.acronym, "count": len(service_names)}
        body = render_to_string("catalog/editor/email/overdue_reviews.txt", context)
    return EmailMessage(subject=subject, body=body, to=recipients).send()
