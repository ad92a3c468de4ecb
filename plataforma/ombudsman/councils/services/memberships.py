"""Mandates after the result: a member resigns, the agency removes a member (with a reason), and
the agency records the replacement by the next suplente of the same category, who completes the
mandate (Lei 13.460 arts. 19 and 21)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record

from ..models import Application, ApplicationState, EndReason, Membership
from .access import check_staff
from .notify import my_councils_url, notify, notify_staff

NOTE_MAX = 500


def _today():
    return timezone.localdate()


def _check_running(membership: Membership) -> None:
    if membership.ended_on is not None:
        raise ValidationError(_("Este mandato já foi encerrado."))
    if membership.ends_on < _today():
        raise ValidationError(_("Este mandato já terminou."))


def membership_resign(*, actor, membership: Membership, note: str = "") -> Membership:
    """The member gives up their seat from today on."""
    if actor is None or not actor.is_authenticated or membership.person_id != actor.pk:
        raise PermissionDenied
    note = " ".join((note or "").split())
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": _("Use no máximo 500 caracteres.")})
    with transaction.atomic():
        locked = Membership.objects.select_for_update().select_related("council").get(pk=membership.pk)
        _check_running(locked)
        locked.ended_on = max(_today(), locked.starts_on)
        locked.end_reason = EndReason.RESIGNED
        locked.end_note = note
        locked.save(update_fields=["ended_on", "end_reason", "end_note", "updated_at"])
        audit_record(
            actor=actor, action="councils.membership.resign", target=locked, subject_user_id=actor.pk
        )
        notify(
            user=actor,
            title=_("Renúncia registrada: %(council)s") % {"council": locked.council.name},
            body=_(
                "O seu mandato no conselho foi encerrado hoje, a seu pedido. Obrigado pela sua participação."
            ),
            url=my_councils_url(),
        )
        notify_staff(
            agency_id=locked.council.agency_id,
            title=_("Renúncia no %(council)s") % {"council": locked.council.name},
            body=_("Um membro renunciou ao mandato. Convoque o próximo suplente da categoria."),
            url=reverse("councils:staff_council", args=[locked.council_id]),
        )
    return locked


def membership_end(*, actor, membership: Membership, note: str) -> Membership:
    """The agency ends a member's mandate early (for instance, absences the rules foresee)."""
    check_staff(actor, membership.council.agency_id)
    note = " ".join((note or "").split())
    if not note:
        raise ValidationError({"note": _("Explique o motivo do desligamento: a pessoa recebe o motivo.")})
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": _("Use no máximo 500 caracteres.")})
    with transaction.atomic():
        locked = Membership.objects.select_for_update().select_related("council").get(pk=membership.pk)
        _check_running(locked)
        locked.ended_on = max(_today(), locked.starts_on)
        locked.end_reason = EndReason.REMOVED
        locked.end_note = note
        locked.save(update_fields=["ended_on", "end_reason", "end_note", "updated_at"])
        audit_record(
            actor=actor, action="councils.membership.end", target=locked, subject_user_id=locked.person_id
        )
        notify(
            user=locked.person,
            title=_("Mandato encerrado: %(council)s") % {"council": locked.council.name},
            body=_("O órgão encerrou o seu mandato no conselho. Motivo: %(note)s") % {"note": note},
            url=my_councils_url(),
        )
    return locked


def next_substitute(membership: Membership) -> Application | None:
    """The first suplente, by rank, of the same call and category."""
    return (
        Application.objects.filter(
            call_id=membership.call_id, category_id=membership.category_id, state=ApplicationState.SUBSTITUTE
        )
        .select_related("person")
        .order_by("rank", "number")
        .first()
    )


def membership_replace(*, actor, membership: Membership) -> Membership:
    """Call the next suplente to complete the mandate of a member whose seat became vacant."""
    check_staff(actor, membership.council.agency_id)
    with transaction.atomic():
        locked = (
            Membership.objects.select_for_update().select_related("council", "call").get(pk=membership.pk)
        )
        if locked.ended_on is None:
            raise ValidationError(_("A vaga só é preenchida depois que o mandato for encerrado."))
        if Membership.objects.filter(replaces=locked).exists():
            raise ValidationError(_("Esta vaga já foi preenchida por um suplente."))
        starts_on = max(_today(), locked.starts_on)
        if starts_on >= locked.ends_on:
            raise ValidationError(
                _("O mandato desta vaga termina hoje ou já terminou: não há o que completar.")
            )
        substitute = next_substitute(locked)
        if substitute is None:
            raise ValidationError(
                _("Não há suplente nesta categoria. A vaga fica livre até o próximo chamamento.")
            )
        substitute = Application.objects.select_for_update().get(pk=substitute.pk)
        substitute.state = ApplicationState.MEMBER
        substitute.save(update_fields=["state", "updated_at"])
        new = Membership.objects.create(
            council=locked.council,
            category_id=locked.category_id,
            person_id=substitute.person_id,
            call=locked.call,
            application=substitute,
            replaces=locked,
            starts_on=starts_on,
            ends_on=locked.ends_on,
        )
        audit_record(
            actor=actor,
            action="councils.membership.replace",
            target=new,
            changes={"replaces": str(locked.pk), "application": substitute.number},
            subject_user_id=substitute.person_id,
        )
        notify(
            user=substitute.person,
            title=_("Você agora é titular: %(council)s") % {"council": locked.council.name},
            body=_(
                "Como suplente, você foi chamado(a) para completar um mandato, de %(start)s a %(end)s. "
                "A participação é serviço público relevante, sem remuneração (Lei 13.460, art. 21)."
            )
            % {"start": starts_on.strftime("%d/%m/%Y"), "end": locked.ends_on.strftime("%d/%m/%Y")},
            url=my_councils_url(),
        )
    return new
