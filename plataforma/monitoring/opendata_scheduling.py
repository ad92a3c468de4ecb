"""Open data of the panel's attendance by appointment (Resolução 002/2021 art. 1 §4; Lei 14.129
arts. 22 and 29-37): the SchedulingIndicator rows (ADR 0027) as CSV and JSON, one row per scope
and period, with the same conventions, filters and caching as the indicators (opendata.py):
/painel/dados/agendamento.csv and /painel/dados/agendamento.json.

Exactly what the panel's "Atendimento com hora marcada" section shows, nothing finer: no unit, no
day, no individual appointment or ticket. These are counts and times of attendance, not what a
person said, so they are published like the request figures (ADR 0023 withholds ratings only;
ADR 0027).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import SchedulingIndicator
from .opendata import REFRESHED_COLUMN, SCOPE_COLUMNS

SchedulingColumn = tuple[str, Any, Callable[[SchedulingIndicator], Any]]


def _rate(row: SchedulingIndicator) -> float | None:
    rate = row.no_show_rate
    return None if rate is None else round(rate, 4)


def _minutes(row: SchedulingIndicator) -> float | None:
    value = row.wait_median_minutes
    return None if value is None else round(value, 2)


def _row_only(getter: Callable[[Any, Any], Any]) -> Callable[[SchedulingIndicator], Any]:
    return lambda row: getter(row, None)


COLUMNS: list[SchedulingColumn] = [
    *((name, description, _row_only(getter)) for name, description, getter in SCOPE_COLUMNS),
    (
        "agendamentos",
        _(
            "Agendamentos com horário no período, sem os cancelados e os remarcados (no mês e no ano em "
            "curso, inclui os que ainda vão acontecer)."
        ),
        lambda r: r.booked,
    ),
    ("atendidos", _("Desses agendamentos, quantas pessoas foram atendidas."), lambda r: r.attended),
    ("faltas", _("Desses agendamentos, quantas pessoas não compareceram."), lambda r: r.no_show),
    (
        "taxa_faltas",
        _("faltas ÷ (atendidos + faltas), de 0 a 1. Vazio quando ainda não há atendidos nem faltas."),
        _rate,
    ),
    (
        "senhas_chamadas",
        _("Senhas chamadas no período nas unidades, com e sem agendamento: a base da espera mediana."),
        lambda r: r.waits,
    ),
    (
        "espera_mediana_minutos",
        _(
            "Espera mediana, em minutos, da chegada à chamada da senha (para quem chegou antes do horário "
            "marcado, conta a partir do horário): metade das pessoas esperou menos que isso. Vazio sem "
            "senhas chamadas."
        ),
        _minutes,
    ),
    (REFRESHED_COLUMN[0], REFRESHED_COLUMN[1], _row_only(REFRESHED_COLUMN[2])),
]
HEADER = [name for name, _description, _getter in COLUMNS]


def row_values(row: SchedulingIndicator) -> list[Any]:
    return [getter(row) for _name, _description, getter in COLUMNS]
