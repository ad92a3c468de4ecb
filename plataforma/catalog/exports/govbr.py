"""The catalogue in the federal gov.br service model (API de Serviços), for the Base Nacional de
Serviços Públicos (Lei 13.460 art. 7 §6).

What was checked and how it is mapped.
Sources read (public material, Sept. 2025 search): the servicos.gov.br API publishing guide
("Publicar Serviço", PUT https://servicos.gov.br/api/v1/servicos/publicacao, with a full example
body) and a documented dump of GET servicos.gov.br/api/v1/servicos/{id} (dados.gov.br data set
"informações dos serviços públicos prestados pelo governo federal"). Both agree that:
- lists are wrapped: nomesPopulares {"item": [{"item": "..."}]}, palavrasChave, legislacoes and
  segmentosDaSociedade the same; areasDeInteresse {"item": ["..."]} (plain strings);
  solicitantes {"solicitante": [{"tipo", "requisitos"}]};
- etapas[] have titulo, descricao, documentos {"documentos": [...], "casos": []},
  custos {"custos": [{"descricao", "moeda": "R$", "valor", "valorVariavel"}], "casos": []},
  canaisDePrestacao {"canaisDePrestacao": [{"tipo", "descricao", "tempoEstimadoEspera",
  "tempoEstimadoPeriodo"}], "casos": []};
- tempoTotalEstimado holds ONE of {"ate": {"max", "unidade"}}, {"entre": {"min", "max",
  "unidade"}}, {"emMedia": {"max", "unidade"}}, {"atendimentoImediato": {}},
  {"naoEstimadoAinda": {}}, plus "descricao"; units minutos, horas, dias, dias-uteis, meses;
- validadeDocumento {"tipo", "quantidade", "unidade", "descricao"}; orgao {"id", "nomeOrgao"};
  gratuito and servicoDigital booleans, linkServicoDigital, condicoesAcessibilidade,
  tratamentoPrioritario, contato.
Not verified / our choices: documents are written {"item": "..."} (the publishing example uses
{"nome": "..."} on input, the brief asks for item); valorVariavel is a boolean here (the
publishing example shows a free-text string); tempoEstimadoEspera is the channel's maximum wait as
a number with its unit in tempoEstimadoPeriodo (as in the publishing example); segmentosDaSociedade
labels for our audiences are "Cidadãos", "Empresas" and "Servidores públicos" (the federal list
has no servant segment); orgao.id and id are this platform's API URLs (the federal API uses its own
URLs there); canal descricao is the channel's address (URL, phone, e-mail, street) when there is
one, else its description; legislacoes items are Markdown links as in the federal dump.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..content import DocumentValidity, TimeEstimate
from ..models import Service
from .documents import API_AGENCY_PATH, API_SERVICE_PATH, SERVICE_PAGE_PATH

GOVBR_SEGMENTS = {"cidadao": "Cidadãos", "empresa": "Empresas", "servidor": "Servidores públicos"}
GOVBR_VALIDITY = {
    "nao-se-aplica": "Não se aplica",
    "indeterminada": "Indeterminada",
    "determinada": "Válido por",
}

# --- gov.br service model -------------------------------------------------------------------------


def _items(values: Iterable[str]) -> dict[str, list[dict[str, str]]]:
    return {"item": [{"item": v} for v in values]}


def govbr_time(data: dict[str, Any] | None) -> dict[str, Any]:
    """tempoTotalEstimado: exactly one of ate / entre / emMedia / atendimentoImediato /
    naoEstimadoAinda, plus descricao."""
    estimate = TimeEstimate.model_validate(data or {})
    result: dict[str, Any]
    if estimate.kind == "ate":
        result = {"ate": {"max": estimate.max, "unidade": estimate.unit}}
    elif estimate.kind == "entre":
        result = {"entre": {"min": estimate.min, "max": estimate.max, "unidade": estimate.unit}}
    elif estimate.kind == "em-media":
        result = {"emMedia": {"max": estimate.max, "unidade": estimate.unit}}
    elif estimate.kind == "imediato":
        result = {"atendimentoImediato": {}}
    else:
        result = {"naoEstimadoAinda": {}}
    result["descricao"] = str(estimate)
    return result


def _govbr_channel(channel: dict[str, Any]) -> dict[str, Any]:
    wait = channel.get("estimated_wait")
    estimate = TimeEstimate.model_validate(wait) if wait else None
    timed = estimate is not None and estimate.kind in ("ate", "entre", "em-media")
    return {
        "tipo": channel["type"],
        "descricao": channel.get("address") or channel.get("description", ""),
        "tempoEstimadoEspera": estimate.max if timed else None,
        "tempoEstimadoPeriodo": estimate.unit if timed else None,
    }


def govbr_document(service: Service, *, categories: list[dict[str, str]], base_url: str) -> dict[str, Any]:
    """One published service in the federal gov.br service model (see the module docstring)."""
    content = service.published_version.content
    agency = service.agency
    validity = DocumentValidity.model_validate(content.get("document_validity") or {})
    return {
        "id": base_url + API_SERVICE_PATH.format(slug=service.slug),
        "nome": content["name"],
        "sigla": content.get("acronym", ""),
        "nomesPopulares": _items(content.get("popular_names", [])),
        "descricao": content["description"],
        "gratuito": bool(content.get("is_free", True)),
        "servicoDigital": bool(content.get("is_digital")),
        "linkServicoDigital": content.get("digital_url") or "",
        "solicitantes": {
            "solicitante": [
                {"tipo": r["type"], "requisitos": r.get("requirements", "")}
                for r in content.get("requesters", [])
            ]
        },
        "etapas": [
            {
                "titulo": step["title"],
                "descricao": step.get("description", ""),
                "documentos": {"documentos": [{"item": d} for d in step.get("documents", [])], "casos": []},
                "custos": {
                    "custos": [
                        {
                            "descricao": c["description"],
                            "moeda": "R$",
                            "valor": None if c.get("value") is None else float(c["value"]),
                            "valorVariavel": bool(c.get("variable")),
                        }
                        for c in step.get("costs", [])
                    ],
                    "casos": [],
                },
                "canaisDePrestacao": {
                    "canaisDePrestacao": [_govbr_channel(ch) for ch in step.get("channels", [])],
                    "casos": [],
                },
            }
            for step in content.get("steps", [])
        ],
        "tempoTotalEstimado": govbr_time(content.get("total_time")),
        "validadeDocumento": {
            "tipo": GOVBR_VALIDITY[validity.kind],
            "quantidade": validity.quantity,
            "unidade": validity.unit,
            "descricao": str(validity),
        },
        "orgao": {
            "id": base_url + API_AGENCY_PATH.format(slug=agency.slug),
            "nomeOrgao": f"{agency.name} ({agency.acronym})",
        },
        "segmentosDaSociedade": _items(
            GOVBR_SEGMENTS[c] for c in content.get("audiences", []) if c in GOVBR_SEGMENTS
        ),
        "areasDeInteresse": {"item": [c["name"] for c in categories]},
        "palavrasChave": _items(content.get("keywords", [])),
        "legislacoes": _items(
            f"[{x['title']}]({x['url']})" if x.get("url") else x["title"]
            for x in content.get("legislation", [])
        ),
        "condicoesAcessibilidade": content.get("accessibility_conditions", ""),
        "tratamentoPrioritario": content.get("priority_treatment", ""),
        "contato": content.get("communication_channels", ""),
        "url": base_url + SERVICE_PAGE_PATH.format(slug=service.slug),
    }
