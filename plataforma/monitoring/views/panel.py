"""The public monitoring panel (Lei 14.129 art. 22; Lei 13.460 art. 23 §2): no sign-in; reads
only the pre-aggregated indicators; charts as SVG with the same figures in tables."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import selectors
from ..charts import Chart, Series, build, format_value
from ..disclosure import min_ratings
from ..figures import withheld_notice
from ..forms import parse_year
from ..models import MonthlyIndicator
from ..selectors.ombudsman import ranking_context
from ..selectors.panel import MONTH_LABELS, MONTH_SHORT, PanelSummary

CACHE_SECONDS = 300


def bad_request(request: HttpRequest, errors: list[str]) -> HttpResponse:
    context = {"errors": errors, "error_title": _("Não foi possível mostrar o painel")}
    return render(request, "400.html", context, status=400)


def public(response: HttpResponse, request: HttpRequest) -> HttpResponse:
    """Shared caches may keep the page for 5 minutes (the figures change hourly) — but only what
    an anonymous visitor sees: the header of a signed-in person's page is personal."""
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, max_age=0)
    else:
        patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


def _charts(summary: PanelSummary, prefix: str) -> dict[str, Chart]:
    months = summary.months
    categories = [str(MONTH_SHORT[f.month - 1]) for f in months]
    full_months = [str(MONTH_LABELS[f.month - 1]) for f in months]
    charts = {
        "volume": Chart(
            id=f"{prefix}-volume",
            title=_("Pedidos por mês em %(ano)d") % {"ano": summary.year},
            description=_("Pedidos recebidos, concluídos e em andamento no fim de cada mês."),
            categories=categories,
            series=[
                Series(_("Recebidos"), [f.submitted for f in months], "s1"),
                Series(_("Concluídos"), [f.concluded for f in months], "s2"),
                Series(_("Em andamento no fim do mês"), [f.in_progress_end for f in months], "s3"),
            ],
            category_header=_("Mês"),
        ),
        "time": Chart(
            id=f"{prefix}-time",
            title=_("Tempo para concluir, em dias, por mês"),
            description=_(
                "Média e mediana dos dias corridos entre o envio e a conclusão dos pedidos "
                "concluídos em cada mês."
            ),
            categories=categories,
            series=[
                Series(_("Tempo médio (dias)"), [f.days_mean for f in months], "s1"),
                Series(_("Tempo mediano (dias)"), [f.days_median for f in months], "s2"),
            ],
            kind="decimal",
            category_header=_("Mês"),
        ),
        "deadline": Chart(
            id=f"{prefix}-deadline",
            title=_("Concluídos dentro do prazo, por mês"),
            description=_(
                "Parte dos pedidos concluídos em cada mês que terminou dentro do prazo "
                "prometido na Carta de Serviços."
            ),
            categories=categories,
            series=[Series(_("Dentro do prazo"), [f.on_time_share for f in months], "s2")],
            kind="percent",
            max_value=1,
            category_header=_("Mês"),
            extra_headers=[_("Concluídos com prazo"), _("Concluídos no prazo")],
            extra_cells=[
                [format_value(f.concluded_with_deadline), format_value(f.concluded_on_time)] for f in months
            ],
        ),
    }
    for name in ("volume", "time", "deadline"):
        charts[name].table_categories = full_months
    total = summary.total
    distribution = total.score_distribution()
    charts["scores"] = Chart(
        id=f"{prefix}-scores",
        title=_("Notas dadas pelos usuários em %(ano)d") % {"ano": summary.year},
        description=_(
            "Quantas avaliações deram cada nota, de 1 (muito insatisfeito) a 5 (muito satisfeito)."
        ),
        categories=[str(d["score"]) for d in distribution],
        series=[Series(_("Avaliações"), [d["count"] for d in distribution], "s1")],
        category_header=_("Nota"),
        extra_headers=[_("Significado"), _("Parte das avaliações")],
        extra_cells=[[str(d["label"]), format_value(d["share"], "percent")] for d in distribution],
        notice=total.ratings_notice,
    )
    dimensions = total.dimension_means()
    reasons = list(dict.fromkeys(d["withheld"] for d in dimensions if d["withheld"]))
    charts["dimensions"] = Chart(
        id=f"{prefix}-dimensions",
        title=_("Satisfação por dimensão em %(ano)d") % {"ano": summary.year},
        description=_("Nota média (de 1 a 5) de cada aspecto do atendimento avaliado pelos usuários."),
        categories=[str(d["label"]) for d in dimensions],
        series=[
            Series(
                _("Nota média"),
                [d["mean"] for d in dimensions],
                "s1",
                labels=[d["withheld_label"] for d in dimensions],
            )
        ],
        kind="decimal",
        max_value=5,
        horizontal=True,
        category_header=_("Dimensão"),
        extra_headers=[_("Avaliações"), *[_("Nota %(n)d") % {"n": n} for n in range(1, 6)]],
        extra_cells=[
            [
                d["withheld_label"] or format_value(d["count"]),
                *[format_value(x["count"]) for x in d["distribution"]],
            ]
            for d in dimensions
        ],
        notice=total.ratings_notice,
        notes=[
            _("“%(rotulo)s”: %(motivo)s")
            % {
                "rotulo": next(d["withheld_label"] for d in dimensions if d["withheld"] == reason),
                "motivo": withheld_notice(reason),
            }
            for reason in reasons
        ],
    )
    if summary.scope == MonthlyIndicator.Scope.PLATFORM:
        charts["rank_satisfaction"] = Chart(
            id=f"{prefix}-rank-satisfaction",
            title=_("Órgãos por satisfação em %(ano)d") % {"ano": summary.year},
            description=_("Nota média das avaliações de cada órgão, da maior para a menor."),
            categories=[f"{e.position}º {e.agency.acronym}" for e in summary.satisfaction_ranking],
            series=[Series(_("Nota média"), [e.value for e in summary.satisfaction_ranking], "s1")],
            kind="decimal",
            max_value=5,
            horizontal=True,
            category_header=_("Posição e órgão"),
            extra_headers=[_("Avaliações")],
            extra_cells=[[format_value(e.sample)] for e in summary.satisfaction_ranking],
            notes=[
                ngettext(
                    "%(n)d órgão não aparece nesta comparação porque as notas dele neste ano não são "
                    "publicadas, para proteger o anonimato de quem avaliou.",
                    "%(n)d órgãos não aparecem nesta comparação porque as notas deles neste ano não são "
                    "publicadas, para proteger o anonimato de quem avaliou.",
                    summary.satisfaction_unranked,
                )
                % {"n": summary.satisfaction_unranked}
            ]
            if summary.satisfaction_unranked
            else [],
        )
        charts["rank_deadline"] = Chart(
            id=f"{prefix}-rank-deadline",
            title=_("Órgãos por cumprimento de prazo em %(ano)d") % {"ano": summary.year},
            description=_("Parte dos pedidos concluídos dentro do prazo prometido, da maior para a menor."),
            categories=[f"{e.position}º {e.agency.acronym}" for e in summary.deadline_ranking],
            series=[Series(_("Dentro do prazo"), [e.value for e in summary.deadline_ranking], "s2")],
            kind="percent",
            max_value=1,
            horizontal=True,
            category_header=_("Posição e órgão"),
            extra_headers=[_("Concluídos com prazo")],
            extra_cells=[[format_value(e.sample)] for e in summary.deadline_ranking],
        )
    return {name: build(chart) for name, chart in charts.items()}


def panel_cache_key(scope: str, scope_id, year: int, refreshed_at) -> str | None:
    """The cache key of a panel's figures: they change only when the periodic job refreshes the
    indicators (its time is in the key), and with the day (the current month and year shown)
    and the language. None (no caching) before the first refresh."""
    if refreshed_at is None:
        return None
    return ":".join(
        [
            "monitoring:panel",
            scope,
            str(scope_id or ""),
            str(year),
            refreshed_at.isoformat(),
            timezone.localdate().isoformat(),
            get_language() or "",
        ]
    )


def _render(
    request: HttpRequest, *, scope: str, scope_object, template: str, body_template: str, extra: dict
) -> HttpResponse:
    """The page around the panel's figures; the figures (charts, tables — most of the work) are
    rendered once per refresh of the indicators and kept in the cache: one query on a hit."""
    year, error = parse_year(request.GET.get("ano"))
    if error:
        return bad_request(request, [error])
    scope_id = getattr(scope_object, "pk", None)
    refreshed_at = selectors.last_refresh()
    key = panel_cache_key(scope, scope_id, year, refreshed_at)
    body = cache.get(key) if key else None
    if body is None:
        summary = selectors.panel_summary(
            scope, scope_id, year, scope_object=scope_object, refreshed_at=refreshed_at
        )
        context = {
            "summary": summary,
            "min_ratings": min_ratings(),
            "total": summary.total,
            "charts": _charts(summary, prefix=scope),
            "years": selectors.available_years(years_with_data=[f.year for f in summary.years]),
            **(ranking_context(year) if scope == MonthlyIndicator.Scope.PLATFORM else {}),
        }
        # Rendered without the request: the same body is served to everyone.
        body = render_to_string(body_template, context)
        if key:
            cache.set(key, body, CACHE_SECONDS)
    context = {"body": mark_safe(body), "year": year, **extra}  # noqa: S308 - our own rendered template
    return public(render(request, template, context), request)


@require_GET
def platform(request: HttpRequest) -> HttpResponse:
    return _render(
        request,
        scope=MonthlyIndicator.Scope.PLATFORM,
        scope_object=None,
        template="monitoring/panel_platform.html",
        body_template="monitoring/_body_platform.html",
        extra={},
    )


@require_GET
def agency(request: HttpRequest, slug: str) -> HttpResponse:
    agency = selectors.agency_for_panel(slug=slug)
    return _render(
        request,
        scope=MonthlyIndicator.Scope.AGENCY,
        scope_object=agency,
        template="monitoring/panel_agency.html",
        body_template="monitoring/_body_agency.html",
        extra={"agency": agency},
    )


@require_GET
def service(request: HttpRequest, slug: str) -> HttpResponse:
    service = selectors.service_for_panel(slug=slug)
    return _render(
        request,
        scope=MonthlyIndicator.Scope.SERVICE,
        scope_object=service,
        template="monitoring/panel_service.html",
        body_template="monitoring/_panel_body.html",
        extra={"service": service, "agency": service.agency},
    )
