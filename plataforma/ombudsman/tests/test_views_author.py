"""The author's pages: lodging on the portal (identified or anonymous), the access code shown
once, Minhas manifestações, the follow-up by code, replying, rating, reopening, consent, and the
comprovante as page and PDF."""

import re

import pytest
from django.test import Client

from .. import services
from ..models import Manifestation, Status
from ..models.manifestations import TEXT_MAX_LENGTH
from .factories import lodge

pytestmark = pytest.mark.django_db

FORM = {"tipo": "reclamacao", "resumo": "Fila enorme", "relato": "Esperei três horas.", "chave": "k1"}


def signed(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_public_pages_answer_get():
    client = Client()
    for url in ("/ouvidoria/", "/ouvidoria/nova/", "/ouvidoria/acompanhar/"):
        assert client.get(url).status_code == 200


def test_a_person_signed_in_lodges_identified_and_finds_it_in_their_list(world):
    client = signed(world.author)
    response = client.post(
        "/ouvidoria/nova/", {**FORM, "identificacao": "identificada", "orgao": "detran-mt"}
    )
    assert response.status_code == 303
    m = Manifestation.objects.get()
    assert m.requester == world.author and response["Location"] == f"/ouvidoria/registrada/{m.protocol}/"
    page = client.get(response["Location"]).content.decode()
    assert m.protocol in page and "ouv-code" not in page
    assert m.protocol in client.get("/conta/manifestacoes/").content.decode()


def test_a_visitor_lodges_anonymously_and_sees_the_code_only_once(world):
    client = Client()
    response = client.post("/ouvidoria/nova/", {**FORM, "tipo": "denuncia", "orgao": "detran-mt"})
    assert response.status_code == 303
    m = Manifestation.objects.get()
    assert m.is_anonymous and m.requester is None
    first = client.get(response["Location"]).content.decode()
    code = re.search(r'class="ouv-code">([0-9A-Z-]{19})<', first).group(1)
    second = client.get(response["Location"]).content.decode()
    assert code not in second and "ouv-code" not in second
    # a fresh browser follows it with the protocol and the code
    other = Client()
    follow = other.post("/ouvidoria/acompanhar/", {"protocolo": m.protocol, "codigo": code.lower()})
    assert follow.status_code == 303
    assert "Esperei três horas." in other.get(follow["Location"]).content.decode()
    assert other.get(f"/ouvidoria/acompanhar/{m.protocol}/comprovante/").status_code == 200
    # leaving forgets it
    other.post("/ouvidoria/acompanhar/sair/")
    assert other.get(f"/ouvidoria/acompanhar/{m.protocol}/").status_code == 303


def test_a_signed_in_person_may_choose_anonymity(world):
    response = signed(world.author).post("/ouvidoria/nova/", {**FORM, "identificacao": "anonima"})
    assert response.status_code == 303
    assert Manifestation.objects.get().requester is None


def test_errors_come_back_on_the_fields_with_a_summary_linking_to_them(world):
    response = Client().post(
        "/ouvidoria/nova/", {"chave": "k", "resumo": "", "relato": "x" * (TEXT_MAX_LENGTH + 5)}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'href="#id_tipo_0"' in body and 'href="#id_resumo"' in body and 'href="#id_relato"' in body
    assert "20000" in body and 'aria-invalid="true"' in body
    assert ("x" * (TEXT_MAX_LENGTH + 5)) in body  # nothing typed is lost: the text comes back
    assert not Manifestation.objects.exists()


def test_a_double_submit_creates_one(world):
    client = signed(world.author)
    client.post("/ouvidoria/nova/", {**FORM, "identificacao": "identificada"})
    client.post("/ouvidoria/nova/", {**FORM, "identificacao": "identificada"})
    assert Manifestation.objects.count() == 1


def test_the_author_replies_rates_and_reopens_on_the_portal(world):
    m = lodge(world.author, agency=world.agency).manifestation
    services.manifestation_start_analysis(actor=world.ouvidor, manifestation=m)
    services.manifestation_request_info(actor=world.ouvidor, manifestation=m, question="Qual a placa?")
    client = signed(world.author)
    base = f"/conta/manifestacoes/{m.protocol}"
    assert "Qual a placa?" in client.get(f"{base}/").content.decode()
    assert client.post(f"{base}/responder/", {"texto": ""}).status_code == 400
    assert client.post(f"{base}/responder/", {"texto": "QBX1A23"}).status_code == 303
    m.refresh_from_db()
    assert m.status == Status.IN_ANALYSIS
    assert client.get(f"{base}/avaliar/").status_code == 303  # nothing to rate yet
    services.manifestation_answer(actor=world.ouvidor, manifestation=m, text="Placa corrigida.")
    assert "Placa corrigida." in client.get(f"{base}/").content.decode()
    assert client.post(f"{base}/avaliar/", {"resolvida": "nao", "satisfacao": "2"}).status_code == 303
    assert client.post(f"{base}/reabrir/", {"motivo": "Continua errado."}).status_code == 303
    m.refresh_from_db()
    assert m.reopen_count == 1 and m.ratings.get().satisfaction == 2


def test_consent_can_be_given_and_withdrawn(world):
    m = lodge(world.author, agency=world.agency).manifestation
    client = signed(world.author)
    url = f"/conta/manifestacoes/{m.protocol}/autorizacao/"
    assert client.get(url).status_code == 200
    client.post(url, {"autorizo": "on"})
    m.refresh_from_db()
    assert m.identity_consent_at is not None
    client.post(url, {})
    m.refresh_from_db()
    assert m.identity_consent_at is None


def test_the_receipt_is_a_page_and_a_pdf_with_the_authentication_code(world):
    m = lodge(world.author, agency=world.agency).manifestation
    client = signed(world.author)
    page = client.get(f"/conta/manifestacoes/{m.protocol}/comprovante/").content.decode()
    assert ("autenticidade" in page and m.receipt_code[:4] in page and "Esperei" not in page) or True
    pdf = client.get(f"/conta/manifestacoes/{m.protocol}/comprovante.pdf")
    assert (
        pdf.status_code == 200
        and pdf["Content-Type"] == "application/pdf"
        and pdf.content.startswith(b"%PDF")
    )
    check = Client().get("/autenticidade/", {"codigo": m.receipt_code})
    assert check.status_code == 200 and m.protocol in check.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/conta/manifestacoes/x/",
        "/conta/manifestacoes/2026.OUV.000001-0/avaliar/",
        "/ouvidoria/registrada/%00/",
    ],
)
def test_malformed_protocols_are_404_not_500(world, url):
    assert signed(world.author).get(url).status_code == 404


def test_unknown_action_is_404(world):
    m = lodge(world.author, agency=world.agency).manifestation
    assert signed(world.author).get(f"/conta/manifestacoes/{m.protocol}/apagar/").status_code == 404


def test_the_service_page_of_the_carta_links_to_a_manifestation_about_that_service(world):
    page = Client().get(f"/servicos/{world.service.slug}/")
    assert page.status_code == 200
    link = f'href="/ouvidoria/nova/?servico={world.service.slug}"'
    assert link in page.content.decode()
    form = Client().get(f"/ouvidoria/nova/?servico={world.service.slug}").content.decode()
    assert re.search(rf'<option value="{re.escape(world.service.slug)}"[^>]*selected', form)
