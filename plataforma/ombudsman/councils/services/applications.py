"""A person applies to a call with MT Login, and may withdraw (Lei 13.460 art. 19 sole paragraph:
an open process; art. 21: the participation is unpaid, which the applicant declares knowing).

Minimal data (LGPD): the category, the municipality, an optional short motivation and two
declarations. The applicant's name and CPF stay in MT Login. One application per person and call
(a partial unique constraint); the inscription number comes from a counter on the call row, which
is locked, so numbers are unique and without gaps, and closing or cancelling the call waits for an
application being written.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record

from ..models import (
    ACTIVE_APPLICATION,
    Application,
    ApplicationState,
    Call,
    CallState,
    CategoryKind,
    CouncilCategory,
)
from ..places import municipality_name
from .access import has_any_role_in
from .notify import my_councils_url, notify

MOTIVATION_MAX = 1000


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y às %H:%M")


def check_call_accepts(call: Call, now=None) -> None:
    """Raise the reason why the call takes no application now, in the applicant's words."""
    now = now or timezone.now()
    if call.state == CallState.CANCELLED:
        raise ValidationError(_("Este chamamento foi cancelado e não recebe inscrições."))
    if call.state != CallState.OPEN:
        raise ValidationError(_("As inscrições deste chamamento estão encerradas."))
    if now < call.opens_at:
        raise ValidationError(_("As inscrições começam em %(when)s.") % {"when": _when(call.opens_at)})
    if now >= call.closes_at:
        raise ValidationError(_("As inscrições terminaram em %(when)s.") % {"when": _when(call.closes_at)})


def application_submit(
    *,
    actor,
    call: Call,
    category: CouncilCategory,
    municipality_code: str,
    motivation: str = "",
    declares_no_conflict: bool,
    declares_unpaid: bool,
) -> Application:
    if actor is None or not actor.is_authenticated or not actor.is_active:
        raise PermissionDenied
    errors: dict[str, str] = {}
    if category is None or category.council_id != call.council_id:
        errors["category"] = _("Escolha uma das categorias deste chamamento.")
    name = municipality_name(municipality_code or "")
    if name is None:
        errors["municipality"] = _("Escolha o município onde você mora.")
    elif (
        "category" not in errors
        and category.kind == CategoryKind.REGION
        and municipality_code not in (category.municipalities or [])
    ):
        errors["municipality"] = _(
            "A categoria “%(category)s” é para quem mora nos municípios da região. Escolha outra categoria."
        ) % {"category": category.name}
    motivation = (motivation or "").replace("\r\n", "\n").strip()
    if len(motivation) > MOTIVATION_MAX:
        errors["motivation"] = _("Use no máximo 1.000 caracteres.")
    if not declares_no_conflict:
        errors["declares_no_conflict"] = _("Para se inscrever, confirme que não tem conflito de interesses.")
    if not declares_unpaid:
        errors["declares_unpaid"] = _(
            "Para se inscrever, confirme que sabe que a participação não é remunerada."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Call.objects.select_for_update().select_related("council").get(pk=call.pk)
        check_call_accepts(locked)
        if has_any_role_in(actor, locked.council.agency_id):
            raise ValidationError(
                _(
                    "Servidores do próprio órgão não podem se inscrever no seu conselho de usuários "
                    "(conflito de interesses)."
                )
            )
        existing = (
            Application.objects.filter(call=locked, person=actor, state__in=ACTIVE_APPLICATION)
            .only("number")
            .first()
        )
        if existing is not None:
            raise ValidationError(
                _("Você já se inscreveu neste chamamento (inscrição nº %(n)s).")
                % {"n": existing.number_display}
            )
        Call.objects.filter(pk=locked.pk).update(last_application_number=F("last_application_number") + 1)
        locked.refresh_from_db(fields=["last_application_number"])
        try:
            with transaction.atomic():
                application = Application.objects.create(
                    call=locked,
                    person=actor,
                    category=category,
                    number=locked.last_application_number,
                    municipality_code=municipality_code,
                    municipality_name=name,
                    motivation=motivation,
                    declares_no_conflict=True,
                    declares_unpaid=True,
                )
        except IntegrityError as exc:
            raise ValidationError(_("Você já se inscreveu neste chamamento.")) from exc
        audit_record(
            actor=actor,
            action="councils.application.submit",
            target=application,
            changes={"call": str(locked.pk), "category": category.code, "number": application.number},
            subject_user_id=actor.pk,
        )
        notify(
            user=actor,
            title=_("Inscrição nº %(n)s recebida: %(council)s")
            % {"n": application.number_display, "council": locked.council.name},
            body=_(
                "Recebemos a sua inscrição no %(call)s, na categoria “%(category)s”. As inscrições vão até "
                "%(when)s; até lá você pode desistir em Meus conselhos."
            )
            % {"call": locked.title, "category": category.name, "when": _when(locked.closes_at)},
            url=my_councils_url(),
        )
    return application


def application_withdraw(*, actor, application: Application) -> Application:
    """The applicant withdraws: while the call is open, or later as a suplente who no longer wants
    to be called. Someone else's application is refused (PermissionDenied)."""
    if actor is None or not actor.is_authenticated or application.person_id != actor.pk:
        raise PermissionDenied
    with transaction.atomic():
        call = Call.objects.select_for_update().select_related("council").get(pk=application.call_id)
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.state == ApplicationState.SUBMITTED:
            if call.state != CallState.OPEN or timezone.now() >= call.closes_at:
                raise ValidationError(
                    _("As inscrições terminaram: a desistência só era possível enquanto estavam abertas.")
                )
        elif locked.state != ApplicationState.SUBSTITUTE:
            raise ValidationError(_("Esta inscrição não pode mais ser retirada."))
        previous = locked.state
        locked.state = ApplicationState.WITHDRAWN
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["state", "withdrawn_at", "updated_at"])
        audit_record(
            actor=actor,
            action="councils.application.withdraw",
            target=locked,
            changes={"from": previous},
            subject_user_id=actor.pk,
        )
        notify(
            user=actor,
            title=_("Desistência registrada: %(council)s") % {"council": call.council.name},
            body=_("A sua inscrição nº %(n)s no %(call)s foi retirada.")
            % {"n": locked.number_display, "call": call.title},
            url=my_councils_url(),
        )
    return locked
