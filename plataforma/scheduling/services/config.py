"""The agency's gestor configures scheduling at its units (/gestao/agendamento/): the unit's
calendar (accepting bookings, coordinates, senha prefix), weekly opening hours, closures, desks and
the services offered by appointment with their rules.

Who: only a `gestor` of the unit's agency (identity.AgencyRole) — every function checks it again
(PermissionDenied), whatever the view did. Every change is audited in the same transaction and,
once committed, the unit's slots are made to match (services.slots.calendar_slots_refresh): new
times open, times no longer within the hours are closed but kept for the appointments they hold
(selectors.config lists those so staff can cancel them with a reason the person receives).

Errors are ValidationErrors with Portuguese messages keyed by the form's field names; nothing is
written when one is raised.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, time
from decimal import Decimal
from itertools import pairwise
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record
from plataforma.common.calendar import CUIABA
from plataforma.identity.models import AgencyRole
from plataforma.identity.selectors import agency_ids_with_role

from .. import geo
from ..models import Closure, Desk, Mode, Offering, OpeningHours, UnitCalendar

MAX_INTERVALS_PER_DAY = 6
MAX_CLOSURE_DAYS = 366
# Continental Brazil, with a margin: catches swapped or mistyped coordinates.
BRAZIL_LATITUDE = (Decimal("-34.0"), Decimal("5.5"))
BRAZIL_LONGITUDE = (Decimal("-74.5"), Decimal("-34.5"))
WEEKDAY_FIELDS = [f"dia_{n}" for n in range(7)]
OFFERING_RULES = (
    "duration_minutes",
    "capacity",
    "buffer_minutes",
    "horizon_days",
    "min_notice_hours",
    "per_person_limit",
    "priority_reserved",
    "active",
)


# --- who may configure ------------------------------------------------------------------------


def manager_agency_ids(user) -> set:
    """Agencies in which the person is gestor (none for anonymous or inactive accounts)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    return agency_ids_with_role(user=user, role=AgencyRole.Role.MANAGER)


def check_manager(user, agency_id) -> None:
    if agency_id not in manager_agency_ids(user):
        raise PermissionDenied(_("Só o gestor do órgão configura o agendamento das suas unidades."))


def _refresh_slots_on_commit(calendar: UnitCalendar) -> None:
    """Make the unit's slots match its new configuration once the change is committed."""
    calendar_id = calendar.pk

    def refresh() -> None:
        from .slots import calendar_slots_refresh  # the core module; imported late on purpose

        fresh = UnitCalendar.objects.select_related("unit").filter(pk=calendar_id).first()
        if fresh is not None:
            calendar_slots_refresh(calendar=fresh)

    transaction.on_commit(refresh)


def _audit(actor, action: str, target, changes: dict[str, Any]) -> None:
    audit_record(actor=actor, action=f"scheduling.{action}", target=target, changes=changes)


def _plain(value: Any) -> Any:
    if isinstance(value, (Decimal, date, time)):
        return str(value)
    return value


# --- the unit's calendar ------------------------------------------------------------------------


def _check_coordinates(latitude: Decimal | None, longitude: Decimal | None) -> None:
    if (latitude is None) != (longitude is None):
        missing = "longitude" if longitude is None else "latitude"
        raise ValidationError({missing: _("Informe a latitude e a longitude, ou deixe as duas em branco.")})
    if latitude is None:
        return
    errors = {}
    if not -90 <= latitude <= 90:
        errors["latitude"] = _("A latitude vai de -90 a 90 graus.")
    if not -180 <= longitude <= 180:
        errors["longitude"] = _("A longitude vai de -180 a 180 graus.")
    if errors:
        raise ValidationError(errors)
    if not (BRAZIL_LATITUDE[0] <= latitude <= BRAZIL_LATITUDE[1]) or not (
        BRAZIL_LONGITUDE[0] <= longitude <= BRAZIL_LONGITUDE[1]
    ):
        raise ValidationError(
            {
                "latitude": _(
                    "Este ponto fica fora do Brasil. Confira se a latitude e a longitude não estão trocadas "
                    "(em Mato Grosso, a latitude fica perto de -15 e a longitude perto de -56)."
                )
            }
        )


def _check_prefix(prefix: str) -> str:
    prefix = (prefix or "").strip().upper()
    if prefix and (len(prefix) > 3 or not prefix.isascii() or not prefix.isalpha()):
        raise ValidationError({"ticket_prefix": _("Use de uma a três letras, sem acento, por exemplo GT.")})
    return prefix


def unit_calendar_save(
    *,
    actor,
    unit,
    accepts_bookings: bool,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    ticket_prefix: str = "",
) -> UnitCalendar:
    """Create or change the unit's scheduling calendar. Coordinates left blank are those of the
    seat of the unit's municipality, when it is one of Mato Grosso's (geo)."""
    check_manager(actor, unit.agency_id)
    if latitude is None and longitude is None:
        point = geo.city_coordinates(unit.city)
        if point is not None:
            latitude, longitude = (Decimal(str(round(v, 6))) for v in point)
    _check_coordinates(latitude, longitude)
    prefix = _check_prefix(ticket_prefix)
    with transaction.atomic():
        calendar = UnitCalendar.objects.select_for_update().filter(unit=unit).first()
        created = calendar is None
        if created:
            calendar = UnitCalendar(unit=unit)
        values = {
            "accepts_bookings": bool(accepts_bookings),
            "latitude": latitude,
            "longitude": longitude,
            "ticket_prefix": prefix,
        }
        changes = {
            name: _plain(value)
            for name, value in values.items()
            if created or getattr(calendar, name) != value
        }
        for name, value in values.items():
            setattr(calendar, name, value)
        try:
            with transaction.atomic():
                calendar.save()
        except IntegrityError as exc:  # the same unit enabled twice at once
            raise ValidationError(_("A agenda desta unidade acabou de ser criada por outra pessoa.")) from exc
        if changes:
            _audit(actor, "calendar_create" if created else "calendar_change", calendar, changes)
            _refresh_slots_on_commit(calendar)
    return calendar


# --- weekly opening hours -----------------------------------------------------------------------

Interval = tuple[time, time]


def check_week(week: dict[int, list[Interval]]) -> dict[int, list[Interval]]:
    """The week's intervals sorted, or a ValidationError keyed by the weekday's field ("dia_0" is
    Monday): an interval that does not end after it starts, too many, or two that overlap (an
    interval may start when the previous one ends)."""
    errors: dict[str, str] = {}
    clean: dict[int, list[Interval]] = {}
    for weekday in range(7):
        intervals = sorted(week.get(weekday, []))
        field = WEEKDAY_FIELDS[weekday]
        if len(intervals) > MAX_INTERVALS_PER_DAY:
            errors[field] = _("No máximo %(n)d intervalos por dia.") % {"n": MAX_INTERVALS_PER_DAY}
            continue
        bad = next((i for i in intervals if i[0] >= i[1]), None)
        if bad is not None:
            errors[field] = _("O intervalo %(a)s-%(b)s precisa terminar depois de começar.") % {
                "a": bad[0].strftime("%H:%M"),
                "b": bad[1].strftime("%H:%M"),
            }
            continue
        overlap = next(((a, b) for a, b in pairwise(intervals) if b[0] < a[1]), None)
        if overlap is not None:
            a, b = overlap
            errors[field] = _("Os intervalos %(a)s e %(b)s se sobrepõem.") % {
                "a": f"{a[0]:%H:%M}-{a[1]:%H:%M}",
                "b": f"{b[0]:%H:%M}-{b[1]:%H:%M}",
            }
            continue
        clean[weekday] = intervals
    if errors:
        raise ValidationError(errors)
    return clean


def opening_hours_set(*, actor, calendar: UnitCalendar, week: dict[int, list[Interval]]) -> None:
    """Replace the unit's weekly hours (weekday 0 = Monday → intervals). Slots outside the new
    hours are closed after commit; their appointments stay (selectors.config lists them)."""
    check_manager(actor, calendar.unit.agency_id)
    clean = check_week(week)
    with transaction.atomic():
        UnitCalendar.objects.select_for_update().filter(pk=calendar.pk).first()
        before = sorted(calendar.hours.values_list("weekday", "opens", "closes"))
        after = sorted((d, a, b) for d, intervals in clean.items() for a, b in intervals)
        if before == after:
            return
        calendar.hours.all().delete()
        OpeningHours.objects.bulk_create(
            [OpeningHours(calendar=calendar, weekday=d, opens=a, closes=b) for d, a, b in after]
        )
        _audit(
            actor,
            "hours_change",
            calendar,
            {
                "before": [f"{d} {a:%H:%M}-{b:%H:%M}" for d, a, b in before],
                "after": [f"{d} {a:%H:%M}-{b:%H:%M}" for d, a, b in after],
            },
        )
        _refresh_slots_on_commit(calendar)


# --- closures -----------------------------------------------------------------------------------


def local_today() -> date:
    return timezone.localtime(timezone.now(), CUIABA).date()


def check_closure(*, calendar: UnitCalendar, starts_on: date, ends_on: date, reason: str, today: date) -> str:
    reason = " ".join((reason or "").split())
    errors: dict[str, str] = {}
    if not reason:
        errors["reason"] = _("Diga o motivo do fechamento: ele aparece para quem procura a unidade.")
    elif len(reason) > 200:
        errors["reason"] = _("Use no máximo 200 caracteres.")
    if ends_on < starts_on:
        errors["ends_on"] = _("O último dia não pode ser antes do primeiro.")
    elif ends_on < today:
        errors["ends_on"] = _("Este período já passou. Registre fechamentos de hoje em diante.")
    elif (ends_on - starts_on).days + 1 > MAX_CLOSURE_DAYS:
        errors["ends_on"] = _("Um fechamento dura no máximo %(n)d dias.") % {"n": MAX_CLOSURE_DAYS}
    if not errors:
        clash = (
            calendar.closures.filter(starts_on__lte=ends_on, ends_on__gte=starts_on)
            .order_by("starts_on")
            .first()
        )
        if clash is not None:
            errors["starts_on"] = _("Já há um fechamento nestes dias: de %(a)s a %(b)s (%(r)s).") % {
                "a": f"{clash.starts_on:%d/%m/%Y}",
                "b": f"{clash.ends_on:%d/%m/%Y}",
                "r": clash.reason,
            }
    if errors:
        raise ValidationError(errors)
    return reason


def closure_add(
    *, actor, calendar: UnitCalendar, starts_on: date, ends_on: date, reason: str, today: date | None = None
) -> Closure:
    """Close the unit from `starts_on` to `ends_on` (inclusive). A period entirely in the past is
    refused; its slots are closed after commit."""
    check_manager(actor, calendar.unit.agency_id)
    today = today or local_today()
    with transaction.atomic():
        UnitCalendar.objects.select_for_update().filter(pk=calendar.pk).first()
        reason = check_closure(
            calendar=calendar, starts_on=starts_on, ends_on=ends_on, reason=reason, today=today
        )
        closure = Closure.objects.create(
            calendar=calendar, starts_on=starts_on, ends_on=ends_on, reason=reason
        )
        _audit(
            actor,
            "closure_add",
            calendar,
            {"closure": str(closure.pk), "starts_on": str(starts_on), "ends_on": str(ends_on)},
        )
        _refresh_slots_on_commit(calendar)
    return closure


def closure_remove(*, actor, closure: Closure, today: date | None = None) -> None:
    """Reopen the days of a closure that has not ended yet (past closures are the unit's history)."""
    calendar = closure.calendar
    check_manager(actor, calendar.unit.agency_id)
    today = today or local_today()
    if closure.ends_on < today:
        raise ValidationError(_("Este fechamento já terminou e fica no histórico da unidade."))
    with transaction.atomic():
        _audit(
            actor,
            "closure_remove",
            calendar,
            {
                "closure": str(closure.pk),
                "starts_on": str(closure.starts_on),
                "ends_on": str(closure.ends_on),
            },
        )
        closure.delete()
        _refresh_slots_on_commit(calendar)


# --- desks --------------------------------------------------------------------------------------


def desk_save(
    *, actor, calendar: UnitCalendar, name: str, active: bool = True, desk: Desk | None = None
) -> Desk:
    """Create a desk (guichê, mesa, sala) or rename / switch one on or off."""
    check_manager(actor, calendar.unit.agency_id)
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Dê um nome ao guichê, por exemplo Guichê 1.")})
    if len(name) > 40:
        raise ValidationError({"name": _("Use no máximo 40 caracteres.")})
    if desk is not None and desk.calendar_id != calendar.pk:
        raise PermissionDenied
    if calendar.desks.filter(name__iexact=name).exclude(pk=getattr(desk, "pk", None)).exists():
        raise ValidationError({"name": _("Já há um guichê com este nome nesta unidade.")})
    with transaction.atomic():
        created = desk is None
        desk = desk or Desk(calendar=calendar)
        changes = {"name": name, "active": bool(active)} if created else {}
        if not created:
            if desk.name != name:
                changes["name"] = name
            if desk.active != bool(active):
                changes["active"] = bool(active)
        desk.name, desk.active = name, bool(active)
        try:
            with transaction.atomic():
                desk.save()
        except IntegrityError as exc:
            raise ValidationError({"name": _("Já há um guichê com este nome nesta unidade.")}) from exc
        if changes:
            _audit(actor, "desk_create" if created else "desk_change", desk, changes)
    return desk


# --- services offered by appointment ------------------------------------------------------------


@dataclass(frozen=True)
class OfferingRules:
    duration_minutes: int
    capacity: int
    buffer_minutes: int
    horizon_days: int
    min_notice_hours: int
    per_person_limit: int
    priority_reserved: int
    active: bool = True


OFFERING_LIMITS = {  # the model's validators, with messages that name the rule
    "duration_minutes": (5, 480),
    "capacity": (1, 200),
    "buffer_minutes": (0, 120),
    "horizon_days": (1, 180),
    "min_notice_hours": (0, 720),
    "per_person_limit": (1, 10),
    "priority_reserved": (0, 200),
}


def check_rules(rules: OfferingRules) -> None:
    errors: dict[str, str] = {}
    for name, (low, high) in OFFERING_LIMITS.items():
        value = getattr(rules, name)
        if not isinstance(value, int) or not low <= value <= high:
            errors[name] = _("Use um número inteiro de %(low)d a %(high)d.") % {"low": low, "high": high}
    if (
        "priority_reserved" not in errors
        and "capacity" not in errors
        and rules.priority_reserved > rules.capacity
    ):
        errors["priority_reserved"] = _(
            "As vagas reservadas às prioridades não podem passar do número de guichês em paralelo (%(n)d)."
        ) % {"n": rules.capacity}
    if errors:
        raise ValidationError(errors)


def offering_create(*, actor, calendar: UnitCalendar, service, mode: str, rules: OfferingRules) -> Offering:
    """Offer a published service of the unit's agency by appointment at the unit, in one mode."""
    check_manager(actor, calendar.unit.agency_id)
    errors: dict[str, str] = {}
    if service is None or service.agency_id != calendar.unit.agency_id:
        errors["service"] = _("Escolha um serviço da Carta do seu órgão.")
    elif not service.is_published:
        errors["service"] = _("Este serviço ainda não está publicado na Carta de Serviços.")
    if mode not in Mode.values:
        errors["mode"] = _("Escolha presencial, por vídeo ou por telefone.")
    if errors:
        raise ValidationError(errors)
    check_rules(rules)
    if Offering.objects.filter(calendar=calendar, service=service, mode=mode).exists():
        raise ValidationError(
            {"service": _("Este serviço já é oferecido nesta unidade nesta modalidade. Altere o existente.")}
        )
    with transaction.atomic():
        try:
            with transaction.atomic():
                offering = Offering.objects.create(
                    calendar=calendar, service=service, mode=mode, **asdict(rules)
                )
        except IntegrityError as exc:
            raise ValidationError(
                {
                    "service": _(
                        "Este serviço já é oferecido nesta unidade nesta modalidade. Altere o existente."
                    )
                }
            ) from exc
        _audit(
            actor,
            "offering_create",
            offering,
            {"service": str(service.pk), "mode": mode, **asdict(rules)},
        )
        _refresh_slots_on_commit(calendar)
    return offering


def offering_update(*, actor, offering: Offering, rules: OfferingRules) -> Offering:
    """Change the rules of an offering (its service and mode stay: appointments are tied to them).
    Future slots follow as far as their bookings allow (services.slots)."""
    calendar = offering.calendar
    check_manager(actor, calendar.unit.agency_id)
    check_rules(rules)
    with transaction.atomic():
        locked = Offering.objects.select_for_update().get(pk=offering.pk)
        changes = {name: value for name, value in asdict(rules).items() if getattr(locked, name) != value}
        if not changes:
            return locked
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.save(update_fields=[*changes, "updated_at"])
        _audit(actor, "offering_change", locked, changes)
        _refresh_slots_on_commit(calendar)
    return locked
