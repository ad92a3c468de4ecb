"""The public page of one service (its whole Carta entry) and "Esta informação foi útil?": what a
visitor sees, what they never see (drafts, unpublished services), and how bad input is answered.
Shared data: conftest.py and public_data.py."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from plataforma.catalog.models import ServiceFeedback
from plataforma.catalog.tests.public_data import NEW_DRAFT_NAME, text

pytestmark = pytest.mark.django_db


# --- Pages render ------------------------------------------------------------------------------


def test_service_page_shows_the_whole_carta_in_plain_language(client, catalogue):
    response = client.get(reverse("catalog:service_detail", args=[catalogue["licence"].slug]))
    assert response.status_code == 200
    body = text(response)
    assert body.count("<h1") == 1
    for expected in (
        "Renovar a Carteira Nacional de Habilitação",
        "Renovação da carteira de motorista",  # nomes populares
        "Quem pode pedir e o que é preciso",
        "Documento de identidade com foto",
        "Comprovante de residência",
        "Passo a passo",
        "Pedir a renovação",
        "Tempo de espera: Até 30 minutos",
        "Sede do DETRAN-MT",  # the unit, with address and hours
        "Segunda a sexta, das 7h às 13h",
        "Entre 5 e 10 dias úteis",  # TimeEstimate
        "/servicos/renovar-a-carteira-nacional-de-habilitacao/acessar/",  # Solicitar, via MT Login
        "Solicitar pela internet",
        "Nível Prata",
        "em uma unidade de atendimento",  # the level explained in plain words
        "Acompanhe pelo número do protocolo",  # status_consultation
        "Como reclamar, sugerir ou elogiar",
        "ouvidoria@detran.mt.gov.br",
        "(65) 3615-4700",
        "atendimento em Libras",
        "Código de Trânsito Brasileiro",
        "Versão 1",
        "Esta informação foi útil?",
    ):
        assert expected in body, expected
    assert timezone.localdate().strftime("%d/%m/%Y") in body  # last review date


def test_paid_service_shows_its_costs_in_reais(client, catalogue):
    body = text(client.get(reverse("catalog:service_detail", args=[catalogue["paid"].slug])))
    assert "Taxa de registro: R$ 1.234,50" in body
    assert "Tem custo" in body
    assert "Solicitar pela internet" not in body  # not a digital service


# --- Drafts and unknown addresses ---------------------------------------------------------------


def test_drafts_and_unpublished_services_are_404(client, catalogue):
    for key in ("draft", "gone"):
        response = client.get(reverse("catalog:service_detail", args=[catalogue[key].slug]))
        assert response.status_code == 404, key


def test_a_newer_draft_never_replaces_the_published_text(client, catalogue):
    body = text(client.get(reverse("catalog:service_detail", args=[catalogue["with_draft"].slug])))
    assert "Emitir certidão de débitos do veículo" in body
    assert NEW_DRAFT_NAME not in body


# --- "Esta informação foi útil?" ------------------------------------------------------------------


def test_feedback_is_counted_and_thanks_the_visitor(client, catalogue):
    service = catalogue["licence"]
    url = reverse("catalog:service_feedback", args=[service.slug])
    response = client.post(url, {"util": "sim", "comentario": "Muito claro."}, follow=True)
    assert response.redirect_chain[-1][0].endswith(f"/servicos/{service.slug}/#avaliacao")
    assert "Obrigado! Sua resposta foi registrada" in text(response)
    client.post(url, {"util": "nao"})
    assert ServiceFeedback.objects.filter(service=service, helpful=True, comment="Muito claro.").count() == 1
    assert ServiceFeedback.objects.filter(service=service, helpful=False, comment="").count() == 1


def test_too_long_feedback_comment_is_400_with_a_field_error_and_nothing_saved(client, catalogue):
    service = catalogue["licence"]
    url = reverse("catalog:service_feedback", args=[service.slug])
    response = client.post(url, {"util": "sim", "comentario": "a" * 1001})
    assert response.status_code == 400
    body = text(response)
    assert "O comentário pode ter no máximo 1000 caracteres" in body
    assert 'aria-invalid="true"' in body
    assert ServiceFeedback.objects.count() == 0


def test_feedback_without_an_answer_is_400(client, catalogue):
    url = reverse("catalog:service_feedback", args=[catalogue["licence"].slug])
    response = client.post(url, {"util": "talvez"})
    assert response.status_code == 400
    assert "Responda sim ou não" in text(response)
    assert ServiceFeedback.objects.count() == 0


def test_feedback_on_a_draft_or_unknown_service_is_404(client, catalogue):
    for slug in (catalogue["draft"].slug, catalogue["gone"].slug, "nao-existe"):
        response = client.post(reverse("catalog:service_feedback", args=[slug]), {"util": "sim"})
        assert response.status_code == 404
    assert ServiceFeedback.objects.count() == 0


def test_feedback_requires_post(client, catalogue):
    url = reverse("catalog:service_feedback", args=[catalogue["licence"].slug])
    assert client.get(url).status_code == 405


def test_feedback_without_csrf_token_is_refused_in_portuguese(catalogue):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    url = reverse("catalog:service_feedback", args=[catalogue["licence"].slug])
    response = strict.post(url, {"util": "sim"})
    assert response.status_code == 403
    assert "Não foi possível enviar o formulário" in text(response)
    assert ServiceFeedback.objects.count() == 0
