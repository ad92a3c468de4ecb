"""MTI's pages: the whole flow through them, bad input (400 with field errors, nothing saved) and
the public pages. Who gets in is in test_mti_access.py."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from ..models.mti import GuidancePage, MarketReference, PriceVersion, StandardService, TechJustification
from ..services import mti_docs as docs
from .factories_mti import (
    approved,
    draft,
    make_guide,
    make_justification,
    make_service,
    reference_post,
    submitted,
    today,
)

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user)
    return client


# --- the flow through the pages ------------------------------------------------------------------


def test_whole_flow_through_the_pages(client, mti, nucleo):
    c = _login(client, mti)
    response = c.post(
        reverse("governance:mti_service_new"),
        {
            "code": "proc-01",
            "name": "Processamento em lote",
            "category": "processamento",
            "description": "Execução de rotinas.",
            "unit": "hora de CPU",
            "service_level": "",
            "is_active": "on",
        },
    )
    service = StandardService.objects.get(code="PROC-01")
    assert response.status_code == 302 and response["Location"] == reverse(
        "governance:mti_service", args=[service.pk]
    )
    response = c.post(
        reverse("governance:mti_price_new", args=[service.pk]),
        {"price": "1.234,56", "valid_from": today().isoformat(), "justification": "Custos de máquina."},
    )
    version = PriceVersion.objects.get(service=service)
    assert response.status_code == 302 and str(version.price) == "1234.56"
    for price in ("1.000,00", "1.100,00", "1.200,00"):
        response = c.post(reverse("governance:mti_reference_new", args=[version.pk]), reference_post(price))
        assert response.status_code == 302
    page = c.get(reverse("governance:mti_price", args=[version.pk])).content.decode()
    assert "R$ 1.234,56" in page and "R$ 1.100,00" in page
    assert "acima de todas as referências" in page
    assert "R$ 134,56 acima (12,2% a mais)" in page  # vs the median 1.100,00
    assert c.post(reverse("governance:mti_price_submit", args=[version.pk])).status_code == 302
    version.refresh_from_db()
    assert version.status == PriceVersion.Status.SUBMITTED

    c = _login(client, nucleo)
    home = c.get(reverse("governance:mti_home")).content.decode()
    assert reverse("governance:mti_price", args=[version.pk]) in home
    response = c.post(
        reverse("governance:mti_price_decide", args=[version.pk]),
        {"decision": "aprovar", "reasons": "Compatível com contratações públicas."},
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == PriceVersion.Status.APPROVED

    client.logout()
    catalogue = client.get(reverse("governance:mti_public_catalogue")).content.decode()
    assert "Processamento em lote" in catalogue and "R$ 1.234,56" in catalogue
    detail = client.get(reverse("governance:mti_public_service", args=["proc-01"])).content.decode()
    for text in (
        "R$ 1.234,56",
        "Tabela pública de nuvem",
        "https://exemplo.com.br/precos",
        "R$ 1.100,00",
        "acima de todas as referências",
        "Compatível com contratações públicas.",
    ):
        assert text in detail


def test_mti_home_shows_each_role_its_part(client, mti, nucleo, service):
    version = submitted(mti, service)
    item = docs.justification_submit(actor=mti, item=make_justification(mti))
    page = _login(client, mti).get(reverse("governance:mti_home")).content.decode()
    assert service.name in page and "Nova orientação" in page and "Aguardando a decisão" not in page
    page = _login(client, nucleo).get(reverse("governance:mti_home")).content.decode()
    assert "Aguardando a decisão do Núcleo" in page and item.number in page
    assert reverse("governance:mti_price", args=[version.pk]) in page
    assert "Incluir serviço" not in page


# --- bad input -----------------------------------------------------------------------------------


def test_bad_service_input_is_400(client, mti, service):
    c = _login(client, mti)
    response = c.post(
        reverse("governance:mti_service_new"),
        {"code": "hosp-01", "name": "", "category": "xyz", "description": "x", "unit": "h"},
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert {"name", "category"} <= set(form.errors)
    response = c.post(
        reverse("governance:mti_service_new"),
        {"code": "hosp-01", "name": "Outro", "category": "rede", "description": "x", "unit": "h"},
    )
    assert (
        response.status_code == 400
        and "Já existe um serviço com este código." in response.context["form"].errors["code"]
    )
    assert StandardService.objects.count() == 1


def test_bad_price_input_is_400(client, mti, service):
    c = _login(client, mti)
    url = reverse("governance:mti_price_new", args=[service.pk])
    for price in ("abc", "0,00", "12,345", ""):
        response = c.post(url, {"price": price, "valid_from": today().isoformat(), "justification": "x"})
        assert response.status_code == 400 and "price" in response.context["form"].errors
    yesterday = (today() - timedelta(days=1)).isoformat()
    response = c.post(url, {"price": "10,00", "valid_from": yesterday, "justification": "x"})
    assert response.status_code == 400 and "valid_from" in response.context["form"].errors
    assert not PriceVersion.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"reference_date": (today() + timedelta(days=1)).isoformat()}, "reference_date"),
        ({"days_ago": 370}, "reference_date"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"kind": "boato"}, "kind"),
        ({"source": ""}, "source"),
        ({"price": "-1"}, "price"),
    ],
)
def test_bad_reference_input_is_400(client, mti, service, overrides, field):
    version = draft(mti, service, references=())
    response = _login(client, mti).post(
        reverse("governance:mti_reference_new", args=[version.pk]), reference_post(**overrides)
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert 'id="erros"' in response.content.decode()
    assert not MarketReference.objects.exists()


def test_submit_with_two_references_is_400(client, mti, service):
    version = draft(mti, service, references=("90.00", "100.00"))
    response = _login(client, mti).post(reverse("governance:mti_price_submit", args=[version.pk]))
    assert response.status_code == 400
    assert "Inclua ao menos 3 referências de mercado" in response.content.decode()
    version.refresh_from_db()
    assert version.status == PriceVersion.Status.DRAFT


def test_decision_without_reasons_is_400(client, mti, nucleo, service):
    version = submitted(mti, service)
    c = _login(client, nucleo)
    response = c.post(
        reverse("governance:mti_price_decide", args=[version.pk]), {"decision": "aprovar", "reasons": ""}
    )
    assert response.status_code == 400 and "reasons" in response.context["decision_form"].errors
    response = c.post(
        reverse("governance:mti_price_decide", args=[version.pk]), {"decision": "talvez", "reasons": "x"}
    )
    assert response.status_code == 400 and "decision" in response.context["decision_form"].errors
    version.refresh_from_db()
    assert version.status == PriceVersion.Status.SUBMITTED and not version.decision_reasons


def test_bad_guide_input_is_400(client, mti):
    make_guide(mti)
    response = _login(client, mti).post(
        reverse("governance:mti_guide_new"),
        {"slug": "como-aderir-ao-x-via", "title": "T", "summary": "", "body": "b", "order": "-1"},
    )
    assert response.status_code == 400
    assert {"summary", "order"} <= set(response.context["form"].errors)
    response = _login(client, mti).post(
        reverse("governance:mti_guide_new"),
        {"slug": "como-aderir-ao-x-via", "title": "T", "summary": "S", "body": "b", "order": "1"},
    )
    assert response.status_code == 400 and "slug" in response.context["form"].errors
    assert GuidancePage.objects.count() == 1


# --- public pages --------------------------------------------------------------------------------


def test_public_pages_show_only_public_things(client, mti, nucleo, service):
    hidden_service = make_service(mti, code="OFF-1", name="Serviço desligado", is_active=False)
    draft(mti, service, "55.00")
    page = client.get(reverse("governance:mti_public_catalogue")).content.decode()
    assert service.name in page and hidden_service.name not in page and "Sem preço aprovado" in page
    detail = client.get(reverse("governance:mti_public_service", args=[service.code])).content.decode()
    assert "R$ 55,00" not in detail and "Nenhum preço aprovado" in detail
    assert client.get(reverse("governance:mti_public_service", args=["NAO-EXISTE"])).status_code == 404

    item = docs.justification_submit(actor=mti, item=make_justification(mti))
    assert client.get(reverse("governance:mti_public_justification", args=[item.number])).status_code == 404
    docs.justification_decide(actor=nucleo, item=item, approve=True, reasons="Adoção aprovada.")
    page = client.get(reverse("governance:mti_public_justification", args=[item.number])).content.decode()
    assert "Adoção aprovada." in page and "RabbitMQ" in page
    assert item.number in client.get(reverse("governance:mti_public_justifications")).content.decode()
    assert (
        client.get(reverse("governance:mti_public_justification", args=["2020.JT.9999"])).status_code == 404
    )

    guide = make_guide(mti)
    assert client.get(reverse("governance:mti_public_guide", args=[guide.slug])).status_code == 404
    assert guide.title not in client.get(reverse("governance:mti_public_guides")).content.decode()
    docs.guide_set_published(actor=mti, page=guide, published=True)
    page = client.get(reverse("governance:mti_public_guide", args=[guide.slug])).content.decode()
    assert "<h2>Antes de começar</h2>" in page and "<li>Passo um</li>" in page
    assert client.get(reverse("governance:mti_public_guide", args=["nao-existe"])).status_code == 404


def test_guide_body_never_reaches_the_page_as_markup(client, mti):
    body = (
        '<script>alert("x")</script>\n\n## <img src=x onerror=alert(1)>\n\n'
        '- [link](javascript:alert(1))\n- [ok](https://exemplo.com.br/"onmouseover="x)'
    )
    guide = make_guide(mti, published=True, body=body, title="<b>negrito</b>")
    html = client.get(reverse("governance:mti_public_guide", args=[guide.slug])).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="javascript:' not in html and "<b>negrito</b>" not in html
    assert '"onmouseover="' not in html
    preview = _login(client, mti).get(reverse("governance:mti_guide", args=[guide.pk])).content.decode()
    assert "<script>alert" not in preview


def test_price_history_on_the_public_page(client, mti, nucleo, service):
    approved(mti, nucleo, service, "80.00", valid_from=today() - timedelta(days=100))
    approved(mti, nucleo, service, "105.00", valid_from=today() - timedelta(days=5))
    page = client.get(reverse("governance:mti_public_service", args=[service.code])).content.decode()
    assert page.index("Versão 2: R$ 105,00") < page.index("Versão 1: R$ 80,00")
    assert "em vigor" in page
    assert "R$ 5,00 acima (5,0% a mais)" in page  # v2 against the median 100,00
    assert "R$ 20,00 abaixo (20,0% a menos)" in page  # v1


def test_justification_and_guide_through_the_pages(client, mti, nucleo):
    c = _login(client, mti)
    text = {
        "title": "Banco de dados relacional",
        "technology": "PostgreSQL 17",
        "context": "Novos sistemas.",
        "justification": "Maduro e livre.",
        "alternatives": "Outros bancos.",
        "costs": "",
    }
    assert c.post(reverse("governance:mti_justification_new"), text).status_code == 302
    item = TechJustification.objects.get()
    assert c.post(reverse("governance:mti_justification_submit", args=[item.pk])).status_code == 302
    item.refresh_from_db()
    assert item.status == TechJustification.Status.SUBMITTED and ".JT." in item.number
    assert c.post(reverse("governance:mti_justification_edit", args=[item.pk]), text).status_code == 400

    c = _login(client, nucleo)
    url = reverse("governance:mti_justification_decide", args=[item.pk])
    assert c.post(url, {"decision": "recusar", "reasons": ""}).status_code == 400
    assert c.post(url, {"decision": "recusar", "reasons": "Já temos um padrão."}).status_code == 302
    item.refresh_from_db()
    assert item.status == TechJustification.Status.DECLINED
    assert (
        "Já temos um padrão."
        in client.get(reverse("governance:mti_public_justification", args=[item.number])).content.decode()
    )

    c = _login(client, mti)
    guide = {
        "slug": "Guia MT Login",
        "title": "MT Login",
        "summary": "Como usar.",
        "body": "Texto.",
        "order": "5",
    }
    response = c.post(reverse("governance:mti_guide_new"), guide)
    assert response.status_code == 400 and "slug" in response.context["form"].errors
    assert c.post(reverse("governance:mti_guide_new"), {**guide, "slug": "mt-login"}).status_code == 302
    page = GuidancePage.objects.get()
    assert c.post(reverse("governance:mti_guide_publish", args=[page.pk])).status_code == 302
    assert client.get(reverse("governance:mti_public_guide", args=["mt-login"])).status_code == 200
    assert "MT Login" in client.get(reverse("governance:mti_public_guides")).content.decode()
    assert c.post(reverse("governance:mti_guide_unpublish", args=[page.pk])).status_code == 302
    assert client.get(reverse("governance:mti_public_guide", args=["mt-login"])).status_code == 404


def test_service_code_checked_by_the_form_too(client, mti):
    response = _login(client, mti).post(
        reverse("governance:mti_service_new"),
        {"code": "a b", "name": "", "category": "rede", "description": "d", "unit": "u"},
    )
    assert response.status_code == 400 and {"code", "name"} <= set(response.context["form"].errors)
    assert not StandardService.objects.exists()


def test_every_page_renders(client, mti, nucleo, service):
    approved(mti, nucleo, service, "80.00", valid_from=today() - timedelta(days=10))
    open_draft = draft(mti, make_service(mti, code="D-1"))
    item = make_justification(mti)
    guide = make_guide(mti, published=True)
    c = _login(client, mti)
    for url in (
        reverse("governance:mti_home"),
        reverse("governance:mti_service_new"),
        reverse("governance:mti_service", args=[service.pk]),
        reverse("governance:mti_service_edit", args=[service.pk]),
        reverse("governance:mti_price_new", args=[service.pk]),
        reverse("governance:mti_price", args=[open_draft.pk]),
        reverse("governance:mti_price_edit", args=[open_draft.pk]),
        reverse("governance:mti_reference_new", args=[open_draft.pk]),
        reverse("governance:mti_justification_new"),
        reverse("governance:mti_justification", args=[item.pk]),
        reverse("governance:mti_justification_edit", args=[item.pk]),
        reverse("governance:mti_guide_new"),
        reverse("governance:mti_guide", args=[guide.pk]),
        reverse("governance:mti_guide_edit", args=[guide.pk]),
        reverse("governance:mti_public_catalogue"),
        reverse("governance:mti_public_service", args=[service.code]),
        reverse("governance:mti_public_justifications"),
        reverse("governance:mti_public_guides"),
        reverse("governance:mti_public_guide", args=[guide.slug]),
    ):
        response = c.get(url)
        assert response.status_code == 200, url
        assert response.content.decode().count("<h1") == 1, url
    c = _login(client, nucleo)
    assert c.get(reverse("governance:mti_service", args=[service.pk])).status_code == 200
    assert c.get(reverse("governance:mti_guide", args=[guide.pk])).status_code == 403
