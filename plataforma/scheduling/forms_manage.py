"""Forms of the gestor's scheduling pages: they parse what was typed and give field-level
Portuguese errors; the rules themselves live in services.config, whose ValidationErrors are put
back on the same fields (`apply_service_errors`)."""

from __future__ import annotations

import re
from datetime import date, time, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Mode
from .selectors.figures import MAX_DAYS, MAX_FUTURE_DAYS
from .services.config import OFFERING_LIMITS, WEEKDAY_FIELDS, OfferingRules, check_week

WEEKDAY_LABELS = [
    _("Segunda-feira"),
    _("Terça-feira"),
    _("Quarta-feira"),
    _("Quinta-feira"),
    _("Sexta-feira"),
    _("Sábado"),
    _("Domingo"),
]
_TIME = r"([01]?\d|2[0-3])(?:[:h]([0-5]\d))?h?"
_INTERVAL = re.compile(rf"^\s*{_TIME}\s*(?:-|\u2013|\u2014|a|às|as|até)\s*{_TIME}\s*$", re.IGNORECASE)


def apply_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when the form has one, else at
    the top of the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            target = name if name in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def format_intervals(intervals: list[tuple[time, time]]) -> str:
    return ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in intervals)


def parse_intervals(text: str) -> list[tuple[time, time]]:
    """ "07:30-11:30, 13h às 17h30" → [(07:30, 11:30), (13:00, 17:30)]; "" → [] (closed)."""
    parts = [p for p in re.split(r"[;,\n]|\be\b", text or "") if p.strip()]
    intervals = []
    for part in parts:
        match = _INTERVAL.match(part)
        if not match:
            raise ValidationError(
                _("Não entendi “%(part)s”. Escreva os horários assim: 07:30-11:30, 13:00-17:30."),
                params={"part": part.strip()[:40]},
            )
        h1, m1, h2, m2 = match.groups()
        intervals.append((time(int(h1), int(m1 or 0)), time(int(h2), int(m2 or 0))))
    return intervals


class WeekHoursForm(forms.Form):
    """One text field per weekday; blank = closed that day."""

    def __init__(self, *args, week: dict[int, list[tuple[time, time]]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for weekday, name in enumerate(WEEKDAY_FIELDS):
            self.fields[name] = forms.CharField(
                label=WEEKDAY_LABELS[weekday],
                required=False,
                max_length=200,
                initial=format_intervals((week or {}).get(weekday, [])),
                help_text=_("Por exemplo 07:30-11:30, 13:00-17:30. Em branco: fechado.")
                if weekday == 0
                else "",
                widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
            )
        self.fields["confirmar"] = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        week = {}
        for weekday, name in enumerate(WEEKDAY_FIELDS):
            if name in self.errors:
                continue
            try:
                week[weekday] = parse_intervals(cleaned.get(name, ""))
            except ValidationError as exc:
                self.add_error(name, exc)
        try:  # every day that could be read is checked, so all problems show at once
            checked = check_week(week)
        except ValidationError as exc:
            apply_service_errors(self, exc)
        else:
            if not self.errors:
                cleaned["week"] = checked
        return cleaned


class CalendarForm(forms.Form):
    accepts_bookings = forms.BooleanField(label=_("Esta unidade recebe agendamentos"), required=False)
    latitude = forms.DecimalField(
        label=_("Latitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
        help_text=_(
            "Graus decimais, com vírgula ou ponto, por exemplo -15,601000. "
            "Em branco: o centro do município da unidade."
        ),
        localize=True,
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        help_text=_("Graus decimais, por exemplo -56,097400."),
        localize=True,
    )
    ticket_prefix = forms.CharField(
        label=_("Prefixo das senhas"),
        required=False,
        max_length=3,
        help_text=_("Opcional: de uma a três letras impressas antes do número, por exemplo GT."),
    )

    def clean_ticket_prefix(self):
        return (self.cleaned_data.get("ticket_prefix") or "").strip().upper()


class ClosureForm(forms.Form):
    starts_on = forms.DateField(
        label=_("Primeiro dia fechado"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ends_on = forms.DateField(
        label=_("Último dia fechado"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reason = forms.CharField(
        label=_("Motivo"),
        max_length=200,
        help_text=_("Aparece para quem procura a unidade, por exemplo: reforma do prédio."),
    )
    confirmar = forms.BooleanField(required=False, widget=forms.HiddenInput)


class DeskForm(forms.Form):
    name = forms.CharField(
        label=_("Nome do guichê"), max_length=40, help_text=_("Por exemplo Guichê 1, Sala 2.")
    )
    active = forms.BooleanField(label=_("Em uso"), required=False, initial=True)


def _int_field(name: str, label, help_text=""):
    low, high = OFFERING_LIMITS[name]
    return forms.IntegerField(label=label, min_value=low, max_value=high, help_text=help_text)


class OfferingForm(forms.Form):
    service = forms.ModelChoiceField(
        label=_("Serviço da Carta"),
        queryset=None,
        empty_label=_("Escolha o serviço"),
        error_messages={"invalid_choice": _("Escolha um serviço publicado do seu órgão.")},
    )
    mode = forms.ChoiceField(label=_("Modalidade"), choices=Mode.choices, initial=Mode.IN_PERSON)
    duration_minutes = _int_field("duration_minutes", _("Duração de cada atendimento (minutos)"))
    capacity = _int_field(
        "capacity", _("Guichês em paralelo"), _("Quantas pessoas são atendidas ao mesmo tempo neste serviço.")
    )
    buffer_minutes = _int_field(
        "buffer_minutes",
        _("Intervalo entre atendimentos (minutos)"),
        _("0 se um atendimento começa logo após o outro."),
    )
    horizon_days = _int_field(
        "horizon_days", _("Agenda aberta por (dias)"), _("Até quantos dias à frente se agenda.")
    )
    min_notice_hours = _int_field(
        "min_notice_hours",
        _("Antecedência mínima (horas)"),
        _("Também é o prazo para a pessoa cancelar ou remarcar pela internet."),
    )
    per_person_limit = _int_field("per_person_limit", _("Agendamentos ativos por pessoa"))
    priority_reserved = _int_field(
        "priority_reserved",
        _("Vagas reservadas às prioridades legais, por horário"),
        _(
            "Pessoas idosas, gestantes, lactantes, pessoas com deficiência ou com criança de colo "
            "(Lei 10.048/2000). Não pode passar do número de guichês em paralelo."
        ),
    )
    active = forms.BooleanField(label=_("Aberto para agendamento"), required=False, initial=True)

    def __init__(self, *args, services=None, fixed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        if fixed:  # an existing offering: its service and mode are part of its appointments
            for name in ("service", "mode"):
                self.fields[name].disabled = True
                self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        capacity, reserved = cleaned.get("capacity"), cleaned.get("priority_reserved")
        if capacity is not None and reserved is not None and reserved > capacity:
            self.add_error(
                "priority_reserved",
                _(
                    "As vagas reservadas às prioridades não podem passar do número de guichês "
                    "em paralelo (%(n)d)."
                )
                % {"n": capacity},
            )
        return cleaned

    def rules(self) -> OfferingRules:
        data = self.cleaned_data
        return OfferingRules(
            duration_minutes=data["duration_minutes"],
            capacity=data["capacity"],
            buffer_minutes=data["buffer_minutes"],
            horizon_days=data["horizon_days"],
            min_notice_hours=data["min_notice_hours"],
            per_person_limit=data["per_person_limit"],
            priority_reserved=data["priority_reserved"],
            active=bool(data.get("active")),
        )


class CancelOutsideForm(forms.Form):
    """Staff cancel appointments left outside the unit's hours; the person receives the reason."""

    appointments = forms.MultipleChoiceField(
        label=_("Agendamentos a cancelar"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Marque ao menos um agendamento.")},
    )
    reason = forms.CharField(
        label=_("Motivo, enviado a cada pessoa"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Por exemplo: a unidade não abrirá neste dia por causa da reforma. Remarque pelo portal."
        ),
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appointments"].choices = list(choices)


EARLIEST_DAY = date(2000, 1, 1)  # nothing is scheduled before; also keeps date arithmetic in range


class PeriodForm(forms.Form):
    """The period of the figures: default the last 30 days."""

    de = forms.DateField(
        label=_("De"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ate = forms.DateField(
        label=_("Até"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        end = cleaned.get("ate") or self.today
        for name in ("de", "ate"):
            value = cleaned.get(name)
            if value is not None and value < EARLIEST_DAY:
                self.add_error(name, _("Escolha uma data a partir de 01/01/2000."))
        if self.errors:
            return cleaned
        start = cleaned.get("de") or end - timedelta(days=29)
        if start > end:
            self.add_error("de", _("O início do período não pode ser depois do fim."))
        elif (end - start).days + 1 > MAX_DAYS:
            self.add_error("ate", _("Escolha um período de no máximo %(n)d dias.") % {"n": MAX_DAYS})
        elif end > self.today + timedelta(days=MAX_FUTURE_DAYS):
            self.add_error(
                "ate", _("O período pode ir no máximo %(n)d dias à frente.") % {"n": MAX_FUTURE_DAYS}
            )
        cleaned["start"], cleaned["end"] = start, end
        return cleaned
