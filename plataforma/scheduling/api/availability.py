"""The public half of the scheduling API: which units book a service, their free days, a day's
free times. No token (like the Carta)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Schema
from pydantic import Field

from plataforma.catalog.models import Service
from plataforma.common.cep import PAUSE_AFTER_FAILURE
from plataforma.service_requests.api.inputs import (
    has_bad_text,
)

from .. import geo
from ..carta import documents_to_bring
from ..models import Offering
from ..selectors.availability import MAX_DAYS, bookable_offerings, day_slots, service_availability
from ..services.slots import local_today
from . import present
from .common import MAX_AHEAD_DAYS, PUBLIC_ERRORS, problem, router
from .schemas import (
    AvailabilityOut,
    DaySlotsOut,
    ModeCode,
    SchedulingError,
)


class AvailabilityQuery(Schema):
    cidade: str | None = Field(
        None, max_length=100, description="Município de MT: unidades mais perto primeiro"
    )
    cep: str | None = Field(
        None,
        max_length=20,
        description="CEP de Mato Grosso (8 algarismos, com ou sem pontuação: 78005-100 ou 78005100): "
        "unidades mais perto do município do CEP primeiro; vence `cidade`. Malformado, de outro estado "
        "ou inexistente: 422 no campo `cep`. Se a consulta de CEPs estiver fora do ar: 503 (use `cidade`).",
    )
    perto: str | None = Field(
        None,
        max_length=60,
        description="Ponto 'latitude,longitude' (por exemplo -15.6,-56.1); vence `cep` e `cidade`",
    )
    modalidade: ModeCode | None = Field(None, description="Só esta forma de atendimento")
    inicio: date | None = Field(None, description="Primeiro dia (padrão: hoje; datas passadas valem hoje)")
    dias: int = Field(30, ge=1, le=MAX_DAYS, description=f"Quantos dias a partir do início (1 a {MAX_DAYS})")
    prioridade: bool = Field(False, description="Contar também as vagas reservadas às prioridades legais")


def _point(text: str) -> tuple[float, float] | None:
    try:
        lat_text, lon_text = text.split(",")
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


def _published_service(slug: str) -> Service:
    if has_bad_text(slug):
        raise Http404(_("Serviço não encontrado."))
    found = Service.objects.filter(slug=slug[:220], is_published=True).select_related("agency")
    service = found.first()
    if service is None:
        raise Http404(_("Serviço não encontrado."))
    return service


@router.get(
    "/agendamento/servicos/{slug}/disponibilidade",
    auth=None,
    response={200: AvailabilityOut, **PUBLIC_ERRORS, 503: SchedulingError},
    summary="Onde e quando agendar um serviço",
    description="As unidades que agendam o serviço (cada unidade com cada forma de atendimento é "
    "uma oferta), com as vagas livres por dia e o primeiro horário livre; as mais perto primeiro "
    "quando `perto`, `cep` ou `cidade` é informado. Não exige token. 404 quando o serviço não existe "
    "ou não tem agendamento; 400 para município desconhecido; 422 para parâmetro malformado ou CEP "
    "que não é de Mato Grosso ou não existe; 503 quando a consulta de CEPs não responde (tente de "
    "novo mais tarde ou use `cidade`).",
    url_name="agendamento_disponibilidade",
)
def availability(request: HttpRequest, response: HttpResponse, slug: str, params: Query[AvailabilityQuery]):
    service = _published_service(slug)
    if not bookable_offerings(service=service).exists():
        raise Http404(_("Este serviço não tem agendamento pela internet."))
    for field in ("cidade", "cep", "perto"):
        if has_bad_text(getattr(params, field) or ""):
            errors = [{"field": field, "message": _("Texto inválido.")}]
            return problem(422, _("Parâmetros inválidos."), errors)
    near = None
    near_city = None
    if params.perto:
        near = _point(params.perto)
        if near is None:
            return problem(
                422,
                _("Parâmetros inválidos."),
                [
                    {
                        "field": "perto",
                        "message": _("Use 'latitude,longitude' em graus decimais, por exemplo -15.6,-56.1."),
                    }
                ],
            )
    elif params.cep and params.cep.strip():
        try:
            found = geo.municipality_from_cep(params.cep)
        except geo.CepProblem as exc:
            if exc.reason == geo.CepProblem.UNAVAILABLE:
                response["Retry-After"] = str(PAUSE_AFTER_FAILURE)
                return problem(
                    503,
                    _(
                        "A consulta de CEPs não respondeu. Tente de novo em instantes ou informe o "
                        "município em `cidade`."
                    ),
                )
            return problem(422, _("Parâmetros inválidos."), [{"field": "cep", "message": exc.message}])
        near, near_city = found.point, found.name
    elif params.cidade and params.cidade.strip():
        found = geo.municipality(" ".join(params.cidade.split()))
        if found is None:
            return problem(
                400,
                _("Município não encontrado em Mato Grosso."),
                [{"field": "cidade", "message": _("Confira o nome.")}],
            )
        near, near_city = found.point, found.name
    now = timezone.now()
    today = local_today(now)
    start = max(params.inicio or today, today)
    if start > today + timedelta(days=MAX_AHEAD_DAYS):
        return problem(
            422,
            _("Parâmetros inválidos."),
            [{"field": "inicio", "message": _("Escolha uma data até um ano à frente.")}],
        )
    found = service_availability(
        service=service,
        start=start,
        days=params.dias,
        mode=params.modalidade,
        priority=params.prioridade,
        near=near,
        now=now,
    )
    response["Cache-Control"] = "no-cache"
    return {
        "service": present.service(service),
        "start": start,
        "days": params.dias,
        "near": {"latitude": near[0], "longitude": near[1]} if near else None,
        "near_city": near_city,
        "documents": documents_to_bring(service=service),
        "offerings": [
            {
                "offering_id": str(item.offering.pk),
                "mode": item.offering.mode,
                "mode_label": str(item.offering.get_mode_display()),
                "unit": present.unit(item.calendar),
                "distance_km": round(item.distance_km, 1) if item.distance_km is not None else None,
                "first_free": item.first_free,
                "rules": present.rules(item.offering),
                "days": [{"day": d.day, "free_slots": d.free_slots} for d in item.days],
            }
            for item in found
        ],
    }


class DayQuery(Schema):
    prioridade: bool = Field(False, description="Contar também as vagas reservadas às prioridades legais")


@router.get(
    "/agendamento/ofertas/{offering_id}/dias/{dia}",
    auth=None,
    response={200: DaySlotsOut, **PUBLIC_ERRORS},
    summary="Horários livres de um dia",
    description="Os horários com vaga de uma oferta (unidade, serviço e forma de atendimento) num "
    "dia (AAAA-MM-DD, horário de Cuiabá). Não exige token. Lista vazia fora da janela de agendamento.",
    url_name="agendamento_horarios",
)
def slots_of_day(
    request: HttpRequest, response: HttpResponse, offering_id: uuid.UUID, dia: date, params: Query[DayQuery]
):
    offering = (
        Offering.objects.filter(
            pk=offering_id, active=True, calendar__accepts_bookings=True, service__is_published=True
        )
        .select_related("calendar__unit", "service")
        .first()
    )
    if offering is None:
        raise Http404(_("Oferta de agendamento não encontrada."))
    slots = day_slots(offering=offering, day=dia, priority=params.prioridade)
    response["Cache-Control"] = "no-cache"
    return {
        "offering_id": str(offering.pk),
        "day": dia,
        "slots": [
            {"slot_id": s.slot_id, "starts_at": s.starts_at, "ends_at": s.ends_at, "free": s.free}
            for s in slots
        ],
    }
