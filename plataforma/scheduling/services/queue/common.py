"""Shared pieces of the unit's queue services: the role check, local time, the series and the
constants every step uses (package docstring: services/queue/__init__.py)."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.calendar import CUIABA

from ...models import Appointment, TicketStatus, UnitCalendar
from ...selectors import queue as selectors

# booking owns the person's quota counter; an attendance that ends (done, no-show) frees a place.
from ..booking import appointment_quota_release as release_quota

SERIES_PRIORITY = "P"
SERIES_APPOINTMENT = "A"
SERIES_WALK_IN = "N"
NOTE_MAX = 1000
CURRENT = (TicketStatus.CALLED, TicketStatus.IN_SERVICE)
_CALL_ATTEMPTS = 5


def _check_unit_role(actor, calendar: UnitCalendar) -> None:
    if not selectors.can_work_unit(actor, calendar):
        raise PermissionDenied(_("Só atendentes e gestores do órgão desta unidade trabalham a fila."))


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment, CUIABA)


# --- Senhas ----------------------------------------------------------------------------------


def _leave_active(appointment: Appointment) -> None:
    """An appointment that ends (done, no-show, closed) no longer counts in the person's limit of
    active appointments for the service."""
    release_quota(appointment)
