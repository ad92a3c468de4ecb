"""Adversarial review: public pages and open data never show drafts, records under analysis or
declined ones, nor servants' names; audit `changes` carry ids, states and counts only."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from plataforma.common.models import AuditEvent

from ..opendata import DATASETS
from ..services import mti_docs
from ..services import plan as plan_services
from . import factories as f
from . import factories_exceptions as fe
from . import factories_mti as fm
from .review_world import build, governance_routes, route_kwargs
from .test_review_access import ALLOWED, PUBLIC

pytestmark = pytest.mark.django_db

HIDDEN = (
    "MARCADOR-RASCUNHO",
    "MARCADOR-ANALISE",
    "MARCADOR-RECUSADA",
    "MARCADOR-INDICADO",
    "MARCADOR-NAO-APROVADO",
    "MARCADOR-JUST-RASCUNHO",
    "MARCADOR-JUST-ANALISE",
    "MARCADOR-GUIA",
    "MARCADOR-PRECO",
    "777,77",
    "777.77",
)


def _hidden_records(world):
    detran = world.users["gestor"].agency_roles.first().agency
    gestor, member, mti = world.users["gestor"], world.users["nucleo"], world.users["mti"]

    def service(name):
        return f.agency_service(detran, name=name)

    from ..services import exceptions as exc_services
    from ..services import exceptions_decisions as decisions

    def request(name, platform):
        return exc_services.exception_create(
            actor=gestor, data=fe.request_data(service(name), platform_name=platform)
        )

    request("Serviço A", "MARCADOR-RASCUNHO")
    analysed = request("Serviço B", "MARCADOR-ANALISE")
    exc_services.action_add(actor=gestor, request=analysed, description="Etapa", due_on=fe.days(20))
    exc_services.exception_submit(actor=gestor, request=analysed)
    declined = request("Serviço C", "MARCADOR-RECUSADA")
    exc_services.action_add(actor=gestor, request=declined, description="Etapa", due_on=fe.days(20))
    declined = exc_services.exception_submit(actor=gestor, request=declined)
    decisions.exception_decide(actor=member, request=declined, decision="recusar", reasons="Não.")
    # a nomination declined in an approved plan (2029) and one still open (2030)
    cycle = f.open_cycle(member, year=2029)
    kept = f.nominate(cycle, gestor, service("Serviço aprovado"), rank=1)
    refused = f.nominate(cycle, gestor, service("MARCADOR-NAO-APROVADO"), rank=2)
    cycle = f.review_cycle(cycle, member)
    plan_services.nomination_decide(actor=member, nomination=kept, approve=True, note="")
    plan_services.nomination_decide(actor=member, nomination=refused, approve=False, note="Fora do escopo.")
    plan_services.cycle_approve(actor=member, cycle=cycle, note="Aprovado.")
    open_ = f.open_cycle(member, year=2030)
    f.nominate(open_, gestor, service("MARCADOR-INDICADO"), rank=1)
    # MTI
    svc = fm.make_service(mti, code="MARC-01")
    fm.draft(mti, svc, price="777.77")
    fm.make_justification(mti, title="MARCADOR-JUST-RASCUNHO")
    sub = fm.make_justification(mti, title="MARCADOR-JUST-ANALISE")
    mti_docs.justification_submit(actor=mti, item=sub)
    dec = mti_docs.justification_submit(
        actor=mti, item=fm.make_justification(mti, title="Justificativa recusada (pública por desenho)")
    )
    mti_docs.justification_decide(actor=member, item=dec, approve=False, reasons="Não.")
    fm.make_guide(mti, slug="guia-oculto", title="MARCADOR-GUIA")


def _public_bodies(world):
    client = Client(raise_request_exception=False)
    for name, params in governance_routes():
        if ALLOWED[name] != PUBLIC:
            continue
        url = reverse(f"governance:{name}", kwargs=route_kwargs(world, name, params))
        for extra in ("", "?ano=2027", "?ano=2029", "?ano=2030"):
            response = client.get(url + extra)
            assert response.status_code < 500, url
            yield url + extra, response.content.decode()
    for name in DATASETS:
        for fmt in ("csv", "json"):
            for extra in ("", "?ano=2029", "?ano=2030"):
                url = reverse("governance:pub_dataset", kwargs={"name": name, "fmt": fmt}) + extra
                response = client.get(url)
                assert response.status_code < 500, url
                yield url, response.content.decode()
    for year in (2027, 2029, 2030):
        response = client.get(reverse("governance:pub_plan", kwargs={"year": year}))
        yield f"plano {year}", response.content.decode()


def test_public_pages_and_open_data_hide_unpublished_records_and_people():
    world = build()
    _hidden_records(world)
    people = []
    for user in world.users.values():
        people += [user.cpf, user.email, getattr(user, "full_name", "") or ""]
    people = [p for p in people if p and len(p) > 5]
    leaks = []
    for where, body in _public_bodies(world):
        for marker in (*HIDDEN, *people):
            if marker in body:
                leaks.append(f"{where}: {marker}")
    assert not leaks, "\n".join(leaks)


TYPED = (
    "Atraso do fornecedor",
    "Pesquisa com usuários",
    "Muito procurado",
    "Sistema próprio do DETRAN",
    "RENAVAM",
    "Etapa 1 da migração",
    "Conector previsto",
    "Aprovado na reunião",
    "Custo de servidores",
    "Fornecedor",
    "MARCADOR",
    "Fora do escopo",
)


def test_audit_changes_hold_no_personal_data_nor_typed_text():
    world = build()
    _hidden_records(world)
    people = []
    for user in world.users.values():
        people += [user.cpf, user.email, getattr(user, "full_name", "") or ""]
    people = [p for p in people if p and len(p) > 5]
    found = []
    for event in AuditEvent.objects.filter(action__startswith="governance."):
        dumped = json.dumps(event.changes, ensure_ascii=False, default=str)
        for marker in (*TYPED, *people):
            if marker in dumped:
                found.append(f"{event.action}: {marker}")
    assert not found, "\n".join(sorted(set(found)))
