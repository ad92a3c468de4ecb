"""The MTI part of the governance open data (see opendata.py for the conventions): the catalogue
with the price in force, the approved price versions compared with the market, the market
references one by one, and the decided technical justifications. The current price and the
comparison come from MTI's own selectors (selectors.mti), so the files say what its pages say."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import PriceVersion, StandardService, TechJustification
from .models.mti import MarketReference
from .opendata_columns import MAX_ROWS, Column, iso_date, iso_moment, money
from .selectors.mti import current_prices, version_comparison


def _catalogue_rows(year: int | None = None) -> list[StandardService]:
    """Every service of the catalogue with `current` set: its approved price in force today (the
    same reading as MTI's public catalogue, selectors.mti.current_prices)."""
    services = list(StandardService.objects.order_by("category", "code")[:MAX_ROWS])
    current = current_prices([s.pk for s in services])
    for service in services:
        service.current = current.get(service.pk)
    return services


def _price_rows(year: int | None = None) -> list[PriceVersion]:
    """Approved versions (the price history), each with `comparison`: how its price stands against
    its market references, computed by MTI's pages' own selectors.mti.version_comparison."""
    versions = list(
        PriceVersion.objects.filter(status=PriceVersion.Status.APPROVED)
        .select_related("service")
        .prefetch_related("references")
        .order_by("service__code", "-number")[:MAX_ROWS]
    )
    for version in versions:
        version.comparison = version_comparison(version)
    return versions


def _reference_rows(year: int | None = None):
    return (
        MarketReference.objects.filter(version__status=PriceVersion.Status.APPROVED)
        .select_related("version__service")
        .order_by("version__service__code", "-version__number", "price", "source")
    )


def _justification_rows(year: int | None = None):
    return TechJustification.objects.filter(
        status__in=[TechJustification.Status.APPROVED, TechJustification.Status.DECLINED]
    ).order_by("-decided_at", "number")


# --- figures of a price version ---------------------------------------------------------------


def _compared(getter: Callable[[Any], Any]) -> Callable[[PriceVersion], Any]:
    return lambda v: None if v.comparison is None else getter(v.comparison)


DATASETS: dict[str, dict] = {
    "catalogo-mti": {
        "title": _("Catálogo de Serviços Padronizados da MTI"),
        "description": _(
            "Uma linha por serviço do catálogo, com o preço aprovado pelo Núcleo que está em vigor hoje "
            "(vazio se ainda não há)."
        ),
        "rows": _catalogue_rows,
        "filters": set(),
        "columns": [
            Column("codigo", _("Código do serviço"), lambda s: s.code),
            Column("nome", _("Nome do serviço"), lambda s: s.name),
            Column("categoria", _("Categoria (código)"), lambda s: s.category),
            Column("categoria_nome", _("Categoria"), lambda s: str(s.get_category_display())),
            Column("descricao", _("Descrição"), lambda s: s.description),
            Column("unidade", _("Unidade de medida do preço"), lambda s: s.unit),
            Column("nivel_de_servico", _("Nível de serviço oferecido"), lambda s: s.service_level or None),
            Column("ofertado", _("O serviço está sendo oferecido"), lambda s: s.is_active),
            Column(
                "preco_atual",
                _("Preço unitário em vigor hoje (R$)"),
                lambda s: money(getattr(s.current, "price", None)),
            ),
            Column(
                "versao_preco",
                _("Versão do preço em vigor"),
                lambda s: getattr(s.current, "number", None),
            ),
            Column(
                "preco_vigente_desde",
                _("Desde quando o preço está em vigor (AAAA-MM-DD)"),
                lambda s: iso_date(getattr(s.current, "valid_from", None)),
            ),
        ],
    },
    "precos-mti": {
        "title": _("Preços aprovados da MTI e sua comparação com o mercado"),
        "description": _(
            "Uma linha por versão de preço aprovada (o histórico), com o resumo das referências de mercado "
            "usadas na comparação. As referências, uma a uma, estão no conjunto referencias-mti."
        ),
        "rows": _price_rows,
        "filters": set(),
        "columns": [
            Column("servico_codigo", _("Código do serviço"), lambda v: v.service.code),
            Column("servico_nome", _("Nome do serviço"), lambda v: v.service.name),
            Column("unidade", _("Unidade de medida"), lambda v: v.service.unit),
            Column("versao", _("Número da versão do preço"), lambda v: v.number),
            Column("preco", _("Preço unitário aprovado (R$)"), lambda v: money(v.price)),
            Column(
                "vigente_a_partir_de", _("Início da vigência (AAAA-MM-DD)"), lambda v: iso_date(v.valid_from)
            ),
            Column(
                "aprovado_em",
                _("Data e hora da aprovação pelo Núcleo (ISO 8601)"),
                lambda v: iso_moment(v.decided_at),
            ),
            Column("referencias", _("Número de referências de mercado"), _compared(lambda c: c.count)),
            Column(
                "referencias_mediana",
                _("Mediana dos preços de mercado (R$)"),
                _compared(lambda c: c.median_shown),
            ),
            Column(
                "referencias_media", _("Média dos preços de mercado (R$)"), _compared(lambda c: c.mean_shown)
            ),
            Column(
                "referencias_menor", _("Menor preço de mercado (R$)"), _compared(lambda c: money(c.lowest))
            ),
            Column(
                "referencias_maior", _("Maior preço de mercado (R$)"), _compared(lambda c: money(c.highest))
            ),
            Column(
                "diferenca_mediana_percentual",
                _(
                    "Diferença entre o preço da MTI e a mediana do mercado, em porcentagem "
                    "(negativo: abaixo do mercado)"
                ),
                _compared(lambda c: c.vs_median.percent),
            ),
            Column("composicao", _("Composição e justificativa do preço"), lambda v: v.justification),
            Column(
                "fundamentos_decisao",
                _("Fundamentos da decisão do Núcleo"),
                lambda v: v.decision_reasons or None,
            ),
        ],
    },
    "referencias-mti": {
        "title": _("Referências de mercado dos preços aprovados da MTI"),
        "description": _("Uma linha por cotação, tabela pública ou contratação pública usada na comparação."),
        "rows": _reference_rows,
        "filters": set(),
        "columns": [
            Column("servico_codigo", _("Código do serviço"), lambda r: r.version.service.code),
            Column("versao", _("Versão do preço comparada"), lambda r: r.version.number),
            Column("tipo", _("Tipo: cotacao, tabela_publica ou contratacao_publica"), lambda r: r.kind),
            Column("tipo_nome", _("Tipo de referência"), lambda r: str(r.get_kind_display())),
            Column("fonte", _("Fonte do preço"), lambda r: r.source),
            Column("preco", _("Preço unitário de mercado (R$)"), lambda r: money(r.price)),
            Column(
                "data_referencia", _("Data da referência (AAAA-MM-DD)"), lambda r: iso_date(r.reference_date)
            ),
            Column("endereco", _("Endereço da fonte"), lambda r: r.url or None),
            Column("observacao", _("Equivalência e condições"), lambda r: r.note or None),
        ],
    },
    "justificativas": {
        "title": _("Justificativas técnicas para novas tecnologias (decididas)"),
        "description": _(
            "Justificativas da MTI para adotar novas tecnologias, com a decisão do Núcleo. As que ainda "
            "estão em análise não entram."
        ),
        "rows": _justification_rows,
        "filters": set(),
        "columns": [
            Column("numero", _("Número"), lambda j: j.number),
            Column("titulo", _("Título"), lambda j: j.title),
            Column("tecnologia", _("Tecnologia"), lambda j: j.technology),
            Column("necessidade", _("Necessidade"), lambda j: j.context),
            Column("justificativa", _("Justificativa técnica"), lambda j: j.justification),
            Column("alternativas", _("Alternativas consideradas"), lambda j: j.alternatives),
            Column("custos", _("Custos e impacto"), lambda j: j.costs or None),
            Column("situacao", _("Decisão: aprovada ou recusada"), lambda j: j.status),
            Column("situacao_nome", _("Decisão"), lambda j: str(j.get_status_display())),
            Column("decidida_em", _("Data e hora da decisão (ISO 8601)"), lambda j: iso_moment(j.decided_at)),
            Column(
                "fundamentos_decisao",
                _("Fundamentos da decisão do Núcleo"),
                lambda j: j.decision_reasons or None,
            ),
        ],
    },
}
