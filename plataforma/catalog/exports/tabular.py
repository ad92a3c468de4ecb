"""The catalogue as CSV rows."""

from __future__ import annotations

from ..content import TimeEstimate
from ..models import Service
from .documents import API_SERVICE_PATH, SERVICE_PAGE_PATH

# --- CSV ------------------------------------------------------------------------------------------

CSV_HEADER = [
    "slug",
    "nome",
    "sigla",
    "orgao_sigla",
    "orgao_nome",
    "publicos",
    "areas_de_interesse",
    "resumo",
    "nomes_populares",
    "palavras_chave",
    "digital",
    "endereco_digital",
    "gratuito",
    "custos",
    "canais",
    "tempo_total",
    "tempo_tipo",
    "tempo_minimo",
    "tempo_maximo",
    "tempo_unidade",
    "nivel_login",
    "versao",
    "publicado_em",
    "revisado_em",
    "pagina",
    "api",
]


def _iso(value) -> str:
    return value.isoformat() if value else ""


def csv_row(service: Service, *, categories: list[dict[str, str]], base_url: str) -> list[str]:
    content = service.published_version.content
    estimate = TimeEstimate.model_validate(content.get("total_time") or {})
    costs = [
        f"{c['description']}: "
        + (
            "valor variável"
            if c.get("variable") and c.get("value") is None
            else f"R$ {c.get('value') or '0'}"
        )
        for step in content.get("steps", [])
        for c in step.get("costs", [])
    ]
    channels = list(
        dict.fromkeys(ch["type"] for step in content.get("steps", []) for ch in step.get("channels", []))
    )
    return [
        service.slug,
        service.name,
        service.acronym,
        service.agency.acronym,
        service.agency.name,
        " | ".join(content.get("audiences", [])),
        " | ".join(c["name"] for c in categories),
        service.summary,
        " | ".join(content.get("popular_names", [])),
        " | ".join(content.get("keywords", [])),
        "true" if service.is_digital else "false",
        content.get("digital_url") or "",
        "true" if service.is_free else "false",
        " | ".join(costs),
        " | ".join(channels),
        str(estimate),
        estimate.kind,
        "" if estimate.min is None else str(estimate.min),
        "" if estimate.max is None else str(estimate.max),
        estimate.unit or "",
        service.min_login_level,
        str(service.published_version.number),
        _iso(service.published_at),
        _iso(service.last_reviewed_at),
        base_url + SERVICE_PAGE_PATH.format(slug=service.slug),
        base_url + API_SERVICE_PATH.format(slug=service.slug),
    ]
