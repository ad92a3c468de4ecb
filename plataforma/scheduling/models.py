"""Scheduling of attendance (Resolução 002/2021 art. 1 §4; Lei 13.460 art. 5; Lei 14.129 art. 21 III).

- `UnitCalendar`: the scheduling profile of a catalogue unit (catalog.ServiceUnit): where it is
  (coordinates, municipality for municipal holidays), its weekly opening hours and closures.
- `Offering`: one catalogue service offered by appointment at one unit, in one mode (in person,
  video, phone), with its rules: length, desks in parallel, buffer, booking window, minimum notice,
  limit per person, seats reserved for the legal priorities.
- `Slot`: one bookable time of an offering, materialised ahead (services.slots). Its counters are the
  capacity invariant, held by CHECK constraints and changed only by conditional UPDATEs: no double
  booking, whatever the concurrency (ADR 0025).
- `Appointment`: a person's booking of a slot, with its code, status and outcome.
- `Desk`, `Ticket`: the unit's calling queue (senhas) mixing appointments and walk-ins.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from plataforma.common.models import BaseModel


class Priority(models.TextChoices):
    """Legal priorities in attendance (Lei 10.048/2000 art. 1; Estatuto da Pessoa Idosa, Lei
    10.741/2003 art. 3 §§1-2: people aged 80 or more before other older people; Lei 13.146/2015;
    Lei 12.764/2012). Declared by the person, confirmed at the desk with a document."""

    NONE = "", _("Sem prioridade")
    AGE_80 = "idoso80", _("Pessoa com 80 anos ou mais")
    AGE_60 = "idoso60", _("Pessoa com 60 anos ou mais")
    PREGNANT = "gestante", _("Gestante")
    NURSING = "lactante", _("Lactante")
    SMALL_CHILD = "crianca_colo", _("Pessoa com criança de colo")
    DISABILITY = "deficiencia", _("Pessoa com deficiência")
    AUTISM = "tea", _("Pessoa com transtorno do espectro autista")
    OBESITY = "obesidade", _("Pessoa obesa")

    @classmethod
    def rank(cls, value: str) -> int:
        """Order in the calling queue: 0 is called first (80+), 1 other priorities, 2 everyone else."""
        if value == cls.AGE_80:
            return 0
        return 1 if value else 2


class Mode(models.TextChoices):
    IN_PERSON = "presencial", _("Presencial")
    VIDEO = "video", _("Por vídeo")
    PHONE = "telefone", _("Por telefone")


class UnitCalendar(BaseModel):
    """How and when a unit takes appointments."""

    unit = models.OneToOneField(
        "catalog.ServiceUnit", on_delete=models.CASCADE, related_name="calendar", verbose_name=_("unidade")
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    accepts_bookings = models.BooleanField(_("recebe agendamentos"), default=True)
    ticket_prefix = models.CharField(
        _("prefixo das senhas"), max_length=3, blank=True, help_text=_("Opcional, por exemplo GT.")
    )

    class Meta:
        verbose_name = _("agenda da unidade")
        verbose_name_plural = _("agendas das unidades")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="scheduling_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="scheduling_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.unit)


class OpeningHours(BaseModel):
    """One opening interval on a weekday (0 = Monday). A day may have several (08-12, 14-18)."""

    calendar = models.ForeignKey(UnitCalendar, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("dia da semana"), validators=[MaxValueValidator(6)])
    opens = models.TimeField(_("abre"))
    closes = models.TimeField(_("fecha"))

    class Meta:
        ordering = ["calendar", "weekday", "opens"]
        verbose_name = _("horário de funcionamento")
        verbose_name_plural = _("horários de funcionamento")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens__lt=F("closes")), name="scheduling_hours_opens_before_closes"
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="scheduling_hours_weekday"),
        ]

    def __str__(self) -> str:
        return f"{self.weekday} {self.opens:%H:%M}-{self.closes:%H:%M}"


class Closure(BaseModel):
    """Days a unit does not attend (besides holidays): a reform, a strike, an event."""

    calendar = models.ForeignKey(UnitCalendar, on_delete=models.CASCADE, related_name="closures")
    starts_on = models.DateField(_("de"))
    ends_on = models.DateField(_("até"))
    reason = models.CharField(_("motivo"), max_length=200)

    class Meta:
        ordering = ["calendar", "starts_on"]
        verbose_name = _("fechamento")
        verbose_name_plural = _("fechamentos")
        constraints = [
            models.CheckConstraint(condition=Q(starts_on__lte=F("ends_on")), name="scheduling_closure_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.starts_on} a {self.ends_on}: {self.reason}"


class Offering(BaseModel):
    """A catalogue service offered by appointment at a unit, in one mode."""

    calendar = models.ForeignKey(UnitCalendar, on_delete=models.CASCADE, related_name="offerings")
    service = models.ForeignKey(
        "catalog.Service", on_delete=models.PROTECT, related_name="offerings", verbose_name=_("serviço")
    )
    mode = models.CharField(_("modalidade"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duração (minutos)"), default=20, validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    capacity = models.PositiveSmallIntegerField(
        _("guichês em paralelo"), default=1, validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    buffer_minutes = models.PositiveSmallIntegerField(
        _("intervalo entre atendimentos (minutos)"), default=0, validators=[MaxValueValidator(120)]
    )
    horizon_days = models.PositiveSmallIntegerField(
        _("agenda aberta por (dias)"), default=30, validators=[MinValueValidator(1), MaxValueValidator(180)]
    )
    min_notice_hours = models.PositiveSmallIntegerField(
        _("antecedência mínima (horas)"), default=2, validators=[MaxValueValidator(720)]
    )
    per_person_limit = models.PositiveSmallIntegerField(
        _("agendamentos ativos por pessoa"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    priority_reserved = models.PositiveSmallIntegerField(
        _("vagas reservadas às prioridades legais, por horário"),
        default=0,
        validators=[MaxValueValidator(200)],
    )
    active = models.BooleanField(_("aberto para agendamento"), default=True)

    class Meta:
        ordering = ["calendar", "service"]
        verbose_name = _("serviço agendável")
        verbose_name_plural = _("serviços agendáveis")
        constraints = [
            models.UniqueConstraint(
                fields=["calendar", "service", "mode"], name="scheduling_offering_unique"
            ),
            models.CheckConstraint(
                condition=Q(priority_reserved__lte=F("capacity")),
                name="scheduling_offering_reserved_le_capacity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_id} @ {self.calendar_id} ({self.mode})"


class Slot(models.Model):
    """One bookable time of an offering. `booked_regular` and `booked_priority` change only by
    conditional UPDATEs (services.booking); the CHECK constraints make overbooking impossible:
    regular bookings use at most capacity - reserved seats, all bookings at most capacity."""

    id = models.BigAutoField(primary_key=True)
    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("início"))
    ends_at = models.DateTimeField(_("fim"))
    capacity = models.PositiveSmallIntegerField(_("vagas"))
    reserved = models.PositiveSmallIntegerField(_("vagas reservadas"), default=0)
    booked_regular = models.PositiveSmallIntegerField(default=0)
    booked_priority = models.PositiveSmallIntegerField(default=0)
    # False when the unit's hours or closures changed after the slot was made: kept for the
    # appointments it holds (staff reschedule them), never offered again.
    open = models.BooleanField(default=True)

    class Meta:
        ordering = ["offering", "starts_at"]
        verbose_name = _("horário")
        verbose_name_plural = _("horários")
        constraints = [
            models.UniqueConstraint(fields=["offering", "starts_at"], name="scheduling_slot_unique_start"),
            models.CheckConstraint(condition=Q(starts_at__lt=F("ends_at")), name="scheduling_slot_times"),
            models.CheckConstraint(condition=Q(reserved__lte=F("capacity")), name="scheduling_slot_reserved"),
            models.CheckConstraint(
                condition=Q(booked_regular__lte=F("capacity") - F("reserved")),
                name="scheduling_slot_regular_le_unreserved",
            ),
            models.CheckConstraint(
                condition=Q(booked_regular__gte=0)
                & Q(booked_priority__gte=0)
                & Q(booked_priority__lte=F("capacity") - F("booked_regular")),
                name="scheduling_slot_no_overbooking",
            ),
        ]
        indexes = [
            models.Index(
                fields=["offering", "starts_at"], condition=Q(open=True), name="scheduling_slot_open_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offering_id} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def booked(self) -> int:
        return self.booked_regular + self.booked_priority


class AppointmentStatus(models.TextChoices):
    BOOKED = "agendado", _("Agendado")
    CANCELLED = "cancelado", _("Cancelado")
    RESCHEDULED = "remarcado", _("Remarcado")
    CHECKED_IN = "presente", _("Presente na unidade")
    IN_SERVICE = "em_atendimento", _("Em atendimento")
    DONE = "atendido", _("Atendido")
    NO_SHOW = "faltou", _("Não compareceu")


ACTIVE_APPOINTMENT = (AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN, AppointmentStatus.IN_SERVICE)


class Appointment(BaseModel):
    """A person's booking. `code` is what they show or type at the unit (and what the QR holds)."""

    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="appointments")
    offering = models.ForeignKey(Offering, on_delete=models.PROTECT, related_name="appointments")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("pessoa"),
    )
    code = models.CharField(_("código"), max_length=12, unique=True)
    status = models.CharField(
        _("situação"), max_length=16, choices=AppointmentStatus.choices, default=AppointmentStatus.BOOKED
    )
    priority = models.CharField(_("prioridade"), max_length=16, choices=Priority.choices, blank=True)
    uses_reserved_seat = models.BooleanField(default=False)
    starts_at = models.DateTimeField(_("início"))  # copied from the slot: lists without a join
    meeting_url = models.URLField(_("endereço da sala"), max_length=300, blank=True)
    idempotency_key = models.CharField(max_length=80)
    rescheduled_from = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="rescheduled_to"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    outcome_note = models.CharField(_("registro do atendimento"), max_length=1000, blank=True)
    service_request_protocol = models.CharField(_("protocolo do pedido aberto"), max_length=40, blank=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("agendamento")
        verbose_name_plural = _("agendamentos")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "idempotency_key"], name="scheduling_appointment_idempotency"
            ),
        ]
        indexes = [
            models.Index(fields=["person", "starts_at"], name="scheduling_appt_person_idx"),
            models.Index(fields=["offering", "starts_at"], name="scheduling_appt_offering_idx"),
            models.Index(
                fields=["starts_at"],
                condition=Q(status="agendado", reminded_at__isnull=True),
                name="scheduling_appt_remind_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class PersonQuota(models.Model):
    """Active appointments of one person for one offering's service at any unit, changed by
    conditional UPDATEs like the slot counters: the per-person limit holds under concurrency."""

    id = models.BigAutoField(primary_key=True)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey("catalog.Service", on_delete=models.CASCADE, related_name="+")
    active = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "service"], name="scheduling_quota_unique"),
            models.CheckConstraint(condition=Q(active__gte=0), name="scheduling_quota_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.service_id}: {self.active}"


class Desk(BaseModel):
    """A place of attendance in a unit (guichê, mesa, sala)."""

    calendar = models.ForeignKey(UnitCalendar, on_delete=models.CASCADE, related_name="desks")
    name = models.CharField(_("nome"), max_length=40)
    active = models.BooleanField(_("em uso"), default=True)

    class Meta:
        ordering = ["calendar", "name"]
        verbose_name = _("guichê")
        verbose_name_plural = _("guichês")
        constraints = [models.UniqueConstraint(fields=["calendar", "name"], name="scheduling_desk_unique")]

    def __str__(self) -> str:
        return self.name


class TicketStatus(models.TextChoices):
    WAITING = "aguardando", _("Aguardando")
    CALLED = "chamada", _("Chamada")
    IN_SERVICE = "em_atendimento", _("Em atendimento")
    DONE = "atendida", _("Atendida")
    NO_SHOW = "ausente", _("Não compareceu à chamada")
    CANCELLED = "cancelada", _("Cancelada")


class TicketSequence(models.Model):
    """Last senha number issued at a unit on a day, per series (P priority, A appointment, N normal)."""

    id = models.BigAutoField(primary_key=True)
    calendar = models.ForeignKey(UnitCalendar, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    series = models.CharField(max_length=1)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["calendar", "day", "series"], name="scheduling_ticketseq_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.calendar_id} {self.day} {self.series}{self.last_number}"


class Ticket(BaseModel):
    """A senha in a unit's calling queue: from a checked-in appointment or a walk-in."""

    calendar = models.ForeignKey(UnitCalendar, on_delete=models.PROTECT, related_name="tickets")
    day = models.DateField(_("dia"))
    label = models.CharField(_("senha"), max_length=12)
    service = models.ForeignKey("catalog.Service", on_delete=models.PROTECT, related_name="+")
    appointment = models.OneToOneField(
        Appointment, null=True, blank=True, on_delete=models.PROTECT, related_name="ticket"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    priority = models.CharField(_("prioridade"), max_length=16, choices=Priority.choices, blank=True)
    rank = models.PositiveSmallIntegerField(default=2)  # Priority.rank: 0 = 80+, 1 = priority, 2 = others
    status = models.CharField(
        _("situação"), max_length=16, choices=TicketStatus.choices, default=TicketStatus.WAITING
    )
    issued_at = models.DateTimeField(_("emitida em"))
    due_at = models.DateTimeField(_("horário agendado"), null=True, blank=True)
    called_at = models.DateTimeField(null=True, blank=True)
    call_count = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    desk = models.ForeignKey(Desk, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    attendant = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome_note = models.CharField(_("registro do atendimento"), max_length=1000, blank=True)
    service_request_protocol = models.CharField(_("protocolo do pedido aberto"), max_length=40, blank=True)

    class Meta:
        ordering = ["calendar", "day", "issued_at"]
        verbose_name = _("senha")
        verbose_name_plural = _("senhas")
        constraints = [
            models.UniqueConstraint(
                fields=["calendar", "day", "label"], name="scheduling_ticket_unique_label"
            ),
        ]
        indexes = [
            models.Index(
                fields=["calendar", "day", "rank", "issued_at"],
                condition=Q(status="aguardando"),
                name="scheduling_ticket_waiting_idx",
            ),
            # the hourly indicator refresh reads tickets by day across every unit
            models.Index(fields=["day"], name="scheduling_ticket_day_idx"),
        ]

    def __str__(self) -> str:
        return self.label
