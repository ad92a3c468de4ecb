"""'Quem acessou meus dados' (Lei 14.129 art. 40 §1; Estonia's Data Tracker): every read of a
person's data by a servant of the platform, and every query about them that another agency's
system made through X-VIA, in one list, newest first.

Reads only: the rows come from the audit trail (kind "access", the person as subject) and from
X-VIA's data-subject records. Neither says more than who, when, from where and why: never the
data itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from plataforma.common.models import AuditEvent
from xvia.central.selectors.tracker import data_subject_records

# The audit trail's access actions, said to the person in plain words.
ACTION_LABELS = {
    "service_requests.read": _("Consultou uma solicitação sua"),
    "service_requests.attachment_download": _("Abriu um documento anexado a uma solicitação sua"),
    "identity.level.lookup": _("Consultou a sua conta para validar o nível"),
    "scheduling.manage_appointment_read": _("Consultou um agendamento seu"),
    "scheduling.agenda_read": _("Viu o seu agendamento na agenda da unidade"),
    "scheduling.checkin_lookup": _("Procurou o seu agendamento na recepção"),
    "scheduling.ticket_read": _("Consultou a sua senha de atendimento"),
    "councils.application.staff_list_read": _("Viu a sua candidatura a um conselho de usuários"),
    "councils.application.staff_read": _("Consultou a sua candidatura a um conselho de usuários"),
    "councils.membership.staff_read": _("Consultou o seu mandato em um conselho de usuários"),
    "ombudsman.manifestation.view": _("A ouvidoria consultou uma manifestação sua"),
    "ombudsman.identity.reveal": _("A ouvidoria consultou quem registrou uma manifestação sua"),
}
DEFAULT_LABEL = _("Consultou dados seus")


@dataclass(frozen=True)
class DataAccess:
    at: datetime
    who: str  # the servant, or the system (X-VIA subsystem) that asked
    organisation: str  # the agency on whose behalf, when known
    channel: str  # "Portal" or "X-VIA"
    what: str
    reference: str  # the protocol or service concerned
    purpose: str


def _platform_accesses(user_id, *, since: datetime | None, limit: int) -> list[DataAccess]:
    qs = AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS, subject_user_id=user_id)
    if since is not None:
        qs = qs.filter(occurred_at__gte=since)
    rows = (
        qs.exclude(actor_id=user_id)
        .select_related("actor")
        .order_by("-occurred_at")
        .only(
            "occurred_at",
            "action",
            "target_label",
            "on_behalf_of_label",
            "actor__full_name",
            "actor__social_name",
        )[:limit]
    )
    out = []
    for row in rows:
        out.append(
            DataAccess(
                at=row.occurred_at,
                who=row.actor.display_name if row.actor else str(_("Servidor(a)")),
                organisation=row.on_behalf_of_label,
                channel="Portal",
                what=str(ACTION_LABELS.get(row.action, DEFAULT_LABEL)),
                reference=row.target_label,
                purpose="",
            )
        )
    return out


def _xvia_accesses(cpf: str, *, since: datetime | None, limit: int) -> list[DataAccess]:
    """Queries another agency's system made about the person through X-VIA (ADR 0037), as the
    provider's security server reported them with the client's signed request."""
    out = []
    for row in data_subject_records(cpf=cpf, since=since, limit=limit):
        if row.client_name:
            system = gettext("Sistema: %(name)s (%(id)s)") % {"name": row.client_name, "id": row.client_id}
        else:
            system = gettext("Sistema: %(id)s") % {"id": row.client_id}
        out.append(
            DataAccess(
                at=row.occurred_at,
                who=row.client_member_name,
                organisation=system,
                channel="X-VIA",
                what=gettext("Consultou o serviço “%(service)s” de %(provider)s")
                % {"service": row.service_title, "provider": row.provider_member_name},
                reference=row.issue,
                purpose=row.purpose,
            )
        )
    return out


def data_accesses(
    *, user, since: datetime | None = None, limit: int = 500, include_xvia: bool = True
) -> list[DataAccess]:
    """The accesses to the person's data, newest first (at most `limit`). X-VIA's records are
    found by CPF: the caller includes them only for a session whose CPF is proven (level prata or
    ouro), since anyone can open a bronze account with somebody else's CPF."""
    rows = _platform_accesses(user.pk, since=since, limit=limit)
    if include_xvia:
        rows += _xvia_accesses(user.cpf, since=since, limit=limit)
    rows.sort(key=lambda r: r.at, reverse=True)
    return rows[:limit]
