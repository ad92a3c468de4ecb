"""Open data of the panel (Lei 14.129 arts. 29-37; Lei 13.460 art. 23 §2): the indicators as CSV
and JSON, one row per scope and period, with a dictionary of columns shown on /painel/dados/.

CSV: UTF-8 with BOM (opens correctly in spreadsheet programs), comma separator, CRLF line ends,
decimal point, empty cell for "no value", true/false for flags. JSON: {"gerado_em", "colunas",
"itens", "total"}, null for "no value".

Rating figures withheld by the disclosure control (disclosure.py, ADR 0023) are empty/null, with
`avaliacoes_suprimidas`, `avaliacoes_motivo` and one `<dimensão>_suprimida` flag per dimension.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .dimensions import DIMENSION_KEYS, DIMENSION_LABELS, SCORES
from .figures import Figures, ratio
from .models import MonthlyIndicator

CACHE_CONTROL = "public, max-age=300"
CHUNK = 1000
# Exports are kept in the cache between two refreshes of the indicators (key: see cache_key);
# the timeout only bounds how long a renamed agency or service keeps its old name in them.
CACHE_SECONDS = 3600
CACHE_MAX_BYTES = 16 * 1024 * 1024


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def _dimension_withheld(key: str) -> Callable[[MonthlyIndicator, Figures], Any]:
    return lambda _row, figures: key in figures.dimensions_withheld


def _dimension_mean(key: str) -> Callable[[MonthlyIndicator, Figures], Any]:
    # The same figure as Figures.dimension_means()[key]["mean"], without building all seven.
    def getter(_row, figures: Figures):
        if key in figures.dimensions_withheld:
            return None
        entry = figures.dimensions.get(key) or {}
        return _round(ratio(float(entry.get("sum", 0)), int(entry.get("count", 0))))

    return getter


def _dimension_count(key: str) -> Callable[[MonthlyIndicator, Figures], Any]:
    def getter(_row, figures: Figures):
        if key in figures.dimensions_withheld:
            return None
        return int((figures.dimensions.get(key) or {}).get("count", 0))

    return getter


def _score_count(n: int) -> Callable[[MonthlyIndicator, Figures], Any]:
    return lambda _row, figures: None if figures.scores is None else figures.scores[n]


def _dimension_score(key: str, n: int) -> Callable[[MonthlyIndicator, Figures], Any]:
    def getter(_row, figures: Figures):
        if key in figures.dimensions_withheld:
            return None
        dist = (figures.dimensions.get(key) or {}).get("dist") or [0] * len(SCORES)
        return int(dist[n - 1])

    return getter


Column = tuple[str, Any, Callable[[MonthlyIndicator, Figures], Any]]

# Which scope and period a row is about: the first columns of every file of the panel (these
# getters read only the row, so the scheduling file uses them too).
SCOPE_COLUMNS: list[Column] = [
    ("escopo", _("plataforma, orgao (órgão) ou servico (serviço)."), lambda r, f: r.scope),
    (
        "orgao_sigla",
        _("Sigla do órgão (vazio na linha da plataforma)."),
        lambda r, f: r.agency.acronym if r.agency else "",
    ),
    ("orgao_slug", _("Endereço do órgão no portal."), lambda r, f: r.agency.slug if r.agency else ""),
    (
        "servico_slug",
        _("Endereço do serviço no portal (só nas linhas de serviço)."),
        lambda r, f: r.service.slug if r.service else "",
    ),
    ("servico_nome", _("Nome do serviço."), lambda r, f: r.service.name if r.service else ""),
    ("ano", _("Ano."), lambda r, f: r.year),
    ("mes", _("Mês (1 a 12); 0 quando a linha resume o ano inteiro."), lambda r, f: r.month),
]
REFRESHED_COLUMN: Column = (
    "atualizado_em",
    _("Quando o indicador foi calculado (ISO 8601)."),
    lambda r, f: r.refreshed_at.isoformat(),
)

COLUMNS: list[Column] = [
    *SCOPE_COLUMNS,
    ("pedidos_recebidos", _("Pedidos enviados no período."), lambda r, f: r.submitted),
    (
        "pedidos_concluidos",
        _("Pedidos concluídos no período (deferidos + indeferidos)."),
        lambda r, f: r.concluded,
    ),
    (
        "pedidos_deferidos",
        _("Pedidos concluídos com o atendimento do que foi pedido."),
        lambda r, f: r.approved,
    ),
    (
        "pedidos_indeferidos",
        _("Pedidos concluídos sem atender o que foi pedido, com justificativa."),
        lambda r, f: r.rejected,
    ),
    (
        "pedidos_cancelados",
        _("Pedidos cancelados no período (pelo solicitante ou por falta de pagamento)."),
        lambda r, f: r.cancelled,
    ),
    (
        "em_andamento_fim_periodo",
        _("Pedidos ainda em andamento no fim do período (no período atual: agora)."),
        lambda r, f: r.in_progress_end,
    ),
    (
        "concluidos_com_prazo",
        _("Pedidos concluídos que tinham prazo prometido na Carta de Serviços."),
        lambda r, f: r.concluded_with_deadline,
    ),
    (
        "concluidos_no_prazo",
        _("Desses, quantos foram concluídos dentro do prazo prometido."),
        lambda r, f: r.concluded_on_time,
    ),
    (
        "percentual_no_prazo",
        _("concluidos_no_prazo ÷ concluidos_com_prazo (0 a 1)."),
        lambda r, f: _round(f.on_time_share),
    ),
    (
        "tempo_medio_dias",
        _("Tempo médio, em dias corridos, do envio à conclusão dos pedidos concluídos no período."),
        lambda r, f: _round(f.days_mean),
    ),
    (
        "tempo_mediano_dias",
        _("Tempo mediano, em dias corridos: metade dos pedidos levou menos que isso."),
        lambda r, f: _round(r.days_median),
    ),
    (
        "avaliacoes_suprimidas",
        _(
            "true quando as notas deste escopo e período não são publicadas, para proteger o anonimato "
            "de quem avaliou (veja a regra acima); as colunas de notas ficam então vazias."
        ),
        lambda r, f: bool(f.ratings_withheld),
    ),
    (
        "avaliacoes_motivo",
        _(
            "Por que as notas não são publicadas: poucas (menos avaliações que o mínimo), complementar "
            "(revelariam por subtração um grupo pequeno), em_curso (o mês ainda não terminou) ou "
            "pendente (em revisão). Vazio quando publicadas."
        ),
        lambda r, f: f.ratings_withheld or None,
    ),
    (
        "avaliacoes",
        _(
            "Avaliações feitas no período. No ano em curso (mês 0), as dos meses já encerrados. "
            "Vazio quando as notas não são publicadas."
        ),
        lambda r, f: f.evaluations,
    ),
    ("nota_media", _("Média das notas gerais (1 a 5)."), lambda r, f: _round(f.score_mean)),
    *[
        (
            f"notas_{n}",
            _("Quantas avaliações deram nota %(n)d.") % {"n": n},
            _score_count(n),
        )
        for n in SCORES
    ],
    *[
        column
        for key in DIMENSION_KEYS
        for column in (
            (
                f"{key}_suprimida",
                _("true quando as notas da dimensão “%(d)s” não são publicadas (veja a regra acima).")
                % {"d": DIMENSION_LABELS[key]},
                _dimension_withheld(key),
            ),
            (
                f"{key}_media",
                _("Média da dimensão “%(d)s” (1 a 5).") % {"d": DIMENSION_LABELS[key]},
                _dimension_mean(key),
            ),
            (
                f"{key}_avaliacoes",
                _("Quantas avaliações deram nota à dimensão “%(d)s”.") % {"d": DIMENSION_LABELS[key]},
                _dimension_count(key),
            ),
            *[
                (
                    f"{key}_notas_{n}",
                    _("Quantas avaliações deram nota %(n)d à dimensão “%(d)s”.")
                    % {"n": n, "d": DIMENSION_LABELS[key]},
                    _dimension_score(key, n),
                )
                for n in SCORES
            ],
        )
    ],
    REFRESHED_COLUMN,
]
HEADER = [name for name, _description, _getter in COLUMNS]


def row_values(row: MonthlyIndicator) -> list[Any]:
    figures = Figures.from_row(row)
    return [getter(row, figures) for _name, _description, getter in COLUMNS]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def iter_csv(
    rows, *, header: list[str] = HEADER, values: Callable[[Any], list[Any]] = row_values
) -> Iterator[str]:
    """The rows as CSV, in chunks. `header` and `values` (a row's cells) default to the requests'
    indicators; opendata_scheduling passes its own."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(header)
    chunk: list[str] = []
    for row in rows.iterator(chunk_size=CHUNK):
        chunk.append(writer.writerow([_csv_cell(v) for v in values(row)]))
        if len(chunk) >= 200:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk)


def iter_json(
    rows, *, header: list[str] = HEADER, values: Callable[[Any], list[Any]] = row_values
) -> Iterator[str]:
    """The rows as the JSON document described in the module's docstring, in chunks."""
    generated = json.dumps(timezone.now().isoformat())
    yield f'{{"gerado_em": {generated}, "colunas": {json.dumps(header)}, "itens": ['
    total = 0
    for row in rows.iterator(chunk_size=CHUNK):
        item = dict(zip(header, values(row), strict=True))
        yield ("," if total else "") + json.dumps(item, cls=DjangoJSONEncoder, ensure_ascii=False)
        total += 1
    yield f'], "total": {total}}}'


def cache_key(fmt: str, filters: dict, refreshed_at: datetime | None) -> str | None:
    """The cache key of one export: its format, its filters and the time of the last refresh of
    the indicators — the rows change only when the periodic job refreshes them, and a refresh
    moves the key, so a cached body never outlives the figures it shows. None (no caching)
    before the first refresh."""
    if refreshed_at is None:
        return None
    parts = [
        fmt,
        str(filters.get("scope") or ""),
        str(getattr(filters.get("agency"), "pk", "") or ""),
        str(getattr(filters.get("service"), "pk", "") or ""),
        str(filters.get("year") or ""),
        refreshed_at.isoformat(),
    ]
    return "monitoring:opendata:" + ":".join(parts)


def cached_body(key: str | None) -> bytes | None:
    return cache.get(key) if key else None


def _encoded(chunks: Iterator[str], key: str | None) -> Iterator[bytes]:
    """Encode and stream the chunks; once the whole body has gone out (and only then — a client
    that disconnects leaves nothing behind), keep it in the cache if it is not too large."""
    parts: list[bytes] | None = [] if key else None
    size = 0
    for chunk in chunks:
        data = chunk.encode("utf-8")
        if parts is not None:
            size += len(data)
            if size > CACHE_MAX_BYTES:
                parts = None
            else:
                parts.append(data)
        yield data
    if parts is not None and key:
        cache.set(key, b"".join(parts), CACHE_SECONDS)


def streaming(
    chunks: Iterator[str] | None,
    *,
    content_type: str,
    filename: str,
    attachment: bool,
    key: str | None = None,
    body: bytes | None = None,
):
    """The export as a streamed response: the cached `body` when there is one, else the
    `chunks` as they are produced (cached under `key` at the end)."""
    content = iter([body]) if body is not None else _encoded(chunks, key)
    response = StreamingHttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'{"attachment" if attachment else "inline"}; filename="{filename}"'
    response["Cache-Control"] = CACHE_CONTROL
    return response
