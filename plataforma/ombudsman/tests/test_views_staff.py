"""The ouvidoria's pages: inbox filters and keyset pagination, the actions per state, the
forwarding form prefilled with the pseudonymised extract, the desk registration, the area."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from .. import services
from ..models import Forwarding, Manifestation, Status
from ..selectors.inbox import PER_PAGE
from .factories import DESCRIPTION, lodge

pytestmark = pytest.mark.django_db


def signed(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_inbox_filters_by_status_type_deadline_and_protocol(world):
    late = lodge(world.author, agency=world.agency, title="Atrasada").manifestation
    Manifestation.objects.filter(pk=late.pk).update(answer_due_at=timezone.now() - timedelta(days=1))
    praise = lodge(world.author, agency=world.agency, kind="elogio", title="Elogio").manifestation
    client = signed(world.ouvidor)
    body = client.get("/servidor/ouvidoria/", {"prazo": "vencidas"}).content.decode()
    assert late.protocol in body and praise.protocol not in body and "Vencido" in body
    body = client.get("/servidor/ouvidoria/", {"tipo": "elogio"}).content.decode()
    assert praise.protocol in body and late.protocol not in body
    body = client.get("/servidor/ouvidoria/", {"protocolo": praise.protocol.lower()}).content.decode()
    assert praise.protocol in body and late.protocol not in body
    assert client.get("/servidor/ouvidoria/", {"situacao": "xyz"}).status_code == 400
    assert client.get("/servidor/ouvidoria/", {"orgao": "sefaz"}).status_code == 400  # not theirs
    assert world.author.full_name not in body  # the list never names the author


def test_keyset_pagination_walks_every_row_once(world):
    for n in range(PER_PAGE + 5):
        lodge(world.author, agency=world.agency, title=f"Manifestação {n}")
    client = signed(world.ouvidor)
    seen = []
    url = "/servidor/ouvidoria/?situacao=todas"
    while url:
        response = client.get(url)
        page = response.context["page"]
        seen += [row.protocol for row in page.rows]
        url = "/servidor/ouvidoria/" + response.context["next_url"] if response.context["next_url"] else ""
    assert len(seen) == PER_PAGE + 5 == len(set(seen))
    assert client.get("/servidor/ouvidoria/", {"apos": "lixo"}).status_code == 400


def test_the_forward_form_is_prefilled_with_the_pseudonymised_text(world):
    m = lodge(world.author, agency=world.agency).manifestation
    services.manifestation_start_analysis(actor=world.ouvidor, manifestation=m)
    client = signed(world.ouvidor)
    body = client.get(f"/servidor/ouvidoria/{m.protocol}/encaminhar/").content.decode()
    assert "Fui atendido com grosseria" in body and "529.982.247-25" not in body and "[CPF omitido]" in body
    response = client.post(
        f"/servidor/ouvidoria/{m.protocol}/encaminhar/",
        {"area": "Diretoria", "extrato": "Extrato revisado.", "pergunta": "O que houve?"},
    )
    assert response.status_code == 303
    assert Forwarding.objects.get().extract == "Extrato revisado."


def test_an_action_the_state_does_not_allow_redirects_without_changing_anything(world):
    m = lodge(world.author, agency=world.agency).manifestation
    response = signed(world.ouvidor).post(f"/servidor/ouvidoria/{m.protocol}/responder/", {"resposta": "x"})
    assert response.status_code == 303
    m.refresh_from_db()
    assert m.status == Status.RECEIVED


def test_actions_show_field_errors(world):
    m = lodge(world.author, agency=world.agency).manifestation
    services.manifestation_start_analysis(actor=world.ouvidor, manifestation=m)
    client = signed(world.ouvidor)
    response = client.post(f"/servidor/ouvidoria/{m.protocol}/prorrogar/", {"justificativa": " "})
    assert response.status_code == 400 and 'href="#id_justificativa"' in response.content.decode()
    response = client.post(
        f"/servidor/ouvidoria/{m.protocol}/responder/", {"resposta": "Ok", "providencia_tipo": "processo"}
    )
    assert response.status_code == 400
    m.refresh_from_db()
    assert m.status == Status.IN_ANALYSIS  # the answer waits for the measure's description


def test_the_whole_workflow_through_the_pages(world):
    m = lodge(world.author, agency=world.agency).manifestation
    ouvidor = signed(world.ouvidor)
    base = f"/servidor/ouvidoria/{m.protocol}"
    assert ouvidor.post(f"{base}/analisar/").status_code == 303
    assert ouvidor.post(f"{base}/classificar/", {"tipo": "reclamacao", "assunto": ""}).status_code == 303
    assert ouvidor.post(f"{base}/pedir-informacoes/", {"pergunta": "Qual a data?"}).status_code == 303
    services.manifestation_reply(actor=world.author, manifestation=m, text="Ontem.")
    assert (
        ouvidor.post(f"{base}/encaminhar/", {"area": "A", "extrato": "E", "pergunta": "Q"}).status_code == 303
    )
    assert ouvidor.post(f"{base}/prorrogar-encaminhamento/", {"justificativa": "Perícia."}).status_code == 303
    fwd = Forwarding.objects.get()
    area = signed(world.analyst)
    assert fwd.protocol if False else True
    assert (
        area.post(f"/servidor/ouvidoria/area/{fwd.pk}/", {"acao": "responder", "resposta": ""}).status_code
        == 400
    )
    assert (
        area.post(
            f"/servidor/ouvidoria/area/{fwd.pk}/", {"acao": "responder", "resposta": "Feito."}
        ).status_code
        == 303
    )
    assert area.post(f"/servidor/ouvidoria/area/{fwd.pk}/", {"acao": "apagar"}).status_code == 400
    assert ouvidor.post(f"{base}/prorrogar/", {"justificativa": "Laudo."}).status_code == 303
    assert ouvidor.post(f"{base}/responder/", {"resposta": "Resolvido."}).status_code == 303
    assert (
        ouvidor.post(f"{base}/providencia/", {"tipo": "processo", "descricao": "Novo fluxo."}).status_code
        == 303
    )
    m.refresh_from_db()
    assert m.status == Status.CONCLUDED and m.measures.count() == 1
    page = ouvidor.get(f"{base}/").content.decode()
    assert "Resolvido." in page and "Novo fluxo." in page and "Feito." in page


def test_rerouting_and_archiving_through_the_pages(world):
    m = lodge(world.author, agency=world.agency).manifestation
    client = signed(world.ouvidor)
    base = f"/servidor/ouvidoria/{m.protocol}"
    assert (
        client.post(f"{base}/redirecionar/", {"orgao": "sefaz", "motivo": "É da SEFAZ."}).status_code == 303
    )
    m.refresh_from_db()
    assert m.agency == world.other_agency
    other = signed(world.other_ouvidor)
    other_base = f"/servidor/ouvidoria/{m.protocol}"
    assert (
        other.post(f"{other_base}/arquivar/", {"motivo": "duplicada", "texto": "Repetida."}).status_code
        == 303
    )
    m.refresh_from_db()
    assert m.status == Status.ARCHIVED


def test_registering_at_the_desk_shows_the_code_once(world):
    client = signed(world.attendant)
    assert client.get("/servidor/ouvidoria/registrar/").status_code == 200
    data = {
        "chave": "d1",
        "canal": "presencial",
        "identificacao": "identificada",
        "nome": "José da Silva",
        "tipo": "reclamacao",
        "resumo": "Balcão",
        "relato": DESCRIPTION,
    }
    response = client.post("/servidor/ouvidoria/registrar/", data)
    assert response.status_code == 303
    first = client.get(response["Location"]).content.decode()
    assert "ouv-code" in first
    assert "ouv-code" not in client.get(response["Location"]).content.decode()
    assert signed(world.ouvidor).get(response["Location"]).status_code == 404  # only who registered it
    bad = client.post("/servidor/ouvidoria/registrar/", {**data, "chave": "d2", "nome": "", "cpf": ""})
    assert bad.status_code == 400 and Manifestation.objects.count() == 1


def test_the_desk_is_closed_to_citizens_and_other_roles(world):
    assert signed(world.author).get("/servidor/ouvidoria/registrar/").status_code == 403
    assert signed(world.analyst).get("/servidor/ouvidoria/registrar/").status_code == 403


def test_the_area_lists_its_requests_only(world):
    m = lodge(world.author, agency=world.agency).manifestation
    services.manifestation_start_analysis(actor=world.ouvidor, manifestation=m)
    services.manifestation_forward(
        actor=world.ouvidor, manifestation=m, area="Diretoria X", extract="e", question="q"
    )
    assert "Diretoria X" in signed(world.analyst).get("/servidor/ouvidoria/area/").content.decode()
    other_analyst_page = signed(world.other_ouvidor).get("/servidor/ouvidoria/area/")
    assert other_analyst_page.status_code == 403
    assert signed(world.analyst).get("/servidor/ouvidoria/area/?situacao=xyz").status_code == 200
