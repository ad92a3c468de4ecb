"""Open data of the relatório de gestão (Lei 13.460 art. 15 §único II; Lei 14.129 arts. 29-37).

`dados.csv` / `dados.json`: every figure of the report as a long table, one row per figure —
ano, escopo, orgao_sigla, dimensao, chave, nome, indicador, valor, suprimido. The JSON also holds
the report's texts and the measures adopted. `providencias.csv`: the measures adopted, one per
row. CSV: UTF-8 with BOM, comma, CRLF, decimal point, empty cell for "no value". Only aggregate
figures and texts written by the ouvidoria: never a protocol, a name or a manifestação's text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import AdoptedMeasure, Channel, Kind, Status
from .presentation import MONTHS, ratio

COLUMNS = [
    ("ano", gettext_lazy("Ano do relatório.")),
    ("escopo", gettext_lazy("estado (todos os órgãos) ou orgao (um órgão).")),
    ("orgao_sigla", gettext_lazy("Sigla do órgão do relatório (vazio no relatório do Estado).")),
    (
        "dimensao",
        gettext_lazy(
            "Do que a linha trata: total, tipo, canal, situacao, mes, orgao, servico, assunto, prazo, "
            "encaminhamento, reabertura, satisfacao ou providencia."
        ),
    ),
    (
        "chave",
        gettext_lazy(
            "Código do item (tipo, canal, situação, mês, sigla, endereço do serviço ou do assunto)."
        ),
    ),
    ("nome", gettext_lazy("Nome do item.")),
    ("indicador", gettext_lazy("O que o valor mede (veja a lista de indicadores).")),
    (
        "valor",
        gettext_lazy("O número; frações de 0 a 1 para médias de resolvidas; dias corridos para tempos."),
    ),
    (
        "suprimido",
        gettext_lazy(
            "Por que o valor não é publicado: poucas (menos avaliações que o "
            "mínimo), complementar (revelaria "
            "por subtração um grupo pequeno) ou em_curso (o ano ainda não terminou). Vazio quando publicado."
        ),
    ),
]
HEADER = [name for name, _description in COLUMNS]
RATING_INDICATORS = (
    ("avaliacoes", "ratings"),
    ("resolvidas", "resolved"),
    ("satisfacao_soma", "satisfaction_sum"),
    *((f"notas_{n}", f"score_{n}") for n in (1, 2, 3, 4, 5)),
)
MEASURE_HEADER = ["ano", "orgao_sigla", "mes", "tipo", "tipo_nome", "servico", "descricao"]


def _rating_rows(group: dict[str, Any], dimension: str, key: str, name: str) -> Iterator[tuple]:
    reason = group.get("withheld", "")
    for indicator, field in RATING_INDICATORS:
        yield dimension, key, name, indicator, None if reason else group.get(field), reason
    mean = None if reason else ratio(group.get("satisfaction_sum"), group.get("ratings"))
    yield dimension, key, name, "satisfacao_media", None if mean is None else round(mean, 4), reason


def figure_rows(figures: dict[str, Any]) -> Iterator[tuple]:
    """(dimensao, chave, nome, indicador, valor, suprimido) for every figure of the report."""
    received = figures["received"]
    total_name = _("Todas as manifestações")
    for indicator, value in (
        ("recebidas", received["total"]),
        ("recebidas_ano_anterior", received["previous_year"]),
        ("anonimas", received["anonymous"]),
        ("identificadas", received["total"] - received["anonymous"]),
        ("com_servico", received["with_service"]),
        ("em_aberto", received["open"]),
        ("em_aberto_atrasadas", received["open_overdue"]),
    ):
        yield "total", "", total_name, indicator, value, ""
    for dimension, counts, choices in (
        ("tipo", figures["by_kind"], Kind.choices),
        ("canal", figures["by_channel"], Channel.choices),
        ("situacao", figures["by_status"], Status.choices),
    ):
        labels = dict(choices)
        for key, n in counts.items():
            yield dimension, key, str(labels.get(key, key)), "recebidas", n, ""
    for i, n in enumerate(figures["by_month"]):
        yield "mes", str(i + 1), str(MONTHS[i]), "recebidas", n, ""
    for row in figures.get("by_agency", []):
        key, name = row["acronym"] or "sem-orgao", row["name"] or _("Sem órgão definido")
        for indicator, field in (
            ("recebidas", "received"),
            ("reclamacoes", "complaints"),
            ("denuncias", "denunciations"),
            ("em_aberto_atrasadas", "open_overdue"),
            ("reabertas", "reopened"),
            ("concluidas", "concluded"),
            ("concluidas_no_prazo", "on_time"),
            ("prorrogadas", "extended"),
            ("providencias", "measures"),
        ):
            yield "orgao", key, name, indicator, row[field], ""
        yield from _rating_rows(row["satisfaction"], "orgao", key, name)
    for service in figures["by_service"]:
        key = service["slug"] or service["id"]
        yield "servico", key, service["name"], "recebidas", service["received"], ""
        yield "servico", key, service["name"], "reclamacoes", service["complaints"], ""
    for subject in figures["subjects"]:
        for indicator, field in (
            ("recebidas", "received"),
            ("recebidas_ano_anterior", "previous"),
            ("reclamacoes", "complaints"),
        ):
            yield "assunto", subject["slug"], subject["name"], indicator, subject[field], ""
    unclassified = figures["unclassified"]
    yield "assunto", "", _("Sem classificação"), "recebidas", unclassified["received"], ""
    yield "assunto", "", _("Sem classificação"), "recebidas_ano_anterior", unclassified["previous"], ""
    deadlines = figures["deadlines"]
    name = _("Respostas e arquivamentos no ano")
    for indicator, field in (
        ("concluidas", "concluded"),
        ("concluidas_no_prazo", "on_time"),
        ("prorrogadas", "extended"),
        ("arquivadas", "archived"),
        ("primeiras_respostas", "first_cycle"),
        ("tempo_mediano_dias", "median_days"),
    ):
        yield "prazo", "", name, indicator, deadlines[field], ""
    name = _("Pedidos às áreas responsáveis")
    for indicator, field in (
        ("enviados", "sent"),
        ("respondidos", "answered"),
        ("respondidos_no_prazo", "on_time"),
        ("prorrogados", "extended"),
    ):
        yield "encaminhamento", "", name, indicator, figures["forwardings"][field], ""
    reopenings = figures["reopenings"]
    yield "reabertura", "", _("Reaberturas"), "manifestacoes_reabertas", reopenings["manifestations"], ""
    yield "reabertura", "", _("Reaberturas"), "reaberturas", reopenings["total"], ""
    yield from _rating_rows(figures["satisfaction"], "satisfacao", "", _("Avaliações das respostas"))
    labels = dict(AdoptedMeasure.Kind.choices)
    for key, n in figures["measures"]["by_kind"].items():
        yield "providencia", key, str(labels.get(key, key)), "quantidade", n, ""


def _scope(figures: dict[str, Any]) -> tuple[str, str]:
    agency = figures.get("agency")
    return ("orgao", agency["acronym"]) if agency else ("estado", "")


def _csv_cell(value: Any) -> Any:
    return "" if value is None else value


def figures_csv(figures: dict[str, Any]) -> str:
    scope, acronym = _scope(figures)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for row in figure_rows(figures):
        writer.writerow([figures["year"], scope, acronym, *(_csv_cell(v) for v in row)])
    return out.getvalue()


def figures_json(figures: dict[str, Any], *, report, measures: Iterable[dict[str, Any]]) -> str:
    scope, acronym = _scope(figures)
    published = report is not None and report.is_published
    document = {
        "gerado_em": timezone.now().isoformat(),
        "ano": figures["year"],
        "escopo": scope,
        "orgao": figures.get("agency"),
        "relatorio": {
            "situacao": "publicado" if published else "preliminar",
            "versao": report.revision if published else 0,
            "primeira_publicacao_em": report.first_published_at if published else None,
            "publicado_em": report.published_at if published else None,
            "encaminhado_a": report.addressed_to if published else None,
            "analise": report.analysis if published else None,
            "recomendacoes": report.recommendations if published else None,
        },
        "numeros_calculados_em": figures["computed_at"],
        "avaliacoes_minimo_publicado": figures["min_ratings"],
        "colunas": HEADER,
        "itens": [
            dict(zip(HEADER, [figures["year"], scope, acronym, *row], strict=True))
            for row in figure_rows(figures)
        ],
        "providencias": [
            {
                "orgao_sigla": m["agency"],
                "mes": m["month"],
                "tipo": m["kind"],
                "tipo_nome": m["kind_label"],
                "servico": m["service"],
                "descricao": m["description"],
            }
            for m in measures
        ],
    }
    document["total"] = len(document["itens"])
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False)


def measures_csv(year: int, measures: Iterable[dict[str, Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(MEASURE_HEADER)
    yield "\ufeff" + buffer.getvalue()
    for m in measures:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(
            [year, m["agency"], m["month"], m["kind"], m["kind_label"], m["service"], m["description"]]
        )
        yield buffer.getvalue()


INDICATORS = [
    ("recebidas", gettext_lazy("Manifestações recebidas no ano (no órgão que as trata hoje).")),
    ("recebidas_ano_anterior", gettext_lazy("As mesmas, no ano anterior (para comparar).")),
    ("anonimas / identificadas", gettext_lazy("Manifestações anônimas e identificadas (só contadas).")),
    ("com_servico", gettext_lazy("Manifestações ligadas a um serviço da Carta.")),
    (
        "em_aberto / em_aberto_atrasadas",
        gettext_lazy(
            "Ainda sem resposta quando os números foram calculados; e, dessas, as com prazo vencido."
        ),
    ),
    ("reclamacoes / denuncias", gettext_lazy("Manifestações desses tipos.")),
    (
        "concluidas / concluidas_no_prazo / prorrogadas / arquivadas",
        gettext_lazy(
            "Respostas e arquivamentos feitos no ano; quantos dentro do prazo (30 dias, ou 60 com a "
            "prorrogação justificada); quantos com prazo prorrogado; quantos foram arquivamentos."
        ),
    ),
    (
        "primeiras_respostas / tempo_mediano_dias",
        gettext_lazy(
            "Primeiras respostas do ano e a mediana dos dias corridos entre o "
            "recebimento e a primeira resposta."
        ),
    ),
    (
        "enviados / respondidos / respondidos_no_prazo / prorrogados",
        gettext_lazy("Pedidos da ouvidoria às áreas responsáveis (20 dias, prorrogáveis por mais 20)."),
    ),
    (
        "manifestacoes_reabertas / reaberturas",
        gettext_lazy("Manifestações do ano reabertas pelo usuário e o número de reaberturas."),
    ),
    (
        "avaliacoes / resolvidas / satisfacao_soma / satisfacao_media / notas_1 … notas_5",
        gettext_lazy(
            "Avaliações das respostas feitas no ano: quantas, quantas disseram que o problema foi resolvido, "
            "soma e média das notas de 1 a 5 e quantas deram cada nota."
        ),
    ),
    ("quantidade", gettext_lazy("Providências adotadas de cada tipo, registradas no ano.")),
]
