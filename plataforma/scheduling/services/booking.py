"""Booking, cancelling and rescheduling appointments (Lei 14.129 art. 21 III; Lei 13.460 art. 5).

A seat is taken by ONE conditional UPDATE of the slot's counters (`… WHERE booked_regular <
capacity - reserved …`), the per-person limit by one conditional UPDATE of the person's quota row,
and the CHECK constraints of both tables hold the invariants whatever the concurrency: two people
racing for the last seat get one appointment and one clear refusal (ADR 0025). Everything of a
booking is one transaction: seat, quota, appointment, audit, notification.

Errors are ValidationErrors with Portuguese messages keyed by field ("slot", "priority",
"idempotency_key", "__all__"); nothing is written when one is raised.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record
from plataforma.common.calendar import CUIABA
from plataforma.identity.models import Level

from ..models import Appointment, AppointmentStatus, Mode, PersonQuota, Priority, Slot
from ..selectors.availability import bookable_window, free_q

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud and typed at a desk
CODE_LENGTH = 8
MAX_KEY = 80
_CODE_ATTEMPTS = 3


_SERVICE_SEARCH_COLUMNS = ("search_title", "search_terms", "search_body")  # big, unused here


class BookingConflict(ValidationError):
    """The slot filled up (or closed) between showing it and booking it: choose another."""


class LevelTooLow(ValidationError):
    """The sign-in behind the booking is below the service's MT Login level (the API's 403)."""


def appointment_code_generate() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def appointment_code_normalise(text: str) -> str | None:
    """The code as stored, from what a person typed ("abcd-2345", " ABCD 2345 "), or None."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    if len(cleaned) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in cleaned):
        return None
    return cleaned


def appointment_code_display(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def _check_key(key: str) -> str:
    key = (key or "").strip()
    if not key or len(key) > MAX_KEY or not key.isprintable():
        raise ValidationError(
            {"idempotency_key": _("Chave de envio inválida. Recarregue a página e tente de novo.")}
        )
    return key


def _check_priority(priority: str) -> str:
    priority = priority or ""
    if priority not in Priority.values:
        raise ValidationError({"priority": _("Escolha uma das prioridades da lista.")})
    return priority


def _load_slot(slot_id) -> Slot:
    try:
        return (
            Slot.objects.select_related("offering__calendar__unit", "offering__service__agency")
            .defer(*(f"offering__service__{name}" for name in _SERVICE_SEARCH_COLUMNS))
            .get(pk=int(slot_id))
        )
    except (Slot.DoesNotExist, TypeError, ValueError, OverflowError):
        raise ValidationError({"slot": _("Horário não encontrado. Escolha um horário da lista.")}) from None


def _check_bookable(slot: Slot, *, now: datetime, session_level: str | None) -> None:
    offering = slot.offering
    service = offering.service
    if not (offering.active and offering.calendar.accepts_bookings and service.is_published):
        raise ValidationError({"slot": _("Esta unidade não está recebendo agendamentos para este serviço.")})
    if session_level is not None and Level.rank(session_level) < Level.rank(service.min_login_level):
        raise LevelTooLow(
            _("Este serviço pede uma entrada no MT Login de nível %(level)s. Entre de novo com esse nível.")
            % {"level": Level(service.min_login_level).label}
        )
    if slot.starts_at <= now:
        raise ValidationError({"slot": _("Este horário já passou. Escolha outro.")})
    earliest, latest = bookable_window(offering, now)
    if slot.starts_at < earliest:
        raise ValidationError(
            {
                "slot": _(
                    "Agende com pelo menos %(hours)d horas de antecedência. Escolha um horário mais adiante."
                )
                % {"hours": offering.min_notice_hours}
            }
        )
    if slot.starts_at >= latest:
        raise ValidationError(
            {
                "slot": _(
                    "A agenda está aberta só para os próximos %(days)d dias. Escolha um horário mais próximo."
                )
                % {"days": offering.horizon_days}
            }
        )
    if not slot.open:
        raise BookingConflict({"slot": _("Este horário não está mais disponível. Escolha outro.")})


# One statement takes a place in the person's quota, creating the row on the first booking: an
# upsert whose update applies only below the limit (PostgreSQL and SQLite 3.35+ both speak it).
# The ORM has no conditional upsert; this is the hot path of every booking (ADR 0025).
_QUOTA_TAKE = (
    "INSERT INTO scheduling_personquota (person_id, service_id, active) VALUES (%s, %s, 1) "
    "ON CONFLICT (person_id, service_id) DO UPDATE SET active = scheduling_personquota.active + 1 "
    "WHERE scheduling_personquota.active < %s RETURNING active"
)


def _take_quota(*, person, slot: Slot) -> None:
    offering = slot.offering
    fields = PersonQuota._meta
    params = [
        fields.get_field("person").get_db_prep_value(person.pk, connection),
        fields.get_field("service").get_db_prep_value(offering.service_id, connection),
        offering.per_person_limit,
    ]
    with connection.cursor() as cursor:
        cursor.execute(_QUOTA_TAKE, params)
        taken = cursor.fetchone() is not None
    if not taken:
        raise ValidationError(
            _(
                "Você já tem %(n)d agendamento(s) para este serviço, o limite por pessoa. "
                "Cancele ou remarque o que já tem."
            )
            % {"n": offering.per_person_limit}
        )


def _release_quota(appointment: Appointment) -> None:
    PersonQuota.objects.filter(
        person_id=appointment.person_id, service_id=appointment.offering.service_id, active__gt=0
    ).update(active=F("active") - 1)


def appointment_quota_release(appointment: Appointment) -> None:
    """Give back the person's quota when an appointment stops being active for a reason other than
    a cancel or a reschedule (attended, or a no-show): call in the same transaction as that change.
    The seat stays taken: the time was used."""
    _release_quota(appointment)


def _take_seat(slot: Slot, *, priority: bool) -> None:
    counter = "booked_priority" if priority else "booked_regular"
    taken = Slot.objects.filter(free_q(priority=priority), pk=slot.pk, open=True).update(
        **{counter: F(counter) + 1}
    )
    if not taken:
        raise BookingConflict({"slot": _("Este horário acabou de ser preenchido. Escolha outro.")})


def _release_seat(appointment: Appointment) -> None:
    counter = "booked_priority" if appointment.uses_reserved_seat else "booked_regular"
    Slot.objects.filter(pk=appointment.slot_id, **{f"{counter}__gt": 0}).update(**{counter: F(counter) - 1})


def _meeting_url(slot: Slot, code: str) -> str:
    if slot.offering.mode == Mode.IN_PERSON:
        return ""
    from ..meetings import meeting_for

    return meeting_for(offering=slot.offering, appointment_code=code)


def _create(*, person, slot: Slot, priority: str, key: str, rescheduled_from=None) -> Appointment:
    for attempt in range(_CODE_ATTEMPTS):
        code = appointment_code_generate()
        try:
            with transaction.atomic():  # a savepoint: a code collision draws another code
                return Appointment.objects.create(
                    slot=slot,
                    offering=slot.offering,
                    person=person,
                    code=code,
                    priority=priority,
                    uses_reserved_seat=bool(priority),
                    starts_at=slot.starts_at,
                    meeting_url=_meeting_url(slot, code),
                    idempotency_key=key,
                    rescheduled_from=rescheduled_from,
                )
        except IntegrityError:
            if Appointment.objects.filter(person=person, idempotency_key=key).exists():
                raise
            if attempt == _CODE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _when(appointment: Appointment) -> str:
    local = timezone.localtime(appointment.starts_at, CUIABA)
    return _("%(day)s às %(time)s") % {"day": local.strftime("%d/%m/%Y"), "time": local.strftime("%H:%M")}


def _notify(appointment: Appointment, *, title: str, body: str) -> None:
    from plataforma.notifications.services import notification_send

    notification_send(
        user=appointment.person, title=title, body=body, url="/conta/agendamentos/", category="geral"
    )


def _existing(*, person, key: str, slot_id) -> Appointment | None:
    try:
        existing = Appointment.objects.get(person=person, idempotency_key=key)
    except Appointment.DoesNotExist:
        return None
    if str(existing.slot_id) != str(slot_id):
        raise ValidationError(
            {
                "idempotency_key": _(
                    "Esta chave de envio já foi usada em outro agendamento. Use uma chave nova."
                )
            }
        )
    return existing


def appointment_book(
    *,
    person,
    slot_id,
    priority: str = "",
    idempotency_key: str,
    session_level: str | None = None,
    now: datetime | None = None,
) -> tuple[Appointment, bool]:
    """Book a seat of the slot for `person`. Returns (appointment, created): the same key returns
    the first appointment (a double click, a retry). `priority` is the legal priority the person
    declares ("" for none): it may use the seats reserved for priorities, and it is checked at the
    unit. `session_level`, when given, must meet the service's MT Login level."""
    now = now or timezone.now()
    key = _check_key(idempotency_key)
    priority = _check_priority(priority)
    # No look-up of the key first: a repeated key fails inside the attempt (the person's quota,
    # the seat, or at last the unique (person, key)) and is answered from there, below.
    try:
        slot = _load_slot(slot_id)
        _check_bookable(slot, now=now, session_level=session_level)
    except ValidationError:
        # a retry may come when the time is no longer bookable: it still gets its booking
        existing = _existing(person=person, key=key, slot_id=slot_id)
        if existing is None:
            raise
        return existing, False
    for attempt in range(_CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                appointment = _book_once(person=person, slot=slot, priority=priority, key=key)
        except (IntegrityError, ValidationError) as exc:
            # The same key raced in from another request (a double click): the first one won, and
            # this one waited on its quota or seat and then found it taken. Answer the first booking.
            existing = _existing(person=person, key=key, slot_id=slot_id)
            if existing is not None:
                return existing, False
            if isinstance(exc, IntegrityError) and attempt < _CODE_ATTEMPTS - 1:
                continue  # an appointment code drawn twice (practically never): all over again
            raise
        return appointment, True
    raise AssertionError("unreachable")


def _book_once(*, person, slot: Slot, priority: str, key: str) -> Appointment:
    """One attempt, in the caller's transaction: quota, seat, appointment (no savepoint: a code
    collision fails the attempt, and appointment_book starts another), audit, notification."""
    _take_quota(person=person, slot=slot)
    _take_seat(slot, priority=bool(priority))
    code = appointment_code_generate()
    appointment = Appointment.objects.create(
        slot=slot,
        offering=slot.offering,
        person=person,
        code=code,
        priority=priority,
        uses_reserved_seat=bool(priority),
        starts_at=slot.starts_at,
        meeting_url=_meeting_url(slot, code),
        idempotency_key=key,
    )
    audit_record(
        actor=person,
        action="scheduling.book",
        target=appointment,
        # the priority's kind may be health data (LGPD art. 5 II): only whether there is one
        changes={"slot": slot.pk, "offering": str(slot.offering_id), "priority": bool(priority)},
        subject_user_id=person.pk,
    )
    unit = slot.offering.calendar.unit
    _notify(
        appointment,
        title=_("Agendamento confirmado: %(service)s") % {"service": slot.offering.service.name},
        body=_("%(when)s, %(unit)s. Código %(code)s. Leve os documentos indicados na página do serviço.")
        % {
            "when": _when(appointment),
            "unit": unit.name,
            "code": appointment_code_display(appointment.code),
        },
    )
    return appointment


def _lock(appointment: Appointment) -> Appointment:
    return (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("offering__calendar__unit", "offering__service", "person")
        .get(pk=appointment.pk)
    )


def cancel_deadline(appointment: Appointment) -> datetime:
    """Until when the person may cancel or reschedule on the platform: the offering's notice."""
    return appointment.starts_at - timedelta(hours=appointment.offering.min_notice_hours)


def appointment_cancel(
    *, actor, appointment: Appointment, by_staff: bool = False, reason: str = "", now: datetime | None = None
) -> Appointment:
    """Cancel a booked appointment and free its seat. The person may cancel their own until the
    notice limit; staff (the caller checks the role) at any time, with a reason the person sees."""
    now = now or timezone.now()
    reason = " ".join((reason or "").split())[:500]
    if by_staff and not reason:
        raise ValidationError({"reason": _("Diga à pessoa por que o agendamento foi cancelado.")})
    with transaction.atomic():
        locked = _lock(appointment)
        if not by_staff and locked.person_id != getattr(actor, "pk", None):
            raise ValidationError(_("Este agendamento não é seu."))
        if locked.status != AppointmentStatus.BOOKED:
            raise ValidationError(
                _("Este agendamento não pode mais ser cancelado (situação: %(s)s).")
                % {"s": locked.get_status_display()}
            )
        if not by_staff and now > cancel_deadline(locked):
            raise ValidationError(
                _("O prazo para cancelar pela internet terminou. Fale com a unidade: %(phone)s.")
                % {"phone": locked.offering.calendar.unit.phone or locked.offering.calendar.unit.name}
            )
        # quota before slot, as booking does: the same lock order, no deadlock
        _release_quota(locked)
        _release_seat(locked)
        locked.status = AppointmentStatus.CANCELLED
        locked.cancelled_at = now
        locked.save(update_fields=["status", "cancelled_at", "updated_at"])
        audit_record(
            actor=actor,
            action="scheduling.cancel",
            target=locked,
            changes={"by_staff": by_staff},
            subject_user_id=locked.person_id,
        )
        service = locked.offering.service.name
        body = _("O agendamento de %(when)s (%(service)s) foi cancelado.") % {
            "when": _when(locked),
            "service": service,
        }
        if by_staff:
            body += " " + _("Motivo: %(reason)s") % {"reason": reason}
        _notify(locked, title=_("Agendamento cancelado: %(service)s") % {"service": service}, body=body)
    return locked


def appointment_reschedule(
    *,
    person,
    appointment: Appointment,
    slot_id,
    idempotency_key: str,
    session_level: str | None = None,
    now: datetime | None = None,
) -> Appointment:
    """Move a booked appointment to another slot of the same service (any unit, same rules): the
    new appointment is booked and the old seat freed in one transaction; the person's quota is
    unchanged. The same key returns the same new appointment."""
    now = now or timezone.now()
    key = _check_key(idempotency_key)
    existing = _existing(person=person, key=key, slot_id=slot_id)
    if existing is not None:
        return existing
    slot = _load_slot(slot_id)
    _check_bookable(slot, now=now, session_level=session_level)
    try:
        with transaction.atomic():
            old = _lock(appointment)
            if old.person_id != person.pk:
                raise ValidationError(_("Este agendamento não é seu."))
            if old.status != AppointmentStatus.BOOKED:
                raise ValidationError(_("Só um agendamento marcado pode ser remarcado."))
            if now > cancel_deadline(old):
                raise ValidationError(
                    _("O prazo para remarcar pela internet terminou. Fale com a unidade: %(phone)s.")
                    % {"phone": old.offering.calendar.unit.phone or old.offering.calendar.unit.name}
                )
            if slot.offering.service_id != old.offering.service_id:
                raise ValidationError({"slot": _("Escolha um horário do mesmo serviço.")})
            if slot.pk == old.slot_id:
                raise ValidationError({"slot": _("Este já é o horário do seu agendamento.")})
            priority = bool(old.priority)
            # two slot rows: lock them in primary-key order, so that two people swapping times
            # never deadlock (the CHECK constraints hold in either order)
            if old.slot_id < slot.pk:
                _release_seat(old)
                _take_seat(slot, priority=priority)
            else:
                _take_seat(slot, priority=priority)
                _release_seat(old)
            old.status = AppointmentStatus.RESCHEDULED
            old.cancelled_at = now
            old.save(update_fields=["status", "cancelled_at", "updated_at"])
            new = _create(person=person, slot=slot, priority=old.priority, key=key, rescheduled_from=old)
            audit_record(
                actor=person,
                action="scheduling.reschedule",
                target=new,
                changes={"from": str(old.pk), "slot": slot.pk},
                subject_user_id=person.pk,
            )
            _notify(
                new,
                title=_("Agendamento remarcado: %(service)s") % {"service": slot.offering.service.name},
                body=_("Novo horário: %(when)s, %(unit)s. Código %(code)s.")
                % {
                    "when": _when(new),
                    "unit": slot.offering.calendar.unit.name,
                    "code": appointment_code_display(new.code),
                },
            )
    except (IntegrityError, ValidationError):
        existing = _existing(person=person, key=key, slot_id=slot_id)
        if existing is None:
            raise
        return existing
    return new
