"""Open data of the panel's ouvidoria figures (Lei 13.460 art. 23 §2; Lei 14.129 arts. 29-37):
one row per period (month 1-12, or 0 for the year) and agency — the state's row has an empty
agency — with the agency's position in the ranking of reclamações of that period. CSV and JSON
in the same conventions as indicadores.csv|json (opendata.py)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .selectors.ombudsman import RATE_MIN_REQUESTS, complaints_rate

COLUMNS = [
    ("ano", _("Ano.")),
    ("mes", _("Mês (1 a 12); 0 quando a linha resume o ano inteiro.")),
    ("orgao_sigla", _("Sigla do órgão; vazio na linha do Estado (todos os órgãos).")),
    ("orgao_slug", _("Endereço do órgão no portal.")),
    (
        "posicao",
        _(
            "Posição do órgão no ranking de reclamações do período (1 = mais reclamações; empates dividem a "
            "posição). Vazio para o Estado e para órgãos sem reclamações."
        ),
    ),
    (
        "manifestacoes_recebidas",
        _("Manifestações de todos os tipos recebidas no período (no órgão que as trata hoje)."),
    ),
    ("reclamacoes_recebidas", _("Reclamações recebidas no período.")),
    ("pedidos_na_plataforma", _("Pedidos de serviços feitos ao órgão pela plataforma no período.")),
    (
        "reclamacoes_por_10_mil_pedidos",
        _(
            "Reclamações por 10 mil pedidos feitos pela plataforma; vazio com "
            "menos de %(n)d pedidos no período."
        )
        % {"n": RATE_MIN_REQUESTS},
    ),
    (
        "reclamacoes_concluidas",
        _("Reclamações respondidas ou arquivadas no período, pelo órgão que as concluiu."),
    ),
    ("reclamacoes_concluidas_no_prazo", _("Dessas, quantas dentro do prazo (Lei 13.460, art. 16).")),
    ("percentual_no_prazo", _("reclamacoes_concluidas_no_prazo ÷ reclamacoes_concluidas (0 a 1).")),
    ("atualizado_em", _("Quando o indicador foi calculado (ISO 8601).")),
]
HEADER = [name for name, _description in COLUMNS]


def _values(rows) -> Iterator[list[Any]]:
    """The rows with their ranking position, computed while streaming (rows come ordered by
    period, then reclamações descending)."""
    period, position, previous, index = None, None, None, 0
    for row in rows.iterator(chunk_size=1000):
        if (row.year, row.month) != period:
            period, position, previous, index = (row.year, row.month), None, None, 0
        rank = None
        if row.agency_id is not None and row.complaints > 0:
            index += 1
            position = position if previous == row.complaints else index
            previous, rank = row.complaints, position
        rate = complaints_rate(row.complaints, row.requests)
        share = row.on_time_share
        yield [
            row.year,
            row.month,
            row.agency.acronym if row.agency else "",
            row.agency.slug if row.agency else "",
            rank,
            row.received,
            row.complaints,
            row.requests,
            None if rate is None else round(rate, 2),
            row.complaints_concluded,
            row.complaints_on_time,
            None if share is None else round(share, 4),
            row.refreshed_at.isoformat(),
        ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def iter_csv(rows) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(HEADER)
    for values in _values(rows):
        yield writer.writerow(["" if v is None else v for v in values])


def iter_json(rows) -> Iterator[str]:
    generated = json.dumps(timezone.now().isoformat())
    yield f'{{"gerado_em": {generated}, "colunas": {json.dumps(HEADER)}, "itens": ['
    total = 0
    for values in _values(rows):
        yield ("," if total else "") + json.dumps(dict(zip(HEADER, values, strict=True)), ensure_ascii=False)
        total += 1
    yield f'], "total": {total}}}'
