"""Open data: the whole published Carta as CSV, as JSON, and in the federal gov.br service model
(Lei 13.460 art. 7 §6: open, interoperable format for the Base Nacional de Serviços Públicos;
Lei 14.129 arts. 29-37: machine-readable, documented open data).

Every export reads the catalogue with a FIXED number of queries whatever its size (services with
agency and published version, then one query for categories and one for units) and is streamed
row by row, so 10,000 services export in a few seconds without holding them all in memory.
Drafts never appear: only services with is_published and their published version.

Formats
- CSV (/api/v1/servicos.csv): UTF-8 with BOM (opens correctly in spreadsheet programs), comma
  separator, CRLF line ends, a header row, one row per published service. Multi-valued cells are
  joined with " | ". Booleans are "true"/"false". Dates are ISO 8601 with the time zone.
- JSON (/api/v1/servicos.json): {"items": [ServiceDetail...], "total": n, "generated_at": ...};
  each item is exactly what GET /api/v1/servicos/{slug} returns.
- gov.br (/api/v1/govbr/servicos.json): {"servicos": [...], "total": n, "geradoEm": ...}.

gov.br service model — what was checked and how it is mapped
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

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone

from .content import CHANNEL_LABELS, DocumentValidity, TimeEstimate
from .models import Audience, Service, ServiceUnit

SERVICE_PAGE_PATH = "/servicos/{slug}/"
API_SERVICE_PATH = "/api/v1/servicos/{slug}"
API_AGENCY_PATH = "/api/v1/orgaos/{slug}"
CACHE_CONTROL = "public, max-age=300"
CHUNK = 500

GOVBR_SEGMENTS = {"cidadao": "Cidadãos", "empresa": "Empresas", "servidor": "Servidores públicos"}
GOVBR_VALIDITY = {
    "nao-se-aplica": "Não se aplica",
    "indeterminada": "Indeterminada",
    "determinada": "Válido por",
}


# --- Reading the catalogue ------------------------------------------------------------------------


def published_services() -> Any:
    """Published services with agency and published version, in name order (one query)."""
    return (
        Service.objects.filter(is_published=True)
        .select_related("agency", "published_version")
        .order_by("name", "pk")
    )


def categories_by_service(service_ids: Iterable[Any] | None = None) -> dict[Any, list[dict[str, str]]]:
    """{service id: [{slug, name}]} of published services (one query)."""
    through = Service.categories.through.objects.filter(service__is_published=True)
    if service_ids is not None:
        through = through.filter(service_id__in=list(service_ids))
    result: dict[Any, list[dict[str, str]]] = defaultdict(list)
    for service_id, slug, name in through.order_by("category__name").values_list(
        "service_id", "category__slug", "category__name"
    ):
        result[service_id].append({"slug": slug, "name": name})
    return result


def units_by_service(service_ids: Iterable[Any] | None = None) -> dict[Any, list[ServiceUnit]]:
    """{service id: [ServiceUnit]} of published services (one query)."""
    through = Service.units.through.objects.filter(service__is_published=True).select_related(
        "serviceunit__agency"
    )
    if service_ids is not None:
        through = through.filter(service_id__in=list(service_ids))
    result: dict[Any, list[ServiceUnit]] = defaultdict(list)
    for row in through.order_by("serviceunit__city", "serviceunit__name"):
        result[row.service_id].append(row.serviceunit)
    return result


# --- Documents (shared with the JSON API) ---------------------------------------------------------


def agency_ref(agency) -> dict[str, Any]:
    return {"slug": agency.slug, "name": agency.name, "acronym": agency.acronym}


def unit_document(unit: ServiceUnit) -> dict[str, Any]:
    return {
        "id": str(unit.pk),
        "agency": unit.agency.slug,
        "name": unit.name,
        "address": unit.address,
        "street": unit.street,
        "number": unit.number,
        "complement": unit.complement,
        "district": unit.district,
        "city": unit.city,
        "state": unit.state,
        "postal_code": unit.postal_code,
        "opening_hours": unit.opening_hours,
        "phone": unit.phone,
        "email": unit.email,
        "accessibility": unit.accessibility,
    }


def _time(data: dict[str, Any] | None) -> dict[str, Any] | None:
    if data is None:
        return None
    estimate = TimeEstimate.model_validate(data)
    return {**estimate.model_dump(), "text": str(estimate)}


def content_document(content: dict[str, Any]) -> dict[str, Any]:
    """The Carta content of a published version, with readable texts for structured values."""
    validity = DocumentValidity.model_validate(content.get("document_validity") or {})
    steps = []
    for step in content.get("steps", []):
        steps.append(
            {
                "title": step["title"],
                "description": step.get("description", ""),
                "documents": list(step.get("documents", [])),
                "costs": [
                    {
                        "description": c["description"],
                        "value": None if c.get("value") is None else str(c["value"]),
                        "variable": bool(c.get("variable")),
                    }
                    for c in step.get("costs", [])
                ],
                "channels": [
                    {
                        "type": ch["type"],
                        "type_label": CHANNEL_LABELS.get(ch["type"], ch["type"]),
                        "description": ch.get("description", ""),
                        "address": ch.get("address", ""),
                        "estimated_wait": _time(ch.get("estimated_wait")),
                    }
                    for ch in step.get("channels", [])
                ],
            }
        )
    return {
        "name": content["name"],
        "acronym": content.get("acronym", ""),
        "popular_names": list(content.get("popular_names", [])),
        "description": content["description"],
        "audiences": list(content.get("audiences", [])),
        "categories": list(content.get("categories", [])),
        "requesters": [
            {"type": r["type"], "requirements": r.get("requirements", "")}
            for r in content.get("requesters", [])
        ],
        "steps": steps,
        "total_time": _time(content.get("total_time") or {}),
        "is_free": bool(content.get("is_free", True)),
        "document_validity": {**validity.model_dump(), "text": str(validity)},
        "is_digital": bool(content.get("is_digital")),
        "digital_url": content.get("digital_url"),
        "min_login_level": content.get("min_login_level", "bronze"),
        "priority_treatment": content.get("priority_treatment", ""),
        "expected_wait": content.get("expected_wait", ""),
        "communication_channels": content.get("communication_channels", ""),
        "manifestation_handling": content.get("manifestation_handling", ""),
        "status_consultation": content.get("status_consultation", ""),
        "accessibility_conditions": content.get("accessibility_conditions", ""),
        "legislation": [{"title": x["title"], "url": x.get("url")} for x in content.get("legislation", [])],
        "keywords": list(content.get("keywords", [])),
    }


def service_document(
    service: Service, *, categories: list[dict[str, str]], units: list[ServiceUnit], base_url: str
) -> dict[str, Any]:
    """Everything the public knows about a published service (API detail and JSON export)."""
    agency = service.agency
    content = service.published_version.content
    return {
        "slug": service.slug,
        "name": service.name,
        "acronym": service.acronym,
        "summary": service.summary,
        "agency": {
            **agency_ref(agency),
            "website": agency.website,
            "ombudsman_email": agency.ombudsman_email,
            "ombudsman_phone": agency.ombudsman_phone,
            "ombudsman_url": agency.ombudsman_url,
        },
        "audiences": [
            {"code": code, "label": str(Audience.Code(code).label)}
            for code in content.get("audiences", [])
            if code in Audience.Code.values
        ],
        "categories": categories,
        "units": [unit_document(u) for u in units],
        "is_digital": service.is_digital,
        "is_free": service.is_free,
        "min_login_level": service.min_login_level,
        "version": service.published_version.number,
        "published_at": service.published_at,
        "last_reviewed_at": service.last_reviewed_at,
        "review_overdue": service.review_overdue_since is not None,
        "page_url": base_url + SERVICE_PAGE_PATH.format(slug=service.slug),
        "api_url": base_url + API_SERVICE_PATH.format(slug=service.slug),
        "content": content_document(content),
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


class _Echo:
    def write(self, value: str) -> str:
        return value


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def iter_csv(base_url: str) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(CSV_HEADER)
    categories = categories_by_service()
    buffer = io.StringIO()
    for n, service in enumerate(published_services().iterator(chunk_size=CHUNK), 1):
        buffer.write(
            writer.writerow(csv_row(service, categories=categories.get(service.pk, []), base_url=base_url))
        )
        if n % 100 == 0:
            yield buffer.getvalue()
            buffer = io.StringIO()
    yield buffer.getvalue()


def _iter_json(
    documents: Iterator[dict[str, Any]], *, list_key: str, total_key: str, date_key: str
) -> Iterator[str]:
    yield f'{{"{date_key}": {json.dumps(timezone.now().isoformat())}, "{list_key}": ['
    total = 0
    chunk: list[str] = []
    for document in documents:
        chunk.append(json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False))
        total += 1
        if len(chunk) == 100:
            yield ("," if total > 100 else "") + ",".join(chunk)
            chunk = []
    if chunk:
        yield ("," if total > len(chunk) else "") + ",".join(chunk)
    yield f'], "{total_key}": {total}}}'


def iter_json(base_url: str) -> Iterator[str]:
    def documents() -> Iterator[dict[str, Any]]:
        categories = categories_by_service()
        units = units_by_service()
        for service in published_services().iterator(chunk_size=CHUNK):
            yield service_document(
                service,
                categories=categories.get(service.pk, []),
                units=units.get(service.pk, []),
                base_url=base_url,
            )

    return _iter_json(documents(), list_key="items", total_key="total", date_key="generated_at")


def iter_govbr(base_url: str) -> Iterator[str]:
    def documents() -> Iterator[dict[str, Any]]:
        categories = categories_by_service()
        for service in published_services().iterator(chunk_size=CHUNK):
            yield govbr_document(service, categories=categories.get(service.pk, []), base_url=base_url)

    return _iter_json(documents(), list_key="servicos", total_key="total", date_key="geradoEm")


def _streaming(
    chunks: Iterator[str], content_type: str, filename: str, attachment: bool
) -> StreamingHttpResponse:
    response = StreamingHttpResponse((c.encode("utf-8") for c in chunks), content_type=content_type)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = CACHE_CONTROL
    return response


def csv_response(request: HttpRequest) -> StreamingHttpResponse:
    return _streaming(
        iter_csv(_base_url(request)), "text/csv; charset=utf-8", "servicos.csv", attachment=True
    )


def json_response(request: HttpRequest) -> StreamingHttpResponse:
    return _streaming(iter_json(_base_url(request)), "application/json", "servicos.json", attachment=False)


def govbr_response(request: HttpRequest) -> StreamingHttpResponse:
    return _streaming(
        iter_govbr(_base_url(request)), "application/json", "servicos-govbr.json", attachment=False
    )
