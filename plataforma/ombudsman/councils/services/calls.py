"""The public call's state machine (Lei 13.460 art. 19 sole paragraph: members are chosen in a
process open to the public, differentiated by type of user):

    rascunho --publish--> aberto --close--> em_selecao --result--> resultado
        \\________________________\\_____________\\--cancel--> cancelado

Each transition is a guarded function: it locks the call row, checks the state and the dates,
changes it, audits it and notifies the people concerned, in one transaction. Only the agency's
gestor or ouvidor runs them (access.check_staff). The draw is in services.selection.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record

from ..models import Application, ApplicationState, Call, CallState, Council
from .access import check_staff
from .notify import my_councils_url, notify

MIN_WINDOW = timedelta(hours=24)
MAX_WINDOW = timedelta(days=180)
MAX_APPLICANTS_NOTIFIED = 5000


@dataclass(frozen=True)
class CallData:
    notice: str
    opens_at: datetime
    closes_at: datetime
    mandate_starts_on: date
    draw_value_source: str


def _local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _check_data(data: CallData) -> CallData:
    errors: dict[str, str] = {}
    notice = (data.notice or "").strip()
    source = " ".join((data.draw_value_source or "").split())
    if not notice:
        errors["notice"] = _("Escreva o texto do edital: quem pode participar, as etapas e as datas.")
    elif len(notice) > 8000:
        errors["notice"] = _("Use no máximo 8.000 caracteres.")
    if not source:
        errors["draw_value_source"] = _(
            "Diga de onde virá o valor público do sorteio, "
            "por exemplo: 1º prêmio da Loteria Federal de 15/03."
        )
    elif len(source) > 300:
        errors["draw_value_source"] = _("Use no máximo 300 caracteres.")
    for name in ("opens_at", "closes_at"):
        value = getattr(data, name)
        if value is None or timezone.is_naive(value):
            errors[name] = _("Informe a data e a hora.")
    if "opens_at" not in errors and "closes_at" not in errors:
        if data.closes_at - data.opens_at < MIN_WINDOW:
            errors["closes_at"] = _("As inscrições ficam abertas por pelo menos 24 horas.")
        elif data.closes_at - data.opens_at > MAX_WINDOW:
            errors["closes_at"] = _("As inscrições ficam abertas por no máximo 180 dias.")
    if data.mandate_starts_on is None:
        errors["mandate_starts_on"] = _("Informe a data de início dos mandatos.")
    elif "closes_at" not in errors and data.mandate_starts_on <= _local_day(data.closes_at):
        errors["mandate_starts_on"] = _("Os mandatos começam depois do fim das inscrições.")
    if errors:
        raise ValidationError(errors)
    return CallData(
        notice=notice,
        opens_at=data.opens_at,
        closes_at=data.closes_at,
        mandate_starts_on=data.mandate_starts_on,
        draw_value_source=source,
    )


def _running_call_error() -> ValidationError:
    return ValidationError(
        _(
            "Este conselho já tem um chamamento em preparação, aberto ou em seleção. "
            "Conclua ou cancele aquele primeiro."
        )
    )


def call_create(*, actor, council: Council, data: CallData) -> Call:
    """A call in `rascunho`, numbered per council and year (nº 1/2026, 2/2026…)."""
    check_staff(actor, council.agency_id)
    data = _check_data(data)
    with transaction.atomic():
        locked = Council.objects.select_for_update().get(pk=council.pk)
        if not locked.is_active:
            raise ValidationError(_("Este conselho está desativado."))
        if not locked.categories.exists():
            raise ValidationError(_("Cadastre ao menos uma categoria de representação antes do chamamento."))
        if locked.calls.filter(state__in=(CallState.DRAFT, CallState.OPEN, CallState.SELECTION)).exists():
            raise _running_call_error()
        year = _local_day(data.opens_at).year
        last = locked.calls.filter(year=year).aggregate(n=Max("number"))["n"] or 0
        try:
            with transaction.atomic():
                call = Call.objects.create(
                    council=locked,
                    year=year,
                    number=last + 1,
                    notice=data.notice,
                    opens_at=data.opens_at,
                    closes_at=data.closes_at,
                    mandate_starts_on=data.mandate_starts_on,
                    draw_value_source=data.draw_value_source,
                    created_by=actor,
                )
        except IntegrityError as exc:
            raise _running_call_error() from exc
        audit_record(actor=actor, action="councils.call.create", target=call, changes={"number": call.number})
    return call


def _locked(call: Call) -> Call:
    return Call.objects.select_for_update().select_related("council").get(pk=call.pk)


def _state_error(call: Call) -> ValidationError:
    return ValidationError(
        _("Não é possível fazer isso com um chamamento na situação “%(state)s”.")
        % {"state": call.get_state_display()}
    )


def call_update(*, actor, call: Call, data: CallData) -> Call:
    """Change a call still in `rascunho` (once published, its rules no longer change)."""
    check_staff(actor, call.council.agency_id)
    data = _check_data(data)
    with transaction.atomic():
        locked = _locked(call)
        if locked.state != CallState.DRAFT:
            raise _state_error(locked)
        for field in ("notice", "opens_at", "closes_at", "mandate_starts_on", "draw_value_source"):
            setattr(locked, field, getattr(data, field))
        locked.save()
        audit_record(actor=actor, action="councils.call.update", target=locked)
    return locked


def call_publish(*, actor, call: Call) -> Call:
    """rascunho → aberto: the call is public; applications are accepted within its window."""
    check_staff(actor, call.council.agency_id)
    with transaction.atomic():
        locked = _locked(call)
        if locked.state != CallState.DRAFT:
            raise _state_error(locked)
        now = timezone.now()
        if locked.closes_at <= now:
            raise ValidationError(
                {"closes_at": _("O fim das inscrições já passou. Mude as datas antes de publicar.")}
            )
        if not locked.council.is_active:
            raise ValidationError(_("Este conselho está desativado."))
        if not locked.council.categories.exists():
            raise ValidationError(_("Cadastre ao menos uma categoria de representação antes de publicar."))
        locked.state = CallState.OPEN
        locked.published_at = now
        locked.save(update_fields=["state", "published_at", "updated_at"])
        audit_record(
            actor=actor, action="councils.call.publish", target=locked, changes={"state": locked.state}
        )
    return locked


def _applicants(call: Call, states) -> list[Application]:
    return list(
        Application.objects.filter(call=call, state__in=states).select_related("person")[
            :MAX_APPLICANTS_NOTIFIED
        ]
    )


def call_close(*, actor, call: Call) -> Call:
    """aberto → em seleção, once the application window is over."""
    check_staff(actor, call.council.agency_id)
    with transaction.atomic():
        locked = _locked(call)
        if locked.state != CallState.OPEN:
            raise _state_error(locked)
        now = timezone.now()
        if now < locked.closes_at:
            raise ValidationError(
                _("As inscrições vão até %(when)s. Encerre o chamamento depois disso.")
                % {"when": timezone.localtime(locked.closes_at).strftime("%d/%m/%Y %H:%M")}
            )
        locked.state = CallState.SELECTION
        locked.closed_at = now
        locked.save(update_fields=["state", "closed_at", "updated_at"])
        audit_record(
            actor=actor, action="councils.call.close", target=locked, changes={"state": locked.state}
        )
        for application in _applicants(locked, [ApplicationState.SUBMITTED]):
            notify(
                user=application.person,
                title=_("Inscrições encerradas: %(council)s") % {"council": locked.council.name},
                body=_(
                    "As inscrições do %(call)s terminaram. A sua inscrição nº %(n)s está na seleção; "
                    "avisaremos quando o resultado for publicado."
                )
                % {"call": locked.title, "n": application.number_display},
                url=my_councils_url(),
            )
    return locked


def call_cancel(*, actor, call: Call, reason: str) -> Call:
    """rascunho, aberto or em seleção → cancelado, with a reason that is published."""
    check_staff(actor, call.council.agency_id)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Explique o motivo do cancelamento: ele é publicado.")})
    if len(reason) > 1000:
        raise ValidationError({"reason": _("Use no máximo 1.000 caracteres.")})
    with transaction.atomic():
        locked = _locked(call)
        if locked.state not in (CallState.DRAFT, CallState.OPEN, CallState.SELECTION):
            raise _state_error(locked)
        previous = locked.state
        locked.state = CallState.CANCELLED
        locked.cancelled_at = timezone.now()
        locked.cancel_reason = reason
        locked.save(update_fields=["state", "cancelled_at", "cancel_reason", "updated_at"])
        affected = _applicants(locked, [ApplicationState.SUBMITTED, ApplicationState.REJECTED])
        Application.objects.filter(pk__in=[a.pk for a in affected]).update(
            state=ApplicationState.CALL_CANCELLED, updated_at=timezone.now()
        )
        audit_record(
            actor=actor,
            action="councils.call.cancel",
            target=locked,
            changes={"from": previous, "applications": len(affected)},
        )
        url = reverse("councils:call", args=[locked.council.slug, locked.pk])
        for application in affected:
            notify(
                user=application.person,
                title=_("Chamamento cancelado: %(council)s") % {"council": locked.council.name},
                body=_("O %(call)s foi cancelado. Motivo: %(reason)s")
                % {"call": locked.title, "reason": reason},
                url=url,
            )
    return locked


def window_state(call: Call, now: datetime | None = None) -> str:
    """For pages: "antes", "aberta" or "encerrada" for an open call; "" otherwise."""
    if call.state != CallState.OPEN:
        return ""
    now = now or timezone.now()
    if now < call.opens_at:
        return "antes"
    return "aberta" if now < call.closes_at else "encerrada"
