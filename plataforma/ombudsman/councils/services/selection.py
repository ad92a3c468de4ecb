"""Selection of a call's members: the agency checks the applications (habilitação), then runs the
public draw and publishes the result (Lei 13.460 art. 19; the draw's algorithm is in draw.py and
ADR 0031). The result creates the titulares' mandates; suplentes keep their rank and are called in
that order when a seat becomes vacant (services.memberships)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record

from .. import draw
from ..models import Application, ApplicationState, Call, CallState, Membership
from .access import check_staff
from .notify import my_councils_url, notify

PUBLIC_VALUE_MAX = 100


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the last day of the month when it has no such day)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def mandate_end(starts_on: date, months: int) -> date:
    """The last day of a mandate of `months` starting on `starts_on`."""
    return add_months(starts_on, months) - timedelta(days=1)


def _check_selection(call: Call) -> Call:
    locked = Call.objects.select_for_update().select_related("council").get(pk=call.pk)
    if locked.state != CallState.SELECTION:
        raise ValidationError(
            _(
                "As inscrições só são analisadas com o chamamento em seleção "
                "(depois de encerradas as inscrições)."
            )
        )
    return locked


def application_reject(*, actor, application: Application, reason: str) -> Application:
    """Mark an application as not eligible (habilitação), with the reason the applicant reads."""
    check_staff(actor, application.call.council.agency_id)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(
            {"reason": _("Explique por que a inscrição não foi habilitada: a pessoa recebe o motivo.")}
        )
    if len(reason) > 500:
        raise ValidationError({"reason": _("Use no máximo 500 caracteres.")})
    with transaction.atomic():
        call = _check_selection(application.call)
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.state != ApplicationState.SUBMITTED:
            raise ValidationError(_("Só uma inscrição recebida pode ser marcada como não habilitada."))
        locked.state = ApplicationState.REJECTED
        locked.rejection_reason = reason
        locked.save(update_fields=["state", "rejection_reason", "updated_at"])
        audit_record(
            actor=actor, action="councils.application.reject", target=locked, subject_user_id=locked.person_id
        )
        notify(
            user=locked.person,
            title=_("Inscrição nº %(n)s não habilitada") % {"n": locked.number_display},
            body=_("A sua inscrição no %(call)s (%(council)s) não foi habilitada. Motivo: %(reason)s")
            % {"call": call.title, "council": call.council.name, "reason": reason},
            url=my_councils_url(),
        )
    return locked


def application_reinstate(*, actor, application: Application) -> Application:
    """Undo a non-eligibility decision while the call is still in selection."""
    check_staff(actor, application.call.council.agency_id)
    with transaction.atomic():
        _check_selection(application.call)
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.state != ApplicationState.REJECTED:
            raise ValidationError(_("Esta inscrição não está marcada como não habilitada."))
        locked.state = ApplicationState.SUBMITTED
        locked.rejection_reason = ""
        locked.save(update_fields=["state", "rejection_reason", "updated_at"])
        audit_record(
            actor=actor,
            action="councils.application.reinstate",
            target=locked,
            subject_user_id=locked.person_id,
        )
    return locked


def draw_preview(call: Call) -> tuple[dict[str, int], bool]:
    """Eligible applications per category code, and whether a public value is needed."""
    counts: dict[str, int] = defaultdict(int)
    for code in Application.objects.filter(call=call, state=ApplicationState.SUBMITTED).values_list(
        "category__code", flat=True
    ):
        counts[code] += 1
    seats = dict(call.council.categories.values_list("code", "seats"))
    return dict(counts), draw.needs_public_value(counts=counts, seats=seats)


def call_publish_result(*, actor, call: Call, public_value: str = "") -> Call:
    """em seleção → resultado: run the draw with the announced public value (needed only when some
    category has more eligible applications than seats), rank every eligible application, create
    the titulares' mandates and tell every applicant their outcome."""
    check_staff(actor, call.council.agency_id)
    public_value = " ".join((public_value or "").split())
    if len(public_value) > PUBLIC_VALUE_MAX:
        raise ValidationError({"public_value": _("Use no máximo 100 caracteres.")})
    with transaction.atomic():
        locked = _check_selection(call)
        council = locked.council
        categories = list(council.categories.all())
        eligible = list(
            Application.objects.select_for_update()
            .filter(call=locked, state=ApplicationState.SUBMITTED)
            .select_related("person", "category")
        )
        by_category: dict[str, list[Application]] = defaultdict(list)
        for application in eligible:
            by_category[application.category.code].append(application)
        counts = {code: len(items) for code, items in by_category.items()}
        if (
            draw.needs_public_value(counts=counts, seats={c.code: c.seats for c in categories})
            and not public_value
        ):
            raise ValidationError(
                {
                    "public_value": _(
                        "Há mais inscrições habilitadas do que vagas: "
                        "informe o valor público anunciado (%(source)s)."
                    )
                    % {"source": locked.draw_value_source}
                }
            )
        seed = draw.draw_seed(call_id=str(locked.pk), public_value=public_value)
        starts_on = locked.mandate_starts_on
        ends_on = mandate_end(starts_on, council.mandate_months)
        outcome_state = {
            draw.TITULAR: ApplicationState.MEMBER,
            draw.SUBSTITUTE: ApplicationState.SUBSTITUTE,
            draw.NOT_CHOSEN: ApplicationState.NOT_CHOSEN,
        }
        members = 0
        for category in categories:
            items = {a.number: a for a in by_category.get(category.code, [])}
            ranked = draw.rank_category(
                seed=seed,
                category_code=category.code,
                numbers=list(items),
                seats=category.seats,
                substitutes=category.substitutes,
            )
            for entry in ranked:
                application = items[entry.number]
                application.draw_key = entry.key
                application.rank = entry.rank
                application.state = outcome_state[entry.outcome]
                application.save(update_fields=["draw_key", "rank", "state", "updated_at"])
                if entry.outcome == draw.TITULAR:
                    Membership.objects.create(
                        council=council,
                        category=category,
                        person=application.person,
                        call=locked,
                        application=application,
                        starts_on=starts_on,
                        ends_on=ends_on,
                    )
                    members += 1
        locked.state = CallState.RESULT
        locked.draw_value = public_value
        locked.draw_seed = seed
        locked.result_at = timezone.now()
        locked.save(update_fields=["state", "draw_value", "draw_seed", "result_at", "updated_at"])
        audit_record(
            actor=actor,
            action="councils.call.result",
            target=locked,
            changes={"eligible": len(eligible), "members": members, "seed": seed},
        )
        url = reverse("councils:call", args=[council.slug, locked.pk])
        _notify_outcomes(locked, eligible, url, starts_on, ends_on)
    return locked


def _notify_outcomes(
    call: Call, eligible: list[Application], url: str, starts_on: date, ends_on: date
) -> None:
    for application in eligible:
        if application.state == ApplicationState.MEMBER:
            body = _(
                "Você foi escolhido(a) como titular na categoria “%(category)s”. "
                "O mandato vai de %(start)s a %(end)s. A participação é serviço público relevante, "
                "sem remuneração (Lei 13.460, art. 21)."
            ) % {
                "category": application.category.name,
                "start": starts_on.strftime("%d/%m/%Y"),
                "end": ends_on.strftime("%d/%m/%Y"),
            }
        elif application.state == ApplicationState.SUBSTITUTE:
            body = _(
                "Você ficou como suplente nº %(rank)s na categoria “%(category)s”. Se uma vaga ficar livre, "
                "chamaremos os suplentes nesta ordem."
            ) % {"rank": application.rank - application.category.seats, "category": application.category.name}
        else:
            body = _("A sua inscrição nº %(n)s não foi escolhida no sorteio. Obrigado por participar.") % {
                "n": application.number_display
            }
        notify(
            user=application.person,
            title=_("Resultado do %(call)s: %(council)s")
            % {"call": call.title, "council": call.council.name},
            body=body,
            url=url if application.state == ApplicationState.NOT_CHOSEN else my_councils_url(),
        )
