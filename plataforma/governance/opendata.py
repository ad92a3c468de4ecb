"""Open data of the Núcleo de Governança Digital (Resolução 002/2021/NGD; Lei 14.129 arts. 29-37):
the approved plans and their milestones, the public exceptions, MTI's catalogue with its approved
prices and market references, and the decided technical justifications — as CSV and JSON at public
addresses, with a dictionary of columns on /governanca/dados/.

CSV: UTF-8 with BOM, comma separator, CRLF line ends, decimal point, empty cell for "no value",
true/false for flags. JSON: {"gerado_em", "conjunto", "colunas", "itens", "total"}, null for "no
value", amounts of money as numbers. (The councils' open data uses the same conventions.)

Only what is public: approved plans (never nominations under analysis or declined), exceptions in
force or already reviewed, approved prices, decided justifications. No person's name or CPF:
owners, authors and deciders are left out; the agency is the one that answers.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import opendata_mti
from .models import ExceptionRequest, Milestone, Nomination, PlanCycle, Track
from .opendata_columns import MAX_ROWS, Column, iso_date, iso_moment, money
from .selectors.monitoring import late_milestone_q

CACHE_CONTROL = "public, max-age=300"


# --- rows -------------------------------------------------------------------------------------


def _approved_plans():
    return Q(
        nomination__status=Nomination.Status.APPROVED, nomination__cycle__status=PlanCycle.Status.APPROVED
    )


def _plan_rows(year: int | None = None):
    today = timezone.localdate()
    rows = (
        Track.objects.filter(_approved_plans())
        .select_related("nomination__cycle", "nomination__agency", "nomination__service")
        .annotate(
            m_total=Count("milestones", distinct=True),
            m_done=Count("milestones", filter=Q(milestones__done_on__isnull=False), distinct=True),
            m_late=Count("milestones", filter=late_milestone_q(today, "milestones__"), distinct=True),
        )
        .order_by("-nomination__cycle__year", "nomination__agency__acronym", "nomination__rank")
    )
    return rows.filter(nomination__cycle__year=year) if year else rows


def _milestone_rows(year: int | None = None):
    rows = (
        Milestone.objects.filter(
            track__nomination__status=Nomination.Status.APPROVED,
            track__nomination__cycle__status=PlanCycle.Status.APPROVED,
        )
        .select_related("track__nomination__cycle", "track__nomination__agency", "track__nomination__service")
        .order_by(
            "-track__nomination__cycle__year",
            "track__nomination__agency__acronym",
            "track__nomination__rank",
            "due_on",
            "title",
        )
    )
    return rows.filter(track__nomination__cycle__year=year) if year else rows


def _exception_rows(year: int | None = None):
    return (
        ExceptionRequest.objects.filter(status__in=ExceptionRequest.PUBLIC_STATUSES)
        .select_related("agency", "service")
        .annotate(
            n_actions=Count("actions", distinct=True),
            n_done=Count("actions", filter=Q(actions__done_on__isnull=False), distinct=True),
        )
        .order_by("-decided_at", "number")
    )


# --- datasets ---------------------------------------------------------------------------------

_PLAN_YEAR = Column("ano", _("Ano do plano"), lambda t: t.nomination.cycle.year)
_AGENCY = [
    Column("orgao_sigla", _("Sigla do órgão"), lambda t: t.nomination.agency.acronym),
    Column("orgao_nome", _("Nome do órgão"), lambda t: t.nomination.agency.name),
]

DATASETS: dict[str, dict] = {
    "plano": {
        "title": _("Plano de serviços prioritários (planos aprovados)"),
        "description": _(
            "Uma linha por serviço prioritário aprovado pelo Núcleo, com a etapa da digitalização, os "
            "marcos e o orçamento. Aceita o filtro ?ano=AAAA."
        ),
        "rows": _plan_rows,
        "filters": {"ano"},
        "columns": [
            _PLAN_YEAR,
            *_AGENCY,
            Column("servico_slug", _("Endereço do serviço no portal"), lambda t: t.nomination.service.slug),
            Column("servico_nome", _("Nome do serviço"), lambda t: t.nomination.service.name),
            Column(
                "prioridade",
                _("Ordem de prioridade dada pelo órgão (1 = a maior)"),
                lambda t: t.nomination.rank,
            ),
            Column(
                "justificativa", _("Por que o órgão indicou o serviço"), lambda t: t.nomination.justification
            ),
            Column(
                "etapa",
                _("Etapa atual: diagnostico, redesenho, desenvolvimento, homologacao ou publicado_digital"),
                lambda t: t.stage,
            ),
            Column("etapa_nome", _("Nome da etapa atual"), lambda t: str(t.get_stage_display())),
            Column("etapa_numero", _("Número da etapa atual (1 a 5)"), lambda t: t.stage_index + 1),
            Column(
                "digital_desde",
                _("Data e hora em que o serviço passou a ser digital (ISO 8601)"),
                lambda t: iso_moment(t.digital_since),
            ),
            Column("marcos", _("Número de marcos da trilha"), lambda t: t.m_total),
            Column("marcos_concluidos", _("Marcos concluídos"), lambda t: t.m_done),
            Column(
                "marcos_atrasados",
                _("Marcos atrasados: não concluídos com a data vencida, ou concluídos depois da data"),
                lambda t: t.m_late,
            ),
            Column(
                "orcamento_solicitado",
                _("Orçamento solicitado pelo órgão (R$)"),
                lambda t: money(t.budget_requested),
            ),
            Column(
                "orcamento_concedido",
                _("Orçamento concedido pelo Núcleo (R$)"),
                lambda t: money(t.budget_granted),
            ),
        ],
    },
    "marcos": {
        "title": _("Marcos das trilhas de digitalização"),
        "description": _(
            "Uma linha por marco dos serviços prioritários aprovados. Aceita o filtro ?ano=AAAA."
        ),
        "rows": _milestone_rows,
        "filters": {"ano"},
        "columns": [
            Column("ano", _("Ano do plano"), lambda m: m.track.nomination.cycle.year),
            Column("orgao_sigla", _("Sigla do órgão"), lambda m: m.track.nomination.agency.acronym),
            Column(
                "servico_slug", _("Endereço do serviço no portal"), lambda m: m.track.nomination.service.slug
            ),
            Column("servico_nome", _("Nome do serviço"), lambda m: m.track.nomination.service.name),
            Column("marco", _("O que o marco entrega"), lambda m: m.title),
            Column("etapa", _("Etapa a que o marco pertence (vazio se nenhuma)"), lambda m: m.stage or None),
            Column("data_prevista", _("Data prevista (AAAA-MM-DD)"), lambda m: iso_date(m.due_on)),
            Column(
                "concluido_em",
                _("Data em que foi concluído (vazio se não foi)"),
                lambda m: iso_date(m.done_on),
            ),
            Column("concluido", _("O marco foi concluído"), lambda m: m.done_on is not None),
            Column(
                "atrasado",
                _("Atrasado hoje: não concluído com a data vencida, ou concluído depois da data"),
                lambda m: m.is_late(),
            ),
        ],
    },
    "excecoes": {
        "title": _("Exceções: serviços digitais fora das plataformas oficiais"),
        "description": _(
            "Pedidos de exceção aprovados pelo Núcleo, inclusive os já revistos, encerrados ou revogados. "
            "Pedidos em rascunho, em análise ou recusados não entram."
        ),
        "rows": _exception_rows,
        "filters": set(),
        "columns": [
            Column("numero", _("Número do pedido"), lambda e: e.number),
            Column("orgao_sigla", _("Sigla do órgão"), lambda e: e.agency.acronym),
            Column("servico_slug", _("Endereço do serviço no portal"), lambda e: e.service.slug),
            Column("servico_nome", _("Nome do serviço"), lambda e: e.service.name),
            Column("plataforma", _("Plataforma em que o serviço é prestado"), lambda e: e.platform_name),
            Column("plataforma_endereco", _("Endereço da plataforma"), lambda e: e.platform_url or None),
            Column(
                "situacao",
                _("Situação: aprovada, em_revisao (plano vencido), encerrada (serviço migrado) ou revogada"),
                lambda e: e.status,
            ),
            Column("situacao_nome", _("Nome da situação"), lambda e: str(e.get_status_display())),
            Column("justificativa", _("Justificativa do órgão"), lambda e: e.justification),
            Column(
                "fundamentos_decisao",
                _("Fundamentos da decisão do Núcleo"),
                lambda e: e.decision_reasons or None,
            ),
            Column("decidida_em", _("Data e hora da decisão (ISO 8601)"), lambda e: iso_moment(e.decided_at)),
            Column(
                "vale_ate",
                _("Até quando a exceção vale: fim do plano de migração (AAAA-MM-DD)"),
                lambda e: iso_date(e.valid_until),
            ),
            Column(
                "em_revisao_desde",
                _("Desde quando está em revisão (AAAA-MM-DD)"),
                lambda e: iso_date(e.review_due_since),
            ),
            Column("acoes_plano", _("Ações do plano de migração"), lambda e: e.n_actions),
            Column("acoes_concluidas", _("Ações do plano já concluídas"), lambda e: e.n_done),
        ],
    },
    **opendata_mti.DATASETS,
}


def rows(name: str, *, year: int | None = None) -> Iterable[list]:
    dataset = DATASETS[name]
    columns = dataset["columns"]
    for item in dataset["rows"](year)[:MAX_ROWS]:
        yield [column.get(item) for column in columns]


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return value


def render_csv(name: str, *, year: int | None = None) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in DATASETS[name]["columns"]])
    for row in rows(name, year=year):
        writer.writerow([_csv_cell(v) for v in row])
    return out.getvalue()


class _Encoder(DjangoJSONEncoder):
    """Amounts of money are numbers in the JSON (DjangoJSONEncoder would write strings)."""

    def default(self, o):
        if isinstance(o, Decimal):
            return float(o)
        return super().default(o)


def render_json(name: str, *, year: int | None = None) -> str:
    columns = DATASETS[name]["columns"]
    names = [c.name for c in columns]
    items = [dict(zip(names, row, strict=True)) for row in rows(name, year=year)]
    document = {
        "gerado_em": timezone.localtime().isoformat(),
        "conjunto": name,
        "colunas": [{"nome": c.name, "descricao": str(c.description)} for c in columns],
        "itens": items,
        "total": len(items),
    }
    return json.dumps(document, ensure_ascii=False, cls=_Encoder)
