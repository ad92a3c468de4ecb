"""The public report: page, PDF, open data; nothing that identifies a person; bad addresses are
4xx, never 500."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from plataforma.ombudsman.reports import services

from .factories import SECRET_TEXT, SECRET_TITLE, local

pytestmark = pytest.mark.django_db

ANALYSIS = "O atendimento presencial concentra as reclamações."
RECOMMENDATIONS = "Ampliar o agendamento nas unidades com mais reclamações."


@pytest.fixture
def published(known, people):
    services.report_draft_save(
        actor=people.general,
        year=2025,
        analysis=ANALYSIS,
        recommendations=RECOMMENDATIONS,
        addressed_to="Governador do Estado de Mato Grosso",
    )
    return services.report_publish(actor=people.general, year=2025)


def _secrets_absent(text: str) -> None:
    for secret in (
        SECRET_TEXT,
        SECRET_TITLE,
        "Joana",
        "529.982.247-25",
        "52998224725",
        "2025.OUV.",
        "Fulano",
    ):
        assert secret not in text


def _csv(response) -> list[dict]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_preliminary_page_shows_the_figures_and_no_analysis(client, known, people):
    services.report_draft_save(
        actor=people.general, year=2025, analysis="RASCUNHO INTERNO", recommendations="", addressed_to=""
    )
    response = client.get(reverse("ombudsman_reports:report", args=[2025]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Números preliminares" in html
    main = html[html.find("<main") : html.find("</main>")]
    assert "Renovar a CNH" in html, main[:4000]
    assert "Atendimento e conduta de servidores" in html, main[:4000]
    assert "85,7%" in html  # 6 of 7 conclusions on time
    assert "7,5" in html  # median days to the first answer
    assert "menos de 5 avaliações" in html  # SEFAZ's single rating
    assert "RASCUNHO INTERNO" not in html  # a draft is never public
    _secrets_absent(html)
    assert response["Cache-Control"] == "public, max-age=300"


def test_published_page_shows_the_texts_and_the_frozen_figures(client, published, known):
    html = client.get(reverse("ombudsman_reports:report", args=[2025])).content.decode()
    assert ANALYSIS in html and RECOMMENDATIONS in html
    assert "Governador do Estado de Mato Grosso" in html
    assert "versão 1" in html
    _secrets_absent(html)


def test_published_page_is_cheap(client, published, django_assert_max_num_queries):
    client.get(reverse("ombudsman_reports:report", args=[2025]))
    with django_assert_max_num_queries(2):  # the report row (+ the session-less user): body cached
        assert client.get(reverse("ombudsman_reports:report", args=[2025])).status_code == 200


def test_agency_report_page(client, known):
    response = client.get(reverse("ombudsman_reports:agency_report", args=[2025, "detran-mt"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Departamento Estadual de Trânsito" in html
    assert "Emitir certidão negativa" not in html  # SEFAZ's service
    assert "não publicada (anonimato)" in html  # DETRAN-MT's five ratings, complementary
    _secrets_absent(html)


def test_pdf_renders(client, published):
    response = client.get(reverse("ombudsman_reports:pdf", args=[2025]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="relatorio-de-gestao-ouvidoria-2025-estado.pdf"' in response["Content-Disposition"]


def test_agency_pdf_renders_without_a_published_report(client, known):
    response = client.get(reverse("ombudsman_reports:pdf_agency", args=[2025, "sefaz"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_csv_has_every_figure_and_the_suppression(client, known):
    rows = _csv(client.get(reverse("ombudsman_reports:csv", args=[2025])))
    assert list(rows[0]) == [
        "ano",
        "escopo",
        "orgao_sigla",
        "dimensao",
        "chave",
        "nome",
        "indicador",
        "valor",
        "suprimido",
    ]
    by = {(r["dimensao"], r["chave"], r["indicador"]): r for r in rows}
    assert by[("total", "", "recebidas")]["valor"] == "10"
    assert by[("tipo", "reclamacao", "recebidas")]["valor"] == "5"
    assert by[("mes", "3", "recebidas")]["valor"] == "2"
    assert by[("orgao", "DETRAN-MT", "reclamacoes")]["valor"] == "4"
    assert by[("orgao", "SEFAZ", "avaliacoes")] == {
        **by[("orgao", "SEFAZ", "avaliacoes")],
        "valor": "",
        "suprimido": "poucas",
    }
    assert by[("orgao", "DETRAN-MT", "satisfacao_media")]["suprimido"] == "complementar"
    assert by[("satisfacao", "", "avaliacoes")]["valor"] == "6"
    assert by[("satisfacao", "", "satisfacao_media")]["valor"] == str(round(20 / 6, 4))
    assert by[("prazo", "", "tempo_mediano_dias")]["valor"] == "7.5"
    assert by[("assunto", "atendimento", "recebidas_ano_anterior")]["valor"] == "1"
    assert all(r["ano"] == "2025" and r["escopo"] == "estado" for r in rows)
    _secrets_absent("\n".join(",".join(r.values()) for r in rows))


def test_json_document_shape(client, published):
    response = client.get(reverse("ombudsman_reports:json", args=[2025]))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    doc = json.loads(response.content)
    assert set(doc) == {
        "gerado_em",
        "ano",
        "escopo",
        "orgao",
        "relatorio",
        "numeros_calculados_em",
        "avaliacoes_minimo_publicado",
        "colunas",
        "itens",
        "providencias",
        "total",
    }
    assert doc["relatorio"]["situacao"] == "publicado"
    assert doc["relatorio"]["analise"] == ANALYSIS
    assert doc["total"] == len(doc["itens"]) and doc["colunas"][0] == "ano"
    assert {m["descricao"] for m in doc["providencias"]} == {
        "Boa prática divulgada à equipe de atendimento.",
        "Sistema de certidões corrigido para emitir na hora.",
    }
    assert doc["avaliacoes_minimo_publicado"] == 5
    _secrets_absent(response.content.decode())


def test_agency_json_of_an_unpublished_year(client, known):
    doc = json.loads(client.get(reverse("ombudsman_reports:json_agency", args=[2025, "sefaz"])).content)
    assert doc["escopo"] == "orgao" and doc["orgao"]["acronym"] == "SEFAZ"
    assert doc["relatorio"] == {
        "situacao": "preliminar",
        "versao": 0,
        "primeira_publicacao_em": None,
        "publicado_em": None,
        "encaminhado_a": None,
        "analise": None,
        "recomendacoes": None,
    }
    assert [m["orgao_sigla"] for m in doc["providencias"]] == ["SEFAZ"]


def test_measures_csv_lists_every_measure_without_protocols(client, known):
    rows = _csv(client.get(reverse("ombudsman_reports:measures_csv", args=[2025])))
    assert [(r["orgao_sigla"], r["mes"], r["tipo"]) for r in rows] == [
        ("DETRAN-MT", "3", "orientacao"),
        ("SEFAZ", "4", "correcao"),
    ]
    assert "protocolo" not in rows[0]


def test_index_lists_published_reports_and_redirects_the_chooser(client, published):
    html = client.get(reverse("ombudsman_reports:index")).content.decode()
    assert reverse("ombudsman_reports:report", args=[2025]) in html
    response = client.get(reverse("ombudsman_reports:index"), {"ano": "2025", "orgao": "detran-mt"})
    assert response.status_code == 302
    assert response["Location"] == reverse("ombudsman_reports:agency_report", args=[2025, "detran-mt"])


@pytest.mark.parametrize(
    "url",
    [
        "/ouvidoria/relatorios/2016/",
        "/ouvidoria/relatorios/2999/",
        "/ouvidoria/relatorios/0/",
        "/ouvidoria/relatorios/99999999999999999999999/",
        "/ouvidoria/relatorios/2025/orgaos/nao-existe/",
        "/ouvidoria/relatorios/2025/orgaos/nao-existe/dados.csv",
        "/ouvidoria/relatorios/2016/dados.json",
        "/ouvidoria/relatorios/2016/relatorio.pdf",
        "/ouvidoria/relatorios/2016/providencias.csv",
        "/ouvidoria/relatorios/abc/",
        "/ouvidoria/relatorios/2025/orgaos/%00/",
    ],
)
def test_bad_addresses_are_not_found(client, db, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"ano": "abc"},
        {"ano": "20250"},
        {"ano": "2016"},
        {"ano": "2025", "orgao": "<script>"},
        {"ano": "2025\x00"},
        {"orgao": "detran-mt"},
    ],
)
def test_bad_chooser_values_are_400(client, db, query):
    response = client.get(reverse("ombudsman_reports:index"), query)
    assert response.status_code == 400
    assert "Não foi possível mostrar o relatório" in response.content.decode()


def test_chooser_with_an_unknown_agency_is_404(client, db):
    assert (
        client.get(reverse("ombudsman_reports:index"), {"ano": "2025", "orgao": "nao-existe"}).status_code
        == 404
    )


def test_post_is_refused(client, db):
    assert client.post(reverse("ombudsman_reports:report", args=[2025])).status_code == 405


def test_open_data_of_a_published_report_is_cached(client, published, django_assert_max_num_queries):
    for name in ("ombudsman_reports:json", "ombudsman_reports:measures_csv"):
        first = client.get(reverse(name, args=[2025])).content
        with django_assert_max_num_queries(1):  # the report row
            assert client.get(reverse(name, args=[2025])).content == first


def test_a_measure_with_personal_data_typed_by_mistake_is_masked(client, known):
    from .factories import make_measure

    make_measure(
        known["m1"],
        created=local(2025, 2, 1),
        kind="outra",
        description=(
            "Ligamos para a cidadã no (65) 99999-8888 e no e-mail joana@example.org, CPF 529.982.247-25."
        ),
    )
    for name in ("ombudsman_reports:report", "ombudsman_reports:measures_csv", "ombudsman_reports:json"):
        response = client.get(reverse(name, args=[2025]))
        text = (b"".join(response.streaming_content) if response.streaming else response.content).decode()
        assert "Ligamos para a cidadã" in text
        for secret in ("99999-8888", "joana@example.org", "529.982.247-25"):
            assert secret not in text
